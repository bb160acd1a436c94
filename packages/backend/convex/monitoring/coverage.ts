/**
 * Long-horizon coverage: which public articles a key, and all keys of one customer, fetched per hour
 * and per UTC day, kept as bitsets over catalogue positions (`keyCoverage`). The detection job adds
 * each access-log row once (rows newer than `detectionState.processedThrough`), then reads the last
 * day (24 hourly sets) and week (7 daily sets): bounded reads whatever the traffic.
 */
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { DAY, HOUR } from "../lib/time";
import { countBits, toBuffer, union, withPositions } from "./bitset";
import type { CoverageFacts } from "./detectors";

export const keySubject = (apiKeyId: string) => `key:${apiKeyId}`;
export const userSubject = (userId: string) => `user:${userId}`;

type Period = "hour" | "day";
const PERIOD_MS: Record<Period, number> = { hour: HOUR, day: DAY };

/** Coverage documents are kept this long (the week plus a day), then pruned by retention. */
export const COVERAGE_KEEP_MS = 8 * DAY;

/** Counts successful gets of public articles (time and position) into each subject's hour and day. */
export async function recordCoverage(
  ctx: Pick<MutationCtx, "db">,
  subjects: readonly string[],
  fetches: ReadonlyArray<{ accessedAt: number; ordinal: number }>,
) {
  if (fetches.length === 0) return;
  for (const period of ["hour", "day"] as const) {
    const byStart = new Map<number, number[]>();
    for (const fetch of fetches) {
      const start = fetch.accessedAt - (fetch.accessedAt % PERIOD_MS[period]);
      const list = byStart.get(start) ?? [];
      list.push(fetch.ordinal);
      byStart.set(start, list);
    }
    for (const subject of subjects) {
      for (const [start, ordinals] of byStart) {
        const existing = await ctx.db
          .query("keyCoverage")
          .withIndex("by_subject_and_period_and_start", (q) => q.eq("subject", subject).eq("period", period).eq("start", start))
          .unique();
        const bits = withPositions(existing ? new Uint8Array(existing.bits) : null, ordinals);
        if (existing) {
          await ctx.db.patch("keyCoverage", existing._id, { bits: toBuffer(bits), gets: existing.gets + ordinals.length });
        } else {
          await ctx.db.insert("keyCoverage", { subject, period, start, bits: toBuffer(bits), gets: ordinals.length });
        }
      }
    }
  }
}

async function readPeriods(ctx: Pick<QueryCtx, "db">, subject: string, period: Period, since: number) {
  return await ctx.db
    .query("keyCoverage")
    .withIndex("by_subject_and_period_and_start", (q) => q.eq("subject", subject).eq("period", period).gte("start", since))
    .take(Math.ceil((period === "hour" ? DAY : 7 * DAY) / PERIOD_MS[period]) + 1);
}

/**
 * A subject's coverage over the last day (hours since `now - DAY`) and week (the last 7 UTC days),
 * leaving out periods that started before `notBefore` (e.g. the key's unban: traffic from before it
 * is not held against the key again). Returns the week's set too (account-farm detection unions it).
 */
export async function readCoverage(ctx: Pick<QueryCtx, "db">, subject: string, now: number, notBefore = 0) {
  const hourSince = Math.max(now - DAY - (now % HOUR) + HOUR, notBefore);
  const daySince = Math.max(now - (now % DAY) - 6 * DAY, notBefore);
  const hours = await readPeriods(ctx, subject, "hour", hourSince);
  const days = await readPeriods(ctx, subject, "day", daySince);
  const dayBits = union(hours.map((h) => new Uint8Array(h.bits)));
  const weekBits = union(days.map((d) => new Uint8Array(d.bits)));
  const facts: CoverageFacts = {
    day: countBits(dayBits),
    dayGets: hours.reduce((n, h) => n + h.gets, 0),
    week: countBits(weekBits),
    weekGets: days.reduce((n, d) => n + d.gets, 0),
  };
  return { facts, weekBits };
}
