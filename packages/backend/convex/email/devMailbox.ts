/**
 * The development mailbox: the latest emails stored when `EMAIL_DEV_MAILBOX=1` (see config.ts).
 * Internal only: the local backend's `/_dev/mailbox` page and tests read it; no client can.
 */
import { v } from "convex/values";
import { internalQuery } from "../_generated/server";

export const list = internalQuery({
  args: { to: v.optional(v.string()), limit: v.optional(v.number()) },
  returns: v.array(
    v.object({ to: v.string(), subject: v.string(), text: v.string(), url: v.optional(v.string()), kind: v.string(), createdAt: v.number() }),
  ),
  handler: async (ctx, { to, limit }) => {
    const take = Math.min(Math.max(1, limit ?? 50), 200);
    const rows = to
      ? await ctx.db.query("devMailbox").withIndex("by_to_and_createdAt", (q) => q.eq("to", to.trim().toLowerCase())).order("desc").take(take)
      : await ctx.db.query("devMailbox").withIndex("by_createdAt").order("desc").take(take);
    return rows.map(({ to, subject, text, url, kind, createdAt }) => ({ to, subject, text, url, kind, createdAt }));
  },
});
