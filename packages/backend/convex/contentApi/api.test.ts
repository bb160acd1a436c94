// The content API over its real HTTP routes: routes, errors, limits, logging, signing, watermarks.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, components, internal } from "../_generated/api";
import { apiWorld } from "../test/world";
import { DAY, MINUTE } from "../lib/time";
import { extractWatermark, stripWatermark } from "../watermark/zeroWidth";
import { markVisible } from "../watermark/visible";
import { signRequest } from "../signing/requestSignature";
import { INVALID_KEY_ATTEMPTS_PER_MINUTE } from "./throttle";
import { generateApiKey } from "../shared/keyFormat";
import { usageNow } from "../test/clockViews";

afterEach(() => vi.useRealTimers());

describe("routes", () => {
  test("lists articles in catalogue order with a cursor, never listing trap articles", async () => {
    const w = await apiWorld();
    const first = await w.get("/api/v1/contents?limit=25", { key: w.keys.pro.key });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(25);
    expect(first.body.data[0]).toMatchObject({ slug: w.slugs[0], url: `/api/v1/contents/${w.slugs[0]}` });
    const all = [...first.body.data];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await w.get(`/api/v1/contents?limit=25&cursor=${cursor}`, { key: w.keys.pro.key });
      all.push(...page.body.data);
      cursor = page.body.nextCursor;
    }
    expect(all.map((a) => a.slug)).toEqual(w.slugs);
    expect(all.some((a) => w.traps.includes(a.slug))).toBe(false);
  });

  test("returns one article with title, summary and body watermarked for the key, both layers", async () => {
    const w = await apiWorld();
    const res = await w.get(`/api/v1/contents/${w.slugs[3]}`, { key: w.keys.free.key });
    expect(res.status).toBe(200);
    const stored = await w.t.run(async (ctx) => ({
      article: await ctx.db.query("articles").withIndex("by_slug", (q) => q.eq("slug", w.slugs[3])).unique(),
      usage: await ctx.db.query("apiKeyUsage").withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", w.keys.free.id)).unique(),
    }));
    const code = stored.usage!.watermarkCode;
    expect(res.body.data.body).not.toBe(stored.article!.body);
    // Invisible layer over the visible choices, which are the key's own.
    expect(stripWatermark(res.body.data.body)).toBe(markVisible(stored.article!.body, code));
    expect(stripWatermark(res.body.data.title)).toBe(markVisible(stored.article!.title, code));
    expect(stripWatermark(res.body.data.summary)).toBe(markVisible(stored.article!.summary, code));
    expect(res.body.data.summary).not.toBe(stored.article!.summary);
    expect(extractWatermark(res.body.data.body)?.code).toBe(code);
  });

  test("searches for pro keys and refuses free keys with 403 insufficient_permissions", async () => {
    const w = await apiWorld();
    const pro = await w.get("/api/v1/search?q=researcher", { key: w.keys.pro.key });
    expect(pro.status).toBe(200);
    expect(pro.body.data.length).toBeGreaterThan(0);
    const free = await w.get("/api/v1/search?q=researcher", { key: w.keys.free.key });
    expect(free.status).toBe(403);
    expect(free.body.error.code).toBe("insufficient_permissions");
    expect(free.headers.get("RateLimit-Limit")).toBe("25");
  });

  test("describes the key on /me without counting the request", async () => {
    const w = await apiWorld();
    for (let i = 0; i < 3; i++) {
      const me = await w.get("/api/v1/me", { key: w.keys.free.key });
      expect(me.body.data).toMatchObject({ tier: "free", permissions: ["contents"], remaining: 25, limit: { requests: 25 } });
    }
    const logs = await w.t.run((ctx) => ctx.db.query("contentAccessLog").collect());
    expect(logs).toHaveLength(0);
  });

  test("answers unknown routes, unknown slugs and other methods with JSON errors", async () => {
    const w = await apiWorld();
    const route = await w.get("/api/v1/nothing", { key: w.keys.pro.key });
    expect(route).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    const slug = await w.get("/api/v1/contents/no-such-article", { key: w.keys.pro.key });
    expect(slug).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(slug.headers.get("RateLimit-Remaining")).toBe("99");
    const post = await w.t.fetch("/api/v1/contents", { method: "POST" });
    expect(post.status).toBe(405);
    expect(((await post.json()) as any).error.code).toBe("bad_request");
  });
});

