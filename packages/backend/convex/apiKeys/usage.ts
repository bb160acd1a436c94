/**
 * Per-key usage counters (`apiKeyUsage`): created with the key, counted by the content API,
 * read by the usage page. Windows are fixed and aligned to the epoch (UTC days, whole minutes),
 * so a counter whose reset time has passed reads as zero without any cron.
 */
import type { DatabaseReader, MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { DAY, MINUTE } from "../lib/time";
import { TIER_CONFIG, type Tier } from "../shared/tiers";

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
async function newWatermarkCode(db: DatabaseReader): Promise<string> {
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

/** Creates the key's usage document, optionally carrying counters over (rotation). */
export async function initUsage(
  ctx: Pick<MutationCtx, "db">,
  key: { apiKeyId: string; userId: string; tier: Tier },
  carryOver?: Doc<"apiKeyUsage">,
) {
  const now = Date.now();
  await ctx.db.insert("apiKeyUsage", {
    apiKeyId: key.apiKeyId,
    userId: key.userId,
    subscriptionTier: key.tier,
    requestsToday: carryOver?.requestsToday ?? 0,
    dailyResetTime: carryOver?.dailyResetTime ?? windowEnd(DAY, now),
    requestsThisMinute: carryOver?.requestsThisMinute ?? 0,
    minuteResetTime: carryOver?.minuteResetTime ?? windowEnd(MINUTE, now),
    lastRequestTime: 0,
    watermarkCode: await newWatermarkCode(ctx.db),
  });
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
  now: number,
): Promise<UsageSummary> {
  const tier = usage.subscriptionTier;
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
