/**
 * Scraping detectors: pure functions over one key's access-log rows in the detection window.
 * The detection cron reads the rows, calls `detect`, deduplicates with `isInCooldown`, and stores
 * each finding as a `scrapingAlerts` row (evidence as JSON); critical findings revoke the key.
 *
 * One detector per alert type; every number comes from ./thresholds. Each detector returns at most
 * one finding (its most severe) and runs in O(rows): `detect` over 100k rows takes milliseconds
 * (see `pnpm bench`).
 */
import type { AccessAction, AlertSeverity, AlertType } from "../shared/validators";
import { TIER_CONFIG, type Tier } from "../shared/tiers";
import {
  ALERT_COOLDOWN_MS,
  DETECTION_WINDOW_MS,
  BULK_CRITICAL_FRACTION,
  BULK_MIN_DISTINCT_SLUGS,
  BULK_WARNING_FRACTION,
  ENTERPRISE_BASELINE_PER_MINUTE,
  EVIDENCE_MAX_IPS,
  EVIDENCE_MAX_SLUGS,
  EVIDENCE_MAX_USER_AGENTS,
  IP_ROTATION_CRITICAL_IPS,
  IP_ROTATION_CRITICAL_NETWORKS,
  IP_ROTATION_WARNING_IPS,
  IP_ROTATION_WINDOW_MS,
  KEY_SHARING_BUCKET_MS,
  KEY_SHARING_CRITICAL_CLIENTS,
  KEY_SHARING_CRITICAL_MIN_NETWORKS,
  KEY_SHARING_MIN_CLIENT_MINUTES,
  KEY_SHARING_SUSTAINED_MINUTES,
  KEY_SHARING_WARNING_CLIENTS,
  SEQUENTIAL_CRITICAL_RUN,
  SEQUENTIAL_MAX_INTERLEAVE,
  SEQUENTIAL_MAX_STEP,
  SEQUENTIAL_REFRESH_MEDIAN_FETCHES,
  SEQUENTIAL_WARNING_RUN,
  TRAP_MIN_HITS,
  VELOCITY_CRITICAL_MS,
  VELOCITY_FAR_OVER_FACTOR,
  VELOCITY_FAR_OVER_REFUSED_SHARE,
  VELOCITY_QUOTA_MODE_MIN_WINDOW_MS,
  VELOCITY_QUOTA_WARNING_REFUSED_FACTOR,
  VELOCITY_SUSTAINED_MS,
} from "./thresholds";
import { MINUTE } from "../lib/time";

/** One `contentAccessLog` row, as the detectors need it. */
export type AccessRow = {
  apiKeyId: string;
  userId: string;
  /** Article slug for `get`; "" for list and search. */
  contentSlug: string;
  action: AccessAction;
  statusCode: number;
  ipAddress: string;
  userAgent: string;
  /** ms since the epoch. */
  accessedAt: number;
};

export type DetectionContext = {
  /** The key's tier: velocity is judged against its limit. */
  tier: Tier;
  /** Articles in the public catalogue (traps excluded). */
  catalogueSize: number;
  /** Public catalogue position (1-based) of a slug; undefined for unknown slugs. */
  ordinalOf: (slug: string) => number | undefined;
  /** Whether a slug is an unlisted honeypot article. */
  isTrap: (slug: string) => boolean;
  /** When the run happens (ms); recorded in the evidence. */
  now: number;
};

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type Evidence = {
  /** accessedAt of the first and last row examined (ms). */
  windowStart: number;
  windowEnd: number;
  detectedAt: number;
  rowsExamined: number;
  /** The thresholds this finding was judged against, by name. */
  thresholds: Record<string, number>;
  [key: string]: JsonValue;
};

export type Finding = {
  alertType: AlertType;
  severity: AlertSeverity;
  /** One sentence for the admin's alert list. */
  summary: string;
  evidence: Evidence;
};

export type Detector = (rows: readonly AccessRow[], ctx: DetectionContext) => Finding | null;

