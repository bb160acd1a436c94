/**
 * The app's profile of a Better Auth user: plan (highest key tier allowed) and role. Created in
 * the same transaction as the Better Auth user (trigger in auth.ts).
 */
import { components } from "../_generated/api";
import type { DatabaseReader, MutationCtx, QueryCtx } from "../_generated/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { Tier } from "../shared/tiers";

export async function getProfile(db: DatabaseReader, authUserId: string) {
  return await db
    .query("profiles")
    .withIndex("by_authUserId", (q) => q.eq("authUserId", authUserId))
    .unique();
}

/** Better Auth's user (id, email, name, whether the email is verified), or null. */
export async function getAuthUser(ctx: Pick<QueryCtx, "runQuery">, authUserId: string) {
  return await ctx.runQuery(components.betterAuth.users.getById, { id: authUserId });
}

/**
 * Every new user starts as a customer on the free plan, whatever their email says: an address is
 * not proof of anything until it is verified, so no role or plan is granted at sign-up. Admins are
 * made by `admin/bootstrap:grant` (deploy-key holders) or by the demo seed, through `grantAdmin`.
 */
export async function createProfile(
  ctx: Pick<MutationCtx, "db">,
  user: { _id: string; email: string; name: string; createdAt?: number },
): Promise<Doc<"profiles">> {
  const existing = await getProfile(ctx.db, user._id);
  if (existing) return existing;
  const id = await ctx.db.insert("profiles", {
    authUserId: user._id,
    email: user.email,
    name: user.name,
    plan: "free",
    role: "user",
    createdAt: user.createdAt ?? Date.now(),
  });
  return (await ctx.db.get("profiles", id))!;
}

/** Keeps the profile's copy of the name and email in step with Better Auth's user. */
export async function syncProfile(
  ctx: Pick<MutationCtx, "db">,
  user: { _id: string; email: string; name: string },
) {
  const profile = await getProfile(ctx.db, user._id);
  if (profile && (profile.email !== user.email || profile.name !== user.name)) {
    await ctx.db.patch("profiles", profile._id, { email: user.email, name: user.name });
  }
}

/**
 * Sets a customer's plan; returns the profile as it was before (null when there is none).
 * Callers audit the change.
 */
export async function setPlan(ctx: Pick<MutationCtx, "db">, profileId: Id<"profiles">, plan: Tier) {
  const profile = await ctx.db.get("profiles", profileId);
  if (profile && profile.plan !== plan) await ctx.db.patch("profiles", profileId, { plan });
  return profile;
}

/** The profile with this email (as stored by Better Auth: lower case), or null. */
export async function profileByEmail(db: DatabaseReader, email: string) {
  return await db
    .query("profiles")
    .withIndex("by_email", (q) => q.eq("email", email.trim().toLowerCase()))
    .unique();
}

/** Gives a profile the admin role (callers: the bootstrap command and the demo seed). */
export async function grantAdmin(ctx: Pick<MutationCtx, "db">, profile: Doc<"profiles">) {
  if (profile.role !== "admin") await ctx.db.patch("profiles", profile._id, { role: "admin" });
}
