/**
 * Quotas belong to the customer, not the key (table `customerQuotas`, owned here): all of one
 * customer's keys of a tier share one budget, whatever was created, rotated, revoked or deleted
 * in the window. Free: 25 per UTC day (fixed window from the epoch). Pro: 100 per minute as a
 * token bucket that refills continuously. Enterprise: no budget and no write at all: its requests
 * are counted from the access log (the detection scan's hourly tally), so concurrent requests of
 * an unlimited key share no document.
 *
 * The refill arithmetic is @convex-dev/rate-limiter's own (`calculateRateLimit`), on a document
 * of ours: one read and one write per request, and the exact value left, which the component's
 * `limit` does not return (RateLimit-Remaining would need a second read through `getValue`).
 * The same document keeps each key's counts for today and this minute, for the usage page: one
 * write per request counts both. A refused request consumes nothing and writes nothing.
 * The arithmetic at a moment (budget left, reset, today's counts) is shared/usage.ts.
 */
import type { DatabaseReader, MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { DAY, MINUTE, SECOND } from "../lib/time";
import { TIER_CONFIG, type Tier } from "../shared/tiers";
import { budgetAt, type Budget, type StoredUsage } from "../shared/usage";

export { budgetAt, type Budget };

/** Per-key entries kept in a customer's document (most recently used first); older ones drop. */
export const MAX_KEY_ENTRIES = 32;

/** Headers for unlimited keys: the fields are present and say so. */
export const UNLIMITED_HEADERS: Record<string, string> = {
  "RateLimit-Limit": "unlimited",
  "RateLimit-Remaining": "unlimited",
  "RateLimit-Reset": "0",
};

/** When the next request would be allowed, for a budget with less than one request left, ms. */
function nextAllowedAt(budget: Budget, now: number) {
  const { limit } = budget;
  return limit.kind === "fixed window" ? budget.ts + limit.windowMs : now + Math.ceil(((1 - budget.value) * limit.windowMs) / limit.max);
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / SECOND));

/** RateLimit-* headers describing a budget (after this request, when it was counted). */
export function budgetHeaders(budget: Budget, now: number): Record<string, string> {
  return {
    "RateLimit-Limit": String(budget.limit.max),
    "RateLimit-Remaining": String(budget.remaining),
    "RateLimit-Reset": String(seconds(budget.resetAt - now)),
  };
}

async function quotaDoc(db: DatabaseReader, userId: string, tier: Tier) {
  return await db
    .query("customerQuotas")
    .withIndex("by_userId_and_tier", (q) => q.eq("userId", userId).eq("tier", tier))
    .unique();
}

type KeyEntry = Doc<"customerQuotas">["keys"][number];

function countedEntry(previous: KeyEntry | undefined, apiKeyId: string, now: number): KeyEntry {
  const day = now - (now % DAY);
  const minute = now - (now % MINUTE);
  return {
    apiKeyId,
    day,
    requestsToday: previous && previous.day === day ? previous.requestsToday + 1 : 1,
    minute,
    requestsThisMinute: previous && previous.minute === minute ? previous.requestsThisMinute + 1 : 1,
    lastRequestTime: now,
  };
}

/** A customer's budget for a tier as read once by the request path (null budget: unlimited). */
export type Quota = {
  userId: string;
  tier: Tier;
  doc: Doc<"customerQuotas"> | null;
  budget: Budget | null;
};

/** Reads the customer's budget for `tier` once per request (nothing for an unlimited tier). */
export async function loadQuota(db: DatabaseReader, userId: string, tier: Tier, now: number): Promise<Quota> {
  const limit = TIER_CONFIG[tier].limit;
  if (limit === null) return { userId, tier, doc: null, budget: null };
  const doc = await quotaDoc(db, userId, tier);
  return { userId, tier, doc, budget: budgetAt(limit, doc, now) };
}