describe("keys", () => {
  test("accepts the key in Authorization: Bearer or x-api-key, and refuses a missing one", async () => {
    const w = await apiWorld();
    expect((await w.get("/api/v1/contents", { headers: { "x-api-key": w.keys.free.key } })).status).toBe(200);
    const missing = await w.get("/api/v1/contents");
    expect(missing).toMatchObject({ status: 401, body: { error: { code: "missing_api_key" } } });
  });

  test("refuses unknown and malformed keys with 401 invalid_api_key", async () => {
    const w = await apiWorld();
    for (const key of [generateApiKey(), "nak_pk_short", "not-a-key"]) {
      const res = await w.get("/api/v1/contents", { key });
      expect(res).toMatchObject({ status: 401, body: { error: { code: "invalid_api_key" } } });
    }
  });

  test("refuses a revoked key with 403 key_revoked and an expired one with 401 key_expired", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12));
    const w = await apiWorld();
    await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.free.id, reason: "test" });
    const revoked = await w.get("/api/v1/contents", { key: w.keys.free.key });
    expect(revoked).toMatchObject({ status: 403, body: { error: { code: "key_revoked" } } });
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12) + 31 * DAY);
    const expired = await w.get("/api/v1/contents", { key: w.keys.pro.key });
    expect(expired).toMatchObject({ status: 401, body: { error: { code: "key_expired" } } });
  });

  test("throttles an address after repeated invalid keys, even for a valid key, and logs the attempts", async () => {
    const w = await apiWorld();
    for (let i = 0; i < INVALID_KEY_ATTEMPTS_PER_MINUTE; i++) {
      expect((await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.9" })).status).toBe(401);
    }
    const throttled = await w.get("/api/v1/contents", { key: w.keys.pro.key, ip: "198.51.100.9" });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await w.get("/api/v1/contents", { key: w.keys.pro.key, ip: "198.51.100.10" })).status).toBe(200);
    const events = await w.t.run((ctx) =>
      ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "invalid_key_attempt")).collect(),
    );
    // Bounded: one counter row per address and window, and one audit event for the window plus one
    // when the address is first throttled, not one per attempt.
    expect(events.map((e) => e.severity)).toEqual(["info", "warning"]);
    expect(JSON.parse(events[0].details)).toMatchObject({ ipAddress: "198.51.100.9", keyStart: expect.stringMatching(/^nak_pk_/) });
    const counters = await w.t.run((ctx) => ctx.db.query("invalidKeyAttempts").collect());
    expect(counters).toMatchObject([{ ipAddress: "198.51.100.9", count: INVALID_KEY_ATTEMPTS_PER_MINUTE + 1, throttled: 1, sample: { keyStart: expect.stringMatching(/^nak_pk_/) } }]);
    expect([...events.map((e) => e.details), JSON.stringify(counters)].join()).not.toMatch(/nak_pk_[0-9A-Za-z]{30}/);
  });
});

