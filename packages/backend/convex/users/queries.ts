// The signed-in user's own account: profile, plan and what it allows.
import { v } from "convex/values";
import { userQuery } from "../lib/functions";
import { MAX_ACTIVE_KEYS_PER_USER, tiersForPlan } from "../shared/tiers";
import { role, tier } from "../shared/validators";
import { listOwnedKeys } from "../apiKeys/keyRows";
import { liveKeyExpiries } from "../apiKeys/policy";

export const me = userQuery({
  args: {},
  returns: v.object({
    userId: v.string(),
    email: v.string(),
    name: v.string(),
    plan: tier,
    role,
    allowedTiers: v.array(tier),
    /**
     * The expiry of each key that counts against the cap unless expired (null: never): the
     * number active is `countActiveAt(liveKeyExpiries, now)` at the reader's time.
     */
    liveKeyExpiries: v.array(v.union(v.number(), v.null())),
    maxActiveKeys: v.number(),
  }),
  handler: async (ctx) => {
    const { viewer } = ctx;
    const keys = await listOwnedKeys(ctx, viewer.userId);
    return {
      userId: viewer.userId,
      email: viewer.email,
      name: viewer.name,
      plan: viewer.profile.plan,
      role: viewer.profile.role,
      allowedTiers: tiersForPlan(viewer.profile.plan),
      liveKeyExpiries: liveKeyExpiries(keys),
      maxActiveKeys: MAX_ACTIVE_KEYS_PER_USER,
    };
  },
});
