// The budget's exact figures, pinned: what a refused pro client is told to wait, when a budget is
// whole again, per-key counts across a minute and a day, and the invalid-key throttle's wait.
// (Survivors of `pnpm mutation limits`; each test fails with the mutant it names.)
import { afterEach, describe, expect, test, vi } from "vitest";
import { newTest } from "../test/setup";
import { apiWorld } from "../test/world";
import { generateApiKey } from "../shared/keyFormat";
import { DAY, MINUTE, SECOND } from "../lib/time";
import { TIER_CONFIG, type TierLimit } from "../shared/tiers";
import { budgetAt } from "../shared/usage";
import { consumeQuota, loadQuota, MAX_KEY_ENTRIES } from "./customerQuota";
import { checkAddress, INVALID_KEY_ATTEMPTS_PER_MINUTE, invalidKeyLimiter } from "../contentApi/throttle";

const PRO = TIER_CONFIG.pro.limit as TierLimit;
const FREE = TIER_CONFIG.free.limit as TierLimit;
const NOW = Date.UTC(2026, 10, 30, 10, 15, 30);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Spends one request of `userId`'s `tier` budget with key `keyId` at `now`. */
function spendAt(t: ReturnType<typeof newTest>, userId: string, tier: "free" | "pro", keyId: string, now: number) {
  return t.run(async (ctx) => consumeQuota(ctx, await loadQuota(ctx.db, userId, tier, now), keyId, now));
}

function countsOf(t: ReturnType<typeof newTest>, userId: string) {
  return t.run(async (ctx) => (await ctx.db.query("customerQuotas").collect()).find((q) => q.userId === userId)!.keys);
}

describe("a pro budget (token bucket, 100 a minute)", () => {
  test("is whole again when its missing tokens have refilled: 600 ms per token", () => {
    expect(budgetAt(PRO, null, NOW)).toMatchObject({ remaining: 100, resetAt: NOW });
    expect(budgetAt(PRO, { value: 40, ts: NOW }, NOW)).toMatchObject({ remaining: 40, resetAt: NOW + 60 * 600 });
    expect(budgetAt(PRO, { value: 99.5, ts: NOW }, NOW).resetAt).toBe(NOW + 300);
  });

  test("a request from a full budget says it is whole again in 1 s (one token, 600 ms)", async () => {
    const t = newTest();
    const first = await spendAt(t, "u1", "pro", "k1", NOW);
    expect(first).toEqual({ allowed: true, headers: { "RateLimit-Limit": "100", "RateLimit-Remaining": "99", "RateLimit-Reset": "1" } });
  });

  test("the 101st request in one instant is refused, told to retry in 1 s, and the budget shows a 60 s reset", async () => {
    const t = newTest();
    for (let i = 0; i < 100; i++) expect((await spendAt(t, "u1", "pro", "k1", NOW)).allowed).toBe(true);
    const refused = await spendAt(t, "u1", "pro", "k1", NOW);
    expect(refused).toEqual({
      allowed: false,
      headers: { "RateLimit-Limit": "100", "RateLimit-Remaining": "0", "RateLimit-Reset": "60", "Retry-After": "1" },
    });
    // 540 ms later 0.9 of a token is back: still refused, told 1 s (60 ms rounded up).
    expect((await spendAt(t, "u1", "pro", "k1", NOW + 540)).headers["Retry-After"]).toBe("1");
    // 600 ms later one token is back.
    expect((await spendAt(t, "u1", "pro", "k1", NOW + 600)).allowed).toBe(true);
  });
});

describe("a free budget (25 a UTC day)", () => {
  test("a refused request waits until 00:00 UTC, in whole seconds", async () => {
    const t = newTest();
    for (let i = 0; i < 25; i++) await spendAt(t, "u1", "free", "k1", NOW);
    const refused = await spendAt(t, "u1", "free", "k1", NOW);
    const untilMidnight = String(Math.ceil((NOW - (NOW % DAY) + DAY - NOW) / SECOND));
    expect(refused.headers).toEqual({ "RateLimit-Limit": "25", "RateLimit-Remaining": "0", "RateLimit-Reset": untilMidnight, "Retry-After": untilMidnight });
    expect(budgetAt(FREE, null, NOW).remaining).toBe(25);
  });
});

