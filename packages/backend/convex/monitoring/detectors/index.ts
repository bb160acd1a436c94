/**
 * Scraping detectors: pure functions over one key's access-log rows in the detection window.
 * The detection job reads the rows, calls `detect`, deduplicates with `isInCooldown`, and stores
 * each finding as a `scrapingAlerts` row (evidence as JSON); critical findings revoke the key.
 *
 * One file per alert type; every number comes from ../thresholds; the sliding window they share is
 * ./window. Each detector returns at most one finding (its most severe) and runs in O(rows):
 * `detect` over 100k rows takes milliseconds (see `pnpm bench`). Account farms
 * (`coordinated_access`) look across accounts, so they are judged by ./coordinated on facts the
 * detection job gathers, not by `detect`.
 */
import type { AlertSeverity } from "../../shared/validators";
import { ALERT_COOLDOWN_MS, DETECTION_WINDOW_MS } from "../thresholds";
import { isSortedByTime } from "./common";
import { detectBulkAccess } from "./bulk";
import { detectIpRotation } from "./ipRotation";
import { detectKeySharing } from "./keySharing";
import { detectSequentialAccess } from "./sequential";
import { detectVelocity } from "./velocity";
import type { AccessRow, DetectionContext, Detector, Finding } from "./types";

export type { AccessRow, CoverageFacts, DetectionContext, Detector, Evidence, Finding, JsonValue } from "./types";
export { detectBulkAccess } from "./bulk";
export { detectIpRotation } from "./ipRotation";
export { detectKeySharing } from "./keySharing";
export { detectSequentialAccess } from "./sequential";
export { detectVelocity } from "./velocity";
export { findTrapHits } from "./traps";
export { clientLocation, networkOf } from "./common";

/**
 * Detectors judged on the last DETECTION_WINDOW_MS of rows only; the others (walks, coverage) look
 * at every row they are given, which may reach back further (see DETECTION_LOOKBACK_MS).
 */
const DETECTORS: Array<{ detector: Detector; recentOnly: boolean }> = [
  { detector: detectSequentialAccess, recentOnly: false },
  { detector: detectBulkAccess, recentOnly: false },
  { detector: detectVelocity, recentOnly: true },
  { detector: detectIpRotation, recentOnly: true },
  { detector: detectKeySharing, recentOnly: true },
];

/**
 * Runs every detector over one key's rows; at most one finding per alert type. Rows should be
 * sorted by `accessedAt` (they are sorted here if not).
 *
 * @example
 *   for (const finding of detect(rows, { tier, catalogueSize, ordinalOf, isTrap, now })) {
 *     if (!isInCooldown(await lastAlert(finding.alertType), finding.severity, now)) await raise(finding);
 *   }
 */
export function detect(rows: readonly AccessRow[], ctx: DetectionContext): Finding[] {
  const sorted = isSortedByTime(rows) ? rows : [...rows].sort((a, b) => a.accessedAt - b.accessedAt);
  const recent = recentRows(sorted);
  const findings: Finding[] = [];
  for (const { detector, recentOnly } of DETECTORS) {
    const finding = detector(recentOnly ? recent : sorted, ctx);
    if (finding !== null) findings.push(finding);
  }
  return findings;
}

/** The rows within DETECTION_WINDOW_MS of the newest row. */
function recentRows(sorted: readonly AccessRow[]): readonly AccessRow[] {
  if (sorted.length === 0) return sorted;
  const since = sorted[sorted.length - 1].accessedAt - DETECTION_WINDOW_MS;
  if (sorted[0].accessedAt > since) return sorted;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].accessedAt <= since) lo = mid + 1;
    else hi = mid;
  }
  return sorted.slice(lo);
}

/**
 * Whether an alert of this type for this key should be held back: one was raised within
 * ALERT_COOLDOWN_MS, or (with `evidenceEnd`) after the newest row the finding rests on, so it
 * would repeat the same evidence. A critical finding after a warning is an escalation and is
 * never held back.
 *
 * @example
 *   isInCooldown({ severity: "warning", createdAt: now - 10 * MINUTE }, "critical", now); // false
 */
export function isInCooldown(
  previous: { severity: AlertSeverity; createdAt: number } | null,
  severity: AlertSeverity,
  now: number,
  evidenceEnd?: number,
): boolean {
  if (previous === null) return false;
  if (severity === "critical" && previous.severity === "warning") return false;
  if (now - previous.createdAt < ALERT_COOLDOWN_MS) return true;
  return evidenceEnd !== undefined && evidenceEnd <= previous.createdAt;
}

export { detectCoordinatedAccess, emailPattern, sharedTraits, type AccountFacts, type Trait } from "./coordinated";
