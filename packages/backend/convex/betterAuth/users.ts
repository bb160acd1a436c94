// Read access to Better Auth's user table for the app (names and emails in views and audits).
import { v } from "convex/values";
import { query } from "./_generated/server";

export const getById = query({
  args: { id: v.string() },
  handler: async (ctx, { id }) => {
    const userId = ctx.db.normalizeId("user", id);
    const user = userId ? await ctx.db.get("user", userId) : null;
    return user ? { id: user._id as string, email: user.email, name: user.name } : null;
  },
});
