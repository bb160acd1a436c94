import { describe, expect, test } from "vitest";
import { newTest, signUp, WEB_ORIGIN } from "./test/setup";

describe("Better Auth on Convex", () => {
  test("a user signs up with email and password over HTTP and gets a session", async () => {
    const t = newTest();
    const alice = await signUp(t, "alice@example.com");
    expect(alice.userId).toMatch(/\w+/);
    expect(alice.token.length).toBeGreaterThan(10);
  });

  test("signing up twice with the same email is refused", async () => {
    const t = newTest();
    await signUp(t, "bob@example.com");
    await expect(signUp(t, "bob@example.com")).rejects.toThrow(/sign-up failed: 422/);
  });

  test("Better Auth's api-key list route answers 401 without a session", async () => {
    const t = newTest();
    const res = await t.fetch("/api/auth/api-key/list", { headers: { origin: WEB_ORIGIN } });
    expect(res.status).toBe(401);
  });

  test("Better Auth's api-key list route answers 200 with a session", async () => {
    const t = newTest();
    const alice = await signUp(t, "alice@example.com");
    const res = await t.fetch("/api/auth/api-key/list", {
      headers: { origin: WEB_ORIGIN, authorization: `Bearer ${alice.token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown;
    expect(body).toMatchObject({ apiKeys: [] });
  });
});
