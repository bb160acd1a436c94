/**
 * Key policy as pure functions over a key row: its tier, how many keys are active, what a name
 * may be. No Convex import: the hot path, the lifecycle, Better Auth's hooks and tests share it.
 *
 * @example tierOf({ tier: "pro" }) // "pro"
 */
import { HOUR } from "../lib/time";
import { deny, type Result } from "../shared/errors";
import { TIERS, type Tier } from "../shared/tiers";
import { countActiveAt, keyStatus, type KeyStateFields } from "./status";

import { MAX_KEY_NAME_LENGTH, MAX_ROTATION_GRACE_HOURS } from "../shared/keyLimits";

export { MAX_KEY_NAME_LENGTH };
/** Longest grace period an old key may keep working after rotation. */
export const MAX_ROTATION_GRACE_MS = MAX_ROTATION_GRACE_HOURS * HOUR;

/** The key's tier (`apikey.tier`, the one stored copy); a row without one is treated as free. */
export function tierOf(key: { tier?: Tier | null }): Tier {
  return key.tier ?? "free";
}

/** Parses a tier name (e.g. from Better Auth metadata); null when it is not a tier. */
export function parseTier(value: unknown): Tier | null {
  return typeof value === "string" && (TIERS as readonly string[]).includes(value) ? (value as Tier) : null;
}

/**
 * Who revoked a key: its `revokedBy`; for keys revoked before that field existed, automatic
 * revocations (reason "Automatic: …") are the system's and the rest their owner's. Null if not revoked.
 */
export function revokedByOf(key: { revokedAt?: number; enabled?: boolean | null; revokedBy?: "owner" | "admin" | "system"; revokedReason?: string }) {
  if (key.revokedAt === undefined && key.enabled !== false) return null;
  return key.revokedBy ?? (key.revokedReason?.startsWith("Automatic") ? "system" : "owner");
}

/** A revocation by an admin or the system is a ban: its owner can neither delete nor re-enable the key. */
export function isBanned(key: Parameters<typeof revokedByOf>[0]) {
  const by = revokedByOf(key);
  return by === "admin" || by === "system";
}

/**
 * Active keys that count against the cap. A key rotating out (in its grace period after rotation)
 * does not: its replacement counts in its place, so rotation never makes "6 of 5".
 */
export function countActive(
  keys: Array<KeyStateFields & { _id: string; rotatedToId?: string | null }>,
  now: number,
  excludingId?: string,
) {
  return countActiveAt(liveKeyExpiries(keys.filter((k) => k._id !== excludingId)), now);
}

/**
 * The expiry of each key that counts against the cap unless expired (not revoked, not rotating
 * out; null: never expires): what queries return so clients count active keys at their own time.
 */
export function liveKeyExpiries(keys: Array<KeyStateFields & { rotatedToId?: string | null }>): Array<number | null> {
  return keys.filter((k) => !k.rotatedToId && keyStatus({ enabled: k.enabled, revokedAt: k.revokedAt }, 0) === "active").map((k) => k.expiresAt ?? null);
}

/**
 * A key's display name, trimmed; refused when empty, too long, or carrying control or format
 * characters (bidi overrides, zero-width characters) that could disguise it in lists and audits.
 */
export function checkKeyName(name: string): Result<{ name: string }> {
  const trimmed = name.trim();
  if (trimmed.length === 0) return deny("invalid_argument", "Give the key a name.");
  if (trimmed.length > MAX_KEY_NAME_LENGTH) {
    return deny("invalid_argument", `Key names are at most ${MAX_KEY_NAME_LENGTH} characters.`);
  }
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u.test(trimmed)) {
    return deny("invalid_argument", "Key names cannot contain control or invisible formatting characters.");
  }
  return { ok: true, name: trimmed };
}
