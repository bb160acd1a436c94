// Test data shaped like the backend's return values: the one typed module of fixtures.
import type { FunctionReturnType } from "convex/server";
import {
  api,
  type AccessRow,
  type AlertDetail,
  type AlertRow,
  type AuditEvent,
  type CustomerRow,
  type HistoryBucket,
  type Id,
  type KeyView,
  type KeyWithUsage,
  type LeakRow,
  type Me,
  type TraceResult,
  type UsageView,
} from "../lib/api";

type LeakRecorded = FunctionReturnType<typeof api.admin.leaks.record>;
type History = FunctionReturnType<typeof api.apiKeys.queries.history>;

export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY = 86_400_000;

export function me(overrides: Partial<Me> = {}): Me {
  return {
    userId: "user_1",
    email: "pat@example.com",
    name: "Pat Pro",
    plan: "pro",
    role: "user",
    allowedTiers: ["free", "pro"],
    activeKeys: 1,
    maxActiveKeys: 5,
    ...overrides,
  };
}

export function keyView(overrides: Partial<KeyView> = {}): KeyView {
  return {
    id: "key_1",
    name: "Production site",
    start: "nak_pk_ab12",
    tier: "pro",
    permissions: ["contents", "search"],
    status: "active",
    createdAt: NOW - 3 * DAY,
    expiresAt: NOW + 27 * DAY,
    lastUsedAt: NOW - 60_000,
    revokedAt: null,
    revokedReason: null,
    rotatedToId: null,
    hasSigningSecret: false,
    ownerId: "user_1",
    ...overrides,
  };
}

export function usage(overrides: Partial<UsageView> = {}): UsageView {
  return {
    tier: "pro",
    requestsToday: 420,
    requestsThisMinute: 37,
    limit: 100,
    windowMs: 60_000,
    remaining: 63,
    resetAt: NOW + 30_000,
    lastRequestTime: NOW - 60_000,
    ...overrides,
  };
}

export function keyRow(key: Partial<KeyView> = {}, use: Partial<UsageView> | null = {}): KeyWithUsage {
  return { key: keyView(key), usage: use === null ? null : usage({ tier: key.tier ?? "pro", ...use }) };
}

export function alert(overrides: Partial<AlertRow> = {}): AlertRow {
  return {
    _id: "alert_1" as Id<"scrapingAlerts">,
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
    keyStatus: "revoked",
    ...overrides,
  };
}

// Every fixture below is typed by the backend function that returns it (through `../lib/api`),
// so a field the backend adds or renames breaks the typecheck here, not silently in a page.

export function auditEvent(id: string, type: string, severity: AuditEvent["severity"], overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    _id: id as Id<"securityEvents">,
    _creationTime: NOW,
    type,
    severity,
    actor: "system",
    apiKeyId: "key_9",
    details: JSON.stringify({ reason: `${type} happened` }),
    createdAt: NOW,
    ...overrides,
  };
}

export function customerRow(overrides: Partial<CustomerRow> = {}): CustomerRow {
  return {
    profileId: "p1" as Id<"profiles">,
    userId: "u1",
    email: "fran@example.com",
    name: "Fran",
    plan: "free",
    role: "user",
    createdAt: NOW,
    activeKeys: 2,
    ...overrides,
  };
}

type TraceFound = Extract<TraceResult, { found: true }>;

export function traceFound(overrides: Partial<TraceFound> = {}): TraceFound {
  return {
    found: true,
    apiKeyId: "key_9",
    key: keyView({ id: "key_9", name: "Scraper key" }),
    owner: { email: "sam@example.com", name: "Sam" },
    slug: "article-42",
    confidence: 0.97,
    copies: 1,
    ...overrides,
  } as TraceFound;
}

export function leakRecorded(overrides: Partial<LeakRecorded> = {}): LeakRecorded {
  return { leakId: "l1" as Id<"contentLeaks">, apiKeyId: "key_9", slug: "article-42", revoked: true, ...overrides };
}

export function leakRow(overrides: Partial<LeakRow> = {}): LeakRow {
  return {
    _id: "l1" as Id<"contentLeaks">,
    _creationTime: NOW,
    apiKeyId: "key_9",
    slug: "article-42",
    foundOn: "copycat.example",
    foundAt: NOW,
    reportedBy: "user_report",
    resolved: false,
    createdAt: NOW,
    ...overrides,
  } as LeakRow;
}

export function accessRow(id: string, overrides: Partial<AccessRow> = {}): AccessRow {
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
    key: keyView({ id: "key_9", name: "Scraper key", status: "revoked", revokedReason: "Automatic: sequential_access" }),
    owner: { email: "scraper@example.com", name: "Sam Scraper" },
    requests: [],
    ...overrides,
  };
}

export function history(buckets: HistoryBucket[], bucketMs = 3_600_000): History {
  return { bucketMs, buckets };
}
