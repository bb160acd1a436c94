// Admin view of customers and their plans; only admins change plans.
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { logSecurityEvent } from "../audit/events";
import { listOwnedKeys } from "../apiKeys/keyRows";
import { countActive } from "../apiKeys/policy";
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
  activeKeys: v.number(),
});

export const list = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(customerView),
  handler: async (ctx, { paginationOpts }) => {
    const now = Date.now();
    const result = await ctx.db.query("profiles").order("desc").paginate(paginationOpts);
    const page = await Promise.all(
      result.page.map(async (p) => ({
        profileId: p._id,
        userId: p.authUserId,
        email: p.email,
        name: p.name,
        plan: p.plan,
        role: p.role,
        createdAt: p.createdAt,
        activeKeys: countActive(await listOwnedKeys(ctx, p.authUserId), now),
      })),
    );
    return { ...result, page };
  },
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
