/**
 * velocity_exceeded: sustained traffic at or over the tier's limit. Pure module.
 */
import type { AlertSeverity } from "../../shared/validators";
import { TIER_CONFIG } from "../../shared/tiers";
import { MINUTE } from "../../lib/time";
import {
  DETECTION_WINDOW_MS,
  ENTERPRISE_BASELINE_PER_MINUTE,
  EVIDENCE_MAX_SLUGS,
  VELOCITY_CRITICAL_MS,
  VELOCITY_FAR_OVER_FACTOR,
  VELOCITY_FAR_OVER_REFUSED_SHARE,
  VELOCITY_QUOTA_MODE_MIN_WINDOW_MS,
  VELOCITY_QUOTA_WARNING_REFUSED_FACTOR,
  VELOCITY_SUSTAINED_MS,
} from "../thresholds";
import { baseEvidence } from "./common";
import { slidingWindow } from "./window";
import type { AccessRow, DetectionContext, Finding } from "./types";

type Bucket = { index: number; attempts: number; refused: number };

function buckets(rows: readonly AccessRow[], windowMs: number): Bucket[] {
  const out: Bucket[] = [];
  for (const row of rows) {
    const index = Math.floor(row.accessedAt / windowMs);
    let last = out[out.length - 1];
    if (last === undefined || last.index !== index) {
      last = { index, attempts: 0, refused: 0 };
      out.push(last);
    }
    last.attempts++;
    if (row.statusCode === 429) last.refused++;
  }
  return out;
}

/** Longest run of consecutive buckets that satisfy `test`: its length and first bucket. */
function longestRun(list: Bucket[], test: (b: Bucket) => boolean) {
  let best = { length: 0, start: -1 };
  let length = 0;
  for (let i = 0; i < list.length; i++) {
    const continues = i > 0 && list[i].index === list[i - 1].index + 1 && length > 0;
    length = test(list[i]) ? (continues ? length + 1 : 1) : 0;
    if (length > best.length) best = { length, start: i - length + 1 };
  }
  return best;
}

/**
 * Sustained velocity at or over the tier's limit. Minute-scale limits (pro) and unlimited keys
 * (against ENTERPRISE_BASELINE_PER_MINUTE) are judged per limit window: every window at ≥ 100% of
 * the limit for VELOCITY_SUSTAINED_MS is a warning; ≥ 3× the limit, mostly refused, for
 * VELOCITY_CRITICAL_MS is critical. Daily quotas (free) are judged by refused requests.
 *
 * @example
 *   detectVelocity(rows, { ...ctx, tier: "pro" })?.evidence.longestSaturatedWindows; // 8
 */
