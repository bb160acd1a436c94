/**
 * Scraping detection over the access log, incrementally.
 *
 * `scan` (cron, every minute) reads the access-log rows created since its cursor, at most
 * SCAN_BATCH_ROWS at a time, counts them into hourly usage buckets, advances the cursor and
 * schedules `detectKey` for each key that had new rows. Each row is read by `scan` exactly once,
 * so a run costs what the new rows cost, whatever the size of the log.
 *
 * `detectKey` runs the pure detectors (detectors.ts) over that key's recent window, raises the
 * findings that are not in cooldown as `scrapingAlerts`, audits them, and revokes the key on a
 * critical one.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, type MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { notifyAdmins } from "../notifications/notify";
import { getKey, revokeKey, tierOf, type ApiKeyRow } from "../apiKeys/lifecycle";
import { keyStatus } from "../apiKeys/status";
import { logSecurityEvent } from "../audit/events";
import { HOUR } from "../lib/time";
import { detect, isInCooldown, type AccessRow, type Finding } from "./detectors";
import { DETECTION_MAX_ROWS, DETECTION_WINDOW_MS } from "./thresholds";
import { tallyByPeriod } from "./tally";

/** Access-log rows one scan reads; a backlog is worked off by rescheduling at once. */
export const SCAN_BATCH_ROWS = 2_000;
/**
 * Rows younger than this are left for the next scan: a transaction that started earlier may still
 * commit a row with an older `_creationTime`, and the cursor must not have passed it already.
 * Mutations finish well within it.
 */
export const SCAN_LAG_MS = 10_000;
export const DETECTION_CURSOR = "detection";

export async function readCursor(ctx: Pick<MutationCtx, "db">, name: string) {
  return await ctx.db
    .query("jobCursors")
    .withIndex("by_name", (q) => q.eq("name", name))
    .unique();
}

async function writeCursor(ctx: MutationCtx, name: string, lastCreationTime: number) {
  const existing = await readCursor(ctx, name);
  if (existing) await ctx.db.patch("jobCursors", existing._id, { lastCreationTime, updatedAt: Date.now() });
  else await ctx.db.insert("jobCursors", { name, lastCreationTime, updatedAt: Date.now() });
}

/** Adds rows to their key's hourly buckets (one read and one write per key-hour touched). */
async function countIntoHours(ctx: MutationCtx, rows: Doc<"contentAccessLog">[]) {
  for (const { start: hour, ...tally } of tallyByPeriod(rows, HOUR)) {
    const existing = await ctx.db
      .query("hourlyKeyUsage")
      .withIndex("by_apiKeyId_and_hour", (q) => q.eq("apiKeyId", tally.apiKeyId).eq("hour", hour))
      .unique();
    if (existing) {
      await ctx.db.patch("hourlyKeyUsage", existing._id, {
        requests: existing.requests + tally.requests,
        errors: existing.errors + tally.errors,
        rateLimited: existing.rateLimited + tally.rateLimited,
      });
    } else {
      await ctx.db.insert("hourlyKeyUsage", { ...tally, hour });
    }
  }
}

/** One scan step; returns how many rows it consumed and whether more are waiting. */
export async function scanNewRows(ctx: MutationCtx, now = Date.now()) {
  const cursor = (await readCursor(ctx, DETECTION_CURSOR))?.lastCreationTime ?? 0;
  const rows = await ctx.db
    .query("contentAccessLog")
    .withIndex("by_creation_time", (q) => q.gt("_creationTime", cursor).lt("_creationTime", now - SCAN_LAG_MS))
    .take(SCAN_BATCH_ROWS);
  if (rows.length === 0) return { rows: 0, keys: [] as string[], more: false };
  await countIntoHours(ctx, rows);
  await writeCursor(ctx, DETECTION_CURSOR, rows[rows.length - 1]._creationTime);
  const keys = [...new Set(rows.map((r) => r.apiKeyId))];
  for (const apiKeyId of keys) {
    await ctx.scheduler.runAfter(0, internal.monitoring.detection.detectKey, { apiKeyId });
  }
  const more = rows.length === SCAN_BATCH_ROWS;
  if (more) await ctx.scheduler.runAfter(0, internal.monitoring.detection.scan, {});
  return { rows: rows.length, keys, more };
}

