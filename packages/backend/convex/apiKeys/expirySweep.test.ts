// Better Auth deletes expired keys when a key is created, inside the creating mutation. With many
// expired keys that was unbounded work in one transaction; it is now one bounded batch, the cron
// deletes the rest batch by batch, and every deleted key leaves its tombstone (leak tracing).
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { internal } from "../_generated/api";
import { createAuth } from "../auth";
import { newTest, signUp, type TestConvex } from "../test/setup";
import { DAY } from "../lib/time";
import { EXPIRED_KEYS_PER_SWEEP, isExpirySweep } from "./expirySweep";

const NOW = Date.UTC(2026, 10, 30, 12);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

/** `count` keys of `userId` that expired a day ago, created through Better Auth's adapter (triggers run). */
async function expiredKeys(t: TestConvex, userId: string, count: number) {
  await t.run(async (ctx) => {
    const { adapter } = await createAuth(ctx).$context;
    for (let i = 0; i < count; i++) {
      await adapter.create({
        model: "apikey",
        data: {
          configId: "default", referenceId: userId, name: `old ${i}`, key: `hash-${i}`, enabled: true,
          expiresAt: new Date(NOW - DAY - i), createdAt: new Date(NOW - 40 * DAY), updatedAt: new Date(NOW - 40 * DAY),
        },
      });
    }
  });
}

async function remainingKeys(t: TestConvex, userId: string) {
  return await t.run(async (ctx) => {
    const { adapter } = await createAuth(ctx).$context;
    const rows = await adapter.findMany<{ name: string }>({ model: "apikey", where: [{ field: "referenceId", value: userId }], limit: 1000 });
    return rows.map((k) => k.name);
  });
}

async function tombstones(t: TestConvex) {
  return await t.run(async (ctx) => (await ctx.db.query("apiKeyTombstones").collect()).length);
}

describe("expired keys are deleted in bounded batches", () => {
  test("only Better Auth's sweep of expired keys is bounded, not other bulk deletes", () => {
    expect(isExpirySweep("apikey", [{ field: "expiresAt", operator: "lt", value: new Date() }, { field: "expiresAt", operator: "ne", value: null }])).toBe(true);
    expect(isExpirySweep("apikey", [{ field: "referenceId", operator: "eq", value: "u1" }])).toBe(false);
    expect(isExpirySweep("session", [{ field: "expiresAt", operator: "lt", value: new Date() }])).toBe(false);
    // Each part of the shape counts: the field, the operator, no OR, and a condition at all.
    expect(isExpirySweep("apikey", [{ field: "expiresAt", operator: "lt", value: new Date() }])).toBe(true);
    expect(isExpirySweep("apikey", [{ field: "createdAt", operator: "lt", value: new Date() }])).toBe(false);
    expect(isExpirySweep("apikey", [{ field: "expiresAt", operator: "gt", value: new Date() }])).toBe(false);
    expect(
      isExpirySweep("apikey", [
        { field: "expiresAt", operator: "lt", value: new Date() },
        { field: "referenceId", operator: "eq", value: "u1", connector: "OR" },
      ]),
    ).toBe(false);
    expect(isExpirySweep("apikey", undefined)).toBe(false);
  });

  test("creating a key with many expired keys around deletes one batch, with tombstones, under Convex's limits", async () => {
    const t = newTest();
    const owner = await signUp(t, "owner@example.com");
    const extra = 13;
    await expiredKeys(t, owner.userId, EXPIRED_KEYS_PER_SWEEP + extra);
    const created = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: owner.userId, name: "fresh", subscriptionTier: "pro" });
    expect(created.success).toBe(true);
    await vi.runAllTimersAsync(); // the plugin does not await its sweep
    const left = await remainingKeys(t, owner.userId);
    expect(left).toContain("fresh");
    expect(left.length - 1).toBe(extra);
    // Oldest expiry first: the keys that expired last are the ones left.
    expect(left.filter((n) => n !== "fresh").sort()).toEqual(Array.from({ length: extra }, (_, i) => `old ${i}`).sort());
    expect(await tombstones(t)).toBe(EXPIRED_KEYS_PER_SWEEP);
  });

  test("the cron deletes the rest one full batch per transaction until none is left", async () => {
    const t = newTest();
    const owner = await signUp(t, "owner@example.com");
    const total = 2 * EXPIRED_KEYS_PER_SWEEP + 7;
    await expiredKeys(t, owner.userId, total);
    expect(await t.mutation(internal.apiKeys.internal.sweepExpired, {})).toBe(EXPIRED_KEYS_PER_SWEEP);
    expect(await remainingKeys(t, owner.userId)).toHaveLength(total - EXPIRED_KEYS_PER_SWEEP);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await remainingKeys(t, owner.userId)).toEqual([]);
    expect(await tombstones(t)).toBe(total);
    expect(await t.mutation(internal.apiKeys.internal.sweepExpired, {})).toBe(0);
  });

  test("keys that have not expired are never swept", async () => {
    const t = newTest();
    const owner = await signUp(t, "owner@example.com");
    await t.mutation(internal.apiKeys.internal.createApiKey, { userId: owner.userId, name: "live", subscriptionTier: "free" });
    await expiredKeys(t, owner.userId, 3);
    expect(await t.mutation(internal.apiKeys.internal.sweepExpired, {})).toBe(3);
    expect(await remainingKeys(t, owner.userId)).toEqual(["live"]);
  });
});
