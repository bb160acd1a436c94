// What a page shows of stored usage at a moment: the same stored state read before a window
// boundary is right after it, with no new query result.
import { describe, expect, test } from "vitest";
import { budgetAt, nextUsageChange, usageAt, type StoredUsage } from "./usage";
import { TIER_CONFIG } from "./tiers";
import { DAY, HOUR, MINUTE } from "../lib/time";

const MIDNIGHT = Date.UTC(2026, 10, 23);
const FREE = TIER_CONFIG.free.limit!;
const PRO = TIER_CONFIG.pro.limit!;

const freeSpent: StoredUsage = {
  tier: "free",
  budget: { value: 0, ts: MIDNIGHT - DAY },
  counts: { day: MIDNIGHT - DAY, requestsToday: 25, minute: MIDNIGHT - MINUTE, requestsThisMinute: 3 },
  hours: [],
  lastRequestTime: MIDNIGHT - 30_000,
};

describe("usageAt", () => {
  test("a spent daily budget is whole again at 00:00 UTC, not a millisecond before", () => {
    expect(usageAt(freeSpent, MIDNIGHT - 1)).toMatchObject({ remaining: 0, requestsToday: 25, requestsThisMinute: 3, resetAt: MIDNIGHT, customerUsed: 25 });
    expect(usageAt(freeSpent, MIDNIGHT)).toMatchObject({ remaining: 25, requestsToday: 0, requestsThisMinute: 0, resetAt: MIDNIGHT + DAY, customerUsed: 0 });
  });

  test("this minute's count starts over at the next minute", () => {
    expect(usageAt(freeSpent, MIDNIGHT - 1).requestsThisMinute).toBe(3);
    expect(usageAt({ ...freeSpent, counts: { ...freeSpent.counts!, day: MIDNIGHT, minute: MIDNIGHT } }, MIDNIGHT + MINUTE).requestsThisMinute).toBe(0);
  });

  test("a pro bucket refills continuously: one request per 600 ms, whole after a minute", () => {
    const spent: StoredUsage = { ...freeSpent, tier: "pro", budget: { value: 0, ts: MIDNIGHT } };
    expect(usageAt(spent, MIDNIGHT).remaining).toBe(0);
    expect(usageAt(spent, MIDNIGHT + 599).remaining).toBe(0);
    expect(usageAt(spent, MIDNIGHT + 600).remaining).toBe(1);
    expect(usageAt(spent, MIDNIGHT + 30_000).remaining).toBe(50);
    expect(usageAt(spent, MIDNIGHT + MINUTE)).toMatchObject({ remaining: 100, resetAt: MIDNIGHT + MINUTE });
  });

  test("never spent means a full budget", () => {
    expect(usageAt({ ...freeSpent, budget: null, counts: null }, MIDNIGHT)).toMatchObject({ remaining: 25, limit: 25, requestsToday: 0 });
    expect(budgetAt(PRO, null, MIDNIGHT).remaining).toBe(100);
  });

  test("an unlimited key's today is the sum of today's hours, nothing from yesterday", () => {
    const stored: StoredUsage = {
      tier: "enterprise", budget: null, counts: null, lastRequestTime: MIDNIGHT + 2 * HOUR,
      hours: [{ hour: MIDNIGHT + 2 * HOUR, requests: 7 }, { hour: MIDNIGHT, requests: 5 }, { hour: MIDNIGHT - HOUR, requests: 1000 }],
    };
    expect(usageAt(stored, MIDNIGHT + 2 * HOUR + 1)).toMatchObject({ requestsToday: 12, limit: null, remaining: null, resetAt: null });
    expect(usageAt(stored, MIDNIGHT - 1).requestsToday).toBe(1000);
    expect(usageAt(stored, MIDNIGHT + DAY).requestsToday).toBe(0);
  });
});

describe("nextUsageChange", () => {
  test("names the window's reset, the next token or the next minute, whichever is first", () => {
    expect(nextUsageChange(freeSpent, MIDNIGHT - 90_000)).toBe(MIDNIGHT - MINUTE);
    expect(nextUsageChange(freeSpent, MIDNIGHT - 1)).toBe(MIDNIGHT);
    const pro: StoredUsage = { ...freeSpent, tier: "pro", budget: { value: 0.5, ts: MIDNIGHT } };
    expect(nextUsageChange(pro, MIDNIGHT)).toBe(MIDNIGHT + 300);
    // Unlimited: only the day changes "today" (new hourly tallies come as new query results).
    expect(nextUsageChange({ ...freeSpent, tier: "enterprise", budget: null }, MIDNIGHT + 5)).toBe(MIDNIGHT + DAY);
    expect(budgetAt(FREE, freeSpent.budget, MIDNIGHT - 1).resetAt).toBe(MIDNIGHT);
  });
});
