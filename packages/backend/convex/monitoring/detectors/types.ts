/**
 * The shapes every detector shares: the access-log row as the detectors see it, what they are told
 * about the catalogue and the key, and what they report. Pure module.
 */
import type { AccessAction, AlertSeverity, AlertType } from "../../shared/validators";
import type { Tier } from "../../shared/tiers";

/** One `contentAccessLog` row, as the detectors need it. */
export type AccessRow = {
  apiKeyId: string;
  userId: string;
  /** Article slug for `get`; "" for list and search. */
  contentSlug: string;
  action: AccessAction;
  statusCode: number;
  /** The trusted client address the request path decided (never a client-written header entry). */
  ipAddress: string;
  userAgent: string;
  /** ms since the epoch. */
  accessedAt: number;
};

/** Distinct public articles a key (or a customer) fetched over a longer horizon than the rows. */
export type CoverageFacts = {
  /** Distinct public articles fetched in the last day (hourly granularity) and week (daily). */
  day: number;
  week: number;
  /** Successful gets of public articles over the same horizons. */
  dayGets: number;
  weekGets: number;
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
  /** Long-horizon coverage of the key and of its owner (all their keys), when known. */
  coverage?: { key: CoverageFacts; customer: CoverageFacts };
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
