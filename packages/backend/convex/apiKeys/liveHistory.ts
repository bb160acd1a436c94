/**
 * Requests over time for one of the viewer's keys with a live current hour (#15 item 6). Past
 * hours come from the hourly counts the detection scan keeps (it runs every minute, so it lags);
 * the current UTC hour is counted from the access log itself, so the chart moves with each
 * request and agrees with the live counters. One definition of the numbers everywhere:
 * `requests` = every answered request, `rateLimited` = 429s, `errors` = other statuses >= 400
 * (a 429 is counted once, as rate limited, not also as an error).
 *
 * The window ends at the `hour` the client names (its clock, rounded down to the UTC hour), not
 * at the server's clock: Convex caches a query's result until the data it read changes, so a
 * window computed from Date.now() would stay on a past hour. With the hour as an argument the
 * cache key changes when the hour does (the web app re-subscribes then), and within the hour the
 * live count moves with each new access-log row. A client naming another hour only sees its own
 * key's counts for another window, with the same bounded reads (`validHour`).
 */
import { v } from "convex/values";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { userQuery } from "../lib/functions";
import { DAY, HOUR } from "../lib/time";
import { requireOwnKey } from "./queries";

/** Most log rows read for the live hour; above it the scan's count for the hour is used as a floor. */
export const LIVE_HOUR_MAX_ROWS = 8_000;

const RANGE_HOURS = { "24h": 24, "7d": 7 * 24, "30d": 30 * 24 } as const;

export type Bucket = { start: number; requests: number; errors: number; rateLimited: number };

/** Counts the key's requests in [from, to) from the access log, bounded. */
export async function countLive(ctx: QueryCtx, apiKeyId: string, from: number, to: number) {
  const rows = await ctx.db
    .query("contentAccessLog")
    .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", apiKeyId).gte("accessedAt", from).lt("accessedAt", to))
    .take(LIVE_HOUR_MAX_ROWS + 1);
  const counted = rows.slice(0, LIVE_HOUR_MAX_ROWS);
  return {
    requests: counted.length,
    rateLimited: counted.filter((r) => r.statusCode === 429).length,
    errors: counted.filter((r) => r.statusCode >= 400 && r.statusCode !== 429).length,
    capped: rows.length > LIVE_HOUR_MAX_ROWS,
  };
}

/** The earliest and latest hours a client may name: the product's first year and a far bound. */
export const EARLIEST_HOUR = Date.UTC(2025, 0, 1);
export const LATEST_HOUR = Date.UTC(2100, 0, 1);

/** The client's current hour, checked: a whole UTC hour (ms) inside [EARLIEST_HOUR, LATEST_HOUR]. */
export function validHour(hour: number): number {
  if (!Number.isSafeInteger(hour) || hour % HOUR !== 0 || hour < EARLIEST_HOUR || hour > LATEST_HOUR) {
    throw appError("invalid_argument", "hour must be the start of a UTC hour (ms), e.g. now - now % 3600000.");
  }
  return hour;
}

export const history = userQuery({
  args: {
    keyId: v.string(),
    range: v.union(v.literal("24h"), v.literal("7d"), v.literal("30d")),
    /** The client's current UTC hour (ms since the epoch, a multiple of 3,600,000). */
    hour: v.number(),
  },
  returns: v.object({
    bucketMs: v.number(),
    /** Start of the live hour: counts from here on are exact and current. */
    liveFrom: v.number(),
    buckets: v.array(v.object({ start: v.number(), requests: v.number(), errors: v.number(), rateLimited: v.number() })),
  }),
  handler: async (ctx, { keyId, range, hour }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const liveFrom = validHour(hour);
    const hours = RANGE_HOURS[range];
    const bucketMs = range === "24h" ? HOUR : DAY;
    const end = liveFrom - (liveFrom % bucketMs) + bucketMs;
    const start = end - hours * HOUR;
    const buckets: Bucket[] = Array.from({ length: (end - start) / bucketMs }, (_, i) => ({ start: start + i * bucketMs, requests: 0, errors: 0, rateLimited: 0 }));
    const add = (at: number, c: { requests: number; errors: number; rateLimited: number }) => {
      const bucket = buckets[Math.floor((at - start) / bucketMs)];
      if (!bucket) return;
      bucket.requests += c.requests;
      bucket.errors += c.errors;
      bucket.rateLimited += c.rateLimited;
    };
    const rows = await ctx.db
      .query("hourlyKeyUsage")
      .withIndex("by_apiKeyId_and_hour", (q) => q.eq("apiKeyId", key._id).gte("hour", start).lt("hour", liveFrom + HOUR))
      .take(hours + 1);
    let scannedLiveHour = { requests: 0, errors: 0, rateLimited: 0 };
    for (const row of rows) {
      // The scan stores errors with 429s included: take them out so each request counts once.
      const counts = { requests: row.requests, errors: Math.max(0, row.errors - row.rateLimited), rateLimited: row.rateLimited };
      if (row.hour >= liveFrom) scannedLiveHour = counts;
      else add(row.hour, counts);
    }
    const live = await countLive(ctx, key._id, liveFrom, liveFrom + HOUR);
    add(liveFrom, live.capped && scannedLiveHour.requests > live.requests ? scannedLiveHour : live);
    return { bucketMs, liveFrom, buckets };
  },
});
