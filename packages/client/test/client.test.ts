// NakClient against a scripted fetch: headers, signing per attempt, retries, errors, pagination.
import { describe, expect, test } from "vitest";
import { verifyRequestSignature } from "../../backend/convex/signing/requestSignature";
import { NakApiError, NakClient, NakNetworkError, isNakApiError, type NakClientOptions } from "../src/index";

type Call = { url: URL; headers: Record<string, string> };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

const apiError = (status: number, code: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message: `${code} message` } }, headers);

/** A client whose fetch answers from `answers` in order, recording calls and sleeps. */
function scripted(answers: Array<Response | Error>, options: Partial<NakClientOptions> = {}) {
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const client = new NakClient({
    apiKey: "nak_pk_test",
    baseUrl: "https://api.example.com/",
    fetch: async (input, init) => {
      calls.push({ url: new URL(String(input)), headers: init?.headers as Record<string, string> });
      const next = answers.shift();
      if (!next) throw new Error("no more scripted answers");
      if (next instanceof Error) throw next;
      return next;
    },
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { client, calls, sleeps };
}

const article = (slug: string) => ({ slug, title: slug, summary: "", tags: [], author: "a", publishedAt: "2026-01-01T00:00:00.000Z", url: `/a/${slug}` });

describe("NakClient", () => {
  test("sends the key as a bearer token to the versioned path", async () => {
    const { client, calls } = scripted([json(200, { data: article("a") }, { "RateLimit-Limit": "25", "RateLimit-Remaining": "24", "RateLimit-Reset": "60" })]);
    expect((await client.getContent("a")).slug).toBe("a");
    expect(calls[0].url.href).toBe("https://api.example.com/api/v1/contents/a");
    expect(calls[0].headers.Authorization).toBe("Bearer nak_pk_test");
    expect(calls[0].headers["X-Signature"]).toBeUndefined();
    expect(client.lastRateLimit).toEqual({ limit: 25, remaining: 24, resetSeconds: 60 });
  });

  test("reads unlimited rate-limit headers as null", async () => {
    const { client } = scripted([json(200, { data: {} }, { "RateLimit-Limit": "unlimited", "RateLimit-Remaining": "unlimited", "RateLimit-Reset": "0" })]);
    await client.me();
    expect(client.lastRateLimit).toEqual({ limit: null, remaining: null, resetSeconds: 0 });
  });

  test("signs each attempt over the exact path and query it sends", async () => {
    const secret = "nak_ss_" + "x".repeat(43);
    const { client, calls } = scripted([apiError(503, "unavailable", { "Retry-After": "1" }), json(200, { data: [], query: "a b" })], { signingSecret: secret });
    await client.search("a b", { limit: 5 });
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      const result = await verifyRequestSignature(secret, {
        method: "GET",
        pathWithQuery: call.url.pathname + call.url.search,
        body: "",
        timestampHeader: call.headers["X-Signature-Timestamp"],
        signatureHeader: call.headers["X-Signature"],
        now: Date.now(),
      });
      expect(result).toEqual({ ok: true });
    }
    expect(calls[0].url.search).toBe("?q=a+b&limit=5");
  });

  test("retries 429 after Retry-After and returns the eventual answer", async () => {
    const { client, calls, sleeps } = scripted([apiError(429, "rate_limited", { "Retry-After": "2" }), apiError(429, "rate_limited", { "Retry-After": "1" }), json(200, { data: {} })]);
    await client.me();
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(sleeps[0]).toBeLessThanOrEqual(2200);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000);
  });

  test("gives up after maxRetries with a typed rate_limited error", async () => {
    const answers = Array.from({ length: 5 }, () => apiError(429, "rate_limited", { "Retry-After": "1" }));
    const { client, calls } = scripted(answers, { retry: { maxRetries: 2 } });
    const error = await client.me().catch((e: unknown) => e);
    expect(calls).toHaveLength(3);
    expect(isNakApiError(error, "rate_limited")).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 1, attempts: 3, message: "rate_limited message" });
  });

  test("does not wait for a Retry-After beyond its bound", async () => {
    const { client, calls, sleeps } = scripted([apiError(429, "rate_limited", { "Retry-After": "86400" })]);
    await expect(client.me()).rejects.toMatchObject({ code: "rate_limited", retryAfterSeconds: 86400 });
    expect(calls).toHaveLength(1);
    expect(sleeps).toHaveLength(0);
  });

  test.each([
    [401, "invalid_api_key"],
    [401, "invalid_signature"],
    [403, "key_revoked"],
    [403, "insufficient_permissions"],
    [404, "not_found"],
    [400, "bad_request"],
  ])("throws %i %s at once, as a NakApiError with that code", async (status, code) => {
    const { client, calls } = scripted([apiError(status, code)]);
    const error = await client.getContent("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NakApiError);
    expect(error).toMatchObject({ code, status });
    expect(calls).toHaveLength(1);
  });

  test("an answer that is not the API's error shape is unknown_error, not a crash", async () => {
    const { client } = scripted([new Response("<html>bad gateway</html>", { status: 502 })]);
    await expect(client.me()).rejects.toMatchObject({ code: "unknown_error", status: 502 });
  });

  test("a network failure is a NakNetworkError", async () => {
    const { client } = scripted([new TypeError("fetch failed")]);
    await expect(client.me()).rejects.toBeInstanceOf(NakNetworkError);
  });

  test("iterates every page of contents by following nextCursor", async () => {
    const { client, calls } = scripted([
      json(200, { data: [article("a"), article("b")], nextCursor: "c1" }),
      json(200, { data: [article("c")], nextCursor: "c2" }),
      json(200, { data: [], nextCursor: null }),
    ]);
    const slugs: string[] = [];
    for await (const item of client.contents({ pageSize: 2 })) slugs.push(item.slug);
    expect(slugs).toEqual(["a", "b", "c"]);
    expect(calls.map((c) => c.url.search)).toEqual(["?limit=2", "?limit=2&cursor=c1", "?limit=2&cursor=c2"]);
  });

  test("stopping the iterator early fetches no further page", async () => {
    const { client, calls } = scripted([json(200, { data: [article("a"), article("b")], nextCursor: "c1" })]);
    for await (const item of client.contents()) if (item.slug === "a") break;
    expect(calls).toHaveLength(1);
  });

  test("refuses a missing key or malformed base URL when constructed", () => {
    expect(() => new NakClient({ apiKey: "", baseUrl: "https://x" })).toThrow(/apiKey/);
    expect(() => new NakClient({ apiKey: "k", baseUrl: "not a url" })).toThrow();
  });

  test("an abort during a retry wait stops the request", async () => {
    const controller = new AbortController();
    const client = new NakClient({
      apiKey: "k",
      baseUrl: "https://x",
      fetch: async () => apiError(503, "unavailable", { "Retry-After": "30" }),
    });
    const pending = client.me({ signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});