export function detectVelocity(rows: readonly AccessRow[], ctx: DetectionContext): Finding | null {
  if (rows.length === 0) return null;
  const limit = TIER_CONFIG[ctx.tier].limit;
  if (limit !== null && limit.windowMs >= VELOCITY_QUOTA_MODE_MIN_WINDOW_MS) {
    return quotaVelocity(rows, ctx, limit.max, limit.label);
  }
  const windowMs = limit?.windowMs ?? MINUTE;
  const max = limit?.max ?? ENTERPRISE_BASELINE_PER_MINUTE;
  const label = limit?.label ?? `${ENTERPRISE_BASELINE_PER_MINUTE} requests per minute (unlimited tier baseline)`;
  // Unlimited keys are never refused, so "mostly refused" cannot be asked of them.
  const refusalShare = limit === null ? 0 : VELOCITY_FAR_OVER_REFUSED_SHARE;
  const sustainedWindows = Math.ceil(VELOCITY_SUSTAINED_MS / windowMs);
  const criticalWindows = Math.ceil(VELOCITY_CRITICAL_MS / windowMs);

  const list = buckets(rows, windowMs);
  const saturated = longestRun(list, (b) => b.attempts >= max);
  const farOver = longestRun(
    list,
    (b) => b.attempts >= VELOCITY_FAR_OVER_FACTOR * max && b.refused >= refusalShare * b.attempts,
  );
  let severity: AlertSeverity | null = null;
  let run = saturated;
  if (farOver.length >= criticalWindows) {
    severity = "critical";
    run = farOver;
  } else if (saturated.length >= sustainedWindows) {
    severity = "warning";
  }
  if (severity === null) return null;

  const inRun = list.slice(run.start, run.start + run.length);
  const attempts = inRun.reduce((sum, b) => sum + b.attempts, 0);
  const refused = inRun.reduce((sum, b) => sum + b.refused, 0);
  const peak = Math.max(...inRun.map((b) => b.attempts));
  return {
    alertType: "velocity_exceeded",
    severity,
    summary:
      severity === "critical"
        ? `${run.length} windows in a row at ≥ ${VELOCITY_FAR_OVER_FACTOR}× the limit (${label}), peak ${peak}, ${Math.round((refused / attempts) * 100)}% refused`
        : `${run.length} windows in a row at or over the limit (${label}), peak ${peak}`,
    evidence: {
      ...baseEvidence(rows, ctx, {
        limitMax: max,
        limitWindowMs: windowMs,
        sustainedWindows,
        criticalWindows,
        farOverFactor: VELOCITY_FAR_OVER_FACTOR,
        farOverRefusedShare: refusalShare,
      }),
      mode: limit === null ? "baseline" : "rate",
      limit: label,
      longestSaturatedWindows: saturated.length,
      longestFarOverWindows: farOver.length,
      runStart: inRun[0].index * windowMs,
      runEnd: (inRun[inRun.length - 1].index + 1) * windowMs,
      attemptsInRun: attempts,
      refusedInRun: refused,
      peakAttemptsPerWindow: peak,
      attemptsPerWindow: inRun.slice(0, EVIDENCE_MAX_SLUGS).map((b) => b.attempts),
    },
  };
}

function quotaVelocity(rows: readonly AccessRow[], ctx: DetectionContext, quota: number, label: string): Finding | null {
  // The window (of at most DETECTION_WINDOW_MS) with the most refusals, and its attempts.
  let best = { refused: 0, attempts: 0, from: 0, to: -1 };
  let refusedInWindow = 0;
  slidingWindow(rows, DETECTION_WINDOW_MS, {
    enter: (row) => {
      if (row.statusCode === 429) refusedInWindow++;
    },
    leave: (row) => {
      if (row.statusCode === 429) refusedInWindow--;
    },
    visit: (from, to) => {
      const attemptsInWindow = to - from + 1;
      if (
        refusedInWindow > best.refused ||
        (refusedInWindow === best.refused && attemptsInWindow > best.attempts)
      ) {
        best = { refused: refusedInWindow, attempts: attemptsInWindow, from, to };
      }
    },
  });
  const { refused, attempts } = best;
  const warningRefused = VELOCITY_QUOTA_WARNING_REFUSED_FACTOR * quota;
  const criticalAttempts = VELOCITY_FAR_OVER_FACTOR * quota;
  let severity: AlertSeverity | null = null;
  if (attempts >= criticalAttempts && refused >= VELOCITY_FAR_OVER_REFUSED_SHARE * attempts) severity = "critical";
  else if (refused >= warningRefused) severity = "warning";
  if (severity === null) return null;
  return {
    alertType: "velocity_exceeded",
    severity,
    summary: `${refused} of ${attempts} requests refused over the quota (${label}) and the client kept going`,
    evidence: {
      ...baseEvidence(rows, ctx, {
        quota,
        warningRefused,
        criticalAttempts,
        farOverRefusedShare: VELOCITY_FAR_OVER_REFUSED_SHARE,
      }),
      mode: "quota",
      limit: label,
      attempts,
      refused,
      runStart: rows[best.from].accessedAt,
      runEnd: rows[Math.max(best.from, best.to)].accessedAt,
    },
  };
}
