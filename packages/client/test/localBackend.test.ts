// The client against the real app served by the offline local backend (packages/local-backend):
// real HTTP, real key verification, signing, limits and error codes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLocalBackend, type StartedBackend } from "../../local-backend/test/helpers";
import { NakClient, isNakApiError } from "../src/index";

const WEB_ORIGIN = "http://127.0.0.1:5173";
let server: StartedBackend;
const demoKey = (tier: string) => server.output.find((l) => l.startsWith(`demo key ${tier}: `))!.split(": ")[1];

beforeAll(async () => {
  server = await startLocalBackend(["--no-crons", "--web-origin", WEB_ORIGIN], {}, 180_000);
}, 200_000);

afterAll(async () => {
  await server?.stop();
});

/** Signs up a new customer and calls one of the app's mutations as them over the HTTP API. */
async function asNewCustomer() {
  const email = `client-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const signUp = await fetch(`${server.siteUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: WEB_ORIGIN },
    body: JSON.stringify({ email, password: "correct-horse-battery", name: "Client Test" }),
  });
  expect(signUp.status).toBe(200);
  const { token } = (await signUp.json()) as { token: string };
  const jwtRes = await fetch(`${server.siteUrl}/api/auth/convex/token`, { headers: { authorization: `Bearer ${token}`, origin: WEB_ORIGIN } });
  const { token: jwt } = (await jwtRes.json()) as { token: string };
  return async <T>(path: string, args: Record<string, unknown>): Promise<T> => {
    const res = await fetch(`${server.convexUrl}/api/mutation`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${jwt}` },
      body: JSON.stringify({ path, args, format: "json" }),
    });
    const body = (await res.json()) as { status: string; value: T; errorMessage?: string };
    if (body.status !== "success") throw new Error(body.errorMessage);
    return body.value;
  };
}

describe("@nak/client against the local backend", () => {
  test("iterates the whole catalogue across pages with an enterprise key", async () => {
    const nak = new NakClient({ apiKey: demoKey("enterprise"), baseUrl: server.siteUrl });
    const slugs: string[] = [];
    for await (const article of nak.contents({ pageSize: 50 })) slugs.push(article.slug);
    expect(slugs.length).toBeGreaterThan(100);
    expect(new Set(slugs).size).toBe(slugs.length);
    const first = await nak.getContent(slugs[0]);
    expect(first.slug).toBe(slugs[0]);
    expect(first.body.length).toBeGreaterThan(0);
    expect(nak.lastRateLimit).toEqual({ limit: null, remaining: null, resetSeconds: 0 });
  });

  test("me describes the key; search works for pro", async () => {
    const nak = new NakClient({ apiKey: demoKey("pro"), baseUrl: server.siteUrl });
    expect(await nak.me()).toMatchObject({ tier: "pro", signedRequestsRequired: false });
    const result = await nak.search("convex", { limit: 3 });
    expect(result.query).toBe("convex");
    expect(result.data.length).toBeLessThanOrEqual(3);
    expect(nak.lastRateLimit?.limit).toBe(100);
  });

  test("answers with typed errors: insufficient_permissions, not_found, invalid_api_key", async () => {
    const free = new NakClient({ apiKey: demoKey("free"), baseUrl: server.siteUrl });
    await expect(free.search("x")).rejects.toMatchObject({ code: "insufficient_permissions", status: 403 });
    await expect(free.getContent("no-such-article-anywhere")).rejects.toMatchObject({ code: "not_found", status: 404 });
    const wrong = new NakClient({ apiKey: "nak_pk_" + "z".repeat(40), baseUrl: server.siteUrl });
    const error = await wrong.me().catch((e: unknown) => e);
    expect(isNakApiError(error, "invalid_api_key")).toBe(true);
  });

  test("signs requests for a key that requires signing; unsigned ones are refused", async () => {
    const call = await asNewCustomer();
    const created = await call<{ apiKey: string; apiKeyId: string }>("apiKeys/mutations:create", { name: "signed", tier: "free" });
    const { signingSecret } = await call<{ signingSecret: string }>("apiKeys/mutations:enableRequestSigning", { keyId: created.apiKeyId });

    const signed = new NakClient({ apiKey: created.apiKey, baseUrl: server.siteUrl, signingSecret });
    expect(await signed.me()).toMatchObject({ signedRequestsRequired: true });
    expect((await signed.listContents({ limit: 2 })).data).toHaveLength(2);

    const unsigned = new NakClient({ apiKey: created.apiKey, baseUrl: server.siteUrl });
    await expect(unsigned.me()).rejects.toMatchObject({ code: "invalid_signature", status: 401 });
    const wrongSecret = new NakClient({ apiKey: created.apiKey, baseUrl: server.siteUrl, signingSecret: "nak_ss_" + "q".repeat(43) });
    await expect(wrongSecret.me()).rejects.toMatchObject({ code: "invalid_signature" });
  });

  test("a free key's exhausted daily limit is a rate_limited error at once (Retry-After beyond the bound)", async () => {
    const call = await asNewCustomer();
    const created = await call<{ apiKey: string }>("apiKeys/mutations:create", { name: "limited", tier: "free" });
    const nak = new NakClient({ apiKey: created.apiKey, baseUrl: server.siteUrl });
    for (let i = 0; i < 25; i++) await nak.listContents({ limit: 1 });
    expect(nak.lastRateLimit?.remaining).toBe(0);
    const started = Date.now();
    const error = await nak.listContents({ limit: 1 }).catch((e: unknown) => e);
    expect(isNakApiError(error, "rate_limited")).toBe(true);
    expect((error as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(60);
    expect((error as { attempts: number }).attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
