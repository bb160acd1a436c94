/**
 * Scraping detection over the access log, incrementally.
 *
 * `scan` (cron, every minute) reads the access-log rows created since its cursor, at most
 * SCAN_BATCH_ROWS at a time, counts them into hourly usage buckets, advances the cursor and
 * schedules `detectKey` for each key that had new rows, at most FAN_OUT_CHUNK per transaction
 * (`fanOut` schedules the rest in chunks: Convex allows 1,000 scheduled functions per mutation).
 * Each row is read by `scan` exactly once, so a run costs what the new rows cost, whatever the
 * size of the log.
 *
 * `detectKey` reads that key's recent rows (bounded), looks up the catalogue positions of the
 * slugs it fetched (small `articlePositions` rows, capped), counts the rows it has not counted yet
 * into the key's and the customer's coverage and fingerprints, runs the pure detectors
 * (detectors/), judges the accounts sharing its fingerprints (account farms), raises the findings
 * that are not in cooldown as `scrapingAlerts`, audits them, and revokes on a critical one.
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
import { detect, detectCoordinatedAccess, isInCooldown, type AccessRow, type Finding } from "./detectors";
import {
  COORDINATED_MIN_ACCOUNTS,
  DETECTION_LOOKBACK_MS,
  DETECTION_MAX_ROWS,
  DETECTION_MAX_SLUG_LOOKUPS,
} from "./thresholds";
import { tallyByPeriod } from "./tally";
import { positionsOf, publicCatalogueSize } from "./catalogue";
import { keySubject, readCoverage, recordCoverage, userSubject } from "./coverage";
import { gatherAccounts, recordSightings } from "./coordinated";

/** Access-log rows one scan reads; a backlog is worked off by rescheduling at once. */
export const SCAN_BATCH_ROWS = 2_000;
/**
 * Rows younger than this are left for the next scan: a transaction that started earlier may still
 * commit a row with an older `_creationTime`, and the cursor must not have passed it already.
 * Mutations finish well within it.
 */
export const SCAN_LAG_MS = 10_000;
export const DETECTION_CURSOR = "detection";
/**
 * Per-key detection runs scheduled by one transaction. One run per key keeps each transaction's
 * reads to one key's window; chunks keep every mutation far below Convex's 1,000 scheduled
 * functions (a scan batch of SCAN_BATCH_ROWS rows may hold as many distinct keys).
 */
export const FAN_OUT_CHUNK = 250;

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
  await scheduleDetection(ctx, keys);
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

/** Schedules `detectKey` for the first FAN_OUT_CHUNK keys, and `fanOut` for the rest. */
async function scheduleDetection(ctx: MutationCtx, apiKeyIds: readonly string[]) {
  for (const apiKeyId of apiKeyIds.slice(0, FAN_OUT_CHUNK)) {
    await ctx.scheduler.runAfter(0, internal.monitoring.detection.detectKey, { apiKeyId });
  }
  if (apiKeyIds.length > FAN_OUT_CHUNK) {
    await ctx.scheduler.runAfter(0, internal.monitoring.detection.fanOut, { apiKeyIds: apiKeyIds.slice(FAN_OUT_CHUNK) });
  }
}

export const fanOut = internalMutation({
  args: { apiKeyIds: v.array(v.string()) },
  returns: v.null(),
  handler: async (ctx, { apiKeyIds }) => {
    await scheduleDetection(ctx, apiKeyIds);
    return null;
  },
});

/** The key's rows in the lookback, oldest first (bounded to the newest DETECTION_MAX_ROWS). */
async function readWindow(ctx: MutationCtx, key: ApiKeyRow, now: number): Promise<AccessRow[]> {
  const since = Math.max(now - DETECTION_LOOKBACK_MS, key.unbannedAt ?? 0);
  const rows = await ctx.db
    .query("contentAccessLog")
    .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", key._id).gte("accessedAt", since))
    .order("desc")
    .take(DETECTION_MAX_ROWS);
  return rows.reverse();
}

/**
 * Catalogue facts the detectors need, for just the slugs in the window: one small indexed read
 * per distinct slug that was served or refused (a 404 already says the slug is unknown), at most
 * DETECTION_MAX_SLUG_LOOKUPS, newest first.
 */
async function catalogueContext(ctx: MutationCtx, rows: AccessRow[]) {
  const slugs = new Set<string>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (row.action === "get" && row.contentSlug !== "" && row.statusCode !== 404) slugs.add(row.contentSlug);
  }
  const { found, looked, capped } = await positionsOf(ctx.db, slugs, DETECTION_MAX_SLUG_LOOKUPS);
  return {
    catalogueSize: await publicCatalogueSize(ctx.db),
    ordinalOf: (slug: string) => {
      const article = found.get(slug);
      return article && !article.trap ? article.ordinal : undefined;
    },
    isTrap: (slug: string) => found.get(slug)?.trap ?? false,
    lookups: { looked, capped },
  };
}

