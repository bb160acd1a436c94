// The admins' scraping-alert queue: live list with filters, evidence per alert, resolution.
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { components } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { logSecurityEvent } from "../audit/events";
import { getKey } from "../apiKeys/keyRows";
import { revokeKey, unbanKey } from "../apiKeys/lifecycle";
import { keyStateFields, keyView, toKeyRecordView, toKeyView } from "../apiKeys/views";
import { findKeyRecord } from "../apiKeys/tombstones";
import { doc } from "convex-helpers/validators";
import schema from "../schema";
import { alertSeverity, alertType } from "../shared/validators";
import { MAX_REASON_LENGTH } from "../apiKeys/mutations";

/** Requests shown as an alert's evidence: the key's rows in the alert's window, newest first. */
export const EVIDENCE_REQUESTS = 200;

/** Resolves an alert and audits who did it (`alert_resolved`); `details` adds to the event. */
export async function markResolved(
  ctx: MutationCtx,
  alert: Doc<"scrapingAlerts">,
  actor: string,
  details: Record<string, unknown>,
) {
  await ctx.db.patch("scrapingAlerts", alert._id, { resolved: true, resolvedBy: actor, resolvedAt: Date.now() });
  await logSecurityEvent(ctx, {
    type: "alert_resolved",
    severity: "info",
    actor,
    apiKeyId: alert.apiKeyId,
    userId: alert.userId,
    details: { alertId: alert._id, alertType: alert.alertType, ...details },
  });
}

const alertView = v.object({
  ...doc(schema, "scrapingAlerts").fields,
  keyName: v.union(v.string(), v.null()),
  ownerEmail: v.union(v.string(), v.null()),
  /** The key's stored state (`keyRecordStatus(keyState, now)` in apiKeys/status.ts); null: unknown key. */
  keyState: v.union(v.object({ ...keyStateFields, deletedAt: v.union(v.number(), v.null()) }), v.null()),
});

async function withContext(ctx: QueryCtx, alert: Doc<"scrapingAlerts">) {
  // Live or deleted (tombstone), the key keeps its name and status in the admin's queue.
  const record = await findKeyRecord(ctx, alert.apiKeyId);
  const owner = await ctx.runQuery(components.betterAuth.users.getById, { id: alert.userId });
  const view = record ? toKeyRecordView(record) : null;
  return {
    ...alert,
    keyName: view?.name ?? null,
    ownerEmail: owner?.email ?? null,
    keyState: view ? { enabled: view.enabled, expiresAt: view.expiresAt, revokedAt: view.revokedAt, deletedAt: view.deletedAt } : null,
  };
}

export const list = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    alertType: v.optional(alertType),
    severity: v.optional(alertSeverity),
    resolved: v.optional(v.boolean()),
  },
  returns: paginationResultValidator(alertView),
  handler: async (ctx, { paginationOpts, alertType, severity, resolved }) => {
    const alerts = ctx.db.query("scrapingAlerts");
    // The most selective index for the filters given; the rest filter the bounded page.
    const indexed =
      resolved !== undefined
        ? alerts.withIndex("by_resolved_and_createdAt", (q) => q.eq("resolved", resolved))
        : alertType
          ? alerts.withIndex("by_alertType_and_createdAt", (q) => q.eq("alertType", alertType))
          : severity
            ? alerts.withIndex("by_severity_and_createdAt", (q) => q.eq("severity", severity))
            : alerts.withIndex("by_createdAt");
    const result = await indexed.order("desc").paginate(paginationOpts);
    const matching = result.page.filter(
      (a) => (!alertType || a.alertType === alertType) && (!severity || a.severity === severity),
    );
    return { ...result, page: await Promise.all(matching.map((a) => withContext(ctx, a))) };
  },
});

/** Counts for the dashboard header (bounded: at most 1,000 open alerts are counted). */
export const summary = adminQuery({
  args: {},
  returns: v.object({ open: v.number(), openCritical: v.number(), capped: v.boolean() }),
  handler: async (ctx) => {
    const open = await ctx.db
      .query("scrapingAlerts")
      .withIndex("by_resolved_and_createdAt", (q) => q.eq("resolved", false))
      .take(1000);
    return { open: open.length, openCritical: open.filter((a) => a.severity === "critical").length, capped: open.length === 1000 };
  },
});

