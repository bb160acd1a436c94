/**
 * Admin functions of the notifications domain: the webhook's settings (URL, on/off, minimum
 * severity; the signing secret is generated here and shown once), a test delivery, and the
 * delivery log.
 */
import { v } from "convex/values";
import { getKey } from "../apiKeys/lifecycle";
import { alertType } from "../shared/validators";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { logSecurityEvent } from "../audit/events";
import { alertSeverity } from "../shared/validators";
import { envConfigured, getSettings, resolveTarget, sealSecret, SETTINGS_NAME } from "./config";
import { notifyAdmins } from "./notify";
import { deliveryStatus, webhookEventType } from "./tables";
import { checkWebhookUrl, generateWebhookSecret } from "./webhookSignature";

const settingsView = v.object({
  /** Where deliveries go now, and why; null = nothing is sent. */
  activeUrl: v.union(v.string(), v.null()),
  source: v.union(v.literal("setting"), v.literal("env"), v.null()),
  /** The URL set in the admin area (may be absent when the env vars are used). */
  url: v.union(v.string(), v.null()),
  enabled: v.boolean(),
  minSeverity: alertSeverity,
  hasSecret: v.boolean(),
  envConfigured: v.boolean(),
});

export const settings = adminQuery({
  args: {},
  returns: settingsView,
  handler: async (ctx) => {
    const row = await getSettings(ctx.db);
    const target = resolveTarget(row);
    return {
      activeUrl: target?.url ?? null,
      source: target?.source ?? null,
      url: row?.url ?? null,
      enabled: row?.enabled ?? true,
      minSeverity: row?.minSeverity ?? "warning",
      hasSecret: Boolean(row?.encryptedSecret),
      envConfigured: envConfigured(),
    };
  },
});

/**
 * Sets the webhook. An empty `url` falls back to the env vars. A signing secret is generated the
 * first time a URL is set (or when `rotateSecret`) and returned once; otherwise `secret` is null.
 */
export const configure = adminMutation({
  args: { url: v.string(), enabled: v.boolean(), minSeverity: alertSeverity, rotateSecret: v.optional(v.boolean()) },
  returns: v.object({ secret: v.union(v.string(), v.null()) }),
  handler: async (ctx, args) => {
    let url: string | undefined;
    if (args.url.trim() !== "") {
      const checked = checkWebhookUrl(args.url);
      if (!checked.ok) throw appError("invalid_argument", checked.message);
      url = checked.url;
    }
    const row = await getSettings(ctx.db);
    const newSecret = url && (!row?.encryptedSecret || args.rotateSecret) ? generateWebhookSecret() : null;
    const fields = {
      url,
      enabled: args.enabled,
      minSeverity: args.minSeverity,
      updatedAt: Date.now(),
      updatedBy: ctx.viewer.userId,
      ...(newSecret ? { encryptedSecret: await sealSecret(newSecret) } : {}),
    };
    if (row) await ctx.db.patch("notificationSettings", row._id, fields);
    else await ctx.db.insert("notificationSettings", { name: SETTINGS_NAME, ...fields });
    await logSecurityEvent(ctx, {
      type: "admin_webhook_changed",
      severity: "info",
      actor: ctx.viewer.userId,
      // The URL may carry a receiver's token in its path: record the host only.
      details: { host: url ? new URL(url).host : null, enabled: args.enabled, minSeverity: args.minSeverity, secretRotated: newSecret !== null },
    });
    return { secret: newSecret };
  },
});

/** Sends a `webhook.test` event now; the delivery shows in the log. */
export const sendTest = adminMutation({
  args: {},
  returns: v.id("webhookDeliveries"),
  handler: async (ctx) => {
    const deliveryId = await notifyAdmins(ctx, { type: "webhook.test", requestedBy: ctx.viewer.email });
    if (!deliveryId) throw appError("conflict", "No webhook is configured (or it is switched off).");
    return deliveryId;
  },
});

const deliveryView = v.object({
  _id: v.id("webhookDeliveries"),
  eventId: v.string(),
  eventType: webhookEventType,
  payload: v.string(),
  url: v.string(),
  status: deliveryStatus,
  attempts: v.number(),
  lastStatusCode: v.union(v.number(), v.null()),
  lastError: v.union(v.string(), v.null()),
  lastAttemptAt: v.union(v.number(), v.null()),
  createdAt: v.number(),
  completedAt: v.union(v.number(), v.null()),
});

/** The delivery log, newest first, optionally one status only. */
export const deliveries = adminQuery({
  args: { paginationOpts: paginationOptsValidator, status: v.optional(deliveryStatus) },
  returns: paginationResultValidator(deliveryView),
  handler: async (ctx, { paginationOpts, status }) => {
    const table = ctx.db.query("webhookDeliveries");
    const indexed = status
      ? table.withIndex("by_status_and_createdAt", (q) => q.eq("status", status))
      : table.withIndex("by_createdAt");
    const result = await indexed.order("desc").paginate({ ...paginationOpts, numItems: Math.min(paginationOpts.numItems, 100) });
    return {
      ...result,
      page: result.page.map((d) => ({
        _id: d._id,
        eventId: d.eventId,
        eventType: d.eventType,
        payload: d.payload,
        url: d.url,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode ?? null,
        lastError: d.lastError ?? null,
        lastAttemptAt: d.lastAttemptAt ?? null,
        createdAt: d.createdAt,
        completedAt: d.completedAt ?? null,
      })),
    };
  },
});

/** Open alerts counted for the tab title; beyond this the title shows "1000+". */
export const OPEN_ALERTS_COUNTED = 1000;
const RECENT_CRITICAL = 10;

/**
 * For the admin area's watcher: how many critical alerts are open (tab title) and the newest
 * open ones (browser notifications for those that appear while the page is open).
 */
export const openCritical = adminQuery({
  args: {},
  returns: v.object({
    count: v.number(),
    capped: v.boolean(),
    recent: v.array(v.object({ _id: v.id("scrapingAlerts"), alertType, createdAt: v.number(), keyName: v.union(v.string(), v.null()) })),
  }),
  handler: async (ctx) => {
    const open = await ctx.db
      .query("scrapingAlerts")
      .withIndex("by_resolved_and_createdAt", (q) => q.eq("resolved", false))
      .order("desc")
      .take(OPEN_ALERTS_COUNTED);
    const critical = open.filter((a) => a.severity === "critical");
    const recent = await Promise.all(
      critical.slice(0, RECENT_CRITICAL).map(async (a) => ({
        _id: a._id,
        alertType: a.alertType,
        createdAt: a.createdAt,
        keyName: (await getKey(ctx, a.apiKeyId))?.name ?? null,
      })),
    );
    return { count: critical.length, capped: open.length === OPEN_ALERTS_COUNTED, recent };
  },
});