describe("tier limits", () => {
  test("a free key gets exactly 25 requests a day, then 429 with Retry-After until the next UTC day", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 18, 30));
    const w = await apiWorld();
    for (let i = 1; i <= 25; i++) {
      const res = await w.get(`/api/v1/contents/${w.slugs[i]}`, { key: w.keys.free.key });
      expect(res.status).toBe(200);
      expect(res.headers.get("RateLimit-Remaining")).toBe(String(25 - i));
      expect(res.headers.get("RateLimit-Limit")).toBe("25");
    }
    const refused = await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.free.key });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: "rate_limited" } } });
    expect(refused.headers.get("Retry-After")).toBe(String(5.5 * 3600));
    vi.setSystemTime(Date.UTC(2026, 10, 22, 23, 59, 59));
    expect((await w.get("/api/v1/contents", { key: w.keys.free.key })).status).toBe(429);
    vi.setSystemTime(Date.UTC(2026, 10, 23, 0, 0, 1));
    const next = await w.get("/api/v1/contents", { key: w.keys.free.key });
    expect(next.status).toBe(200);
    expect(next.headers.get("RateLimit-Remaining")).toBe("24");
  });

  test("a pro customer gets a bucket of 100 that refills continuously at 100 a minute", async () => {
    vi.useFakeTimers();
    const start = Date.UTC(2026, 10, 22, 12, 0, 15);
    vi.setSystemTime(start);
    const w = await apiWorld();
    for (let i = 1; i <= 100; i++) {
      const res = await w.get("/api/v1/contents?limit=1", { key: w.keys.pro.key });
      expect(res.status).toBe(200);
      expect(res.headers.get("RateLimit-Remaining")).toBe(String(100 - i));
    }
    const refused = await w.get("/api/v1/contents?limit=1", { key: w.keys.pro.key });
    expect(refused.status).toBe(429);
    // One token refills every 600 ms: not a fixed minute that lets 200 through across a boundary.
    expect(refused.headers.get("Retry-After")).toBe("1");
    expect(refused.headers.get("RateLimit-Reset")).toBe("60");
    vi.setSystemTime(start + 599);
    expect((await w.get("/api/v1/contents?limit=1", { key: w.keys.pro.key })).status).toBe(429);
    vi.setSystemTime(start + 600);
    expect((await w.get("/api/v1/contents?limit=1", { key: w.keys.pro.key })).status).toBe(200);
    expect((await w.get("/api/v1/contents?limit=1", { key: w.keys.pro.key })).status).toBe(429);
    vi.setSystemTime(start + 30_600);
    const half = await w.get("/api/v1/contents?limit=1", { key: w.keys.pro.key });
    expect(half.headers.get("RateLimit-Remaining")).toBe("49");
    const usage = await w.owner.client.query(api.apiKeys.queries.usage, { keyId: w.keys.pro.id });
    expect(usageNow(usage)).toMatchObject({ requestsToday: 102, limit: 100, remaining: 49, customerUsed: 51 });
  });

  test("an enterprise key is never limited and writes no counter per request; its usage comes from the scan's hourly tally", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12));
    const w = await apiWorld();
    const before = await w.t.run((ctx) => ctx.db.query("apiKeyUsage").withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", w.keys.enterprise.id)).unique());
    for (let i = 0; i < 150; i++) {
      const res = await w.get("/api/v1/contents?limit=1", { key: w.keys.enterprise.key });
      expect(res.status).toBe(200);
      expect(res.headers.get("RateLimit-Limit")).toBe("unlimited");
    }
    const after = await w.t.run((ctx) => ctx.db.query("apiKeyUsage").withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", w.keys.enterprise.id)).unique());
    expect(after).toEqual(before);
    expect(await w.t.run((ctx) => ctx.db.query("customerQuotas").collect())).toEqual([]);
    vi.setSystemTime(Date.now() + MINUTE);
    await w.t.mutation(internal.monitoring.detection.scan, {});
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    const usage = await w.owner.client.query(api.apiKeys.queries.usage, { keyId: w.keys.enterprise.id });
    expect(usageNow(usage)).toMatchObject({ requestsToday: 150, limit: null, remaining: null, lastRequestTime: expect.any(Number) });
  });
});

