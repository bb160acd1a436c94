/**
 * What a customer chooses when creating a key, checked the same way by the backend (which
 * enforces it) and the web app (which offers it): scopes within the tier, and an expiry (a
 * preset, a custom date, or never where the tier allows). Pure module, imported by the web app
 * as `@nak/backend/shared/keyChoices`.
 *
 * @example resolveScopes("free", ["search"]) // { ok: false, kind: "invalid_argument", … }
 * @example resolveExpiry("pro", { days: 90 }, now) // { ok: true, expiresInSeconds: 7776000, never: false }
 */
import { DAY } from "../lib/time";
import { deny, type Result } from "./errors";
import { MAX_KEY_EXPIRY_DAYS, MIN_KEY_EXPIRY_DAYS, PERMISSIONS, TIER_CONFIG, type Permission, type Tier } from "./tiers";

/** The scopes a key of `tier` may be given (each one an endpoint family of the content API). */
export function scopesForTier(tier: Tier): readonly Permission[] {
  return TIER_CONFIG[tier].permissions;
}

/** What each scope opens, for forms and docs. */
export const SCOPE_DESCRIPTIONS: Record<Permission, string> = {
  contents: "List and read articles (/contents, /contents/{slug})",
  search: "Search articles (/search)",
};

/**
 * The scopes a new key gets: all of its tier's when none are asked for, else the ones asked for,
 * deduplicated and in a fixed order. Refused: an empty list, a name outside the closed set, or a
 * scope the tier does not include.
 */
export function resolveScopes(tier: Tier, requested: readonly string[] | undefined): Result<{ scopes: Permission[] }> {
  if (requested === undefined) return { ok: true, scopes: [...scopesForTier(tier)] };
  if (requested.length === 0) return deny("invalid_argument", "Choose at least one scope (contents or search).");
  const unknown = requested.filter((s) => !(PERMISSIONS as readonly string[]).includes(s));
  if (unknown.length > 0) return deny("invalid_argument", `Unknown scope: ${unknown.join(", ")}. Scopes are ${PERMISSIONS.join(" and ")}.`);
  const allowed = scopesForTier(tier);
  const outside = requested.filter((s) => !(allowed as readonly string[]).includes(s));
  if (outside.length > 0) {
    return deny("invalid_argument", `The ${TIER_CONFIG[tier].label} tier does not include: ${[...new Set(outside)].join(", ")}.`);
  }
  return { ok: true, scopes: PERMISSIONS.filter((p) => requested.includes(p)) };
}

/**
 * A key's scopes after its tier changes: a key that had all of its old tier's scopes gets all of
 * the new tier's; a key narrowed at creation keeps only its chosen scopes the new tier includes
 * (a tier change never widens a narrowed key).
 */
export function scopesAfterTierChange(current: readonly string[], from: Tier, to: Tier): Permission[] {
  const hadAll = scopesForTier(from).every((s) => current.includes(s));
  if (hadAll) return [...scopesForTier(to)];
  return scopesForTier(to).filter((s) => current.includes(s));
}

/** Longest lifetime a key of `tier` may be given, in days. */
export function maxExpiryDays(_tier: Tier): number {
  return MAX_KEY_EXPIRY_DAYS;
}

/** Whether a key of `tier` may be created without an expiry. */
export function tierAllowsNoExpiry(tier: Tier): boolean {
  return TIER_CONFIG[tier].neverExpires;
}

/** The expiry presets offered in the create form, in days (each within 1..MAX_KEY_EXPIRY_DAYS). */
export const EXPIRY_PRESET_DAYS = [7, 30, 90, 365] as const;

/** An expiry choice: a number of days, an absolute time (ms since the epoch), or never. */
export type ExpiryChoice = { days: number } | { at: number } | { never: true };

/**
 * The lifetime Better Auth is given for a choice made at `now`: seconds from now, or never.
 * Refused with a clear message: a non-whole number of days, a time in the past or sooner than
 * MIN_KEY_EXPIRY_DAYS, later than the tier's maximum, or "never" on a tier that does not allow it.
 */
export function resolveExpiry(tier: Tier, choice: ExpiryChoice, now: number): Result<{ expiresInSeconds: number | null; never: boolean }> {
  const max = maxExpiryDays(tier);
  if ("never" in choice) {
    if (!tierAllowsNoExpiry(tier)) {
      return deny("invalid_argument", `${TIER_CONFIG[tier].label} keys must expire (at most ${max} days); only ${neverTiersLabel()} keys may never expire.`);
    }
    return { ok: true, expiresInSeconds: null, never: true };
  }
  if ("days" in choice) {
    const days = choice.days;
    if (!Number.isInteger(days) || days < MIN_KEY_EXPIRY_DAYS || days > max) {
      return deny("invalid_argument", `Expiry must be a whole number of days from ${MIN_KEY_EXPIRY_DAYS} to ${max}.`);
    }
    return { ok: true, expiresInSeconds: days * (DAY / 1000), never: false };
  }
  const at = choice.at;
  if (!Number.isFinite(at)) return deny("invalid_argument", "The expiry date is not a valid date.");
  if (at <= now) return deny("invalid_argument", "The expiry date is in the past: choose a future date.");
  if (at - now < MIN_KEY_EXPIRY_DAYS * DAY) {
    return deny("invalid_argument", `The expiry date must be at least ${MIN_KEY_EXPIRY_DAYS} day from now.`);
  }
  if (at - now > max * DAY) {
    return deny("invalid_argument", `The expiry date is too far away: ${TIER_CONFIG[tier].label} keys last at most ${max} days.`);
  }
  return { ok: true, expiresInSeconds: Math.floor((at - now) / 1000), never: false };
}

function neverTiersLabel() {
  return Object.values(TIER_CONFIG)
    .filter((c) => c.neverExpires)
    .map((c) => c.label)
    .join(" and ");
}
