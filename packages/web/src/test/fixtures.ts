// Test data shaped like the backend's return values: the one typed module of fixtures. Every
// fixture is typed by the backend function that returns it (through `../lib/api`, from the
// generated api), so a field the backend adds or renames breaks the typecheck here, not silently
// in a page. Ids are branded: a fixture takes a plain string and brands it in one place.
import type { FunctionReturnType } from "convex/server";
import { TIER_CONFIG, type Tier } from "@nak/backend/shared/tiers";
import type { KeyRecordStatus, KeyStatus } from "@nak/backend/apiKeys/status";
import {
  api,
  type AccessRow,
  type AdminKeyRow,
  type AlertDetail,
  type AlertRow,
  type AuditRow,
  type CustomerKeyOption,
  type CustomerRow,
  type Delivery,
  type History,
  type HistoryBucket,
  type Id,
  type KeyOverview,
  type KeyView,
  type LeakRow,
  type Me,
  type StoredUsage,
  type NotificationSettings,
  type OpenCritical,
  type RequestLogRow,
  type TraceResult,
  type UsageView,
} from "../lib/api";

type LeakRecorded = FunctionReturnType<typeof api.admin.leaks.record>;
type TraceFound = Extract<TraceResult, { found: true }>;
type TraceNotFound = Extract<TraceResult, { found: false }>;
type KeyRecord = TraceFound["record"];
type Candidate = TraceNotFound["candidates"][number];
type OverviewEvent = KeyOverview["events"][number];
type CriticalAlert = OpenCritical["recent"][number];
type Budget = FunctionReturnType<typeof api.apiKeys.queries.budgets>[number];

// Component tests run with Date frozen at NOW (src/test/setup.ts): the app computes status and
// usage at the browser's time from the stored state these fixtures describe.
export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** `activeKeys` keys that never expire, as the stored `liveKeyExpiries` of /me. */
export function me({ activeKeys = 1, ...overrides }: Partial<Me> & { activeKeys?: number } = {}): Me {
  return {
    userId: "user_1",
    email: "pat@example.com",
    name: "Pat Pro",
    plan: "pro",
    role: "user",
    allowedTiers: ["free", "pro"],
    liveKeyExpiries: Array.from({ length: activeKeys }, () => NOW + 27 * DAY),
    maxActiveKeys: 5,
    ...overrides,
  };
}

/** Stored state that reads as `status` at NOW. */
function stateFor(status: KeyStatus) {
  return {
    enabled: status !== "revoked",
    expiresAt: status === "expired" ? NOW - DAY : NOW + 27 * DAY,
    revokedAt: status === "revoked" ? NOW - HOUR : null,
  };
}

/** A key as queries return it (stored state for `status` at NOW), with that status for components. */
export function keyView(overrides: Partial<KeyView> = {}): KeyView {
  const status = overrides.status ?? "active";
  return {
    id: "key_1",
    name: "Production site",
    start: "nak_pk_ab12",
    tier: "pro",
    permissions: ["contents", "search"],
    status,
    ...stateFor(status),
    createdAt: NOW - 3 * DAY,
    lastUsedAt: NOW - 60_000,
    revokedReason: null,
    revokedBy: status === "revoked" ? "admin" : null,
    rotatedToId: null,
    hasSigningSecret: false,
    ownerId: "user_1",
    ...overrides,
  };
}

/** A key as evidence (alerts, leaks): live by default; `deletedKeyRecord` for a tombstone. */
export function keyRecord({ status = "active", ...overrides }: Partial<KeyRecord> & { status?: KeyRecordStatus } = {}): KeyRecord {
  return {
    id: "key_9",
    ownerId: "user_9",
    name: "Scraper key",
    start: "nak_pk_sc99",
    tier: "pro",
    ...stateFor(status === "deleted" ? "revoked" : status),
    revokedReason: null,
    revokedBy: null,
    deletedAt: null,
    ...overrides,
  };
}

export function deletedKeyRecord(overrides: Partial<KeyRecord> & { status?: KeyRecordStatus } = {}): KeyRecord {
  return keyRecord({ status: "deleted", revokedReason: "Content leak found on copycat.example", revokedBy: "admin", deletedAt: NOW - HOUR, ...overrides });
}

/** The customer's stored budget of a limited tier that leaves `remaining` at NOW. */
function budgetState(tier: Tier, remaining: number) {
  const limit = TIER_CONFIG[tier].limit;
  if (!limit) return null;
  return { value: remaining, ts: limit.kind === "fixed window" ? NOW - (NOW % limit.windowMs) : NOW };
}

/**
 * A key's stored usage (what the usage queries return) that reads as these values at NOW:
 * requests today and this minute, the customer's remaining budget, the last request.
 */
export function usage(overrides: Partial<UsageView> = {}): StoredUsage {
  const { tier = "pro", requestsToday = 420, requestsThisMinute = 37, remaining = 63, lastRequestTime = NOW - 60_000 } = overrides;
  if (TIER_CONFIG[tier].limit === null) {
    return { tier, budget: null, counts: null, hours: [{ hour: NOW - (NOW % HOUR), requests: requestsToday }], lastRequestTime };
  }
  return {
    tier,
    budget: budgetState(tier, remaining ?? 0),
    counts: { day: NOW - (NOW % DAY), requestsToday, minute: NOW - (NOW % MINUTE), requestsThisMinute },
    hours: [],
    lastRequestTime,
  };
}

