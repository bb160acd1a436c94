// "Forgot password?" end to end through Better Auth's real routes, with the dev mailbox as the
// inbox (#15 item 13); where emails go in each configuration; nothing readable by clients.
import { afterEach, describe, expect, test, vi } from "vitest";
import { internal } from "../_generated/api";
import { newTest, signUp, WEB_ORIGIN } from "../test/setup";
import { emailDelivery, resetPasswordEmail } from "./config";

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json", origin: WEB_ORIGIN }, body: JSON.stringify(body) });

afterEach(() => vi.unstubAllEnvs());

describe("password reset through the dev mailbox", () => {
  test("a reset link arrives in the mailbox, leads back to the web app with a token, and sets a new password", async () => {
    vi.stubEnv("EMAIL_DEV_MAILBOX", "1");
    const t = newTest();
    await signUp(t, "alice@example.com");
    const asked = await t.fetch("/api/auth/request-password-reset", json({ email: "alice@example.com", redirectTo: `${WEB_ORIGIN}/reset-password` }));
    expect(asked.status).toBe(200);
    const [mail] = await t.query(internal.email.devMailbox.list, { to: "alice@example.com" });
    expect(mail).toMatchObject({ kind: "reset_password", to: "alice@example.com", subject: "Reset your Nak password" });
    expect(mail!.text).toContain(mail!.url!);

    const followed = await t.fetch(new URL(mail!.url!).pathname + new URL(mail!.url!).search, { redirect: "manual" });
    expect(followed.status).toBe(302);
    const target = new URL(followed.headers.get("location")!);
    expect(`${target.origin}${target.pathname}`).toBe(`${WEB_ORIGIN}/reset-password`);
    const token = target.searchParams.get("token")!;
    expect(token).toBeTruthy();

    const reset = await t.fetch("/api/auth/reset-password", json({ newPassword: "a-brand-new-password", token }));
    expect(reset.status).toBe(200);
    const oldPassword = await t.fetch("/api/auth/sign-in/email", json({ email: "alice@example.com", password: "correct-horse-battery" }));
    expect(oldPassword.status).toBe(401);
    const newPassword = await t.fetch("/api/auth/sign-in/email", json({ email: "alice@example.com", password: "a-brand-new-password" }));
    expect(newPassword.status).toBe(200);
    // The token works once.
    const again = await t.fetch("/api/auth/reset-password", json({ newPassword: "yet-another-password", token }));
    expect(again.status).toBe(400);
  });

  test("an unknown email gets the same answer and no mail", async () => {
    vi.stubEnv("EMAIL_DEV_MAILBOX", "1");
    const t = newTest();
    const asked = await t.fetch("/api/auth/request-password-reset", json({ email: "nobody@example.com", redirectTo: `${WEB_ORIGIN}/reset-password` }));
    expect(asked.status).toBe(200);
    expect(await t.query(internal.email.devMailbox.list, {})).toEqual([]);
  });

  test("without a mailbox or a webhook nothing is stored", async () => {
    const t = newTest();
    await signUp(t, "alice@example.com");
    await t.fetch("/api/auth/request-password-reset", json({ email: "alice@example.com", redirectTo: `${WEB_ORIGIN}/reset-password` }));
    expect(await t.query(internal.email.devMailbox.list, {})).toEqual([]);
  });
});

describe("email delivery configuration", () => {
  test("a webhook wins over the dev mailbox; nothing configured means not sent", () => {
    expect(emailDelivery({ EMAIL_WEBHOOK_URL: "https://hooks.example/mail", EMAIL_DEV_MAILBOX: "1" })).toEqual({ mode: "webhook", url: "https://hooks.example/mail", secret: undefined });
    expect(emailDelivery({ EMAIL_DEV_MAILBOX: "true" })).toEqual({ mode: "dev_mailbox" });
    expect(emailDelivery({})).toEqual({ mode: "none" });
    expect(() => emailDelivery({ EMAIL_WEBHOOK_URL: "not a url" })).toThrow(/Invalid email environment/);
  });

  test("the reset email carries the link in its text", () => {
    const mail = resetPasswordEmail("a@example.com", "https://site.example/api/auth/reset-password/abc?callbackURL=x");
    expect(mail.text).toContain("https://site.example/api/auth/reset-password/abc?callbackURL=x");
  });
});