export const get = adminQuery({
  args: { alertId: v.id("scrapingAlerts") },
  returns: v.object({
    alert: alertView,
    key: v.union(keyView, v.null()),
    owner: v.union(v.object({ email: v.string(), name: v.string() }), v.null()),
    requests: v.array(
      v.object({
        _id: v.id("contentAccessLog"),
        contentSlug: v.string(),
        action: v.string(),
        statusCode: v.number(),
        ipAddress: v.string(),
        userAgent: v.string(),
        accessedAt: v.number(),
      }),
    ),
  }),
  handler: async (ctx, { alertId }) => {
    const alert = await ctx.db.get("scrapingAlerts", alertId);
    if (!alert) throw appError("not_found", "No such alert.");
    const details = JSON.parse(alert.details) as { windowStart?: number; windowEnd?: number };
    const from = details.windowStart ?? alert.createdAt - 60 * 60 * 1000;
    const to = details.windowEnd ?? alert.createdAt;
    const rows = await ctx.db
      .query("contentAccessLog")
      .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", alert.apiKeyId).gte("accessedAt", from).lte("accessedAt", to))
      .order("desc")
      .take(EVIDENCE_REQUESTS);
    const key = await getKey(ctx, alert.apiKeyId);
    const owner = await ctx.runQuery(components.betterAuth.users.getById, { id: alert.userId });
    return {
      alert: await withContext(ctx, alert),
      key: key ? toKeyView(key) : null,
      owner: owner ? { email: owner.email, name: owner.name } : null,
      requests: rows.map((r) => ({
        _id: r._id,
        contentSlug: r.contentSlug,
        action: r.action,
        statusCode: r.statusCode,
        ipAddress: r.ipAddress,
        userAgent: r.userAgent,
        accessedAt: r.accessedAt,
      })),
    };
  },
});

export const resolve = adminMutation({
  args: { alertId: v.id("scrapingAlerts"), note: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { alertId, note }) => {
    const alert = await ctx.db.get("scrapingAlerts", alertId);
    if (!alert) throw appError("not_found", "No such alert.");
    if (alert.resolved) throw appError("conflict", "This alert is already resolved.");
    await markResolved(ctx, alert, ctx.viewer.userId, { note: note?.slice(0, MAX_REASON_LENGTH) ?? null });
    return null;
  },
});

/** The keys an alert names: an account-farm alert's whole group (its evidence), else its key. */
const MAX_GROUP_KEYS = 100;
function groupKeysOf(alert: Doc<"scrapingAlerts">): string[] {
  if (alert.alertType !== "coordinated_access") return [alert.apiKeyId];
  const details = JSON.parse(alert.details) as { keyIds?: unknown };
  const keyIds = Array.isArray(details.keyIds) ? details.keyIds.filter((id): id is string => typeof id === "string") : [];
  return [...new Set([alert.apiKeyId, ...keyIds])].slice(0, MAX_GROUP_KEYS);
}

/**
 * Acts on every key an alert names at once — for an account-farm (`coordinated_access`) alert,
 * every key of the group; for others, the alert's key: `revoke` revokes each active one, `unban`
 * re-enables each revoked one (a false positive); each change audited with the admin as actor.
 */
export const actOnGroup = adminMutation({
  args: { alertId: v.id("scrapingAlerts"), action: v.union(v.literal("revoke"), v.literal("unban")), note: v.optional(v.string()) },
  returns: v.object({ keys: v.number(), changed: v.number() }),
  handler: async (ctx, { alertId, action, note }) => {
    const alert = await ctx.db.get("scrapingAlerts", alertId);
    if (!alert) throw appError("not_found", "No such alert.");
    const keyIds = groupKeysOf(alert);
    const reason = (note?.trim() || `Account farm (alert ${alertId})`).slice(0, MAX_REASON_LENGTH);
    let changed = 0;
    for (const keyId of keyIds) {
      const key = await getKey(ctx, keyId);
      if (!key) continue;
      const done =
        action === "revoke"
          ? await revokeKey(ctx, key, reason, ctx.viewer.userId, { by: "admin", alertId })
          : (await unbanKey(ctx, key, ctx.viewer.userId, reason)).ok;
      if (done) changed++;
    }
    return { keys: keyIds.length, changed };
  },
});
