/**
 * A key's app-side record (`apiKeyUsage`: owner and watermark code, created with the key); this
 * module owns the table. Limited tiers are counted per customer in quotas/customerQuota.ts;
 * unlimited keys write nothing per request (their usage comes from the access log's tally).
 */
import type { DatabaseReader, MutationCtx } from "../_generated/server";

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

/** Deletes the key's record (its tombstone keeps the watermark code). */
export async function deleteUsage(ctx: Pick<MutationCtx, "db">, apiKeyId: string) {
  const usage = await getUsageDoc(ctx.db, apiKeyId);
  if (usage) await ctx.db.delete("apiKeyUsage", usage._id);
}
