// The Better Auth component's schema: the generated tables (generatedSchema.ts, rewritten by
// `pnpm codegen --auth-schema`) plus our indexes and the product's extensions of `apikey`.
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { tables } from "./generatedSchema";

/**
 * Fields the product adds to Better Auth's `apikey` row. Better Auth never writes them; the app
 * writes them through this component's `apiKeys` functions.
 */
export const apikeyExtensionFields = {
  /** Subscription tier of the key, copied from metadata at creation (see shared/tiers.ts). */
  tier: v.optional(v.union(v.literal("free"), v.literal("pro"), v.literal("enterprise"))),
  /** Set when the key is revoked (by its owner, an admin or automatic abuse detection), ms. */
  revokedAt: v.optional(v.number()),
  /** Why it was revoked, in words shown to the owner. */
  revokedReason: v.optional(v.string()),
  /** Last successful request, ms; debounced (written at most once a minute per key). */
  lastUsedAt: v.optional(v.number()),
  /** Id (string) of the app's `signingSecrets` row holding the encrypted HMAC secret, if any. */
  signingSecretId: v.optional(v.string()),
  /** Last admin unban, ms: detection ignores the key's traffic from before it. */
  unbannedAt: v.optional(v.number()),
  /** On a key replaced by rotation: the new key's id; the old key stops at `expiresAt`. */
  rotatedToId: v.optional(v.string()),
};

const apikey = defineTable({ ...tables.apikey.validator.fields, ...apikeyExtensionFields })
  .index("key", ["key"])
  .index("referenceId", ["referenceId"])
  .index("expiresAt", ["expiresAt"])
  // Admin search and filters (convex/betterAuth/adminSearch.ts).
  .index("tier_createdAt", ["tier", "createdAt"])
  .index("enabled_createdAt", ["enabled", "createdAt"])
  .index("start", ["start"])
  .searchIndex("search_name", { searchField: "name", filterFields: ["tier", "enabled"] });

const schema = defineSchema({
  ...tables,
  apikey,
});

export default schema;