describe("access log", () => {
  test("writes one row per request with key, user, slug, action, status, client IP and user agent", async () => {
    const w = await apiWorld();
    await w.get(`/api/v1/contents/${w.slugs[1]}`, { key: w.keys.pro.key, headers: { "x-forwarded-for": "203.0.113.5, 10.0.0.1", "user-agent": "scraper/2" } });
    await w.get("/api/v1/search?q=city", { key: w.keys.pro.key, headers: { "x-real-ip": "203.0.113.6" } });
    await w.get("/api/v1/contents/missing-one", { key: w.keys.pro.key });
    const rows = await w.t.run((ctx) => ctx.db.query("contentAccessLog").collect());
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ apiKeyId: w.keys.pro.id, userId: w.owner.userId, contentSlug: w.slugs[1], action: "get", statusCode: 200, ipAddress: "203.0.113.5", userAgent: "scraper/2" });
    expect(rows[0]).toMatchObject({ outcome: "ok", forwardedFor: "203.0.113.5, 10.0.0.1" });
    expect(rows[2]).toMatchObject({ outcome: "not_found" });
    // X-Real-IP is written by the client like the left of X-Forwarded-For: it names no address.
    expect(rows[1]).toMatchObject({ action: "search", contentSlug: "", ipAddress: "unknown", statusCode: 200 });
    expect(JSON.parse(rows[1].metadata!)).toMatchObject({ q: "city" });
    expect(rows[2]).toMatchObject({ statusCode: 404, contentSlug: "missing-one" });
  });

  test("logs refused requests of a known key too, with their status", async () => {
    const w = await apiWorld();
    await w.get("/api/v1/search?q=x", { key: w.keys.free.key });
    const rows = await w.t.run((ctx) => ctx.db.query("contentAccessLog").collect());
    expect(rows).toMatchObject([{ statusCode: 403, action: "search" }]);
  });

  test("writes the key's last use at most once a minute", async () => {
    vi.useFakeTimers();
    const start = Date.UTC(2026, 10, 22, 12);
    vi.setSystemTime(start);
    const w = await apiWorld();
    const lastUsed = () => w.t.run(async (ctx) => (await ctx.runQuery(components.betterAuth.apiKeys.getById, { id: w.keys.pro.id }))!.lastUsedAt);
    // Last use is written by a scheduled mutation, never in the request's own transaction.
    const request = async () => {
      await w.get("/api/v1/contents?limit=1", { key: w.keys.pro.key });
      await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    };
    await request();
    expect(await lastUsed()).toBe(start);
    vi.setSystemTime(start + 30_000);
    await request();
    expect(await lastUsed()).toBe(start);
    vi.setSystemTime(start + MINUTE);
    await request();
    expect(await lastUsed()).toBe(start + MINUTE);
  });
});

describe("request signing", () => {
  test("a key with a signing secret needs a fresh, correct signature", async () => {
    vi.useFakeTimers();
    const now = Date.UTC(2026, 10, 22, 12);
    vi.setSystemTime(now);
    const w = await apiWorld();
    const { signingSecret, key } = await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
    expect(key.hasSigningSecret).toBe(true);
    const stored = await w.t.run((ctx) => ctx.db.query("signingSecrets").collect());
    expect(JSON.stringify(stored)).not.toContain(signingSecret);

    const path = "/api/v1/contents?limit=2";
    const unsigned = await w.get(path, { key: w.keys.pro.key });
    expect(unsigned).toMatchObject({ status: 401, body: { error: { code: "invalid_signature" } } });

    const signed = await signRequest(signingSecret, { method: "GET", pathWithQuery: path, body: "", timestamp: Math.floor(now / 1000) });
    const good = await w.get(path, { key: w.keys.pro.key, headers: { "x-signature-timestamp": signed.timestamp, "x-signature": signed.signature } });
    expect(good.status).toBe(200);

    const otherPath = await w.get("/api/v1/contents?limit=3", { key: w.keys.pro.key, headers: { "x-signature-timestamp": signed.timestamp, "x-signature": signed.signature } });
    expect(otherPath.status).toBe(401);

    vi.setSystemTime(now + 6 * MINUTE);
    const stale = await w.get(path, { key: w.keys.pro.key, headers: { "x-signature-timestamp": signed.timestamp, "x-signature": signed.signature } });
    expect(stale).toMatchObject({ status: 401, body: { error: { code: "invalid_signature", message: expect.stringMatching(/stale/) } } });
  });
});
