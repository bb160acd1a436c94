/**
 * Subscription tiers: the single source of truth for limits, permissions and key policy.
 * Pure module (no Convex imports), shared by the backend and the web app.
 *
 * | tier       | limit (per customer, shared by all their keys of the tier) | permissions |
 * |------------|------------------------------------------------------------|-------------|
 * | free       | 25 requests per UTC day (fixed window)                     | contents    |
 * | pro        | 100 requests per minute, token bucket refilling continuously | contents, search |
 * | enterprise | unlimited                                                  | contents, search |
 */
import { DAY, MINUTE } from "../lib/time";

export const TIERS = ["free", "pro", "enterprise"] as const;
export type Tier = (typeof TIERS)[number];

export const PERMISSIONS = ["contents", "search"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * A tier's limit, per customer: `max` requests per `windowMs`. A "fixed window" starts at the
 * epoch (UTC days for free); a "token bucket" holds up to `max` tokens and refills continuously
 * at `max` per `windowMs` (so a burst of `max`, then one request every `windowMs / max`).
 */
export type TierLimit = { kind: "fixed window" | "token bucket"; max: number; windowMs: number; label: string };

export type TierConfig = {
  tier: Tier;
  label: string;
  /** null = unlimited (no rate limit at all). */
  limit: TierLimit | null;
  permissions: readonly Permission[];
  /** Whether keys of this tier may be created without an expiry ("never"). */
  neverExpires: boolean;
};

export const TIER_CONFIG: Record<Tier, TierConfig> = {
  free: {
    tier: "free",
    label: "Free",
    limit: { kind: "fixed window", max: 25, windowMs: DAY, label: "25 requests per day" },
    permissions: ["contents"],
    neverExpires: false,
  },
  pro: {
    tier: "pro",
    label: "Pro",
    limit: { kind: "token bucket", max: 100, windowMs: MINUTE, label: "100 requests per minute" },
    permissions: ["contents", "search"],
    neverExpires: false,
  },
  enterprise: {
    tier: "enterprise",
    label: "Enterprise",
    limit: null,
    permissions: ["contents", "search"],
    neverExpires: true,
  },
};

/** At most this many active (enabled, unexpired) keys per user. */
export const MAX_ACTIVE_KEYS_PER_USER = 5;
export const MAX_KEYS_ERROR = `Maximum ${MAX_ACTIVE_KEYS_PER_USER} API keys per user`;
/** Default key lifetime when the customer does not choose one. */
export const DEFAULT_KEY_EXPIRY_MS = 30 * DAY;
/** Customers may choose between 1 and 365 days (Better Auth's own bounds). */
export const MIN_KEY_EXPIRY_DAYS = 1;
export const MAX_KEY_EXPIRY_DAYS = 365;

/** Whether a customer on `plan` may create a key of `tier` (tiers up to the plan; TIERS is in order). */
export function planAllowsTier(plan: Tier, tier: Tier): boolean {
  return TIERS.indexOf(tier) <= TIERS.indexOf(plan);
}

/** The tiers a customer on `plan` may create keys of. */
export function tiersForPlan(plan: Tier): Tier[] {
  return TIERS.filter((t) => planAllowsTier(plan, t));
}

/** Whether `permission` is allowed by the key's tier and its own permission list. */
export function hasPermission(tier: Tier, granted: readonly string[], permission: Permission) {
  return TIER_CONFIG[tier].permissions.includes(permission) && granted.includes(permission);
}

/**
 * The Better Auth `createApiKey` body fields that encode a tier's limits. These are server-only
 * fields: Better Auth refuses them on a request that carries headers.
 */
export function betterAuthLimitFields(tier: Tier) {
  const limit = TIER_CONFIG[tier].limit;
  if (limit === null) {
    return { rateLimitEnabled: false } as const;
  }
  return {
    rateLimitEnabled: true,
    rateLimitMax: limit.max,
    rateLimitTimeWindow: limit.windowMs,
    remaining: limit.max,
    refillAmount: limit.max,
    refillInterval: limit.windowMs,
  } as const;
}

/** Start of the fixed window containing `now`, and when it ends. */
export function windowBounds(limit: TierLimit, now: number) {
  const start = now - (now % limit.windowMs);
  return { start, resetAt: start + limit.windowMs };
}
