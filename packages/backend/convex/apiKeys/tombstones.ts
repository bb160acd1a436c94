/**
 * Tombstones of deleted keys (`apiKeyTombstones`, owned here) and the one lookup that names a key
 * whether it still exists or not: by id (alerts, audit) or by watermark code (leak tracing).
 */
import type { DatabaseReader, MutationCtx, QueryCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { getKey, type ApiKeyRow } from "./keyRows";
import { tierOf } from "./policy";
import { getUsageDoc } from "./usage";

/** Writes the key's tombstone (once: a second deletion path finds it there already). */
export async function writeTombstone(ctx: Pick<MutationCtx, "db">, key: ApiKeyRow, deletedBy: string, now: number) {
  if (await tombstoneOf(ctx.db, key._id)) return;
  const usage = await getUsageDoc(ctx.db, key._id);
  await ctx.db.insert("apiKeyTombstones", {
    apiKeyId: key._id,
    userId: key.referenceId,
    name: key.name ?? null,
    start: key.start ?? null,
    prefix: key.prefix ?? null,
    tier: tierOf(key),
    watermarkCode: usage?.watermarkCode ?? key.watermarkCode ?? null,
    revokedAt: key.revokedAt,
    revokedReason: key.revokedReason,
    revokedBy: key.revokedBy,
    createdAt: key.createdAt,
    deletedAt: now,
    deletedBy,
  });
}

export async function tombstoneOf(db: DatabaseReader, apiKeyId: string) {
  return await db
    .query("apiKeyTombstones")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
}

/** A key as evidence: the live row, or its tombstone after deletion. */
export type KeyRecord =
  | { apiKeyId: string; userId: string; deleted: false; key: ApiKeyRow }
  | { apiKeyId: string; userId: string; deleted: true; tombstone: Doc<"apiKeyTombstones"> };

/** The key with this id, live or deleted; null if it never existed. */
export async function findKeyRecord(ctx: Pick<QueryCtx, "db" | "runQuery">, apiKeyId: string): Promise<KeyRecord | null> {
  const key = await getKey(ctx, apiKeyId);
  if (key) return { apiKeyId, userId: key.referenceId, deleted: false, key };
  const tombstone = await tombstoneOf(ctx.db, apiKeyId);
  return tombstone ? { apiKeyId, userId: tombstone.userId, deleted: true, tombstone } : null;
}

/**
 * The one lookup from a watermark code to the key that fetched the content, live or deleted.
 * @example const record = await findKeyByWatermark(ctx, "00aa11bb22cc"); // null: no key ever had it
 */
export async function findKeyByWatermark(ctx: Pick<QueryCtx, "db" | "runQuery">, code: string): Promise<KeyRecord | null> {
  const usage = await ctx.db
    .query("apiKeyUsage")
    .withIndex("by_watermarkCode", (q) => q.eq("watermarkCode", code))
    .unique();
  if (usage) return await findKeyRecord(ctx, usage.apiKeyId);
  const tombstone = await ctx.db
    .query("apiKeyTombstones")
    .withIndex("by_watermarkCode", (q) => q.eq("watermarkCode", code))
    .first();
  return tombstone ? { apiKeyId: tombstone.apiKeyId, userId: tombstone.userId, deleted: true, tombstone } : null;
}