/**
 * Runs every detector over one key's rows in the detection window; at most one finding per alert
 * type. Rows should be sorted by `accessedAt` (they are sorted here if not).
 *
 * @example
 *   const rows = await readWindow(ctx.db, apiKeyId, now - DETECTION_WINDOW_MS);
 *   for (const finding of detect(rows, { tier, catalogueSize, ordinalOf, isTrap, now })) {
 *     if (!isInCooldown(await lastAlert(finding.alertType), finding.severity, now)) await raise(finding);
 *   }
 */
export function detect(rows: readonly AccessRow[], ctx: DetectionContext): Finding[] {
  const sorted = isSortedByTime(rows) ? rows : [...rows].sort((a, b) => a.accessedAt - b.accessedAt);
  const findings: Finding[] = [];
  for (const detector of DETECTORS) {
    const finding = detector(sorted, ctx);
    if (finding !== null) findings.push(finding);
  }
  return findings;
}

/**
 * Whether an alert of this type for this key should be held back because one was raised within
 * ALERT_COOLDOWN_MS. A critical finding after a warning is an escalation and is never held back.
 *
 * @example
 *   isInCooldown({ severity: "warning", createdAt: now - 10 * MINUTE }, "critical", now); // false
 */
export function isInCooldown(
  previous: { severity: AlertSeverity; createdAt: number } | null,
  severity: AlertSeverity,
  now: number,
): boolean {
  if (previous === null || now - previous.createdAt >= ALERT_COOLDOWN_MS) return false;
  return !(severity === "critical" && previous.severity === "warning");
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

function isSortedByTime(rows: readonly AccessRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i].accessedAt < rows[i - 1].accessedAt) return false;
  return true;
}

function baseEvidence(rows: readonly AccessRow[], ctx: DetectionContext, thresholds: Record<string, number>) {
  return {
    windowStart: rows[0]?.accessedAt ?? ctx.now,
    windowEnd: rows[rows.length - 1]?.accessedAt ?? ctx.now,
    detectedAt: ctx.now,
    rowsExamined: rows.length,
    thresholds,
  };
}

/** Distinct values in first-seen order, at most `cap` of them. */
function distinctCapped(values: Iterable<string>, cap: number): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (out.size >= cap) break;
    out.add(value);
  }
  return [...out];
}

function ratio(n: number, d: number): number {
  return d > 0 ? Math.round((n / d) * 1000) / 1000 : 0;
}

function isSuccess(row: AccessRow): boolean {
  return row.statusCode >= 200 && row.statusCode < 400;
}

function minutes(ms: number): string {
  const m = Math.round(ms / MINUTE);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/**
 * The network an address belongs to: /24 for IPv4 (and IPv4-mapped IPv6), /48 for IPv6. Anything
 * else (e.g. "unknown") is its own network.
 *
 * @example
 *   networkOf("203.0.113.7");          // "203.0.113.0/24"
 *   networkOf("2001:db8:1:2::5");      // "2001:db8:1::/48"
 */
export function networkOf(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, "");
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!/^[0-9a-f:]+$/.test(address) || !address.includes(":")) return address;
  const [head, tail] = address.split("::", 2);
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = address.includes("::") ? Math.max(0, 8 - headGroups.length - tailGroups.length) : 0;
  const groups = [...headGroups, ...Array<string>(zeros).fill("0"), ...tailGroups];
  const prefix = groups.slice(0, 3).map((g) => (parseInt(g || "0", 16) || 0).toString(16));
  return `${prefix.join(":")}::/48`;
}

/** The network of each row's address, computing each distinct address once. */
function networksOf(rows: readonly AccessRow[]): string[] {
  const memo = new Map<string, string>();
  return rows.map((row) => {
    let network = memo.get(row.ipAddress);
    if (network === undefined) {
      network = networkOf(row.ipAddress);
      memo.set(row.ipAddress, network);
    }
    return network;
  });
}

// ── trap slugs ──────────────────────────────────────────────────────────────────────────────────

/**
 * Gets of trap (honeypot) slugs, whatever their status: even a refused request shows the client
 * knows a slug that no listing ever returned.
 *
 * @example
 *   findTrapHits(rows, ctx); // { hits: 1, slugs: ["internal-pricing-notes-2019"] }
 */
