/**
 * bulk_access: coverage of the public catalogue. Fast copying shows within one detection window;
 * slow harvesting (one new article a minute, all day) shows in the key's and the customer's
 * coverage over the last day and week (kept incrementally by the detection job, see
 * monitoring/coverage.ts). Any get of a trap slug is critical. Pure module.
 */
import type { AlertSeverity } from "../../shared/validators";
import {
  BULK_CRITICAL_FRACTION,
  BULK_MIN_DISCOVERY_CRITICAL,
  BULK_MIN_DISCOVERY_WARNING,
  BULK_MIN_DISTINCT_SLUGS,
  BULK_WARNING_FRACTION,
  COVERAGE_CRITICAL_FRACTION,
  COVERAGE_MIN_DISCOVERY,
  COVERAGE_WARNING_FRACTION,
  DETECTION_WINDOW_MS,
  EVIDENCE_MAX_SLUGS,
  TRAP_MIN_HITS,
} from "../thresholds";
import type { CoverageFacts } from "./types";
import { baseEvidence, distinctCapped, isSuccess, ratio } from "./common";
import { findTrapHits } from "./traps";
import { slidingWindow, Tally } from "./window";
import type { AccessRow, DetectionContext, Finding } from "./types";

type Level = AlertSeverity | null;

/** The more severe of two levels. */
function worst(a: Level, b: Level): Level {
  if (a === "critical" || b === "critical") return "critical";
  return a ?? b;
}

/** Coverage of the catalogue by `distinct` articles of `gets` successful fetches. */
function coverageLevel(distinct: number, gets: number, catalogueSize: number, warning: number, critical: number, discovery: { warning: number; critical: number }): Level {
  if (catalogueSize <= 0 || distinct < BULK_MIN_DISTINCT_SLUGS) return null;
  const share = distinct / catalogueSize;
  // Discovery: how much of the fetching went to articles not fetched before. A harvester fetches
  // each article about once (1.0); an integration keeping a slice in sync re-reads it (≪ 1).
  const discovered = gets > 0 ? distinct / gets : 0;
  if (share >= critical && discovered >= discovery.critical) return "critical";
  if (share >= warning && discovered >= discovery.warning) return "warning";
  return null;
}

/** The long-horizon level of one subject (key or customer) and the horizon that set it. */
function longHorizon(facts: CoverageFacts | undefined, catalogueSize: number) {
  if (facts === undefined) return { level: null as Level, horizon: null as "day" | "week" | null };
  const discovery = { warning: COVERAGE_MIN_DISCOVERY, critical: COVERAGE_MIN_DISCOVERY };
  const day = coverageLevel(facts.day, facts.dayGets, catalogueSize, COVERAGE_WARNING_FRACTION, COVERAGE_CRITICAL_FRACTION, discovery);
  const week = coverageLevel(facts.week, facts.weekGets, catalogueSize, COVERAGE_WARNING_FRACTION, COVERAGE_CRITICAL_FRACTION, discovery);
  const level = worst(day, week);
  return { level, horizon: level === null ? null : day === level ? ("day" as const) : ("week" as const) };
}

/**
 * Coverage of the public catalogue: distinct articles fetched successfully within any
 * DETECTION_WINDOW_MS of the rows, and (when the context carries it) over the last day and week by
 * the key and by its customer. Any get of a trap slug makes the finding critical, or raises it on
 * its own when coverage is low.
 *
 * @example
 *   detectBulkAccess(rows, ctx)?.evidence.coverage; // 0.43
 */
