/**
 * Retention of the access log: rows older than LOG_RETENTION_DAYS (env, default 30) are added to
 * `dailyKeyUsage` and deleted in the same transaction, RETENTION_BATCH_ROWS at a time; a run that
 * fills its batch schedules the next one at once. Only rows the detection scan has already passed
 * are removed, so no row is deleted before it was examined and counted. Detection's own state
 * (coverage sets, client sightings) is pruned once older than detection reads.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, type MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { serverEnv } from "../lib/env";
import { DAY } from "../lib/time";
import { DETECTION_CURSOR, readCursor } from "./detection";
import { tallyByPeriod } from "./tally";
import { COVERAGE_KEEP_MS } from "./coverage";
import { SIGHTINGS_KEEP_MS } from "./coordinated";

export const RETENTION_BATCH_ROWS = 500;

async function rollUp(ctx: MutationCtx, rows: Doc<"contentAccessLog">[]) {
  for (const { start: day, ...tally } of tallyByPeriod(rows, DAY)) {
    const existing = await ctx.db
      .query("dailyKeyUsage")
      .withIndex("by_apiKeyId_and_day", (q) => q.eq("apiKeyId", tally.apiKeyId).eq("day", day))
      .unique();
    if (existing) {
      await ctx.db.patch("dailyKeyUsage", existing._id, {
        requests: existing.requests + tally.requests,
        errors: existing.errors + tally.errors,
        rateLimited: existing.rateLimited + tally.rateLimited,
      });
    } else {
      await ctx.db.insert("dailyKeyUsage", { ...tally, day });
    }
  }
}

/** One bounded retention step; returns the rows removed and whether more are due. */
export async function pruneAccessLog(ctx: MutationCtx, now = Date.now()) {
  const cutoff = now - serverEnv().LOG_RETENTION_DAYS * DAY;
  const scanned = (await readCursor(ctx, DETECTION_CURSOR))?.lastCreationTime ?? 0;
  const rows = await ctx.db
    .query("contentAccessLog")
    .withIndex("by_accessedAt", (q) => q.lt("accessedAt", cutoff))
    .take(RETENTION_BATCH_ROWS);
  const removable = rows.filter((row) => row._creationTime <= scanned);
  await rollUp(ctx, removable);
  for (const row of removable) await ctx.db.delete("contentAccessLog", row._id);
  const detectionState = await pruneDetectionState(ctx, now);
  const more = (rows.length === RETENTION_BATCH_ROWS && removable.length === rows.length) || detectionState;
  if (more) await ctx.scheduler.runAfter(0, internal.monitoring.retention.run, {});
  return { removed: removable.length, more };
}

/**
 * Removes coverage sets and client sightings older than what detection reads (a bounded batch of
 * each); returns whether more are due.
 */
async function pruneDetectionState(ctx: MutationCtx, now: number) {
  const coverage = await ctx.db
    .query("keyCoverage")
    .withIndex("by_start", (q) => q.lt("start", now - COVERAGE_KEEP_MS))
    .take(RETENTION_BATCH_ROWS);
  for (const row of coverage) await ctx.db.delete("keyCoverage", row._id);
  const sightings = await ctx.db
    .query("clientSightings")
    .withIndex("by_day", (q) => q.lt("day", now - SIGHTINGS_KEEP_MS))
    .take(RETENTION_BATCH_ROWS);
  for (const row of sightings) await ctx.db.delete("clientSightings", row._id);
  return coverage.length === RETENTION_BATCH_ROWS || sightings.length === RETENTION_BATCH_ROWS;
}

export const run = internalMutation({
  args: {},
  returns: v.object({ removed: v.number(), more: v.boolean() }),
  handler: async (ctx) => await pruneAccessLog(ctx),
});
