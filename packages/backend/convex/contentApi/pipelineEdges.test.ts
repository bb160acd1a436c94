// The request pipeline's exact answers and what it writes for each (handle.ts, accessLog.ts):
// which requests move a key's last use, what a refusal says, and what the log row keeps as
// evidence (the signature only when it was checked and valid, a list's cursor, a refusal's reason).
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { signRequest } from "../signing/requestSignature";
import { generateApiKey } from "../shared/keyFormat";
import { apiWorld, type World } from "../test/world";
import { INVALID_KEY_ATTEMPTS_PER_MINUTE } from "./throttle";

/** Last-use writes scheduled so far, per key (none has run: each touch schedules one). */
async function lastUseWrites(w: World) {
  const jobs = await w.t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
  const counts: Record<string, number> = {};
  for (const job of jobs.filter((j) => j.name.includes("recordLastUse"))) {
    const id = (job.args[0] as { apiKeyId: string }).apiKeyId;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

const logRows = (w: World) => w.t.run((ctx) => ctx.db.query("contentAccessLog").collect());

describe("what moves a key's last use", () => {
  test("a served read and a read of a missing article do; a refused read and a refused /me do not", async () => {
    const w = await apiWorld({ articles: 3 });
    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.pro.key })).status).toBe(200);
    expect((await w.get("/api/v1/contents/no-such-article", { key: w.keys.enterprise.key })).status).toBe(404);
    // The free tier has no search: refused, logged, not a use.
    expect((await w.get("/api/v1/search?q=convex", { key: w.keys.free.key })).status).toBe(403);
    expect(await lastUseWrites(w)).toEqual({ [w.keys.pro.id]: 1, [w.keys.enterprise.id]: 1 });

    await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.free.id, reason: "test" });
    expect((await w.get("/api/v1/me", { key: w.keys.free.key })).status).toBe(403);
    expect((await w.get("/api/v1/contents", { key: w.keys.free.key })).status).toBe(403);
    expect((await lastUseWrites(w))[w.keys.free.id]).toBeUndefined();
  });
});

describe("what a refusal says", () => {
  test("the throttled address is told why", async () => {
    const w = await apiWorld({ articles: 1 });
    for (let i = 0; i < INVALID_KEY_ATTEMPTS_PER_MINUTE; i++) await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.9" });
    const res = await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.9" });
    expect(res.status).toBe(429);
    expect(res.body.error).toEqual({ code: "rate_limited", message: "Too many invalid API keys from this address." });
  });

  test("a missing permission names whether the tier or the key's scopes lack it", async () => {
    const w = await apiWorld({ articles: 1 });
    const tier = await w.get("/api/v1/search?q=a", { key: w.keys.free.key });
    expect(tier.body.error).toEqual({ code: "insufficient_permissions", message: "This key's tier does not include search." });
    const { apiKey } = await w.t.mutation(internal.apiKeys.internal.createApiKey, {
      userId: w.owner.userId,
      name: "contents only",
      subscriptionTier: "pro",
      permissions: ["contents"],
    });
    const scopes = await w.get("/api/v1/search?q=a", { key: apiKey! });
    expect(scopes.body.error).toEqual({ code: "insufficient_permissions", message: "This key's scopes do not include search." });
  });

  test("a spent budget names the tier and its limit; a missing article names its slug", async () => {
    const w = await apiWorld({ articles: 1 });
    for (let i = 0; i < 25; i++) await w.get("/api/v1/contents?limit=1", { key: w.keys.free.key });
    const spent = await w.get("/api/v1/contents?limit=1", { key: w.keys.free.key });
    expect(spent.body.error).toEqual({ code: "rate_limited", message: "Your free budget of 25 requests per day is spent." });
    const missing = await w.get("/api/v1/contents/nope", { key: w.keys.pro.key });
    expect(missing.body.error).toEqual({ code: "not_found", message: "No article nope." });
  });

  test("a search answer echoes its query and lists each match with its watermarked text", async () => {
    const w = await apiWorld({ articles: 3 });
    const title = (await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.pro.key })).body.data.title as string;
    const word = title.split(/\W+/).find((x) => x.length > 4)!;
    const res = await w.get(`/api/v1/search?q=${encodeURIComponent(word)}&limit=2`, { key: w.keys.pro.key });
    expect(res.status).toBe(200);
    expect(res.body.query).toBe(word);
    expect(res.body.data.length).toBeGreaterThan(0);
    for (const hit of res.body.data) {
      expect(hit).toMatchObject({ slug: expect.any(String), title: expect.any(String), summary: expect.any(String) });
      expect(w.slugs).toContain(hit.slug);
    }
  });
});

describe("what the access log keeps", () => {
  test("a list row keeps its limit and cursor; a read row keeps neither", async () => {
    const w = await apiWorld({ articles: 5 });
    const first = await w.get("/api/v1/contents?limit=2", { key: w.keys.pro.key });
    const cursor = first.body.nextCursor as string;
    expect(cursor).toBeTruthy();
    await w.get(`/api/v1/contents?limit=2&cursor=${encodeURIComponent(cursor)}`, { key: w.keys.pro.key });
    await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.pro.key });
    const rows = await logRows(w);
    const [page1, page2, read] = rows.map((r) => JSON.parse(r.metadata ?? "{}"));
    expect(page1).toEqual({ limit: 2, cursor: null, status: 200 });
    expect(page2.cursor).toEqual(expect.any(Number));
    expect(page2).toEqual({ limit: 2, cursor: page2.cursor, status: 200 });
    expect(read).toEqual({ status: 200 });
  });

  test("the signature is kept only when it was checked and valid; a bad one leaves its reason", async () => {
    const w = await apiWorld({ articles: 3 });
    const { signingSecret } = await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
    const path = "/api/v1/contents?limit=1";
    const good = await signRequest(signingSecret, { method: "GET", pathWithQuery: path });
    expect((await w.get(path, { key: w.keys.pro.key, headers: { "x-signature": good.signature, "x-signature-timestamp": good.timestamp } })).status).toBe(200);
    const forged = "ab".repeat(32);
    expect((await w.get(path, { key: w.keys.pro.key, headers: { "x-signature": forged, "x-signature-timestamp": good.timestamp } })).status).toBe(401);
    // A key without signing: whatever signature the client sends is not evidence of anything.
    expect((await w.get(path, { key: w.keys.enterprise.key, headers: { "x-signature": forged, "x-signature-timestamp": good.timestamp } })).status).toBe(200);

    const [signed, refused, unsigned] = await logRows(w);
    expect(signed!.requestSignature).toBe(good.signature);
    expect(refused!.requestSignature).toBeUndefined();
    expect(refused!.outcome).toBe("invalid_signature");
    expect(JSON.parse(refused!.metadata ?? "{}")).toMatchObject({ status: 401, reason: expect.any(String) });
    expect(unsigned!.requestSignature).toBeUndefined();
  });
});
