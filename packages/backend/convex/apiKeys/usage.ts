/**
 * A key's app-side record (`apiKeyUsage`: owner and watermark code, created with the key) and the
 * per-key counters of unlimited keys (`apiKeyUsageShards`); this module owns both tables.
 * Limited tiers are counted per customer in quotas/customerQuota.ts.
 */
import type { DatabaseReader, MutationCtx } from "../_generated/server";
import { DAY } from "../lib/time";

/** Unlimited keys count into this many shards per day (see `apiKeyUsageShards`). */
export const USAGE_SHARDS = 8;

export function dayStart(now: number) {
  return now - (now % DAY);
}

export async function getUsageDoc(db: DatabaseReader, apiKeyId: string) {
  return await db
    .query("apiKeyUsage")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
}

/** A fresh random 48-bit watermark code (hex), unique among keys, deleted ones included. */
export async function newWatermarkCode(db: DatabaseReader): Promise<string> {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(6));
    const code = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    const taken =
      (await db.query("apiKeyUsage").withIndex("by_watermarkCode", (q) => q.eq("watermarkCode", code)).first()) ??
      (await db.query("apiKeyTombstones").withIndex("by_watermarkCode", (q) => q.eq("watermarkCode", code)).first());
    if (!taken) return code;
  }
}

/** Creates the key's record; returns its watermark code. */
export async function initUsage(ctx: Pick<MutationCtx, "db">, key: { apiKeyId: string; userId: string }) {
  const watermarkCode = await newWatermarkCode(ctx.db);
  await ctx.db.insert("apiKeyUsage", { apiKeyId: key.apiKeyId, userId: key.userId, watermarkCode });
  return watermarkCode;
}

/** Deletes the key's record and its shards (its tombstone keeps the watermark code). */
export async function deleteUsage(ctx: Pick<MutationCtx, "db">, apiKeyId: string) {
  const usage = await getUsageDoc(ctx.db, apiKeyId);
  if (usage) await ctx.db.delete("apiKeyUsage", usage._id);
  const shards = await ctx.db
    .query("apiKeyUsageShards")
    .withIndex("by_apiKeyId_and_day_and_shard", (q) => q.eq("apiKeyId", apiKeyId))
    .take(USAGE_SHARDS * 31);
  for (const shard of shards) await ctx.db.delete("apiKeyUsageShards", shard._id);
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

/** An unlimited key's requests today (sum of its shards) and its last request time. */
export async function unlimitedToday(db: DatabaseReader, apiKeyId: string, now: number) {
  const shards = await db
    .query("apiKeyUsageShards")
    .withIndex("by_apiKeyId_and_day_and_shard", (q) => q.eq("apiKeyId", apiKeyId).eq("day", dayStart(now)))
    .take(USAGE_SHARDS);
  let count = 0;
  let lastRequestTime: number | null = null;
  for (const shard of shards) {
    count += shard.count;
    lastRequestTime = Math.max(lastRequestTime ?? 0, shard.lastRequestTime);
  }
  return { count, lastRequestTime };
}
