// Internal entry points of the key lifecycle: callable by crons, the demo seed and tests only.
import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { appErrorKind, tier } from "../shared/validators";
import { createTieredKey } from "./create";
import { touchKey } from "./keyRows";
import { routeCreationRefusal } from "./triggers";

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
