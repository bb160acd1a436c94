/**
 * sequential_access: walks through the catalogue in catalogue order. Pure module.
 */
import type { AlertSeverity } from "../../shared/validators";
import {
  EVIDENCE_MAX_SLUGS,
  SEQUENTIAL_CRITICAL_RUN,
  SEQUENTIAL_MAX_INTERLEAVE,
  SEQUENTIAL_MAX_STEP,
  SEQUENTIAL_REFRESH_MEDIAN_FETCHES,
  SEQUENTIAL_WARNING_RUN,
  TRAP_MIN_HITS,
} from "../thresholds";
import { baseEvidence, minutes } from "./common";
import type { AccessRow, DetectionContext, Finding } from "./types";

type Walk = {
  direction: 1 | -1;
  fromOrdinal: number;
  toOrdinal: number;
  /** The walk's articles in order; its length is the walk's length. */
  slugs: string[];
  firstAt: number;
  lastAt: number;
  /** Position, in its tracker's sequence of gets, of the walk's latest step. */
  lastIndex: number;
  candidate: boolean;
};

/**
 * Follows walks through one sequence of gets: each get either retries the article a walk is on,
 * extends a walk that ended 1–SEQUENTIAL_MAX_STEP positions before it (in either direction) no
 * more than SEQUENTIAL_MAX_INTERLEAVE gets ago, or starts a new one. Walks reaching
 * SEQUENTIAL_WARNING_RUN are collected in `candidates`.
 */
const DIRECTIONS = [1, -1] as const;

class WalkTracker {
  private index = 0;
  private readonly ends = { up: new Map<number, Walk>(), down: new Map<number, Walk>() };

  constructor(private readonly candidates: Walk[]) {}

  add(ordinal: number, slug: string, at: number) {
    for (const direction of DIRECTIONS) {
      const walks = direction === 1 ? this.ends.up : this.ends.down;
      const same = walks.get(ordinal);
      if (same !== undefined && this.index - same.lastIndex <= SEQUENTIAL_MAX_INTERLEAVE) {
        same.lastIndex = this.index; // a retry of the article the walk is on
        continue;
      }
      let walk: Walk | undefined;
      for (let step = 1; step <= SEQUENTIAL_MAX_STEP && walk === undefined; step++) {
        const previous = walks.get(ordinal - direction * step);
        if (previous !== undefined && this.index - previous.lastIndex <= SEQUENTIAL_MAX_INTERLEAVE) {
          walks.delete(ordinal - direction * step);
          walk = previous;
        }
      }
      if (walk === undefined && same !== undefined && !same.candidate) {
        // The walk that ended here has gone stale and nothing else refers to it: reuse it, so
        // busy keys re-reading the same articles allocate (almost) nothing.
        walk = same;
        walk.slugs.length = 0;
        walk.fromOrdinal = ordinal;
        walk.firstAt = at;
      }
      if (walk === undefined) {
        walk = { direction, fromOrdinal: ordinal, toOrdinal: ordinal, slugs: [], firstAt: at, lastAt: at, lastIndex: 0, candidate: false };
      }
      walk.toOrdinal = ordinal;
      walk.slugs.push(slug);
      walk.lastAt = at;
      walk.lastIndex = this.index;
      walks.set(ordinal, walk);
      if (!walk.candidate && walk.slugs.length >= SEQUENTIAL_WARNING_RUN) {
        walk.candidate = true;
        this.candidates.push(walk);
      }
    }
    this.index++;
  }
}

/**
 * Sequential walks through the catalogue: gets whose catalogue positions go up (or down) by 1–3,
 * tolerating a few interleaved gets (parallel workers) and retries of the same article. Walks are
 * followed both in the key's whole sequence of gets (workers on several addresses) and in each
 * client's own (a crawler hidden in a busy key's other traffic). The longest walk of at least
 * SEQUENTIAL_WARNING_RUN positions is reported, unless its typical (median) article was fetched
 * so often that it is a client refreshing a fixed list. A walk that passes through a trap slug is critical.
 *
 * @example
 *   detectSequentialAccess(rows, ctx)?.evidence.runLength; // 57
 */
export function detectSequentialAccess(rows: readonly AccessRow[], ctx: DetectionContext): Finding | null {
  const fetches = new Map<string, number>();
  const candidates: Walk[] = [];
  const keyWide = new WalkTracker(candidates);
  const perClient = new Map<string, Map<string, WalkTracker>>();
  for (const row of rows) {
    if (row.action !== "get" || row.contentSlug === "") continue;
    fetches.set(row.contentSlug, (fetches.get(row.contentSlug) ?? 0) + 1);
    const ordinal = ctx.ordinalOf(row.contentSlug);
    if (ordinal === undefined) continue;
    keyWide.add(ordinal, row.contentSlug, row.accessedAt);
    let byAgent = perClient.get(row.ipAddress);
    if (byAgent === undefined) {
      byAgent = new Map();
      perClient.set(row.ipAddress, byAgent);
    }
    let tracker = byAgent.get(row.userAgent);
    if (tracker === undefined) {
      tracker = new WalkTracker(candidates);
      byAgent.set(row.userAgent, tracker);
    }
    tracker.add(ordinal, row.contentSlug, row.accessedAt);
  }

  // The median, not the mean: one hot article inside a real walk must not hide the walk.
  let best: { walk: Walk; medianFetches: number } | null = null;
  for (const walk of candidates) {
    const counts = walk.slugs.map((slug) => fetches.get(slug) ?? 0).sort((a, b) => a - b);
    const medianFetches = counts[Math.floor(counts.length / 2)];
    if (medianFetches >= SEQUENTIAL_REFRESH_MEDIAN_FETCHES) continue;
    if (best === null || walk.slugs.length > best.walk.slugs.length) best = { walk, medianFetches };
  }
  if (best === null) return null;

  const { walk, medianFetches } = best;
  const length = walk.slugs.length;
  const trapSlugs = walk.slugs.filter((slug) => ctx.isTrap(slug));
  const severity: AlertSeverity =
    length >= SEQUENTIAL_CRITICAL_RUN || trapSlugs.length >= TRAP_MIN_HITS ? "critical" : "warning";
  const from = walk.fromOrdinal;
  const to = walk.toOrdinal;
  return {
    alertType: "sequential_access",
    severity,
    summary:
      `Walked ${length} consecutive catalogue positions (${from}→${to}) in ${minutes(walk.lastAt - walk.firstAt)}` +
      (trapSlugs.length > 0 ? `, including trap article ${trapSlugs[0]}` : ""),
    evidence: {
      ...baseEvidence(rows, ctx, {
        warningRun: SEQUENTIAL_WARNING_RUN,
        criticalRun: SEQUENTIAL_CRITICAL_RUN,
        maxStep: SEQUENTIAL_MAX_STEP,
        maxInterleave: SEQUENTIAL_MAX_INTERLEAVE,
        refreshMedianFetches: SEQUENTIAL_REFRESH_MEDIAN_FETCHES,
      }),
      runLength: length,
      direction: walk.direction === 1 ? "ascending" : "descending",
      fromOrdinal: from,
      toOrdinal: to,
      runStart: walk.firstAt,
      runEnd: walk.lastAt,
      /** The walk's last step: a later run over the same walk repeats no alert (see isInCooldown). */
      evidenceEnd: walk.lastAt,
      medianFetchesPerArticle: medianFetches,
      sampleSlugs: walk.slugs.slice(0, EVIDENCE_MAX_SLUGS),
      trapSlugs: trapSlugs.slice(0, EVIDENCE_MAX_SLUGS),
    },
  };
}