/** Per key: the access-log time through which rows were counted into coverage and fingerprints. */
async function readState(ctx: MutationCtx, apiKeyId: string) {
  return await ctx.db
    .query("detectionState")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
}

/**
 * Counts the rows not counted yet (newer than the key's `processedThrough`, older than the scan
 * lag so that no row still committing is skipped) into the key's and the customer's coverage and
 * the key's fingerprints. Each row is counted once, however often the key is examined.
 */
async function countNewRows(ctx: MutationCtx, key: ApiKeyRow, rows: AccessRow[], ordinalOf: (slug: string) => number | undefined, now: number) {
  const state = await readState(ctx, key._id);
  const from = state?.processedThrough ?? 0;
  const through = now - SCAN_LAG_MS;
  if (through <= from) return;
  const fresh = rows.filter((row) => row.accessedAt > from && row.accessedAt <= through);
  const fetches: Array<{ accessedAt: number; ordinal: number }> = [];
  for (const row of fresh) {
    if (row.action !== "get" || row.statusCode < 200 || row.statusCode >= 400) continue;
    const ordinal = ordinalOf(row.contentSlug);
    if (ordinal !== undefined) fetches.push({ accessedAt: row.accessedAt, ordinal });
  }
  await recordCoverage(ctx, [keySubject(key._id), userSubject(key.referenceId)], fetches);
  await recordSightings(ctx, key._id, key.referenceId, fresh);
  if (state) await ctx.db.patch("detectionState", state._id, { processedThrough: through });
  else await ctx.db.insert("detectionState", { apiKeyId: key._id, processedThrough: through });
}

async function raiseAlert(ctx: MutationCtx, key: ApiKeyRow, finding: Finding, now: number) {
  const evidenceEnd = typeof finding.evidence.evidenceEnd === "number" ? finding.evidence.evidenceEnd : finding.evidence.windowEnd;
  const previous = await ctx.db
    .query("scrapingAlerts")
    .withIndex("by_apiKeyId_and_alertType_and_createdAt", (q) => q.eq("apiKeyId", key._id).eq("alertType", finding.alertType))
    .order("desc")
    .first();
  if (isInCooldown(previous, finding.severity, now, evidenceEnd)) return null;
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
  const catalogue = await catalogueContext(ctx, rows);
  await countNewRows(ctx, key, rows, catalogue.ordinalOf, now);
  const notBefore = key.unbannedAt ?? 0;
  const coverage = {
    key: (await readCoverage(ctx, keySubject(key._id), now, notBefore)).facts,
    customer: (await readCoverage(ctx, userSubject(key.referenceId), now, notBefore)).facts,
  };
  const findings = detect(rows, { tier: tierOf(key), now, ...catalogue, coverage });
  const group = await gatherAccounts(ctx, key._id, key.referenceId, now, COORDINATED_MIN_ACCOUNTS);
  const coordinated = group ? detectCoordinatedAccess(group.self, group.others, { catalogueSize: catalogue.catalogueSize, now }) : null;
  if (coordinated) findings.push(coordinated);

  let alerts = 0;
  let revoked = false;
  for (const finding of findings) {
    const alertId = await raiseAlert(ctx, key, finding, now);
    if (!alertId) continue;
    alerts += 1;
    if (finding.severity !== "critical") continue;
    if (!revoked) {
      revoked = await revokeKey(ctx, key, `Automatic: ${finding.summary}`, "system", { alertId, alertType: finding.alertType });
      if (revoked) await notifyAdmins(ctx, { type: "key.auto_revoked", apiKeyId: key._id, reason: `Automatic: ${finding.summary}`, alertId });
    }
    if (finding.alertType === "coordinated_access") await revokeGroup(ctx, finding, alertId);
  }
  return { alerts, revoked };
}

/**
 * A critical account-farm finding revokes every key of the group, each audited with the alert. A
 * key already revoked (the run's own key among them) keeps its revocation; a deleted one is skipped.
 */
export async function revokeGroup(ctx: MutationCtx, finding: Finding, alertId: string) {
  const keyIds = Array.isArray(finding.evidence.keyIds) ? (finding.evidence.keyIds as string[]) : [];
  for (const keyId of keyIds) {
    const member = await getKey(ctx, keyId);
    if (member) await revokeKey(ctx, member, `Automatic: ${finding.summary}`, "system", { alertId, alertType: finding.alertType });
  }
}

export const detectKey = internalMutation({
  args: { apiKeyId: v.string() },
  returns: v.object({ alerts: v.number(), revoked: v.boolean() }),
  handler: async (ctx, { apiKeyId }) => await detectForKey(ctx, apiKeyId, Date.now()),
});