describe("per-key counts kept with the budget", () => {
  test("count this minute's and today's requests per key, starting again in a new minute", async () => {
    const t = newTest();
    const minute = NOW - (NOW % MINUTE);
    await spendAt(t, "u1", "pro", "k1", minute + 1_000);
    await spendAt(t, "u1", "pro", "k1", minute + 2_000);
    expect((await countsOf(t, "u1"))[0]).toMatchObject({ apiKeyId: "k1", requestsThisMinute: 2, requestsToday: 2, minute, day: NOW - (NOW % DAY) });
    await spendAt(t, "u1", "pro", "k1", minute + MINUTE + 1_000);
    expect(await countsOf(t, "u1")).toHaveLength(1); // one entry per key, replaced, never duplicated
    expect((await countsOf(t, "u1"))[0]).toMatchObject({ apiKeyId: "k1", requestsThisMinute: 1, requestsToday: 3, minute: minute + MINUTE, lastRequestTime: minute + MINUTE + 1_000 });
  });

  test("keep the other keys' counts of today, most recent key first, and drop yesterday's", async () => {
    const t = newTest();
    await spendAt(t, "u1", "pro", "old", NOW - DAY);
    await spendAt(t, "u1", "pro", "a", NOW);
    await spendAt(t, "u1", "pro", "b", NOW + 1_000);
    const keys = await countsOf(t, "u1");
    expect(keys.map((k) => [k.apiKeyId, k.requestsToday])).toEqual([["b", 1], ["a", 1]]);
  });

  test("a key used yesterday starts today at one request, not yesterday's count plus one", async () => {
    const t = newTest();
    await spendAt(t, "u1", "pro", "k1", NOW - DAY);
    await spendAt(t, "u1", "pro", "k1", NOW - DAY + 1_000);
    await spendAt(t, "u1", "pro", "k1", NOW);
    expect(await countsOf(t, "u1")).toEqual([expect.objectContaining({ apiKeyId: "k1", requestsToday: 1, day: NOW - (NOW % DAY) })]);
  });

  test("keep at most 32 keys' counts, the most recently used", async () => {
    const t = newTest();
    for (let i = 0; i < MAX_KEY_ENTRIES + 1; i++) await spendAt(t, "u1", "pro", `k${i}`, NOW + i * 1_000);
    const keys = await countsOf(t, "u1");
    expect(keys).toHaveLength(MAX_KEY_ENTRIES);
    expect(keys[0].apiKeyId).toBe(`k${MAX_KEY_ENTRIES}`);
    expect(keys.map((k) => k.apiKeyId)).not.toContain("k0");
  });
});

describe("the invalid-key throttle", () => {
  test("a throttled address is told the seconds left in its window, which count down", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    vi.spyOn(Math, "random").mockReturnValue(0); // the limiter's first window starts now
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i < INVALID_KEY_ATTEMPTS_PER_MINUTE; i++) await invalidKeyLimiter.limit(ctx, "invalidApiKey", { key: "198.51.100.7" });
    });
    expect(await t.run((ctx) => checkAddress(ctx, "198.51.100.7"))).toEqual({ ok: false, retryAfterSeconds: 60 });
    vi.setSystemTime(NOW + 20 * SECOND);
    expect(await t.run((ctx) => checkAddress(ctx, "198.51.100.7"))).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(await t.run((ctx) => checkAddress(ctx, "203.0.113.1"))).toEqual({ ok: true });
  });

  test("the address's row counts every invalid attempt and marks only those refused by the throttle", async () => {
    const w = await apiWorld({ articles: 1 });
    const row = async () => (await w.t.run((ctx) => ctx.db.query("invalidKeyAttempts").collect())).map((r) => [r.count, r.throttled]);
    for (let i = 0; i < 3; i++) expect((await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.8" })).status).toBe(401);
    expect(await row()).toEqual([[3, 0]]);
    for (let i = 3; i < INVALID_KEY_ATTEMPTS_PER_MINUTE + 2; i++) await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.8" });
    expect(await row()).toEqual([[INVALID_KEY_ATTEMPTS_PER_MINUTE + 2, 2]]);
    const events = await w.t.run(async (ctx) => (await ctx.db.query("securityEvents").collect()).filter((e) => e.type === "invalid_key_attempt"));
    expect(events.map((e) => e.severity)).toEqual(["info", "warning"]);
  });
});
