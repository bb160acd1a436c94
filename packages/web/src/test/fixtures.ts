// Test data shaped like the backend's return values.
import type { AlertRow, Id, KeyView, KeyWithUsage, Me, UsageView } from "../lib/api";

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
    revokedBy: null,
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
    customerUsed: 37,
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
