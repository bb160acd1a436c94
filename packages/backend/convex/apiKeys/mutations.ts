// The signed-in customer's key lifecycle: create, rename, revoke, rotate, delete.
import { v } from "convex/values";
import { userMutation } from "../lib/functions";
import { appError } from "../lib/errors";
import { HOUR } from "../lib/time";
import { MAX_ACTIVE_KEYS_PER_USER, MAX_KEYS_ERROR, planAllowsTier } from "../shared/tiers";
import { tier } from "../shared/validators";
import { createTieredKey, deleteKey, getKey, renameKey, revokeKey, rotateKey } from "./lifecycle";
import { requireOwnKey } from "./queries";
import { createdKeyView, keyView, toKeyView } from "./views";
import { disableSigning, enableSigning } from "./signingSecrets";

export const MAX_REASON_LENGTH = 500;

export const create = userMutation({
  args: { name: v.string(), tier, expiresInDays: v.optional(v.number()) },
  returns: createdKeyView,
  handler: async (ctx, args) => {
    if (!planAllowsTier(ctx.viewer.profile.plan, args.tier)) {
      throw appError("forbidden", `Your ${ctx.viewer.profile.plan} plan does not include ${args.tier} keys.`);
    }
    const result = await createTieredKey(ctx, {
      userId: ctx.viewer.userId,
      name: args.name,
      subscriptionTier: args.tier,
      expiresInDays: args.expiresInDays,
    });
    if (!result.success || !result.apiKey || !result.apiKeyId) {
      if (result.error === MAX_KEYS_ERROR) {
        throw appError(
          "limit_reached",
          `${MAX_KEYS_ERROR}: you have ${MAX_ACTIVE_KEYS_PER_USER} active keys. Revoke or delete one to create another; rotating an existing key is always possible.`,
        );
      }
      throw appError("invalid_argument", result.error ?? "Could not create the key.");
    }
    const key = (await getKey(ctx, result.apiKeyId))!;
    return { apiKey: result.apiKey, apiKeyId: result.apiKeyId, key: toKeyView(key, Date.now()) };
  },
});

export const rename = userMutation({
  args: { keyId: v.string(), name: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId, name }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const result = await renameKey(ctx, key, name, ctx.viewer.userId);
    if (!result.ok) throw appError("invalid_argument", result.error);
    return toKeyView((await getKey(ctx, keyId))!, Date.now());
  },
});

export const revoke = userMutation({
  args: { keyId: v.string(), reason: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId, reason }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const trimmed = reason.trim().slice(0, MAX_REASON_LENGTH) || "Revoked by owner";
    await revokeKey(ctx, key, trimmed, ctx.viewer.userId);
    return toKeyView((await getKey(ctx, keyId))!, Date.now());
  },
});

export const rotate = userMutation({
  args: { keyId: v.string(), gracePeriodHours: v.optional(v.number()) },
  returns: createdKeyView,
  handler: async (ctx, { keyId, gracePeriodHours }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const result = await rotateKey(ctx, key, (gracePeriodHours ?? 0) * HOUR, ctx.viewer.userId);
    if (!result.success) throw appError(result.kind, result.error);
    const created = (await getKey(ctx, result.apiKeyId))!;
    return { apiKey: result.apiKey, apiKeyId: result.apiKeyId, key: toKeyView(created, Date.now()) };
  },
});

export const remove = userMutation({
  args: { keyId: v.string() },
  returns: v.null(),
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    await deleteKey(ctx, key, ctx.viewer.userId);
    return null;
  },
});

/** Turns on request signing for a key; the secret is returned once and stored encrypted. */
export const enableRequestSigning = userMutation({
  args: { keyId: v.string() },
  returns: v.object({ signingSecret: v.string(), key: keyView }),
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const signingSecret = await enableSigning(ctx, key, ctx.viewer.userId);
    return { signingSecret, key: toKeyView((await getKey(ctx, keyId))!, Date.now()) };
  },
});

export const disableRequestSigning = userMutation({
  args: { keyId: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    await disableSigning(ctx, key, ctx.viewer.userId);
    return toKeyView((await getKey(ctx, keyId))!, Date.now());
  },
});
