// Attacks on the quotas (issue #11, finding 2): a tier's limit belongs to the customer, not the key.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { seedCatalogue } from "../demo/seed";
import { get } from "../test/world";
import { newTest, signUp } from "../test/setup";
import { HOUR } from "../lib/time";
import { TIER_CONFIG, type Tier } from "../shared/tiers";
import { usageNow } from "../test/clockViews";
import { budgetAt } from "../shared/usage";

afterEach(() => vi.useRealTimers());

async function customer(plan: Tier) {
  const t = newTest();
  await t.run((ctx) => seedCatalogue(ctx, 30));
  const mallory = await signUp(t, "mallory@example.com");
  await t.run(async (ctx) => {
    const p = await ctx.db.query("profiles").withIndex("by_authUserId", (q) => q.eq("authUserId", mallory.userId)).unique();
    await ctx.db.patch("profiles", p!._id, { plan });
  });
  const create = (name: string, tier: Tier) => mallory.client.mutation(api.apiKeys.mutations.create, { name, tier });
  const call = (key: string) => get(t, "/api/v1/contents?limit=1", { key, ip: "203.0.113.50" });
  /** Sends up to `n` requests; returns how many were answered 200. */
  const spend = async (key: string, n: number) => {
    let ok = 0;
    for (let i = 0; i < n; i++) if ((await call(key)).status === 200) ok += 1;
    return ok;
  };
  return { t, mallory, create, call, spend };
}

describe("quotas belong to the customer", () => {
  test("churning free keys (create, spend 25, revoke or delete, repeat) gets 25 requests a day, not 200", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 9));
    const { mallory, create, spend } = await customer("free");
    let served = 0;
    for (let round = 0; round < 8; round++) {
      const key = await create(`churn ${round}`, "free");
      served += await spend(key.apiKey, 25);
      if (round % 2 === 0) await mallory.client.mutation(api.apiKeys.mutations.revoke, { keyId: key.apiKeyId, reason: "churn" });
      else await mallory.client.mutation(api.apiKeys.mutations.remove, { keyId: key.apiKeyId });
    }
    expect(served).toBe(25);
  });

  test("five free keys share one budget of 25 a day", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 9));
    const { create, spend, call } = await customer("free");
    const keys = [];
    for (let i = 0; i < 5; i++) keys.push(await create(`k${i}`, "free"));
    let served = 0;
    for (const key of keys) served += await spend(key.apiKey, 25);
    expect(served).toBe(25);
    const refused = await call(keys[4].apiKey);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(refused.headers.get("Retry-After")).toBe(String(15 * 3600));
  });

  test("rotation with a grace period does not split the window: 20 used, then 5 in total across old and new", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 9));
    const { mallory, create, spend } = await customer("free");
    const old = await create("prod", "free");
    expect(await spend(old.apiKey, 20)).toBe(20);
    const rotated = await mallory.client.mutation(api.apiKeys.mutations.rotate, { keyId: old.apiKeyId, gracePeriodHours: 2 });
    const served = (await spend(old.apiKey, 5)) + (await spend(rotated.apiKey, 5));
    expect(served).toBe(5);
  });

  test("a pro customer's keys share one bucket of 100; enterprise keys are unlimited", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 9));
    const { create, spend } = await customer("enterprise");
    const a = await create("a", "pro");
    const b = await create("b", "pro");
    expect((await spend(a.apiKey, 60)) + (await spend(b.apiKey, 60))).toBe(100);
    const e = await create("e", "enterprise");
    expect(await spend(e.apiKey, 150)).toBe(150);
  });

  test("the free budget comes back at the next UTC day, for every key of the customer", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 23));
    const { create, spend, call } = await customer("free");
    const a = await create("a", "free");
    expect(await spend(a.apiKey, 30)).toBe(25);
    vi.setSystemTime(Date.UTC(2026, 10, 23, 0, 0, 1));
    const b = await create("b", "free");
    const next = await call(b.apiKey);
    expect(next.status).toBe(200);
    expect(next.headers.get("RateLimit-Remaining")).toBe("24");
  });

  test("the usage page shows each key's requests and the customer's remaining budget; /me says the same", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 9));
    const { t, mallory, create, spend } = await customer("free");
    const a = await create("a", "free");
    const b = await create("b", "free");
    await spend(a.apiKey, 7);
    await spend(b.apiKey, 3);
    const usageA = usageNow(await mallory.client.query(api.apiKeys.queries.usage, { keyId: a.apiKeyId }));
    const usageB = usageNow(await mallory.client.query(api.apiKeys.queries.usage, { keyId: b.apiKeyId }));
    expect(usageA).toMatchObject({ requestsToday: 7, limit: 25, remaining: 15, customerUsed: 10 });
    expect(usageB).toMatchObject({ requestsToday: 3, remaining: 15 });
    expect(usageA.resetAt).toBe(Date.UTC(2026, 10, 23));
    const budgets = await mallory.client.query(api.apiKeys.queries.budgets, {});
    expect(budgets.map((b) => b.tier)).toEqual(["free"]);
    const free = budgetAt(TIER_CONFIG.free.limit!, budgets[0]!.budget, Date.now());
    expect(free).toMatchObject({ remaining: 15, resetAt: Date.UTC(2026, 10, 23) });
    expect(free.limit.windowMs).toBe(24 * HOUR);
    const me = await get(t, "/api/v1/me", { key: b.apiKey });
    expect(me.body.data).toMatchObject({ remaining: 15, resetAt: new Date(Date.UTC(2026, 10, 23)).toISOString() });
    expect(me.headers.get("RateLimit-Remaining")).toBe("15");
  });
});
