// Customers as admins see them (listed by admin/search.ts) and their plans; only admins change plans.
import { v } from "convex/values";
import { adminMutation } from "../lib/functions";
import { appError } from "../lib/errors";
import { logSecurityEvent } from "../audit/events";
import { setPlan as setProfilePlan } from "../users/profiles";
import { role, tier } from "../shared/validators";

/** A customer as admins see them (list and search). */
export const customerView = v.object({
  profileId: v.id("profiles"),
  userId: v.string(),
  email: v.string(),
  name: v.string(),
  plan: tier,
  role,
  createdAt: v.number(),
  /**
   * The expiry of each of their keys that is neither revoked nor rotating out (null: never):
   * clients count the active ones at their own time with `countActiveAt` (apiKeys/status.ts).
   */
  liveKeyExpiries: v.array(v.union(v.number(), v.null())),
});

/**
 * Changes a customer's plan (the highest tier of key they may create). Existing keys keep their
 * tier; a downgrade only limits new keys, and the change is audited.
 */
export const setPlan = adminMutation({
  args: { profileId: v.id("profiles"), plan: tier },
  returns: v.null(),
  handler: async (ctx, { profileId, plan }) => {
    const profile = await setProfilePlan(ctx, profileId, plan);
    if (!profile) throw appError("not_found", "No such customer.");
    if (profile.plan === plan) return null;
    await logSecurityEvent(ctx, {
      type: "plan_changed",
      severity: "info",
      actor: ctx.viewer.userId,
      userId: profile.authUserId,
      details: { from: profile.plan, to: plan, email: profile.email },
    });
    return null;
  },
});
