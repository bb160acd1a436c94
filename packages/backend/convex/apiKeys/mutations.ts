// The signed-in customer's key lifecycle: create, rename, revoke, rotate, delete, signing.
import { v } from "convex/values";
import { userMutation } from "../lib/functions";
import { appError, orThrow } from "../lib/errors";
import { HOUR } from "../lib/time";
import { planAllowsTier } from "../shared/tiers";
import { tier } from "../shared/validators";
import { createTieredKey } from "./create";
import { getKey } from "./keyRows";
import { deleteKey, renameKey, revokeKey, rotateKey } from "./lifecycle";
import { requireOwnKey } from "./queries";
import { createdKeyView, keyView, toKeyView } from "./views";
import { disableSigning, enableSigning } from "./signingSecrets";

export { MAX_REASON_LENGTH } from "../shared/keyLimits";
import { MAX_REASON_LENGTH } from "../shared/keyLimits";

/**
 * Creates a key for the viewer. `permissions`: its scopes (`contents`, `search`), at least one,
 * within the tier (all of the tier's when omitted). Expiry: `expiresInDays` (whole days), or
 * `expiresAt` (ms since the epoch; null = never, where the tier allows), not both; default 30 days.
 */
export const create = userMutation({
  args: {
    name: v.string(),
    tier,
    permissions: v.optional(v.array(v.string())),
    expiresInDays: v.optional(v.number()),
    expiresAt: v.optional(v.union(v.number(), v.null())),
  },
  returns: createdKeyView,
  handler: async (ctx, args) => {
    if (!planAllowsTier(ctx.viewer.profile.plan, args.tier)) {
      throw appError("forbidden", `Your ${ctx.viewer.profile.plan} plan does not include ${args.tier} keys.`);
    }
    if (args.expiresInDays !== undefined && args.expiresAt !== undefined) {
      throw appError("invalid_argument", "Give either a number of days or an expiry date, not both.");
    }
    const created = orThrow(
      await createTieredKey(ctx, {
        userId: ctx.viewer.userId,
        name: args.name,
        tier: args.tier,
        permissions: args.permissions,
        expiresInDays: args.expiresInDays,
        expiresAt: args.expiresAt,
      }),
    );
    const key = (await getKey(ctx, created.apiKeyId))!;
    return { apiKey: created.apiKey, apiKeyId: created.apiKeyId, key: toKeyView(key) };
  },
});

export const rename = userMutation({
  args: { keyId: v.string(), name: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId, name }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    orThrow(await renameKey(ctx, key, name, ctx.viewer.userId));
    return toKeyView((await getKey(ctx, keyId))!);
  },
});

export const revoke = userMutation({
  args: { keyId: v.string(), reason: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId, reason }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const trimmed = reason.trim().slice(0, MAX_REASON_LENGTH) || "Revoked by owner";
    await revokeKey(ctx, key, trimmed, ctx.viewer.userId);
    return toKeyView((await getKey(ctx, keyId))!);
  },
});

export const rotate = userMutation({
  args: { keyId: v.string(), gracePeriodHours: v.optional(v.number()) },
  returns: createdKeyView,
  handler: async (ctx, { keyId, gracePeriodHours }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const rotated = orThrow(await rotateKey(ctx, key, (gracePeriodHours ?? 0) * HOUR, ctx.viewer.userId));
    const created = (await getKey(ctx, rotated.apiKeyId))!;
    return { apiKey: rotated.apiKey, apiKeyId: rotated.apiKeyId, key: toKeyView(created) };
  },
});

export const remove = userMutation({
  args: { keyId: v.string() },
  returns: v.null(),
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    orThrow(await deleteKey(ctx, key, ctx.viewer.userId));
    return null;
  },
});

/** Turns on request signing for a key; the secret is returned once and stored encrypted. */
export const enableRequestSigning = userMutation({
  args: { keyId: v.string() },
  returns: v.object({ signingSecret: v.string(), key: keyView }),
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const { secret } = orThrow(await enableSigning(ctx, key, ctx.viewer.userId));
    return { signingSecret: secret, key: toKeyView((await getKey(ctx, keyId))!) };
  },
});

export const disableRequestSigning = userMutation({
  args: { keyId: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    await disableSigning(ctx, key, ctx.viewer.userId);
    return toKeyView((await getKey(ctx, keyId))!);
  },
});
