/**
 * Per-key usage counters (`apiKeyUsage`, `apiKeyUsageShards`; this module owns both tables):
 * created with the key, counted by the content API's limit step, read by the usage page and /me.
 * Windows are fixed and aligned to the epoch (UTC days, whole minutes), so a counter whose reset
 * time has passed reads as zero without any cron.
 */
import type { DatabaseReader, MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { DAY, MINUTE } from "../lib/time";
import { TIER_CONFIG, type Tier } from "../shared/tiers";
import { decide, UNLIMITED_HEADERS } from "./limits";

/** Unlimited keys count into this many shards per day (see `apiKeyUsageShards`). */
export const USAGE_SHARDS = 8;

export function dayStart(now: number) {
  return now - (now % DAY);
}

/** End of the epoch-aligned window of length `windowMs` that contains `now`. */
export function windowEnd(windowMs: number, now: number) {
  return now - (now % windowMs) + windowMs;
}

/** The day (DAY) or minute (MINUTE) counter as of `now`: a window that has ended reads as zero. */
export function counterFor(usage: Doc<"apiKeyUsage">, windowMs: number, now: number) {
  const counter =
    windowMs === DAY
      ? { count: usage.requestsToday, resetAt: usage.dailyResetTime }
      : { count: usage.requestsThisMinute, resetAt: usage.minuteResetTime };
  return counter.resetAt > now ? counter : { count: 0, resetAt: counter.resetAt };
}

export async function getUsageDoc(db: DatabaseReader, apiKeyId: string) {
  return await db
    .query("apiKeyUsage")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
}

/** A fresh random 48-bit watermark code (hex), unique among keys. */
export async function newWatermarkCode(db: DatabaseReader): Promise<string> {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(6));
    const code = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    const taken = await db
      .query("apiKeyUsage")
      .withIndex("by_watermarkCode", (q) => q.eq("watermarkCode", code))
      .first();
    if (!taken) return code;
  }
}

/** Creates the key's usage document with fresh counters; returns its watermark code. */
export async function initUsage(
  ctx: Pick<MutationCtx, "db">,
  key: { apiKeyId: string; userId: string },
) {
  const now = Date.now();
  const watermarkCode = await newWatermarkCode(ctx.db);
  await ctx.db.insert("apiKeyUsage", {
    apiKeyId: key.apiKeyId,
    userId: key.userId,
    requestsToday: 0,
    dailyResetTime: windowEnd(DAY, now),
    requestsThisMinute: 0,
    minuteResetTime: windowEnd(MINUTE, now),
    lastRequestTime: 0,
    watermarkCode,
  });
  return watermarkCode;
}

/** Rotation: the new key continues the old key's windows, so rotating never resets a limit. */
export async function carryOverCounters(ctx: Pick<MutationCtx, "db">, fromKeyId: string, toKeyId: string) {
  const from = await getUsageDoc(ctx.db, fromKeyId);
  const to = await getUsageDoc(ctx.db, toKeyId);
  if (!from || !to) return;
  await ctx.db.patch("apiKeyUsage", to._id, {
    requestsToday: from.requestsToday,
    dailyResetTime: from.dailyResetTime,
    requestsThisMinute: from.requestsThisMinute,
    minuteResetTime: from.minuteResetTime,
  });
}

/** Counts one request of a limited key into both its day and minute windows. */
export async function countLimited(ctx: Pick<MutationCtx, "db">, usage: Doc<"apiKeyUsage">, now: number) {
  const today = counterFor(usage, DAY, now);
  const minute = counterFor(usage, MINUTE, now);
  await ctx.db.patch("apiKeyUsage", usage._id, {
    requestsToday: today.count + 1,
    dailyResetTime: windowEnd(DAY, now),
    requestsThisMinute: minute.count + 1,
    minuteResetTime: windowEnd(MINUTE, now),
    lastRequestTime: now,
  });
}

