/**
 * A key's usage and its customer's budget at a moment, from what is stored. Pure module, shared
 * by the request path (which spends the budget at its own time) and the web app (which shows it
 * with a ticking clock). Queries return the stored state (`StoredUsage`), never these values:
 * Convex caches a query's result until the data it read changes, so "remaining", "resets at" and
 * "today" computed from the clock in a query would freeze (a spent daily budget would still read
 * 0 after midnight). The refill arithmetic is @convex-dev/rate-limiter's own (`calculateRateLimit`).
 *
 * @example usageAt(stored, Date.now()).remaining // requests the customer may still make now
 */
import { calculateRateLimit, type RateLimitConfig } from "@convex-dev/rate-limiter";
import { DAY, MINUTE } from "../lib/time";
import { TIER_CONFIG, type Tier, type TierLimit } from "./tiers";

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

/** The rate-limiter state stored per customer and tier (`customerQuotas.value`/`ts`). */
export type BudgetState = { value: number; ts: number };

function limiterConfig(limit: TierLimit): RateLimitConfig {
  return limit.kind === "fixed window"
    ? { kind: "fixed window", rate: limit.max, period: limit.windowMs, capacity: limit.max, start: 0 }
    : { kind: "token bucket", rate: limit.max, period: limit.windowMs, capacity: limit.max };
}

/** The budget as of `now`, from the stored state (none yet: full). */
export function budgetAt(limit: TierLimit, stored: BudgetState | null, now: number): Budget {
  const { value, ts } = calculateRateLimit(stored, limiterConfig(limit), now, 0);
  const resetAt =
    limit.kind === "fixed window" ? ts + limit.windowMs : now + Math.ceil(((limit.max - value) * limit.windowMs) / limit.max);
  return { limit, remaining: Math.max(0, Math.floor(value)), resetAt, value, ts };
}

export const dayStart = (now: number) => now - (now % DAY);
export const minuteStart = (now: number) => now - (now % MINUTE);

/** A key's counts as last written by the request path: the UTC day and minute they belong to. */
export type KeyCounts = { day: number; requestsToday: number; minute: number; requestsThisMinute: number };

/** What the usage queries return for one key: stored state only, nothing computed from the clock. */
export type StoredUsage = {
  tier: Tier;
  /** The customer's budget state for the key's tier; null when never spent (full) or unlimited. */
  budget: BudgetState | null;
  /** This key's counts (limited tiers), or null when it made no request lately. */
  counts: KeyCounts | null;
  /**
   * Unlimited tiers: the key's requests per UTC hour for its latest hours with traffic (the
   * detection scan's tally, up to a minute behind), so nothing is written per request.
   */
  hours: Array<{ hour: number; requests: number }>;
  lastRequestTime: number | null;
};

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
export function usageAt(stored: StoredUsage, now: number): UsageSummary {
  const limit = TIER_CONFIG[stored.tier].limit;
  if (limit === null) {
    const today = dayStart(now);
    const requestsToday = stored.hours.filter((h) => h.hour >= today && h.hour <= now).reduce((sum, h) => sum + h.requests, 0);
    return {
      tier: stored.tier, requestsToday, requestsThisMinute: 0, limit: null, windowMs: null,
      remaining: null, resetAt: null, customerUsed: null, lastRequestTime: stored.lastRequestTime,
    };
  }
  const budget = budgetAt(limit, stored.budget, now);
  const counts = stored.counts;
  return {
    tier: stored.tier,
    requestsToday: counts && counts.day === dayStart(now) ? counts.requestsToday : 0,
    requestsThisMinute: counts && counts.minute === minuteStart(now) ? counts.requestsThisMinute : 0,
    limit: limit.max,
    windowMs: limit.windowMs,
    remaining: budget.remaining,
    resetAt: budget.resetAt,
    customerUsed: limit.max - budget.remaining,
    lastRequestTime: stored.lastRequestTime,
  };
}

/**
 * The next instant the usage changes on its own (a window or a day ends, a token refills),
 * after `now`: when a page showing it must re-render.
 */
export function nextUsageChange(stored: StoredUsage, now: number): number {
  const limit = TIER_CONFIG[stored.tier].limit;
  const nextDay = dayStart(now) + DAY;
  if (limit === null) return nextDay;
  const budget = budgetAt(limit, stored.budget, now);
  const candidates = [nextDay, minuteStart(now) + MINUTE];
  if (budget.remaining < limit.max) {
    // Fixed window: it resets at its end. Bucket: the next whole token.
    candidates.push(limit.kind === "fixed window" ? budget.resetAt : now + Math.max(1, Math.ceil(((Math.floor(budget.value) + 1 - budget.value) * limit.windowMs) / limit.max)));
  }
  return Math.min(...candidates);
}
