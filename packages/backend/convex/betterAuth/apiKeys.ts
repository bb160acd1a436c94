/**
 * Functions inside the Better Auth component over its `apikey` table, for the app's own key
 * lifecycle and hot path. Better Auth creates keys (hashing them); these functions only read rows
 * and write the product's extension fields, `name`, `enabled` and `expiresAt`. They never see or
 * return a plaintext key, and the app never returns `key` (the hash) to clients.
 */
import { v } from "convex/values";
import { paginationOptsValidator } from "convex/server";
import { mutation, query } from "./_generated/server";
import { apikeyExtensionFields } from "./schema";

const tier = apikeyExtensionFields.tier;

export const getById = query({
  args: { id: v.string() },
  handler: async (ctx, { id }) => {
    const keyId = ctx.db.normalizeId("apikey", id);
    return keyId ? await ctx.db.get("apikey", keyId) : null;
  },
});

/** Looks a key up by Better Auth's stored hash (base64url SHA-256 of the plaintext). */
export const getByHash = query({
  args: { hash: v.string() },
  handler: async (ctx, { hash }) =>
    await ctx.db.query("apikey").withIndex("key", (q) => q.eq("key", hash)).unique(),
});

/** A user's keys, newest first, bounded. */
export const listByOwner = query({
  args: { referenceId: v.string(), limit: v.number() },
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
  handler: async (ctx, { paginationOpts }) =>
    await ctx.db.query("apikey").order("desc").paginate(paginationOpts),
});

/**
 * Records the tier. For an unlimited tier it also clears Better Auth's default `rateLimitMax`
 * (createApiKey falls back to the plugin default when none is given), so the row says "no limit".
 */
export const setTier = mutation({
  args: { id: v.string(), tier, unlimited: v.boolean(), permissions: v.optional(v.string()) },
  handler: async (ctx, { id, tier, unlimited, permissions }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      tier,
      ...(permissions !== undefined ? { permissions } : {}),
      ...(unlimited ? { rateLimitEnabled: false, rateLimitMax: null, remaining: null } : {}),
      updatedAt: Date.now(),
    });
  },
});

export const rename = mutation({
  args: { id: v.string(), name: v.string() },
  handler: async (ctx, { id, name }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), { name, updatedAt: Date.now() });
  },
});

/** Disables the key and records why; Better Auth's own verify refuses disabled keys too. */
export const revoke = mutation({
  args: { id: v.string(), reason: v.string(), at: v.number() },
  handler: async (ctx, { id, reason, at }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      enabled: false,
      revokedAt: at,
      revokedReason: reason,
      updatedAt: at,
    });
  },
});

/** Re-enables a revoked key (admin unban). */
export const unrevoke = mutation({
  args: { id: v.string() },
  handler: async (ctx, { id }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      enabled: true,
      revokedAt: undefined,
      revokedReason: undefined,
      unbannedAt: Date.now(),
      updatedAt: Date.now(),
    });
  },
});

/** Debounced last-use write: callers only call it when the stored value is stale. */
export const touch = mutation({
  args: { id: v.string(), at: v.number() },
  handler: async (ctx, { id, at }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), { lastUsedAt: at });
  },
});

/** After rotation: the old key points at its successor and stops at `expiresAt`. */
export const markRotated = mutation({
  args: { id: v.string(), rotatedToId: v.string(), expiresAt: v.number() },
  handler: async (ctx, { id, rotatedToId, expiresAt }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), {
      rotatedToId,
      expiresAt,
      updatedAt: Date.now(),
    });
  },
});

export const setSigningSecret = mutation({
  args: { id: v.string(), signingSecretId: v.optional(v.string()) },
  handler: async (ctx, { id, signingSecretId }) => {
    await ctx.db.patch("apikey", requireId(ctx, id), { signingSecretId, updatedAt: Date.now() });
  },
});

export const remove = mutation({
  args: { id: v.string() },
  handler: async (ctx, { id }) => {
    await ctx.db.delete("apikey", requireId(ctx, id));
  },
});

function requireId(ctx: { db: { normalizeId: (t: "apikey", id: string) => unknown } }, id: string) {
  const keyId = ctx.db.normalizeId("apikey", id);
  if (!keyId) throw new Error(`No API key with id ${id}`);
  return keyId as import("./_generated/dataModel").Id<"apikey">;
}
