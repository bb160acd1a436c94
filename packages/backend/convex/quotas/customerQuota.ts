/**
 * Quotas belong to the customer, not the key (table `customerQuotas`, owned here): all of one
 * customer's keys of a tier share one budget, whatever was created, rotated, revoked or deleted
 * in the window. Free: 25 per UTC day (fixed window from the epoch). Pro: 100 per minute as a
 * token bucket that refills continuously. Enterprise: no budget; its requests are counted per
 * key in shards (apiKeys/usage.ts) so nothing is shared.
 *
 * The refill arithmetic is @convex-dev/rate-limiter's own (`calculateRateLimit`), on a document
 * of ours: one read and one write per request, and the exact value left, which the component's
 * `limit` does not return (RateLimit-Remaining would need a second read through `getValue`).
 * The same document keeps each key's counts for today and this minute, for the usage page: one
 * write per request counts both. A refused request consumes nothing and writes nothing.
 */
import { calculateRateLimit, type RateLimitConfig } from "@convex-dev/rate-limiter";
import type { DatabaseReader, MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { countUnlimited, unlimitedToday } from "../apiKeys/usage";
import { DAY, MINUTE, SECOND } from "../lib/time";
import { TIER_CONFIG, type Tier, type TierLimit } from "../shared/tiers";

/** Per-key entries kept in a customer's document (most recently used first); older ones drop. */
export const MAX_KEY_ENTRIES = 32;

/** Headers for unlimited keys: the fields are present and say so. */
export const UNLIMITED_HEADERS: Record<string, string> = {
  "RateLimit-Limit": "unlimited",
  "RateLimit-Remaining": "unlimited",
  "RateLimit-Reset": "0",
};

/** The customer's budget of a tier at a moment: what is left and when it is whole again. */
export type Budget = {
  limit: TierLimit;
  /** Requests that may still be made now (whole requests). */
  remaining: number;
  /** When the budget is full again (fixed window: its end; bucket: when it has refilled), ms. */
  resetAt: number;
  /** Tokens as a fraction, and the state to store (rate-limiter `value`, `ts`). */
  value: number;
  ts: number;
};

function limiterConfig(limit: TierLimit): RateLimitConfig {
  return limit.kind === "fixed window"
    ? { kind: "fixed window", rate: limit.max, period: limit.windowMs, capacity: limit.max, start: 0 }
    : { kind: "token bucket", rate: limit.max, period: limit.windowMs, capacity: limit.max };
}

/** The budget as of `now`, from the stored state (none yet: full). */
export function budgetAt(limit: TierLimit, stored: { value: number; ts: number } | null, now: number): Budget {
  const { value, ts } = calculateRateLimit(stored, limiterConfig(limit), now, 0);
  const resetAt =
    limit.kind === "fixed window" ? ts + limit.windowMs : now + Math.ceil(((limit.max - value) * limit.windowMs) / limit.max);
  return { limit, remaining: Math.max(0, Math.floor(value)), resetAt, value, ts };
}

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

/** The customer's budget of `tier` now, or null for an unlimited tier. */
export async function customerBudget(db: DatabaseReader, userId: string, tier: Tier, now: number) {
  const limit = TIER_CONFIG[tier].limit;
  if (limit === null) return null;
  return budgetAt(limit, await quotaDoc(db, userId, tier), now);
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
  if (budget === null) {
    await countUnlimited(ctx, apiKeyId, now);
    return { allowed: true, headers: UNLIMITED_HEADERS };
  }
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

export type UsageSummary = {
  tier: Tier;
  /** This key's requests today (UTC) and in the current minute. */
  requestsToday: number;
  requestsThisMinute: number;
  /** The customer's budget for this tier (shared by all their keys of it); null when unlimited. */
  limit: number | null;
  windowMs: number | null;
  remaining: number | null;
  resetAt: number | null;
  /** Requests all the customer's keys of this tier made in the budget's current window. */
  customerUsed: number | null;
  lastRequestTime: number | null;
};

/** One key's usage and its customer's remaining budget, as of `now`. */
export async function usageOfKey(
  db: DatabaseReader,
  key: { apiKeyId: string; userId: string; tier: Tier; lastUsedAt?: number | null },
  now: number,
): Promise<UsageSummary> {
  const limit = TIER_CONFIG[key.tier].limit;
  if (limit === null) {
    const today = await unlimitedToday(db, key.apiKeyId, now);
    return {
      tier: key.tier, requestsToday: today.count, requestsThisMinute: 0, limit: null, windowMs: null,
      remaining: null, resetAt: null, customerUsed: null, lastRequestTime: today.lastRequestTime ?? key.lastUsedAt ?? null,
    };
  }
  const doc = await quotaDoc(db, key.userId, key.tier);
  const budget = budgetAt(limit, doc, now);
  const entry = doc?.keys.find((e) => e.apiKeyId === key.apiKeyId);
  return {
    tier: key.tier,
    requestsToday: entry && entry.day === now - (now % DAY) ? entry.requestsToday : 0,
    requestsThisMinute: entry && entry.minute === now - (now % MINUTE) ? entry.requestsThisMinute : 0,
    limit: limit.max,
    windowMs: limit.windowMs,
    remaining: budget.remaining,
    resetAt: budget.resetAt,
    customerUsed: limit.max - budget.remaining,
    lastRequestTime: entry?.lastRequestTime ?? key.lastUsedAt ?? null,
  };
}
