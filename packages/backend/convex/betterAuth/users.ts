// Read access to Better Auth's user table for the app (names and emails in views and audits).
import { v } from "convex/values";
import { query } from "./_generated/server";

export const getById = query({
  args: { id: v.string() },
  returns: v.union(
    v.object({ id: v.string(), email: v.string(), name: v.string(), emailVerified: v.boolean() }),
    v.null(),
  ),
  handler: async (ctx, { id }) => {
    const userId = ctx.db.normalizeId("user", id);
    const user = userId ? await ctx.db.get("user", userId) : null;
    return user ? { id: user._id as string, email: user.email, name: user.name, emailVerified: user.emailVerified } : null;
  },
});
