/**
 * Retention of the access log: rows older than LOG_RETENTION_DAYS (env, default 30) are added to
 * `dailyKeyUsage` and deleted in the same transaction, RETENTION_BATCH_ROWS at a time; a run that
 * fills its batch schedules the next one at once. Only rows the detection scan has already passed
 * are removed, so no row is deleted before it was examined and counted.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, type MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { dayStart } from "../apiKeys/usage";
import { serverEnv } from "../lib/env";
import { DAY } from "../lib/time";
import { DETECTION_CURSOR, readCursor } from "./detection";

export const RETENTION_BATCH_ROWS = 500;

async function rollUp(ctx: MutationCtx, rows: Doc<"contentAccessLog">[]) {
  const days = new Map<string, { apiKeyId: string; userId: string; day: number; requests: number; errors: number; rateLimited: number }>();
  for (const row of rows) {
    const day = dayStart(row.accessedAt);
    const id = `${row.apiKeyId}|${day}`;
    const entry = days.get(id) ?? { apiKeyId: row.apiKeyId, userId: row.userId, day, requests: 0, errors: 0, rateLimited: 0 };
    entry.requests += 1;
    if (row.statusCode >= 400) entry.errors += 1;
    if (row.statusCode === 429) entry.rateLimited += 1;
    days.set(id, entry);
  }
  for (const entry of days.values()) {
    const existing = await ctx.db
      .query("dailyKeyUsage")
      .withIndex("by_apiKeyId_and_day", (q) => q.eq("apiKeyId", entry.apiKeyId).eq("day", entry.day))
      .unique();
    if (existing) {
      await ctx.db.patch("dailyKeyUsage", existing._id, {
        requests: existing.requests + entry.requests,
        errors: existing.errors + entry.errors,
        rateLimited: existing.rateLimited + entry.rateLimited,
      });
    } else {
      await ctx.db.insert("dailyKeyUsage", entry);
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
  const more = rows.length === RETENTION_BATCH_ROWS && removable.length === rows.length;
  if (more) await ctx.scheduler.runAfter(0, internal.monitoring.retention.run, {});
  return { removed: removable.length, more };
}

export const run = internalMutation({
  args: {},
  returns: v.object({ removed: v.number(), more: v.boolean() }),
  handler: async (ctx) => await pruneAccessLog(ctx),
});