export const scan = internalMutation({
  args: {},
  returns: v.object({ rows: v.number(), keys: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const result = await scanNewRows(ctx);
    return { ...result, keys: result.keys.length };
  },
});

/** The key's rows in the detection window, oldest first (bounded to the newest rows). */
async function readWindow(ctx: MutationCtx, key: ApiKeyRow, now: number): Promise<AccessRow[]> {
  const since = Math.max(now - DETECTION_WINDOW_MS, key.unbannedAt ?? 0);
  const rows = await ctx.db
    .query("contentAccessLog")
    .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", key._id).gte("accessedAt", since))
    .order("desc")
    .take(DETECTION_MAX_ROWS);
  return rows.reverse();
}

/** Catalogue facts the detectors need, for just the slugs in the window. */
async function catalogueContext(ctx: MutationCtx, rows: AccessRow[]) {
  const last = await ctx.db
    .query("articles")
    .withIndex("by_trap_and_ordinal", (q) => q.eq("trap", false))
    .order("desc")
    .first();
  const bySlug = new Map<string, { ordinal: number; trap: boolean }>();
  for (const slug of new Set(rows.map((r) => r.contentSlug).filter(Boolean))) {
    const article = await ctx.db
      .query("articles")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .unique();
    if (article) bySlug.set(slug, { ordinal: article.ordinal, trap: article.trap });
  }
  return {
    catalogueSize: last?.ordinal ?? 0,
    ordinalOf: (slug: string) => {
      const article = bySlug.get(slug);
      return article && !article.trap ? article.ordinal : undefined;
    },
    isTrap: (slug: string) => bySlug.get(slug)?.trap ?? false,
  };
}

async function raiseAlert(ctx: MutationCtx, key: ApiKeyRow, finding: Finding, now: number) {
  const previous = await ctx.db
    .query("scrapingAlerts")
    .withIndex("by_apiKeyId_and_alertType_and_createdAt", (q) => q.eq("apiKeyId", key._id).eq("alertType", finding.alertType))
    .order("desc")
    .first();
  if (isInCooldown(previous, finding.severity, now)) return null;
  const alertId = await ctx.db.insert("scrapingAlerts", {
    apiKeyId: key._id,
    userId: key.referenceId,
    alertType: finding.alertType,
    severity: finding.severity,
    details: JSON.stringify({ summary: finding.summary, ...finding.evidence }),
    resolved: false,
    createdAt: now,
  });
  await logSecurityEvent(ctx, {
    type: "scraping_alert",
    severity: finding.severity,
    actor: "system",
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { alertId, alertType: finding.alertType, summary: finding.summary },
  });
  await notifyAdmins(ctx, { type: "alert.created", alertId });
  return alertId;
}

/** Runs the detectors for one key; returns the alerts raised and whether the key was revoked. */
export async function detectForKey(ctx: MutationCtx, apiKeyId: string, now: number) {
  const key = await getKey(ctx, apiKeyId);
  if (!key || keyStatus(key, now) === "revoked") return { alerts: 0, revoked: false };
  const rows = await readWindow(ctx, key, now);
  if (rows.length === 0) return { alerts: 0, revoked: false };
  const findings = detect(rows, { tier: tierOf(key), now, ...(await catalogueContext(ctx, rows)) });
  let alerts = 0;
  let revoked = false;
  for (const finding of findings) {
    const alertId = await raiseAlert(ctx, key, finding, now);
    if (!alertId) continue;
    alerts += 1;
    if (finding.severity === "critical" && !revoked) {
      revoked = await revokeKey(ctx, key, `Automatic: ${finding.summary}`, "system", {
        alertId,
        alertType: finding.alertType,
      });
      if (revoked) await notifyAdmins(ctx, { type: "key.auto_revoked", apiKeyId: key._id, reason: `Automatic: ${finding.summary}`, alertId });
    }
  }
  return { alerts, revoked };
}

export const detectKey = internalMutation({
  args: { apiKeyId: v.string() },
  returns: v.object({ alerts: v.number(), revoked: v.boolean() }),
  handler: async (ctx, { apiKeyId }) => await detectForKey(ctx, apiKeyId, Date.now()),
});
