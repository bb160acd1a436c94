/**
 * What became of an alert, for its page (#15 item 11): unbanning the key from an alert also
 * resolves that alert (one transaction, two audit events), and the page shows who resolved it,
 * when, and their note.
 */
import { v } from "convex/values";
import { components } from "../_generated/api";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError, orThrow } from "../lib/errors";
import { getKey, unbanKey } from "../apiKeys/lifecycle";
import { MAX_REASON_LENGTH } from "../apiKeys/mutations";
import { markResolved } from "./alerts";

/** Unbans the alert's key and resolves the alert, with the same note on both events. */
export const unbanAndResolve = adminMutation({
  args: { alertId: v.id("scrapingAlerts"), note: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { alertId, note }) => {
    const alert = await ctx.db.get("scrapingAlerts", alertId);
    if (!alert) throw appError("not_found", "No such alert.");
    const key = await getKey(ctx, alert.apiKeyId);
    if (!key) throw appError("not_found", "The alert's key was deleted.");
    const trimmed = note?.trim().slice(0, MAX_REASON_LENGTH) || undefined;
    orThrow(await unbanKey(ctx, key, ctx.viewer.userId, trimmed));
    if (!alert.resolved) await markResolved(ctx, alert, ctx.viewer.userId, { note: trimmed ?? null, outcome: "key unbanned" });
    return null;
  },
});

/** Who resolved the alert, when, and their note; null while it is open. */
export const resolution = adminQuery({
  args: { alertId: v.id("scrapingAlerts") },
  returns: v.union(v.null(), v.object({ byEmail: v.union(v.string(), v.null()), at: v.number(), note: v.union(v.string(), v.null()) })),
  handler: async (ctx, { alertId }) => {
    const alert = await ctx.db.get("scrapingAlerts", alertId);
    if (!alert) throw appError("not_found", "No such alert.");
    if (!alert.resolved || alert.resolvedAt === undefined) return null;
    // The resolution event sits next to the resolution time in the key's own (small) history.
    const events = await ctx.db
      .query("securityEvents")
      .withIndex("by_apiKeyId_and_createdAt", (q) => q.eq("apiKeyId", alert.apiKeyId).gte("createdAt", alert.resolvedAt! - 5_000))
      .take(100);
    const event = events.find((e) => e.type === "alert_resolved" && (JSON.parse(e.details) as { alertId?: string }).alertId === alertId);
    const note = event ? ((JSON.parse(event.details) as { note?: string | null }).note ?? null) : null;
    const by = alert.resolvedBy ? await ctx.runQuery(components.betterAuth.users.getById, { id: alert.resolvedBy }) : null;
    return { byEmail: by?.email ?? (alert.resolvedBy === "system" ? "system" : null), at: alert.resolvedAt, note };
  },
});