export function findTrapHits(rows: readonly AccessRow[], ctx: DetectionContext) {
  let hits = 0;
  const slugs = new Set<string>();
  for (const row of rows) {
    if (row.action === "get" && row.contentSlug !== "" && ctx.isTrap(row.contentSlug)) {
      hits++;
      slugs.add(row.contentSlug);
    }
  }
  return { hits, slugs: [...slugs] };
}

// ── sequential_access ───────────────────────────────────────────────────────────────────────────

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
      medianFetchesPerArticle: medianFetches,
      sampleSlugs: walk.slugs.slice(0, EVIDENCE_MAX_SLUGS),
      trapSlugs: trapSlugs.slice(0, EVIDENCE_MAX_SLUGS),
    },
  };
}

// ── bulk_access ─────────────────────────────────────────────────────────────────────────────────

/**
 * Coverage of the public catalogue: distinct articles fetched successfully in the window. Any get
 * of a trap slug makes this finding critical, or raises it on its own when coverage is low.
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
  const counts = new Map<string, number>();
  let widest = { distinct: 0, from: 0, to: -1 };
  let from = 0;
  for (let to = 0; to < fetched.length; to++) {
    counts.set(fetched[to].contentSlug, (counts.get(fetched[to].contentSlug) ?? 0) + 1);
    while (fetched[to].accessedAt - fetched[from].accessedAt >= DETECTION_WINDOW_MS) {
      const slug = fetched[from].contentSlug;
      const left = counts.get(slug)! - 1;
      if (left === 0) counts.delete(slug);
      else counts.set(slug, left);
      from++;
    }
    if (counts.size > widest.distinct) widest = { distinct: counts.size, from, to };
  }
  const inWindow = fetched.slice(widest.from, widest.to + 1);
  const distinct = new Set(inWindow.map((row) => row.contentSlug));
  const gets = rows.filter((row) => row.action === "get" && row.contentSlug !== "").length;
  const traps = findTrapHits(rows, ctx);
  const coverage = ctx.catalogueSize > 0 ? distinct.size / ctx.catalogueSize : 0;
  const enough = distinct.size >= BULK_MIN_DISTINCT_SLUGS;
  const trapped = traps.hits >= TRAP_MIN_HITS;

  let severity: AlertSeverity | null = null;
  if (trapped || (enough && coverage >= BULK_CRITICAL_FRACTION)) severity = "critical";
  else if (enough && coverage >= BULK_WARNING_FRACTION) severity = "warning";
  if (severity === null) return null;

  const percent = Math.round(coverage * 100);
  const coverageText = `Fetched ${distinct.size} of ${ctx.catalogueSize} articles (${percent}% of the catalogue)`;
  return {
    alertType: "bulk_access",
    severity,
    summary: trapped
      ? `Fetched trap article${traps.slugs.length > 1 ? "s" : ""} ${traps.slugs.slice(0, 3).join(", ")}; ${coverageText.toLowerCase()}`
      : coverageText,
    evidence: {
      ...baseEvidence(rows, ctx, {
        warningFraction: BULK_WARNING_FRACTION,
        criticalFraction: BULK_CRITICAL_FRACTION,
        minDistinctSlugs: BULK_MIN_DISTINCT_SLUGS,
        windowMs: DETECTION_WINDOW_MS,
        trapMinHits: TRAP_MIN_HITS,
      }),
      distinctSlugs: distinct.size,
      catalogueSize: ctx.catalogueSize,
      coverageStart: inWindow[0]?.accessedAt ?? null,
      coverageEnd: inWindow[inWindow.length - 1]?.accessedAt ?? null,
      coverage: ratio(distinct.size, ctx.catalogueSize),
      gets,
      sampleSlugs: distinctCapped(distinct, EVIDENCE_MAX_SLUGS),
      trapHits: traps.hits,
      trapSlugs: traps.slugs.slice(0, EVIDENCE_MAX_SLUGS),
    },
  };
}

// ── velocity_exceeded ───────────────────────────────────────────────────────────────────────────

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
  let from = 0;
  for (let to = 0; to < rows.length; to++) {
    if (rows[to].statusCode === 429) refusedInWindow++;
    while (rows[to].accessedAt - rows[from].accessedAt >= DETECTION_WINDOW_MS) {
      if (rows[from].statusCode === 429) refusedInWindow--;
      from++;
    }
    const attemptsInWindow = to - from + 1;
    if (
      refusedInWindow > best.refused ||
      (refusedInWindow === best.refused && attemptsInWindow > best.attempts)
    ) {
      best = { refused: refusedInWindow, attempts: attemptsInWindow, from, to };
    }
  }
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

// ── ip_rotation ─────────────────────────────────────────────────────────────────────────────────

/**
 * Many distinct IPs for one key inside a sliding IP_ROTATION_WINDOW_MS: warning from
 * IP_ROTATION_WARNING_IPS; critical from IP_ROTATION_CRITICAL_IPS spread over
 * IP_ROTATION_CRITICAL_NETWORKS networks. A few changes spread over a day never get close.
 *
 * @example
 *   detectIpRotation(rows, ctx)?.evidence.distinctIps; // 37
 */
