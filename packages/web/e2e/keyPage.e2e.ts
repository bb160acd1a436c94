// Journeys of #14 on one key, in real Chromium against the offline backend: creating it with
// scopes and an expiry, its own page (usage and request log after real requests), an IP allowlist
// that refuses an unlisted address (403 ip_not_allowed, logged), and request signing (secret shown
// once, a signed request succeeds with @nak/client, an unsigned one is refused).
import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { NakClient, isNakApiError } from "../../client/src/index";
import { callApi, eventually, screenshot, setUpChromium } from "./browser";

const stack = inject("stack");
// The offline backend appends the TCP peer to X-Forwarded-For; the trusted client address of
// every request this file makes is loopback, whatever the client writes to the left of it.
const CLIENT_IP = "127.0.0.1";
const AGENT = "e2e-keypage/1.0";
let page: Page;
setUpChromium((s) => ({ page } = s));

const call = (path: string, key: string, headers: Record<string, string> = {}) =>
  callApi(stack.siteUrl, path, key, { "User-Agent": AGENT, "X-Forwarded-For": "198.51.100.9", ...headers });

describe("a key of its own: page, allowlist, signing", () => {
  const email = `e2e-keypage-${Date.now()}@example.com`;
  let apiKey = "";
  const requestLog = () => page.getByRole("table", { name: "Requests made with this key" });

  test("signs up and creates a 7-day key with its scope; the reveal dialog shows curl and @nak/client", async () => {
    await page.goto(stack.webUrl);
    await page.getByRole("tab", { name: "Create account" }).click();
    await page.getByLabel("Name").fill("Kim Keypage");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("No API keys yet").waitFor();

    await page.getByRole("button", { name: "Create key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByLabel("Name").fill("Allowlisted worker");
    const scopes = dialog.getByRole("group", { name: "Scopes" });
    expect(await scopes.getByRole("checkbox", { name: /contents/ }).isChecked()).toBe(true);
    expect(await scopes.getByRole("checkbox", { name: /search/ }).isDisabled()).toBe(true);
    await dialog.getByLabel("Expires after").selectOption("7");
    await dialog.getByRole("button", { name: "Create key" }).click();

    const reveal = page.getByRole("dialog", { name: "Your API key" });
    apiKey = (await reveal.getByTestId("new-api-key").textContent()) ?? "";
    expect(apiKey).toMatch(/^nak_pk_[A-Za-z0-9]+$/);
    const snippet = (await reveal.getByTestId("reveal-ts-snippet").textContent()) ?? "";
    expect(snippet).toContain(`import { NakClient, isNakApiError } from "@nak/client";`);
    expect(snippet).toContain(`baseUrl: "${stack.siteUrl}"`);
    expect(snippet).not.toContain(apiKey);
    await screenshot(page, "20-key-reveal-typescript");
    await reveal.getByRole("button", { name: "I’ve stored my key" }).click();

    const row = page.getByRole("row", { name: /Allowlisted worker/ });
    await row.getByLabel("Scopes: contents").waitFor();
    expect(await row.textContent()).toMatch(/in 7 days|in 6 days/);
  });

  test("the key's page shows usage and one request log row per request: method, path, status, address, agent", async () => {
    expect((await call("/api/v1/contents?limit=5", apiKey)).status).toBe(200);
    expect((await call("/api/v1/contents/no-such-article", apiKey)).status).toBe(404);

    await page.getByRole("row", { name: /Allowlisted worker/ }).getByRole("link", { name: "Allowlisted worker" }).click();
    await page.getByRole("heading", { name: "Allowlisted worker" }).waitFor();
    const log = requestLog();
    await log.getByRole("row", { name: /no-such-article/ }).waitFor();
    const ok = log.getByRole("row", { name: /GET \/api\/v1\/contents\?limit=5/ });
    expect(await ok.textContent()).toContain("200");
    expect(await ok.textContent()).toContain(CLIENT_IP);
    expect(await ok.textContent()).toContain(AGENT);
    expect(await log.getByRole("row", { name: /no-such-article/ }).textContent()).toContain("404 not_found");
    expect(await log.getByRole("row").count()).toBe(3); // header + 2 requests
    const usage = page.locator("section").filter({ has: page.getByRole("heading", { name: "Usage" }) });
    await eventually(async () => /2 requests, 1 errors, 0 rate limited/.test((await usage.textContent()) ?? ""), 15_000, "the usage totals");
    await usage.locator("svg.chart").waitFor();
    const about = page.locator("section").filter({ has: page.getByRole("heading", { name: "About this key" }) });
    await eventually(async () => ((await about.textContent()) ?? "").includes(`from ${CLIENT_IP} (${AGENT})`), 15_000, "last use");
    expect(await about.textContent()).toMatch(/Scopes\s*contents/);
    await screenshot(page, "21-key-page");
  });

  test("an allowlist without the client's address refuses the key with 403 ip_not_allowed, shown in the log", async () => {
    const form = page.getByRole("form", { name: "IP allowlist" });
    await form.getByLabel("Allowed addresses and ranges").fill("203.0.113.0/24\n2001:db8::/32");
    await form.getByRole("button", { name: "Save allowlist" }).click();
    await page.getByText("Only 2 address ranges may use this key.").first().waitFor();

    // The client writes an allowed address into X-Forwarded-For: it proves nothing, the trusted
    // address (the peer) is not on the list.
    const refused = await call("/api/v1/contents?limit=1", apiKey, { "X-Forwarded-For": "203.0.113.5" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "ip_not_allowed" } });

    const row = requestLog().getByRole("row", { name: /403 ip_not_allowed/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(CLIENT_IP);
    await screenshot(page, "22-key-allowlist-refused");
  });

  test("listing the client's address lets it through again; clearing the list allows any address", async () => {
    const form = page.getByRole("form", { name: "IP allowlist" });
    await form.getByLabel("Allowed addresses and ranges").fill(`203.0.113.0/24\n${CLIENT_IP}`);
    await form.getByRole("button", { name: "Save allowlist" }).click();
    // The saved (normalised) list comes back into the field once the save has gone through; the
    // notice alone says "2 ranges" before and after, so it cannot tell.
    const field = form.getByLabel("Allowed addresses and ranges");
    await eventually(async () => (await field.inputValue()) === `203.0.113.0/24\n${CLIENT_IP}/32`, 15_000, "the saved allowlist");
    await eventually(async () => (await call("/api/v1/contents?limit=1", apiKey)).status === 200, 10_000, "the allowlisted address to be served");
    await field.fill("");
    await form.getByRole("button", { name: "Save allowlist" }).click();
    await page.getByText(/^Any address may use this key\. List addresses/).waitFor();
    expect((await call("/api/v1/contents?limit=1", apiKey)).status).toBe(200);
  });

  test("turning signing on shows the secret once; a signed request succeeds, an unsigned one is refused", async () => {
    const signing = page.locator("section").filter({ has: page.getByRole("heading", { name: "Request signing" }) });
    await page.getByRole("button", { name: "Turn signing on" }).click();
    await page.getByRole("dialog", { name: /Turn signing on/ }).getByRole("button", { name: "Create secret" }).click();
    const shown = page.getByRole("alert").filter({ hasText: "shown once" });
    await shown.waitFor();
    const secret = ((await shown.locator("pre").textContent()) ?? "").trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    // The examples appear with the secret: curl + openssl and @nak/client.
    await signing.getByText("TypeScript (@nak/client)").first().waitFor();
    await screenshot(page, "23-key-signing-on");

    const unsigned = await call("/api/v1/contents?limit=1", apiKey);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toMatchObject({ error: { code: "invalid_signature" } });

    const nak = new NakClient({ apiKey, baseUrl: stack.siteUrl, signingSecret: secret, retry: { maxRetries: 0 } });
    const signed = await nak.listContents({ limit: 2 });
    expect(signed.data).toHaveLength(2);
    const wrong = new NakClient({ apiKey, baseUrl: stack.siteUrl, signingSecret: `${secret.slice(0, -2)}xx`, retry: { maxRetries: 0 } });
    const error = await wrong.listContents({ limit: 1 }).then(() => null, (e: unknown) => e);
    expect(isNakApiError(error, "invalid_signature")).toBe(true);

    await requestLog().getByRole("row", { name: /401 invalid_signature/ }).first().waitFor();
    // Shown once: after a reload the page says signing is on, and the secret is gone.
    await page.reload();
    await page.getByText(/Signing is on: every request with this key must carry/).waitFor();
    expect(await page.content()).not.toContain(secret);
  });
});
