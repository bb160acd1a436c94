/**
 * Retention of the audit trail: info-level events of anonymous callers (invalid-key attempts) and
 * the per-address invalid-attempt counters are deleted after AUDIT_RETENTION_DAYS, in bounded
 * batches; every other event (any signed-in or system actor, any warning or critical) is kept.
 * Accepted request signatures whose timestamp left the window go too. Run daily by crons.ts; a
 * backlog reschedules itself.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../_generated/server";
import { serverEnv } from "../lib/env";
import { DAY } from "../lib/time";

/** Rows one run deletes per table before rescheduling itself. */
export const AUDIT_PRUNE_BATCH = 500;

export const prune = internalMutation({
  args: {},
  returns: v.object({ events: v.number(), attempts: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const before = Date.now() - serverEnv().AUDIT_RETENTION_DAYS * DAY;
    const events = await ctx.db
      .query("securityEvents")
      .withIndex("by_actor_and_severity_and_createdAt", (q) => q.eq("actor", "anonymous").eq("severity", "info").lt("createdAt", before))
      .take(AUDIT_PRUNE_BATCH);
    for (const event of events) await ctx.db.delete("securityEvents", event._id);
    const attempts = await ctx.db
      .query("invalidKeyAttempts")
      .withIndex("by_windowStart", (q) => q.lt("windowStart", before))
      .take(AUDIT_PRUNE_BATCH);
    for (const row of attempts) await ctx.db.delete("invalidKeyAttempts", row._id);
    const signatures = await ctx.db
      .query("usedSignatures")
      .withIndex("by_expiresAt", (q) => q.lt("expiresAt", Date.now()))
      .take(AUDIT_PRUNE_BATCH);
    for (const row of signatures) await ctx.db.delete("usedSignatures", row._id);
    const more = [events, attempts, signatures].some((rows) => rows.length === AUDIT_PRUNE_BATCH);
    if (more) await ctx.scheduler.runAfter(0, internal.audit.retention.prune, {});
    return { events: events.length, attempts: attempts.length, more };
  },
});