export function detectIpRotation(rows: readonly AccessRow[], ctx: DetectionContext): Finding | null {
  const ips = new Map<string, number>();
  const networks = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, delta: number) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next === 0) map.delete(key);
    else map.set(key, next);
  };
  let widest = { ips: 0, networks: 0, from: 0, to: -1 };
  let critical: typeof widest | null = null;
  const rowNetworks = networksOf(rows);
  let from = 0;
  for (let to = 0; to < rows.length; to++) {
    add(ips, rows[to].ipAddress, 1);
    add(networks, rowNetworks[to], 1);
    while (rows[to].accessedAt - rows[from].accessedAt >= IP_ROTATION_WINDOW_MS) {
      add(ips, rows[from].ipAddress, -1);
      add(networks, rowNetworks[from], -1);
      from++;
    }
    const current = { ips: ips.size, networks: networks.size, from, to };
    if (current.ips > widest.ips) widest = current;
    if (
      current.ips >= IP_ROTATION_CRITICAL_IPS &&
      current.networks >= IP_ROTATION_CRITICAL_NETWORKS &&
      (critical === null || current.ips > critical.ips)
    ) {
      critical = current;
    }
  }
  const severity: AlertSeverity | null =
    critical !== null ? "critical" : widest.ips >= IP_ROTATION_WARNING_IPS ? "warning" : null;
  if (severity === null) return null;

  const window = critical ?? widest;
  const inWindow = rows.slice(window.from, window.to + 1);
  return {
    alertType: "ip_rotation",
    severity,
    summary: `${window.ips} distinct IPs from ${window.networks} networks within ${minutes(IP_ROTATION_WINDOW_MS)}`,
    evidence: {
      ...baseEvidence(rows, ctx, {
        windowMs: IP_ROTATION_WINDOW_MS,
        warningIps: IP_ROTATION_WARNING_IPS,
        criticalIps: IP_ROTATION_CRITICAL_IPS,
        criticalNetworks: IP_ROTATION_CRITICAL_NETWORKS,
      }),
      distinctIps: window.ips,
      distinctNetworks: window.networks,
      rotationStart: inWindow[0].accessedAt,
      rotationEnd: inWindow[inWindow.length - 1].accessedAt,
      requestsInWindow: inWindow.length,
      ips: distinctCapped(inWindow.map((r) => r.ipAddress), EVIDENCE_MAX_IPS),
      userAgents: distinctCapped(inWindow.map((r) => r.userAgent), EVIDENCE_MAX_USER_AGENTS),
    },
  };
}

// ── api_key_sharing ─────────────────────────────────────────────────────────────────────────────

/**
 * One key used by several distinct clients at once. A client is a (network, user agent) pair that
 * is active in at least KEY_SHARING_MIN_CLIENT_MINUTES minutes; per minute, the concurrent clients
 * are counted. Warning when ≥ KEY_SHARING_WARNING_CLIENTS in ≥ KEY_SHARING_SUSTAINED_MINUTES
 * minutes; critical when ≥ KEY_SHARING_CRITICAL_CLIENTS from ≥ KEY_SHARING_CRITICAL_MIN_NETWORKS
 * networks in as many minutes.
 *
 * @example
 *   detectKeySharing(rows, ctx)?.evidence.peakConcurrentClients; // 4
 */
