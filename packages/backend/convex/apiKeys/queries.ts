// The signed-in customer's keys and their usage. Other customers' keys read as not found.
// Nothing here reads the clock: results carry stored timestamps and counter states, and the web
// app derives status, "today" and "remaining" at its own time (apiKeys/status.ts, shared/usage.ts).
import { v } from "convex/values";
import type { QueryCtx } from "../_generated/server";
import { userQuery, type Viewer } from "../lib/functions";
import { appError } from "../lib/errors";
import { getKey, listOwnedKeys, type ApiKeyRow } from "./keyRows";
import { storedBudget, storedUsageOfKey } from "../quotas/customerQuota";
import { TIER_CONFIG, tiersForPlan } from "../shared/tiers";
import { tierOf } from "./policy";
import { budgetView, keyView, toKeyView, usageView } from "./views";

/** What the usage summary needs of a key. */
export function usageArgs(key: ApiKeyRow) {
  return { apiKeyId: key._id, userId: key.referenceId, tier: tierOf(key), lastUsedAt: key.lastUsedAt };
}

/** The viewer's key, or `not_found` (also for someone else's key: existence is not revealed). */
export async function requireOwnKey(ctx: QueryCtx, viewer: Viewer, keyId: string): Promise<ApiKeyRow> {
  const key = await getKey(ctx, keyId);
  if (!key || key.referenceId !== viewer.userId) throw appError("not_found", "No such API key.");
  return key;
}

export const list = userQuery({
  args: {},
  returns: v.array(v.object({ key: keyView, usage: v.union(usageView, v.null()) })),
  handler: async (ctx) => {
    const keys = await listOwnedKeys(ctx, ctx.viewer.userId);
    return await Promise.all(
      // `usage` stays nullable in the contract (the web app renders keys without usage).
      keys.map(async (key) => ({ key: toKeyView(key), usage: await storedUsageOfKey(ctx.db, usageArgs(key)) })),
    );
  },
});

export const get = userQuery({
  args: { keyId: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId }) => toKeyView(await requireOwnKey(ctx, ctx.viewer, keyId)),
});

export const usage = userQuery({
  args: { keyId: v.string() },
  returns: usageView,
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    return await storedUsageOfKey(ctx.db, usageArgs(key));
  },
});

/**
 * The viewer's stored budget per limited tier: shared by all their keys of the tier, whatever
 * was created, rotated, revoked or deleted in the window (remaining at a moment: `budgetAt`).
 */
export const budgets = userQuery({
  args: {},
  returns: v.array(budgetView),
  handler: async (ctx) => {
    const limited = tiersForPlan(ctx.viewer.profile.plan).filter((tier) => TIER_CONFIG[tier].limit !== null);
    return await Promise.all(limited.map(async (tier) => ({ tier, budget: await storedBudget(ctx.db, ctx.viewer.userId, tier) })));
  },
});
