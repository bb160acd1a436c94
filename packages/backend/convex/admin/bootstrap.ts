/**
 * Making the first admin, safely: an internal mutation, so only someone holding the deployment's
 * deploy key (or dashboard access) can run it, never a signed-up stranger:
 *
 *   npx convex run admin/bootstrap:grant '{"email":"you@example.com"}'
 *
 * The account must exist already (sign up first). Later admins can be made the same way.
 */
import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { logSecurityEvent } from "../audit/events";
import { grantAdmin, profileByEmail } from "../users/profiles";

export const grant = internalMutation({
  args: { email: v.string() },
  returns: v.union(
    v.object({ ok: v.literal(true), userId: v.string(), email: v.string(), alreadyAdmin: v.boolean() }),
    v.object({ ok: v.literal(false), kind: v.literal("not_found"), message: v.string() }),
  ),
  handler: async (ctx, { email }) => {
    const profile = await profileByEmail(ctx.db, email);
    if (!profile) {
      return { ok: false as const, kind: "not_found" as const, message: `No account with the email ${email.trim()}: sign up first.` };
    }
    const alreadyAdmin = profile.role === "admin";
    if (!alreadyAdmin) {
      await grantAdmin(ctx, profile);
      await logSecurityEvent(ctx, {
        type: "admin_granted",
        severity: "warning",
        actor: "deploy-key",
        userId: profile.authUserId,
        details: { email: profile.email, via: "admin/bootstrap:grant" },
      });
    }
    return { ok: true as const, userId: profile.authUserId, email: profile.email, alreadyAdmin };
  },
});
