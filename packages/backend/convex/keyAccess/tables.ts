/** Tables of per-key access rules, spread into schema.ts. Written only by convex/keyAccess/*. */
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const keyAccessTables = {
  /** A key's IP allowlist (normalised CIDR ranges). No row, or an empty list: any address. */
  keyIpAllowlists: defineTable({
    apiKeyId: v.string(),
    entries: v.array(v.string()),
    updatedAt: v.number(),
    /** Better Auth user id of whoever set it (the key's owner). */
    updatedBy: v.string(),
  }).index("by_apiKeyId", ["apiKeyId"]),
};
