/**
 * The request path's one call: may this key be used from this (trusted) client address?
 * One indexed read; keys without an allowlist pass.
 */
import type { QueryCtx } from "../_generated/server";
import { isAddressAllowed } from "./allowlist";

export async function getIpAllowlist(db: QueryCtx["db"], apiKeyId: string): Promise<string[]> {
  const row = await db
    .query("keyIpAllowlists")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
  return row?.entries ?? [];
}

/** @example if (!(await ipAllowedForKey(ctx.db, key._id, req.ipAddress))) return errorResponse("ip_not_allowed"); */
export async function ipAllowedForKey(db: QueryCtx["db"], apiKeyId: string, clientAddress: string): Promise<boolean> {
  return isAddressAllowed(await getIpAllowlist(db, apiKeyId), clientAddress);
}
