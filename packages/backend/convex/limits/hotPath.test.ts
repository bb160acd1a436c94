// Hot documents on the content API's request path, counted rather than guessed: every document
// and index range each request reads, and every document it writes (app and components), then
// what concurrent requests of one customer would contend on under Convex's optimistic concurrency.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { internal } from "../_generated/api";
import { apiWorld, type World } from "../test/world";
import { conflictModel, pairConflictRate, recordDatabase, sharedDocuments, type DbRecord } from "../test/dbRecorder";
import type { Tier } from "../shared/tiers";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-02T10:00:05Z"));
});
afterEach(() => vi.useRealTimers());

/** A burst of one customer's requests of every kind, each recorded alone. */
async function burst(w: World, keys: string[], count: number) {
  const paths = (i: number) =>
    [`/api/v1/contents/${w.slugs[i % w.slugs.length]}`, "/api/v1/contents?limit=5", "/api/v1/search?q=researcher&limit=3", "/api/v1/contents/no-such-article", "/api/v1/me"][i % 5];
  const records: Array<DbRecord & { status: number }> = [];
  for (let i = 0; i < count; i++) {
    const { result, record } = await recordDatabase(() => w.get(paths(i), { key: keys[i % keys.length], ip: "203.0.113.7" }));
    records.push({ ...record, status: result.status });
  }
  return records;
}

async function extraKey(w: World, tier: Tier) {
  const created = await w.t.mutation(internal.apiKeys.internal.createApiKey, { userId: w.owner.userId, name: `second ${tier}`, subscriptionTier: tier });
  return created.apiKey!;
}

describe("hot documents per content API request", () => {
  test("the recorder sees writes of the app and of components (the access log, Better Auth rows)", async () => {
    const w = await apiWorld({ articles: 10 });
    const { record } = await recordDatabase(() => w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.pro.key }));
    expect(record.writes.map((x) => x.table)).toContain("contentAccessLog");
    expect(record.reads.map((x) => x.table)).toContain("apikey");
    expect(record.reads.map((x) => x.table)).toContain("articles");
  });

  test.each(["free", "pro"] as const)(
    "concurrent %s requests of one customer, over two keys, share at most one counter document",
    async (tier) => {
      const w = await apiWorld({ articles: 10 });
      const keys = [w.keys[tier].key, await extraKey(w, tier)];
      const records = await burst(w, keys, 30);
      expect(records.some((r) => r.status === 200)).toBe(true);
      const counts = records.map((mine) => sharedDocuments(mine, records).filter((s) => s.table !== "apikey").length);
      expect(Math.max(...counts)).toBe(1); // counted exactly, so one counter is shared: never more
    
    },
  );

  // Core's hot-path change (#11) records last use outside the request transaction (debounced, in
  // its own mutation), so no request reads and writes Better Auth's key row together any more.
  test.each(["free", "pro", "enterprise"] as const)(
    "concurrent %s requests never contend on Better Auth's key row",
    async (tier) => {
      const w = await apiWorld({ articles: 10 });
      const records = await burst(w, [w.keys[tier].key], 10);
      const onKeyRow = records.flatMap((mine) => sharedDocuments(mine, records).filter((s) => s.table === "apikey"));
      expect(onKeyRow).toEqual([]);
    },
  );

  // Unlimited requests write no counter at all (their usage is the access log's hourly tally):
  // each request inserts only its own log row, so two of them never meet.
  test("concurrent unlimited (enterprise) requests share no document at all", async () => {
    const w = await apiWorld({ articles: 10 });
    const keys = [w.keys.enterprise.key, await extraKey(w, "enterprise")];
    const records = await burst(w, keys, 30);
    const shared = records.flatMap((mine) => sharedDocuments(mine, records));
    expect(shared).toEqual([]);
  });
});

describe("the conflict model used by pnpm bench", () => {
  test("one shared document at 100 requests per second and 10 ms transactions fails about 10% after 4 retries", () => {
    const m = conflictModel({ ratePerSecond: 100, transactionMs: 10, pairConflict: 1 });
    expect(m.perAttempt).toBeCloseTo(1 - Math.exp(-1), 10);
    expect(m.failure).toBeCloseTo((1 - Math.exp(-1)) ** 5, 10);
  });

  test("the HTTP action's own retries multiply the attempts that must all conflict before a 503", () => {
    const once = conflictModel({ ratePerSecond: 100, transactionMs: 10, pairConflict: 1 });
    const withCaller = conflictModel({ ratePerSecond: 100, transactionMs: 10, pairConflict: 1, callerRetries: 3 });
    expect(withCaller.failure).toBeCloseTo(once.perAttempt ** 20, 15);
    expect(withCaller.failure).toBeLessThan(once.failure / 100);
  });

  test("no shared document means no conflict and one attempt", () => {
    expect(conflictModel({ ratePerSecond: 100, transactionMs: 10, pairConflict: 0 })).toEqual({ perAttempt: 0, failure: 0, expectedAttempts: 1 });
  });

  test("pair conflict rate counts pairs whose writes meet the other's reads", () => {
    const a = { reads: [{ table: "t", id: "1t" }], ranges: [], writes: [{ table: "t", id: "1t", op: "patch" as const }] };
    const b = { reads: [{ table: "t", id: "2t" }], ranges: [], writes: [{ table: "t", id: "2t", op: "patch" as const }] };
    expect(pairConflictRate([a, { ...a }])).toBe(1);
    expect(pairConflictRate([a, b])).toBe(0);
  });
});
