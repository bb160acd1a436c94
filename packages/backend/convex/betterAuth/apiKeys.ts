/**
 * Functions inside the Better Auth component over its `apikey` table, for the app's own key
 * lifecycle and hot path. Better Auth creates keys (hashing them); these functions only read rows
 * and write the product's extension fields, `name`, `enabled` and `expiresAt`. They never see or
 * return a plaintext key, and the app never returns `key` (the hash) to clients. The app calls
 * them only through `apiKeys/keyRows.ts`.
 */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { mutation, query } from "./_generated/server";
import type { Id } from "./_generated/dataModel";
import { apiKeyRow, apikeyExtensionFields } from "./schema";

const maybeRow = v.union(apiKeyRow, v.null());

export const getById = query({
  args: { id: v.string() },
  returns: maybeRow,
  handler: async (ctx, { id }) => {
    const keyId = ctx.db.normalizeId("apikey", id);
    return keyId ? await ctx.db.get("apikey", keyId) : null;
  },
});

/** Looks a key up by Better Auth's stored hash (base64url SHA-256 of the plaintext). */
export const getByHash = query({
  args: { hash: v.string() },
  returns: maybeRow,
  handler: async (ctx, { hash }) =>
    await ctx.db.query("apikey").withIndex("key", (q) => q.eq("key", hash)).unique(),
});

/** A user's keys, newest first, bounded. */
export const listByOwner = query({
  args: { referenceId: v.string(), limit: v.number() },
  returns: v.array(apiKeyRow),
  handler: async (ctx, { referenceId, limit }) =>
    await ctx.db
      .query("apikey")
      .withIndex("referenceId", (q) => q.eq("referenceId", referenceId))
      .order("desc")
      .take(Math.min(Math.max(1, limit), 200)),
});

/** Every key, newest first, paginated (admin views). */
export const listAll = query({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(apiKeyRow),
  handler: async (ctx, { paginationOpts }) =>
    await ctx.db.query("apikey").order("desc").paginate(paginationOpts),
});

/**
 * Records the tier and the watermark code. For an unlimited tier it also clears Better Auth's
 * default `rateLimitMax` (createApiKey falls back to the plugin default when none is given), so
 * the row says "no limit".
 */
export const setTier = mutation({
  args: {
    id: v.string(),
    tier: v.union(...apikeyExtensionFields.tier.members),
    unlimited: v.boolean(),
    watermarkCode: v.string(),
    permissions: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { id, tier, unlimited, watermarkCode, permissions }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      tier,
      watermarkCode,
      ...(permissions !== undefined ? { permissions } : {}),
      ...(unlimited ? { rateLimitEnabled: false, rateLimitMax: null, remaining: null } : {}),
      updatedAt: Date.now(),
    });
    return null;
  },
});

export const rename = mutation({
  args: { id: v.string(), name: v.string() },
  returns: v.null(),
  handler: async (ctx, { id, name }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), { name, updatedAt: Date.now() });
    return null;
  },
});

/** Disables the key and records why and by whom; Better Auth's own verify refuses it too. */
export const revoke = mutation({
  args: { id: v.string(), reason: v.string(), at: v.number(), by: apikeyExtensionFields.revokedBy },
  returns: v.null(),
  handler: async (ctx, { id, reason, at, by }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      enabled: false,
      revokedAt: at,
      revokedReason: reason,
      revokedBy: by,
      updatedAt: at,
    });
    return null;
  },
});

/** Re-enables a revoked key (admin unban). */
export const unrevoke = mutation({
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      enabled: true,
      revokedAt: undefined,
      revokedReason: undefined,
      revokedBy: undefined,
      unbannedAt: Date.now(),
      updatedAt: Date.now(),
    });
    return null;
  },
});

/** Last-use write, debounced by the caller and run outside the request's transaction. */
export const touch = mutation({
  args: { id: v.string(), at: v.number() },
  returns: v.null(),
  handler: async (ctx, { id, at }) => {
    const keyId = ctx.db.normalizeId("apikey", id);
    const row = keyId ? await ctx.db.get("apikey", keyId) : null;
    // Scheduled writes may arrive late or twice: last use only moves forward.
    if (row && (row.lastUsedAt ?? 0) < at) await ctx.db.patch("apikey", row._id, { lastUsedAt: at });
    return null;
  },
});

/** After rotation: the old key points at its successor and stops at `expiresAt`. */
export const markRotated = mutation({
  args: { id: v.string(), rotatedToId: v.string(), expiresAt: v.number() },
  returns: v.null(),
  handler: async (ctx, { id, rotatedToId, expiresAt }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      rotatedToId,
      expiresAt,
      updatedAt: Date.now(),
    });
    return null;
  },
});

/** Sets or clears (null: never expires) a key's expiry; its owner chose "never" at creation. */
export const setExpiresAt = mutation({
  args: { id: v.string(), expiresAt: v.union(v.number(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { id, expiresAt }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), { expiresAt, updatedAt: Date.now() });
    return null;
  },
});

export const setSigningSecret = mutation({
  args: { id: v.string(), signingSecretId: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { id, signingSecretId }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), { signingSecretId, updatedAt: Date.now() });
    return null;
  },
});

export const remove = mutation({
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    await ctx.db.delete("apikey", requireId(ctx, id));
    return null;
  },
});

function requireId(ctx: { db: { normalizeId: (t: "apikey", id: string) => Id<"apikey"> | null } }, id: string) {
  const keyId = ctx.db.normalizeId("apikey", id);
  if (!keyId) throw new Error(`No API key with id ${id}`);
  return keyId;
}
