// The usage chart's numbers: the current hour is live (no wait for the minute scan), agrees with
// the live counter, and a 429 counts once, as rate limited (#15 item 6).
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { apiWorld } from "../test/world";
import { HOUR } from "../lib/time";
import { hourNow, usageNow } from "../test/clockViews";

afterEach(() => vi.useRealTimers());

describe("live usage history", () => {
  test("requests show in the current hour at once, and match today's counter", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 20, 10, 30));
    const { owner, keys, get } = await apiWorld({ articles: 10 });
    for (let i = 0; i < 3; i++) expect((await get("/api/v1/contents?limit=1", { key: keys.free.key })).status).toBe(200);
    const history = await owner.client.query(api.apiKeys.liveHistory.history, { keyId: keys.free.id, range: "24h", hour: hourNow() });
    const current = history.buckets.find((b) => b.start === Date.UTC(2026, 10, 20, 10))!;
    expect(current).toMatchObject({ requests: 3, errors: 0, rateLimited: 0 });
    expect(history.liveFrom).toBe(Date.UTC(2026, 10, 20, 10));
    const usage = await owner.client.query(api.apiKeys.queries.usage, { keyId: keys.free.id });
    expect(history.buckets.reduce((n, b) => n + b.requests, 0)).toBe(usageNow(usage).requestsToday);
  });

  test("a 429 counts as rate limited, not also as an error", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 20, 23, 0));
    const { owner, keys, get } = await apiWorld({ articles: 5 });
    let limited = 0;
    for (let i = 0; i < 27; i++) if ((await get("/api/v1/contents?limit=1", { key: keys.free.key })).status === 429) limited++;
    expect(limited).toBe(2);
    const history = await owner.client.query(api.apiKeys.liveHistory.history, { keyId: keys.free.id, range: "7d", hour: hourNow() });
    const today = history.buckets.at(-1)!;
    expect(today).toMatchObject({ requests: 27, rateLimited: 2, errors: 0 });
  });

  test("past hours come from the scan's hourly counts, with 429s taken out of errors", async () => {
    vi.useFakeTimers();
    const now = Date.UTC(2026, 10, 20, 12, 10);
    vi.setSystemTime(now);
    const { t, owner, keys } = await apiWorld({ articles: 5 });
    await t.run((ctx) =>
      ctx.db.insert("hourlyKeyUsage", { apiKeyId: keys.pro.id, userId: owner.userId, hour: Date.UTC(2026, 10, 20, 9), requests: 10, errors: 4, rateLimited: 3 }),
    );
    const history = await owner.client.query(api.apiKeys.liveHistory.history, { keyId: keys.pro.id, range: "24h", hour: hourNow() });
    expect(history.buckets.find((b) => b.start === now - 10 * 60_000 - 3 * HOUR)).toMatchObject({ requests: 10, errors: 1, rateLimited: 3 });
  });

  test("another customer's key reads as not found", async () => {
    const { t, keys } = await apiWorld({ articles: 5 });
    const { signUp } = await import("../test/setup");
    const mallory = await signUp(t, "mallory@example.com");
    await expect(mallory.client.query(api.apiKeys.liveHistory.history, { keyId: keys.free.id, range: "24h", hour: hourNow() })).rejects.toThrow(/No such API key/);
  });

  test("the window ends at the hour the client names, so a result read before the hour changes is not reused after it", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 20, 10, 59));
    const { owner, keys, get } = await apiWorld({ articles: 5 });
    const hourOf = (at: number) => at - (at % HOUR);
    expect((await get("/api/v1/contents?limit=1", { key: keys.free.key })).status).toBe(200);
    vi.setSystemTime(Date.UTC(2026, 10, 20, 11, 1));
    expect((await get("/api/v1/contents?limit=1", { key: keys.free.key })).status).toBe(200);
    // The server's clock plays no part: the window follows the argument.
    const before = await owner.client.query(api.apiKeys.liveHistory.history, { keyId: keys.free.id, range: "24h", hour: Date.UTC(2026, 10, 20, 10) });
    expect(before.liveFrom).toBe(Date.UTC(2026, 10, 20, 10));
    expect(before.buckets.at(-1)).toMatchObject({ start: Date.UTC(2026, 10, 20, 10), requests: 1 });
    const after = await owner.client.query(api.apiKeys.liveHistory.history, { keyId: keys.free.id, range: "24h", hour: hourOf(Date.now()) });
    expect(after.buckets.at(-1)).toMatchObject({ start: Date.UTC(2026, 10, 20, 11), requests: 1 });
    expect(before.buckets.reduce((n, b) => n + b.requests, 0)).toBe(1);
  });

  test("refuses an hour that is not a whole UTC hour or is out of any plausible range", async () => {
    const { owner, keys } = await apiWorld({ articles: 5 });
    const ask = (hour: number) => owner.client.query(api.apiKeys.liveHistory.history, { keyId: keys.free.id, range: "30d", hour });
    for (const hour of [hourNow() + 1, Number.NaN, Number.POSITIVE_INFINITY, -HOUR, 0, Date.UTC(2024, 0, 1), Date.UTC(2200, 0, 1), 2 ** 60]) {
      await expect(ask(hour)).rejects.toThrow(/hour must be the start of a UTC hour/);
    }
    expect((await ask(hourNow())).buckets).toHaveLength(30);
  });
});
