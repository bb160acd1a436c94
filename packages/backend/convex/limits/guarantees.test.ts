// Promises that mutation testing showed no test held: each is written as the bug that would break
// it (retention ignoring its period, expiry one millisecond late, a warning that revokes, a
// throttle at another number) and fails with that bug.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { apiWorld, type World } from "../test/world";
import { DAY, MINUTE } from "../lib/time";
import { INVALID_KEY_ATTEMPTS_PER_MINUTE } from "../contentApi/throttle";
import { SEQUENTIAL_CRITICAL_RUN, SEQUENTIAL_WARNING_RUN } from "../monitoring/thresholds";
import { generateApiKey } from "../shared/keyFormat";
import { statusNow } from "../test/clockViews";

const START = Date.UTC(2026, 2, 2, 10, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

async function scanAll(w: World) {
  vi.setSystemTime(Date.now() + MINUTE);
  await w.t.mutation(internal.monitoring.detection.scan, {});
  await w.t.finishAllScheduledFunctions(vi.runAllTimers);
}

async function logRowsAged(w: World, agesMs: number[]) {
  await w.t.run(async (ctx) => {
    for (const age of agesMs) {
      await ctx.db.insert("contentAccessLog", {
        apiKeyId: w.keys.pro.id, userId: w.owner.userId, contentSlug: `age-${age}`, action: "get",
        statusCode: 200, ipAddress: "203.0.113.1", userAgent: "ua", accessedAt: Date.now() - age,
      });
    }
  });
}

const remainingSlugs = (w: World) =>
  w.t.run(async (ctx) => (await ctx.db.query("contentAccessLog").collect()).map((r) => r.contentSlug).sort());

describe("retention keeps exactly LOG_RETENTION_DAYS of access log", () => {
  test("with the default 30 days, rows up to exactly 30 days old stay and older ones go", async () => {
    const w = await apiWorld({ articles: 5 });
    await logRowsAged(w, [0, 29 * DAY, 30 * DAY - MINUTE, 30 * DAY + 2 * MINUTE, 45 * DAY]);
    await scanAll(w); // one minute later: ages grow by a minute
    await w.t.mutation(internal.monitoring.retention.run, {});
    // At the run the third row is exactly 30 days old: kept; one two minutes older is not.
    expect(await remainingSlugs(w)).toEqual([`age-${0}`, `age-${29 * DAY}`, `age-${30 * DAY - MINUTE}`].sort());
  });

  test("a shorter LOG_RETENTION_DAYS deletes what is older than it, and only that", async () => {
    vi.stubEnv("LOG_RETENTION_DAYS", "7");
    const w = await apiWorld({ articles: 5 });
    await logRowsAged(w, [6 * DAY, 7 * DAY - 2 * MINUTE, 7 * DAY + MINUTE, 8 * DAY]);
    await scanAll(w);
    await w.t.mutation(internal.monitoring.retention.run, {});
    expect(await remainingSlugs(w)).toEqual([`age-${6 * DAY}`, `age-${7 * DAY - 2 * MINUTE}`].sort());
  });
});

describe("a key expires at its expiry instant, not a millisecond later", () => {
  test("one millisecond before expiresAt the key works; at expiresAt it answers 401 key_expired", async () => {
    const w = await apiWorld({ articles: 5 });
    const created = await w.owner.client.mutation(api.apiKeys.mutations.create, { name: "short", tier: "free", expiresInDays: 1 });
    const expiresAt = created.key.expiresAt!;
    expect(expiresAt).toBe(START + DAY);
    vi.setSystemTime(expiresAt - 1);
    expect((await w.get("/api/v1/me", { key: created.apiKey })).status).toBe(200);
    expect(statusNow(await w.owner.client.query(api.apiKeys.queries.get, { keyId: created.apiKeyId }))).toBe("active");
    vi.setSystemTime(expiresAt);
    const atExpiry = await w.get("/api/v1/me", { key: created.apiKey });
    expect(atExpiry.status).toBe(401);
    expect(atExpiry.body.error.code).toBe("key_expired");
    expect(statusNow(await w.owner.client.query(api.apiKeys.queries.get, { keyId: created.apiKeyId }))).toBe("expired");
  });
});

describe("alerts", () => {
  test("a warning alert leaves the key active and serving; only a critical one revokes", async () => {
    expect(SEQUENTIAL_WARNING_RUN).toBeLessThan(SEQUENTIAL_CRITICAL_RUN);
    const w = await apiWorld({ articles: SEQUENTIAL_WARNING_RUN + 5 });
    for (let i = 0; i < SEQUENTIAL_WARNING_RUN; i++) {
      vi.setSystemTime(START + i * 2_000);
      expect((await w.get(`/api/v1/contents/${w.slugs[i]}`, { key: w.keys.pro.key })).status).toBe(200);
    }
    await scanAll(w);
    const alerts = await w.t.run((ctx) => ctx.db.query("scrapingAlerts").collect());
    expect(alerts.map((a) => [a.alertType, a.severity])).toEqual([["sequential_access", "warning"]]);
    expect(statusNow(await w.owner.client.query(api.apiKeys.queries.get, { keyId: w.keys.pro.id }))).toBe("active");
    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.pro.key })).status).toBe(200);
    const revocations = await w.t.run(async (ctx) => (await ctx.db.query("securityEvents").collect()).filter((e) => e.type === "api_key_revoked"));
    expect(revocations).toEqual([]);
  });
});

describe("invalid-key throttle", () => {
  test("an address gets exactly 10 invalid keys a minute; the 11th request, even with a valid key, is 429", async () => {
    expect(INVALID_KEY_ATTEMPTS_PER_MINUTE).toBe(10);
    const w = await apiWorld({ articles: 5 });
    const ip = "198.51.100.77";
    for (let i = 0; i < 10; i++) {
      const res = await w.get("/api/v1/me", { key: generateApiKey(), ip });
      expect(res.status).toBe(401);
    }
    const throttled = await w.get("/api/v1/me", { key: w.keys.pro.key, ip });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not affected, and the window ends.
    expect((await w.get("/api/v1/me", { key: w.keys.pro.key, ip: "198.51.100.78" })).status).toBe(200);
    vi.setSystemTime(Date.now() + MINUTE + 1);
    expect((await w.get("/api/v1/me", { key: w.keys.pro.key, ip })).status).toBe(200);
  });
});
