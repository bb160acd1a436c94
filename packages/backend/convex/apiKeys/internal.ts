// Internal entry points of the key lifecycle: callable by crons, the demo seed and tests only.
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, internalQuery } from "../_generated/server";
import { appErrorKind, tier } from "../shared/validators";
import { createTieredKey } from "./create";
import { touchKey } from "./keyRows";
import { routeCreationRefusal } from "./triggers";
import { createAuth } from "../auth";
import { EXPIRED_KEYS_PER_SWEEP, expiredBefore, sweepBatch, sweepAdapter } from "./expirySweep";

/**
 * Creates a key of a tier for a Better Auth user through Better Auth's `createApiKey`, with the
 * tier's limits, the tier recorded on the key, the 5-key cap, usage counters and an
 * `api_key_created` event. Returns the plaintext key once, as `{ success, apiKey?, apiKeyId?, error? }`.
 */
export const createApiKey = internalMutation({
  args: {
    userId: v.string(),
    name: v.string(),
    subscriptionTier: tier,
    permissions: v.optional(v.array(v.string())),
    expiresInDays: v.optional(v.number()),
  },
  returns: v.object({
    success: v.boolean(),
    apiKey: v.optional(v.string()),
    apiKeyId: v.optional(v.string()),
    error: v.optional(v.string()),
  }),
  handler: async (ctx, { subscriptionTier, ...args }) => {
    const created = await createTieredKey(ctx, { ...args, tier: subscriptionTier });
    return created.ok
      ? { success: true, apiKey: created.apiKey, apiKeyId: created.apiKeyId }
      : { success: false, error: created.message };
  },
});

/** Records a key's last use; scheduled by the content API so its transaction never writes the key row. */
export const recordLastUse = internalMutation({
  args: { apiKeyId: v.string(), at: v.number() },
  returns: v.null(),
  handler: async (ctx, { apiKeyId, at }) => {
    await touchKey(ctx, apiKeyId, at);
    return null;
  },
});

/** Why Better Auth's own create route must refuse a new key for this user now, or null. */
export const creationRefusal = internalQuery({
  args: { userId: v.string() },
  returns: v.union(v.object({ ok: v.literal(false), kind: appErrorKind, message: v.string() }), v.null()),
  handler: async (ctx, { userId }) => await routeCreationRefusal(ctx, userId),
});

/**
 * Deletes one bounded batch of expired keys (tombstones kept by the apikey onDelete trigger), and
 * schedules the next batch when this one was full. Run by a cron, so Better Auth's own sweep at
 * key creation only ever finds the few keys that expired since.
 */
export const sweepExpired = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const { adapter } = await createAuth(ctx).$context;
    const deleted = await sweepBatch(sweepAdapter(adapter), expiredBefore(Date.now()));
    if (deleted === EXPIRED_KEYS_PER_SWEEP) await ctx.scheduler.runAfter(0, internal.apiKeys.internal.sweepExpired, {});
    return deleted;
  },
});