export function detectBulkAccess(rows: readonly AccessRow[], ctx: DetectionContext): Finding | null {
  // Distinct articles within any DETECTION_WINDOW_MS, so the answer does not depend on how many
  // rows the caller passes: a reader's day is not an hour of bulk.
  const fetched = rows.filter(
    (row) => row.action === "get" && row.contentSlug !== "" && isSuccess(row) && !ctx.isTrap(row.contentSlug),
  );
  const counts = new Tally<string>();
  let widest = { distinct: 0, from: 0, to: -1 };
  slidingWindow(fetched, DETECTION_WINDOW_MS, {
    enter: (row) => counts.add(row.contentSlug),
    leave: (row) => counts.remove(row.contentSlug),
    visit: (from, to) => {
      if (counts.distinct > widest.distinct) widest = { distinct: counts.distinct, from, to };
    },
  });
  const inWindow = fetched.slice(widest.from, widest.to + 1);
  const distinct = new Set(inWindow.map((row) => row.contentSlug));
  const gets = rows.filter((row) => row.action === "get" && row.contentSlug !== "").length;
  const traps = findTrapHits(rows, ctx);
  const coverage = ctx.catalogueSize > 0 ? distinct.size / ctx.catalogueSize : 0;
  const trapped = traps.hits >= TRAP_MIN_HITS;

  const windowLevel = coverageLevel(distinct.size, inWindow.length, ctx.catalogueSize, BULK_WARNING_FRACTION, BULK_CRITICAL_FRACTION, {
    warning: BULK_MIN_DISCOVERY_WARNING,
    critical: BULK_MIN_DISCOVERY_CRITICAL,
  });
  const keyLong = longHorizon(ctx.coverage?.key, ctx.catalogueSize);
  const customerLong = longHorizon(ctx.coverage?.customer, ctx.catalogueSize);
  const severity = trapped ? "critical" : worst(windowLevel, worst(keyLong.level, customerLong.level));
  if (severity === null) return null;

  const percent = Math.round(coverage * 100);
  const coverageText = `Fetched ${distinct.size} of ${ctx.catalogueSize} articles (${percent}% of the catalogue) within an hour`;
  // The long horizon speaks when it is what raised the finding.
  const long = windowLevel === severity || trapped ? null : keyLong.level === severity ? { who: "key", ...keyLong, facts: ctx.coverage!.key } : { who: "customer", ...customerLong, facts: ctx.coverage!.customer };
  const longText =
    long === null
      ? null
      : `The ${long.who === "key" ? "key" : "customer's keys together"} fetched ${long.horizon === "day" ? long.facts.day : long.facts.week} of ${ctx.catalogueSize} articles (${Math.round(((long.horizon === "day" ? long.facts.day : long.facts.week) / ctx.catalogueSize) * 100)}% of the catalogue) over the last ${long.horizon}`;
  return {
    alertType: "bulk_access",
    severity,
    summary: trapped
      ? `Fetched trap article${traps.slugs.length > 1 ? "s" : ""} ${traps.slugs.slice(0, 3).join(", ")}; ${coverageText.toLowerCase()}`
      : (longText ?? coverageText),
    evidence: {
      ...baseEvidence(rows, ctx, {
        warningFraction: BULK_WARNING_FRACTION,
        criticalFraction: BULK_CRITICAL_FRACTION,
        minDistinctSlugs: BULK_MIN_DISTINCT_SLUGS,
        minDiscoveryWarning: BULK_MIN_DISCOVERY_WARNING,
        minDiscoveryCritical: BULK_MIN_DISCOVERY_CRITICAL,
        windowMs: DETECTION_WINDOW_MS,
        longWarningFraction: COVERAGE_WARNING_FRACTION,
        longCriticalFraction: COVERAGE_CRITICAL_FRACTION,
        longMinDiscovery: COVERAGE_MIN_DISCOVERY,
        trapMinHits: TRAP_MIN_HITS,
      }),
      distinctSlugs: distinct.size,
      catalogueSize: ctx.catalogueSize,
      coverageStart: inWindow[0]?.accessedAt ?? null,
      coverageEnd: inWindow[inWindow.length - 1]?.accessedAt ?? null,
      coverage: ratio(distinct.size, ctx.catalogueSize),
      discovery: ratio(distinct.size, inWindow.length),
      gets,
      longHorizon: long === null ? null : { subject: long.who, horizon: long.horizon },
      keyCoverage: ctx.coverage ? { ...ctx.coverage.key } : null,
      customerCoverage: ctx.coverage ? { ...ctx.coverage.customer } : null,
      sampleSlugs: distinctCapped(distinct, EVIDENCE_MAX_SLUGS),
      trapHits: traps.hits,
      trapSlugs: traps.slugs.slice(0, EVIDENCE_MAX_SLUGS),
    },
  };
}
