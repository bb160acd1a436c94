// The Better Auth component's schema: the generated tables (generatedSchema.ts, rewritten by
// `pnpm codegen --auth-schema`) plus our indexes and the product's extensions of `apikey`.
import { defineSchema, defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { tables } from "./generatedSchema";
import { tier } from "../shared/validators";

/**
 * Fields the product adds to Better Auth's `apikey` row. Better Auth never writes them; the app
 * writes them through this component's `apiKeys` functions.
 */
export const apikeyExtensionFields = {
  /**
   * The key's subscription tier: the one stored copy the app reads (shared/tiers.ts). Written by
   * the apikey onCreate trigger from what our wrapper asked for (route-created keys: free).
   */
  tier: v.optional(tier),
  /** Set when the key is revoked (by its owner, an admin or automatic abuse detection), ms. */
  revokedAt: v.optional(v.number()),
  /** Why it was revoked, in words shown to the owner. */
  revokedReason: v.optional(v.string()),
  /**
   * Who revoked it: its owner, an admin or the system (detectors). Owners cannot delete or
   * re-enable a key an admin or the system revoked; admins unban only those. Absent on keys
   * revoked before this field existed (treated as the owner's own revocation).
   */
  revokedBy: v.optional(v.union(v.literal("owner"), v.literal("admin"), v.literal("system"))),
  /**
   * The key's watermark code (12 hex), a copy of `apiKeyUsage.watermarkCode` kept on the row
   * the request path reads anyway, so serving an article costs no extra read.
   */
  watermarkCode: v.optional(v.string()),
  /** Last successful request, ms; debounced (written at most once a minute per key). */
  lastUsedAt: v.optional(v.number()),
  /** Id (string) of the app's `signingSecrets` row holding the encrypted HMAC secret, if any. */
  signingSecretId: v.optional(v.string()),
  /** Last admin unban, ms: detection ignores the key's traffic from before it. */
  unbannedAt: v.optional(v.number()),
  /** On a key replaced by rotation: the new key's id; the old key stops at `expiresAt`. */
  rotatedToId: v.optional(v.string()),
};

/**
 * An `apikey` row as it crosses the component boundary: ids are strings outside the component.
 * The component's functions return this; the app's `ApiKeyRow` type is derived from it.
 */
export const apiKeyRow = v.object({
  _id: v.string(),
  _creationTime: v.number(),
  ...tables.apikey.validator.fields,
  ...apikeyExtensionFields,
});
export type ApiKeyRow = Infer<typeof apiKeyRow>;
export type RevokedBy = NonNullable<ApiKeyRow["revokedBy"]>;

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
