/**
 * A customer moves one of their keys to another tier within their plan (#15 item 10), e.g. after
 * an admin changed the plan; and the notice that tells them an admin changed it. The key keeps
 * its secret, name, expiry and counters; its tier, permissions and limit change at once (the hot
 * path reads the tier from the key row and the usage document, both written here), and the
 * change is audited as `api_key_tier_changed`.
 */
import { v } from "convex/values";
import type { MutationCtx } from "../_generated/server";
import { logSecurityEvent } from "../audit/events";
import { appError } from "../lib/errors";
import { userMutation, userQuery } from "../lib/functions";
import { DEFAULT_KEY_EXPIRY_MS, planAllowsTier, TIER_CONFIG, type Tier } from "../shared/tiers";
import { scopesAfterTierChange, tierAllowsNoExpiry } from "../shared/keyChoices";
import { tier } from "../shared/validators";
import { getKey, listOwnedKeys, setKeyExpiresAt, setKeyTier, type ApiKeyRow } from "./keyRows";
import { liveKeyExpiries, tierOf } from "./policy";
import { requireOwnKey } from "./queries";
import { keyStatus, parsePermissions, toBetterAuthPermissions } from "./status";
import { getUsageDoc } from "./usage";
import { keyView, toKeyView } from "./views";

/** Sets a key's tier everywhere the request path reads it, and logs who did it. */
export async function changeKeyTier(ctx: MutationCtx, key: ApiKeyRow, to: Tier, actor: string) {
  const from = tierOf(key);
  if (from === to) return false;
  // The tier has one stored copy, on the key row; the watermark code stays the key's own.
  const watermarkCode = key.watermarkCode ?? (await getUsageDoc(ctx.db, key._id))?.watermarkCode ?? "";
  // Scopes chosen at creation survive the move (never widened); see keyChoices.ts.
  const scopes = scopesAfterTierChange(parsePermissions(key.permissions), from, to);
  if (scopes.length === 0) {
    throw appError("invalid_argument", `This key's scopes (${parsePermissions(key.permissions).join(", ")}) are not in the ${TIER_CONFIG[to].label} tier: create a new key instead.`);
  }
  await setKeyTier(ctx, {
    id: key._id,
    tier: to,
    unlimited: TIER_CONFIG[to].limit === null,
    watermarkCode,
    permissions: JSON.stringify(toBetterAuthPermissions(scopes)),
  });
  // A never-expiring key moved to a tier whose keys must expire gets the default lifetime.
  if (key.expiresAt == null && !tierAllowsNoExpiry(to)) await setKeyExpiresAt(ctx, key._id, Date.now() + DEFAULT_KEY_EXPIRY_MS);
  await logSecurityEvent(ctx, {
    type: "api_key_tier_changed",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { name: key.name ?? null, from, to },
  });
  return true;
}

export const changeTier = userMutation({
  args: { keyId: v.string(), tier },
  returns: keyView,
  handler: async (ctx, args) => {
    const key = await requireOwnKey(ctx, ctx.viewer, args.keyId);
    const plan = ctx.viewer.profile.plan;
    if (!planAllowsTier(plan, args.tier)) {
      throw appError("forbidden", `Your ${TIER_CONFIG[plan].label} plan includes keys up to ${TIER_CONFIG[plan].label}, not ${TIER_CONFIG[args.tier].label}.`);
    }
    if (keyStatus(key, Date.now()) !== "active") {
      throw appError("conflict", "Only an active key can change tier: this one is revoked or expired.");
    }
    await changeKeyTier(ctx, key, args.tier, ctx.viewer.userId);
    return toKeyView((await getKey(ctx, key._id))!);
  },
});

/**
 * The latest plan change an admin made to the viewer's account, with how many of their active
 * keys are on a tier the plan no longer includes, or null when the plan was never changed.
 */
export const planNotice = userQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      from: tier,
      to: tier,
      changedAt: v.number(),
      /** Expiries of the live keys on a tier the plan no longer includes (`countActiveAt` counts them). */
      keysAbovePlan: v.array(v.union(v.number(), v.null())),
    }),
  ),
  handler: async (ctx) => {
    const events = await ctx.db
      .query("securityEvents")
      .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", ctx.viewer.userId))
      .order("desc")
      .take(200);
    const change = events.find((e) => e.type === "plan_changed");
    if (!change) return null;
    const details = JSON.parse(change.details) as { from: Tier; to: Tier };
    const keys = await listOwnedKeys(ctx, ctx.viewer.userId);
    const keysAbovePlan = liveKeyExpiries(keys.filter((k) => !planAllowsTier(ctx.viewer.profile.plan, tierOf(k))));
    return { from: details.from, to: details.to, changedAt: change.createdAt, keysAbovePlan };
  },
});