/** api.apiKeys.queries.budgets: a tier's stored budget that leaves `remaining` at NOW. */
export function budget(tier: Tier, remaining: number): Budget {
  return { tier, budget: budgetState(tier, remaining) };
}

type StoredRow = { key: KeyView; usage: StoredUsage };

/** A key of the customer's list with its usage (null: a key that never made a request). */
export function keyRow(key: Partial<KeyView> = {}, use: Partial<UsageView> | null = {}): StoredRow {
  const tier = key.tier ?? "pro";
  return { key: keyView(key), usage: use === null ? { tier, budget: null, counts: null, hours: [], lastRequestTime: null } : usage({ tier, ...use }) };
}

/** A row of the admin keys page (api.admin.search.keys). */
export function adminKeyRow(key: Partial<KeyView> = {}, owner: AdminKeyRow["owner"] = { email: "a@example.com", name: "A" }, use: Partial<UsageView> = {}) {
  return { key: keyView(key), owner, usage: usage({ tier: key.tier ?? "pro", ...use }) };
}

export function alert(overrides: Partial<Omit<AlertRow, "_id">> & { _id?: string; keyStatus?: KeyRecordStatus | null } = {}): AlertRow {
  const { _id = "alert_1", keyStatus = "revoked", ...rest } = overrides;
  return {
    _id: _id as Id<"scrapingAlerts">,
    _creationTime: NOW - 5 * 60_000,
    apiKeyId: "key_9",
    userId: "user_9",
    alertType: "sequential_access",
    severity: "critical",
    details: JSON.stringify({ summary: "Walked 120 articles in catalogue order", rowsExamined: 130, sampleSlugs: ["a-1", "a-2"] }),
    resolved: false,
    createdAt: NOW - 5 * 60_000,
    keyName: "Scraper key",
    ownerEmail: "scraper@example.com",
    keyState: keyStatus === null ? null : { ...stateFor(keyStatus === "deleted" ? "revoked" : keyStatus), deletedAt: keyStatus === "deleted" ? NOW - HOUR : null },
    ...rest,
  };
}

/** A row of the admin audit log (api.admin.auditLog.list). */
export function auditRow(id: string, type: string, severity: AuditRow["severity"], overrides: Partial<Omit<AuditRow, "_id">> = {}): AuditRow {
  return {
    _id: id as Id<"securityEvents">,
    type,
    severity,
    actor: "u_alice",
    actorEmail: "alice@example.com",
    userId: "u_alice",
    userEmail: "alice@example.com",
    apiKeyId: "key_9",
    keyName: "Alice prod",
    keyStart: "nak_pk_ab12",
    details: JSON.stringify({ reason: `${type} happened`, expiresAt: NOW }),
    createdAt: NOW,
    ...overrides,
  };
}

/** A key of the audit log's key picker (api.admin.auditLog.customerKeys). */
export function customerKey(overrides: Partial<CustomerKeyOption> = {}): CustomerKeyOption {
  const status = overrides.status ?? "active";
  return { id: "key_9", name: "Alice prod", start: "nak_pk_ab12", status, ...stateFor(status), ...overrides };
}

export function customerRow({ activeKeys = 2, ...overrides }: Partial<CustomerRow> & { activeKeys?: number } = {}): CustomerRow {
  return {
    profileId: "p1" as Id<"profiles">,
    userId: "u1",
    email: "fran@example.com",
    name: "Fran",
    plan: "free",
    role: "user",
    createdAt: NOW,
    liveKeyExpiries: Array.from({ length: activeKeys }, () => NOW + 27 * DAY),
    ...overrides,
  };
}

/** A trace that names a key (api.admin.leaks.trace, found: true). */
export function traceFound(overrides: Partial<TraceFound> = {}): TraceFound {
  return {
    found: true,
    layer: "visible",
    apiKeyId: "key_9",
    key: keyView({ id: "key_9", name: "Scraper key", ownerId: "user_9" }),
    record: keyRecord(),
    owner: { email: "sam@example.com", name: "Sam" },
    slug: "article-42",
    article: { slug: "article-42", title: "The quiet revolution in night trains", similarity: 0.96 },
    articlesRecognised: 1,
    fetched: { count: 3, firstAt: NOW - DAY, lastAt: NOW - HOUR },
    falseAttributionProbability: 3.2e-15,
    randomKeyMatchProbability: 1.6e-16,
    keysCompared: 20,
    evidence: { choicePoints: 52, choicesMatched: 52, invisibleCharacters: 0, invisibleMatched: 0 },
    ...overrides,
  };
}