export function detectKeySharing(rows: readonly AccessRow[], ctx: DetectionContext): Finding | null {
  type Client = { network: string; ip: string; userAgent: string; minutes: number; lastMinute: number };
  const clients = new Map<string, Client>();
  const clientOfRow: Client[] = [];
  const rowNetworks = networksOf(rows);
  rows.forEach((row, i) => {
    const network = rowNetworks[i];
    const key = `${network}\u0000${row.userAgent}`;
    const minute = Math.floor(row.accessedAt / KEY_SHARING_BUCKET_MS);
    let client = clients.get(key);
    if (client === undefined) {
      client = { network, ip: row.ipAddress, userAgent: row.userAgent, minutes: 1, lastMinute: minute };
      clients.set(key, client);
    } else if (client.lastMinute !== minute) {
      client.minutes++;
      client.lastMinute = minute;
    }
    clientOfRow.push(client);
  });

  let warningMinutes = 0;
  let criticalMinutes = 0;
  let peak = { clients: 0, networks: 0, minute: 0 };
  const involved = new Set<Client>();
  let minute = Number.NaN;
  let active = new Set<Client>();
  const closeMinute = () => {
    if (active.size < KEY_SHARING_WARNING_CLIENTS) return;
    const networkCount = new Set([...active].map((c) => c.network)).size;
    warningMinutes++;
    for (const client of active) involved.add(client);
    if (active.size >= KEY_SHARING_CRITICAL_CLIENTS && networkCount >= KEY_SHARING_CRITICAL_MIN_NETWORKS) {
      criticalMinutes++;
    }
    if (active.size > peak.clients) peak = { clients: active.size, networks: networkCount, minute };
  };
  rows.forEach((row, i) => {
    const rowMinute = Math.floor(row.accessedAt / KEY_SHARING_BUCKET_MS);
    if (rowMinute !== minute) {
      closeMinute();
      minute = rowMinute;
      active = new Set();
    }
    const client = clientOfRow[i];
    if (client.minutes >= KEY_SHARING_MIN_CLIENT_MINUTES) active.add(client);
  });
  closeMinute();

  const severity: AlertSeverity | null =
    criticalMinutes >= KEY_SHARING_SUSTAINED_MINUTES
      ? "critical"
      : warningMinutes >= KEY_SHARING_SUSTAINED_MINUTES
        ? "warning"
        : null;
  if (severity === null) return null;

  const sample = [...involved].slice(0, EVIDENCE_MAX_IPS);
  return {
    alertType: "api_key_sharing",
    severity,
    summary: `Used by up to ${peak.clients} clients at once from ${peak.networks} networks, in ${warningMinutes} minutes`,
    evidence: {
      ...baseEvidence(rows, ctx, {
        bucketMs: KEY_SHARING_BUCKET_MS,
        minClientMinutes: KEY_SHARING_MIN_CLIENT_MINUTES,
        warningClients: KEY_SHARING_WARNING_CLIENTS,
        criticalClients: KEY_SHARING_CRITICAL_CLIENTS,
        criticalMinNetworks: KEY_SHARING_CRITICAL_MIN_NETWORKS,
        sustainedMinutes: KEY_SHARING_SUSTAINED_MINUTES,
      }),
      peakConcurrentClients: peak.clients,
      peakNetworks: peak.networks,
      peakMinuteStart: peak.minute * KEY_SHARING_BUCKET_MS,
      minutesAtWarning: warningMinutes,
      minutesAtCritical: criticalMinutes,
      distinctClients: involved.size,
      clients: sample.map((c) => ({ ip: c.ip, network: c.network, userAgent: c.userAgent, activeMinutes: c.minutes })),
      ips: distinctCapped(sample.map((c) => c.ip), EVIDENCE_MAX_IPS),
      userAgents: distinctCapped([...involved].map((c) => c.userAgent), EVIDENCE_MAX_USER_AGENTS),
    },
  };
}

const DETECTORS: Detector[] = [
  detectSequentialAccess,
  detectBulkAccess,
  detectVelocity,
  detectIpRotation,
  detectKeySharing,
];
