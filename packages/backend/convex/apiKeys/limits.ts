/**
 * Tier limit arithmetic for one request: given the key's counters, is this request allowed, what
 * are the new counters, and what RateLimit headers describe the window. Pure module.
 *
 * Windows are fixed and epoch-aligned (UTC days for free, whole minutes for pro), matching the
 * counters in `apiKeyUsage`. A 429 does not consume quota.
 *
 * @example
 *   const d = decide(TIER_CONFIG.free.limit, { count: 25, resetAt }, now);
 *   d.allowed // false; d.retryAfterSeconds // seconds to the next UTC day
 */
import type { TierLimit } from "../shared/tiers";
import { windowBounds } from "../shared/tiers";

export type WindowCounter = { count: number; resetAt: number };

export type LimitDecision = {
  allowed: boolean;
  /** The counter after this request (unchanged when refused). */
  next: WindowCounter;
  headers: Record<string, string>;
  retryAfterSeconds?: number;
};

/** Headers for unlimited keys: the fields are present and say so. */
export const UNLIMITED_HEADERS: Record<string, string> = {
  "RateLimit-Limit": "unlimited",
  "RateLimit-Remaining": "unlimited",
  "RateLimit-Reset": "0",
};

export function decide(limit: TierLimit, stored: WindowCounter, now: number): LimitDecision {
  const { resetAt } = windowBounds(limit, now);
  const current = stored.resetAt > now ? stored.count : 0;
  const resetSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
  if (current >= limit.max) {
    return {
      allowed: false,
      next: { count: current, resetAt },
      retryAfterSeconds: resetSeconds,
      headers: {
        "RateLimit-Limit": String(limit.max),
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": String(resetSeconds),
        "Retry-After": String(resetSeconds),
      },
    };
  }
  return {
    allowed: true,
    next: { count: current + 1, resetAt },
    headers: {
      "RateLimit-Limit": String(limit.max),
      "RateLimit-Remaining": String(limit.max - current - 1),
      "RateLimit-Reset": String(resetSeconds),
    },
  };
}

/** Headers describing the window without counting a request (refusals before the limit step). */
export function peek(limit: TierLimit, stored: WindowCounter, now: number): Record<string, string> {
  const { resetAt } = windowBounds(limit, now);
  const current = stored.resetAt > now ? stored.count : 0;
  return {
    "RateLimit-Limit": String(limit.max),
    "RateLimit-Remaining": String(Math.max(0, limit.max - current)),
    "RateLimit-Reset": String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
  };
}