/** A trace that names no key (api.admin.leaks.trace, found: false). */
export function traceNotFound(failure: TraceNotFound["failure"], overrides: Partial<TraceNotFound> = {}): TraceNotFound {
  return {
    found: false,
    failure,
    reason: `Reason for ${failure}.`,
    article: failure === "article_not_recognised" ? null : { slug: "article-42", title: "The quiet revolution in night trains", similarity: 0.96 },
    articlesRecognised: failure === "article_not_recognised" ? 0 : 1,
    candidates: [],
    keysCompared: failure === "article_not_recognised" ? 0 : 20,
    leading: null,
    charactersNeeded: failure === "article_not_recognised" ? null : 1200,
    ...overrides,
  };
}

export function candidate(apiKeyId: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    apiKeyId,
    keyName: "Busy key",
    ownerEmail: "a@example.com",
    fetched: { count: 1, firstAt: NOW - 60_000, lastAt: NOW - 60_000 },
    randomKeyMatchProbability: 0.02,
    ...overrides,
  };
}

export function leakRecorded(overrides: Partial<LeakRecorded> = {}): LeakRecorded {
  return { leakId: "l1" as Id<"contentLeaks">, apiKeyId: "key_9", slug: "article-42", revoked: true, ...overrides };
}

export function leakRow(overrides: Partial<Omit<LeakRow, "_id">> & { _id?: string } = {}): LeakRow {
  const { _id = "l1", ...rest } = overrides;
  return {
    _id: _id as Id<"contentLeaks">,
    _creationTime: NOW,
    apiKeyId: "key_9",
    slug: "article-42",
    foundOn: "copycat.example",
    foundAt: NOW,
    reportedBy: "user_report",
    resolved: false,
    createdAt: NOW,
    keyName: "Scraper key",
    ownerEmail: "sam@example.com",
    ...rest,
  };
}

export function accessRow(id: string, overrides: Partial<Omit<AccessRow, "_id">> = {}): AccessRow {
  return {
    _id: id as Id<"contentAccessLog">,
    contentSlug: "a-1",
    action: "get",
    statusCode: 200,
    ipAddress: "10.0.0.1",
    userAgent: "curl/8",
    accessedAt: NOW,
    ...overrides,
  };
}

export function alertDetail(overrides: Partial<AlertDetail> = {}): AlertDetail {
  return {
    alert: alert(),
    key: keyView({ id: "key_9", name: "Scraper key", status: "revoked", revokedReason: "Automatic: sequential_access", revokedBy: "system" }),
    owner: { email: "scraper@example.com", name: "Sam Scraper" },
    requests: [],
    ...overrides,
  };
}

/** Requests over time (api.apiKeys.liveHistory.history): the live hour is the last bucket's. */
export function history(buckets: HistoryBucket[], bucketMs = HOUR): History {
  const last = buckets.at(-1)?.start ?? NOW;
  return { bucketMs, liveFrom: last - (last % HOUR), buckets };
}

/** A row of a key's request log (api.keyActivity.queries.requestLog). */
export function requestLogRow(id: string, overrides: Partial<Omit<RequestLogRow, "_id">> = {}): RequestLogRow {
  return {
    _id: id as Id<"contentAccessLog">,
    accessedAt: NOW,
    method: "GET",
    path: `/api/v1/contents/${id}`,
    action: "get",
    statusCode: 200,
    error: null,
    ipAddress: "203.0.113.5",
    userAgent: "reader/1",
    ...overrides,
  };
}

/** An event on the key page's timeline (api.keyActivity.queries.overview). */
export function overviewEvent(id: string, overrides: Partial<Omit<OverviewEvent, "_id">> = {}): OverviewEvent {
  return { _id: id as Id<"securityEvents">, type: "api_key_created", createdAt: NOW, actor: "you", reason: null, ...overrides };
}

export function notificationSettings(overrides: Partial<NotificationSettings> = {}): NotificationSettings {
  return { activeUrl: null, source: null, url: null, enabled: true, minSeverity: "warning", hasSecret: false, envConfigured: false, ...overrides };
}

/** A webhook delivery (api.notifications.admin.deliveries). */
export function delivery(id: string, status: Delivery["status"], overrides: Partial<Omit<Delivery, "_id">> = {}): Delivery {
  return {
    _id: id as Id<"webhookDeliveries">,
    eventId: `evt_${id}`,
    eventType: "alert.created",
    payload: "{}",
    url: "https://hooks.example.com/nak",
    status,
    attempts: 1,
    lastStatusCode: 200,
    lastError: null,
    lastAttemptAt: NOW,
    createdAt: NOW,
    completedAt: NOW,
    ...overrides,
  };
}

/** An open critical alert as the admin alert watcher sees it. */
export function criticalAlert(id: string, overrides: Partial<Omit<CriticalAlert, "_id">> = {}): CriticalAlert {
  return { _id: id as Id<"scrapingAlerts">, alertType: "bulk_access", createdAt: NOW, keyName: "Scraper key", ...overrides };
}

/** api.notifications.admin.openCritical: the count and the newest open critical alerts. */
export function openCritical(ids: string[], count = ids.length): OpenCritical {
  return { count, capped: false, recent: ids.map((id) => criticalAlert(id)) };
}