/** Counts one request of an unlimited key into a random shard of today's counter. */
export async function countUnlimited(ctx: Pick<MutationCtx, "db">, apiKeyId: string, now: number) {
  const shard = Math.floor(Math.random() * USAGE_SHARDS);
  const day = dayStart(now);
  const existing = await ctx.db
    .query("apiKeyUsageShards")
    .withIndex("by_apiKeyId_and_day_and_shard", (q) => q.eq("apiKeyId", apiKeyId).eq("day", day).eq("shard", shard))
    .unique();
  if (existing) {
    await ctx.db.patch("apiKeyUsageShards", existing._id, { count: existing.count + 1, lastRequestTime: now });
  } else {
    await ctx.db.insert("apiKeyUsageShards", { apiKeyId, shard, day, count: 1, lastRequestTime: now });
  }
}

/** Deletes the key's usage document and today's shards. */
export async function deleteUsage(ctx: Pick<MutationCtx, "db">, apiKeyId: string) {
  const usage = await getUsageDoc(ctx.db, apiKeyId);
  if (usage) await ctx.db.delete("apiKeyUsage", usage._id);
  const shards = await ctx.db
    .query("apiKeyUsageShards")
    .withIndex("by_apiKeyId_and_day_and_shard", (q) => q.eq("apiKeyId", apiKeyId))
    .take(USAGE_SHARDS * 31);
  for (const shard of shards) await ctx.db.delete("apiKeyUsageShards", shard._id);
}

export type UsageSummary = {
  tier: Tier;
  requestsToday: number;
  requestsThisMinute: number;
  /** The tier's limit in its window, or null when unlimited. */
  limit: number | null;
  windowMs: number | null;
  /** Requests left in the current window, or null when unlimited. */
  remaining: number | null;
  /** When the current limit window ends (ms), or null when unlimited. */
  resetAt: number | null;
  lastRequestTime: number | null;
};

/** Current counters as of `now`: expired windows read as zero. */
export async function summariseUsage(
  db: DatabaseReader,
  usage: Doc<"apiKeyUsage">,
  tier: Tier,
  now: number,
): Promise<UsageSummary> {
  const limit = TIER_CONFIG[tier].limit;
  let requestsToday = counterFor(usage, DAY, now).count;
  const requestsThisMinute = counterFor(usage, MINUTE, now).count;
  let lastRequestTime = usage.lastRequestTime;
  if (limit === null) {
    const shards = await db
      .query("apiKeyUsageShards")
      .withIndex("by_apiKeyId_and_day_and_shard", (q) =>
        q.eq("apiKeyId", usage.apiKeyId).eq("day", dayStart(now)),
      )
      .take(USAGE_SHARDS);
    for (const shard of shards) {
      requestsToday += shard.count;
      lastRequestTime = Math.max(lastRequestTime, shard.lastRequestTime);
    }
  }
  const inWindow = limit === null ? 0 : limit.windowMs === DAY ? requestsToday : requestsThisMinute;
  return {
    tier,
    requestsToday,
    requestsThisMinute,
    limit: limit?.max ?? null,
    windowMs: limit?.windowMs ?? null,
    remaining: limit === null ? null : Math.max(0, limit.max - inWindow),
    resetAt: limit === null ? null : windowEnd(limit.windowMs, now),
    lastRequestTime: lastRequestTime || null,
  };
}

/**
 * The request path's limit step: refuses when the tier's window is full (a 429 consumes nothing),
 * else counts the request. Returns the RateLimit headers describing the window after it.
 */
export async function consumeRequest(
  ctx: Pick<MutationCtx, "db">,
  usage: Doc<"apiKeyUsage">,
  tier: Tier,
  now: number,
): Promise<{ allowed: boolean; headers: Record<string, string> }> {
  const limit = TIER_CONFIG[tier].limit;
  if (limit === null) {
    await countUnlimited(ctx, usage.apiKeyId, now);
    return { allowed: true, headers: UNLIMITED_HEADERS };
  }
  const decision = decide(limit, counterFor(usage, limit.windowMs, now), now);
  if (decision.allowed) await countLimited(ctx, usage, now);
  return { allowed: decision.allowed, headers: decision.headers };
}
