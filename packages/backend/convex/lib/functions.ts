/**
 * Custom function builders: authentication and authorisation done once, here.
 *
 * - `userQuery` / `userMutation`: a signed-in user with a live session; `ctx.viewer` holds their
 *   Better Auth user id and profile. Anonymous callers get `unauthenticated`.
 * - `adminQuery` / `adminMutation`: additionally require `role === "admin"` (`forbidden` otherwise).
 *
 * Client-supplied user ids are never accepted: the id always comes from the verified session.
 *
 * @example
 *   export const list = userQuery({ args: {}, returns: v.array(keyView),
 *     handler: async (ctx) => listKeys(ctx, ctx.viewer.userId) });
 */
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { mutation, query, type QueryCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { authComponent } from "../auth";
import { getProfile } from "../users/profiles";
import { appError } from "./errors";

export type Viewer = { userId: string; email: string; name: string; profile: Doc<"profiles"> };

/** The signed-in user, or throws `unauthenticated`. Checks the session is still alive. */
export async function requireViewer(ctx: QueryCtx): Promise<Viewer> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw appError("unauthenticated", "Sign in to continue.");
  const user = await authComponent.safeGetAuthUser(ctx);
  if (!user) throw appError("unauthenticated", "Your session has ended. Sign in again.");
  const profile = await getProfile(ctx.db, user._id);
  if (!profile) throw appError("unauthenticated", "Your account is not set up yet.");
  return { userId: user._id, email: user.email, name: user.name, profile };
}

async function requireAdmin(ctx: QueryCtx): Promise<Viewer> {
  const viewer = await requireViewer(ctx);
  if (viewer.profile.role !== "admin") throw appError("forbidden", "Admins only.");
  return viewer;
}

export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: await requireViewer(ctx) })),
);
export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ viewer: await requireViewer(ctx) })),
);
export const adminQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: await requireAdmin(ctx) })),
);
export const adminMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ viewer: await requireAdmin(ctx) })),
);
