// Internal entry points of the key lifecycle (seed 002): callable by crons, seeds and tests only.
import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { tier } from "../shared/validators";
import { createTieredKey } from "./lifecycle";

/**
 * Creates a key of a tier for a Better Auth user through Better Auth's `createApiKey`, with the
 * tier's limits, the tier in metadata, the 5-key cap, usage counters and an `api_key_created`
 * event. Returns the plaintext key once.
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
  handler: async (ctx, args) => await createTieredKey(ctx, args),
});
