/**
 * The request path's one call: may this key be used from this (trusted) client address?
 * One indexed read; keys without an allowlist pass. And the allowlist's life with its key: carried
 * over to the key's replacement on rotation, dropped when the key is deleted.
 */
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { logSecurityEvent } from "../audit/events";
import { isAddressAllowed } from "./allowlist";

async function allowlistRow(db: QueryCtx["db"], apiKeyId: string) {
  return await db
    .query("keyIpAllowlists")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
}

export async function getIpAllowlist(db: QueryCtx["db"], apiKeyId: string): Promise<string[]> {
  return (await allowlistRow(db, apiKeyId))?.entries ?? [];
}

/** @example if (!(await ipAllowedForKey(ctx.db, key._id, req.ipAddress))) return errorResponse("ip_not_allowed"); */
export async function ipAllowedForKey(db: QueryCtx["db"], apiKeyId: string, clientAddress: string): Promise<boolean> {
  return isAddressAllowed(await getIpAllowlist(db, apiKeyId), clientAddress);
}

/** Replaces the key's allowlist with `entries` (normalised by the caller) and audits the change. */
export async function writeIpAllowlist(
  ctx: MutationCtx,
  key: { _id: string; referenceId: string },
  entries: string[],
  actor: string,
  extra: Record<string, unknown> = {},
) {
  const existing = await allowlistRow(ctx.db, key._id);
  const previous = existing?.entries ?? [];
  if (existing) await ctx.db.patch("keyIpAllowlists", existing._id, { entries, updatedAt: Date.now(), updatedBy: actor });
  else await ctx.db.insert("keyIpAllowlists", { apiKeyId: key._id, entries, updatedAt: Date.now(), updatedBy: actor });
  await logSecurityEvent(ctx, {
    type: "ip_allowlist_changed",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { from: previous, to: entries, ...extra },
  });
}

/** Drops the key's allowlist (its key is gone: the row would only be an orphan). */
export async function deleteIpAllowlist(ctx: Pick<MutationCtx, "db">, apiKeyId: string) {
  const row = await allowlistRow(ctx.db, apiKeyId);
  if (row) await ctx.db.delete("keyIpAllowlists", row._id);
}

/** Gives the replacement `toKeyId` (rotation) the allowlist of the key it replaces. */
export async function carryIpAllowlist(ctx: MutationCtx, from: { _id: string; referenceId: string }, toKeyId: string, actor: string) {
  const entries = await getIpAllowlist(ctx.db, from._id);
  if (entries.length > 0) await writeIpAllowlist(ctx, { _id: toKeyId, referenceId: from.referenceId }, entries, actor, { carriedFrom: from._id });
}