/** Headers describing the budget without spending it (refusals before the limit step, /me). */
export function quotaHeaders(quota: Quota, now: number) {
  return quota.budget ? budgetHeaders(quota.budget, now) : UNLIMITED_HEADERS;
}

export type QuotaDecision = { allowed: boolean; headers: Record<string, string> };

/**
 * The request path's limit step: spends one request of the customer's budget for the key's
 * tier, or refuses (429 with Retry-After) without writing anything.
 */
export async function consumeQuota(
  ctx: Pick<MutationCtx, "db">,
  quota: Quota,
  apiKeyId: string,
  now: number,
): Promise<QuotaDecision> {
  const { budget, doc } = quota;
  // Unlimited: nothing to spend and nothing written (usage comes from the access log).
  if (budget === null) return { allowed: true, headers: UNLIMITED_HEADERS };
  if (budget.value < 1) {
    const retryAfter = String(Math.max(1, seconds(nextAllowedAt(budget, now) - now)));
    return { allowed: false, headers: { ...budgetHeaders(budget, now), "Retry-After": retryAfter } };
  }
  const after = budgetAt(budget.limit, { value: budget.value - 1, ts: budget.ts }, now);
  const entries = doc?.keys ?? [];
  const keys = [countedEntry(entries.find((e) => e.apiKeyId === apiKeyId), apiKeyId, now)]
    .concat(entries.filter((e) => e.apiKeyId !== apiKeyId && e.day === now - (now % DAY)))
    .slice(0, MAX_KEY_ENTRIES);
  const state = { value: after.value, ts: after.ts, keys };
  if (doc) await ctx.db.patch("customerQuotas", doc._id, state);
  else await ctx.db.insert("customerQuotas", { userId: quota.userId, tier: quota.tier, ...state });
  return { allowed: true, headers: budgetHeaders(after, now) };
}

/** Hourly tallies read for an unlimited key's usage: enough to cover any UTC day. */
export const USAGE_HOURS_READ = 25;

/**
 * One key's stored usage and its customer's stored budget (shared/usage.ts `usageAt` turns it
 * into "today", "remaining" and "resets at" at the reader's time). Reads no clock, so a cached
 * result stays right until the data changes.
 */
export async function storedUsageOfKey(
  db: DatabaseReader,
  key: { apiKeyId: string; userId: string; tier: Tier; lastUsedAt?: number | null },
): Promise<StoredUsage> {
  if (TIER_CONFIG[key.tier].limit === null) {
    const rows = await db
      .query("hourlyKeyUsage")
      .withIndex("by_apiKeyId_and_hour", (q) => q.eq("apiKeyId", key.apiKeyId))
      .order("desc")
      .take(USAGE_HOURS_READ);
    const lastLog = await db
      .query("contentAccessLog")
      .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", key.apiKeyId))
      .order("desc")
      .first();
    return {
      tier: key.tier, budget: null, counts: null,
      hours: rows.map((r) => ({ hour: r.hour, requests: r.requests })),
      lastRequestTime: lastLog?.accessedAt ?? key.lastUsedAt ?? null,
    };
  }
  const doc = await quotaDoc(db, key.userId, key.tier);
  const entry = doc?.keys.find((e) => e.apiKeyId === key.apiKeyId);
  return {
    tier: key.tier,
    budget: doc ? { value: doc.value, ts: doc.ts } : null,
    counts: entry ? { day: entry.day, requestsToday: entry.requestsToday, minute: entry.minute, requestsThisMinute: entry.requestsThisMinute } : null,
    hours: [],
    lastRequestTime: entry?.lastRequestTime ?? key.lastUsedAt ?? null,
  };
}

/** The customer's stored budget state for a limited tier (null: never spent, i.e. full). */
export async function storedBudget(db: DatabaseReader, userId: string, tier: Tier) {
  const doc = await quotaDoc(db, userId, tier);
  return doc ? { value: doc.value, ts: doc.ts } : null;
}
