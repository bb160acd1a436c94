/**
 * A key's lifecycle state, derived from its Better Auth row and our extension fields.
 * Pure module: the hot path, the lists, the web app and the tests all use this one definition.
 * Queries return the stored fields (`enabled`, `revokedAt`, `expiresAt`) and never the status:
 * Convex caches a query's result until the data it read changes, so a status computed from the
 * clock in a query would stay "active" past the expiry. The web app computes it with a ticking
 * clock (packages/web/src/lib/clock.ts); mutations and the request path compute it at their own time.
 *
 * @example keyStatus({ enabled: true, expiresAt: Date.now() - 1 }, Date.now()) // "expired"
 */
export type KeyStatus = "active" | "revoked" | "expired";

export type KeyStateFields = {
  enabled?: boolean | null;
  expiresAt?: number | null;
  revokedAt?: number | null;
};

export function keyStatus(key: KeyStateFields, now: number): KeyStatus {
  if (key.revokedAt != null || key.enabled === false) return "revoked";
  if (key.expiresAt != null && key.expiresAt <= now) return "expired";
  return "active";
}

/** A key named as evidence (alerts, leaks, audit): live, or deleted with only its tombstone left. */
export type KeyRecordStatus = KeyStatus | "deleted";

export function keyRecordStatus(record: KeyStateFields & { deletedAt: number | null }, now: number): KeyRecordStatus {
  return record.deletedAt !== null ? "deleted" : keyStatus(record, now);
}

/** How long before its expiry an active key is flagged "expires soon" (a week). */
export const EXPIRES_SOON_MS = 7 * 24 * 60 * 60 * 1000;

/** An active key whose expiry is less than EXPIRES_SOON_MS away. */
export function expiresSoon(key: KeyStateFields, now: number): boolean {
  return keyStatus(key, now) === "active" && key.expiresAt != null && key.expiresAt - now < EXPIRES_SOON_MS;
}

/**
 * Keys that count against the cap at `now`, from the expiry of each key that is neither revoked
 * nor rotating out (null: never expires). Queries return these expiries, not a count, so the
 * count stays right as keys expire while the page is open.
 *
 * @example countActiveAt([null, now + 1, now], now) // 2
 */
export function countActiveAt(liveExpiries: ReadonlyArray<number | null>, now: number): number {
  return liveExpiries.filter((expiresAt) => keyStatus({ expiresAt }, now) === "active").length;
}

/** Better Auth stores permissions as JSON `{ "contents": ["read"], … }`; we use the resource names. */
export function parsePermissions(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return parsed && typeof parsed === "object" ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}

/** The Better Auth permissions object for a list of resource names. */
export function toBetterAuthPermissions(names: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(names.map((name) => [name, ["read"]]));
}

/** Reads `subscriptionTier` from Better Auth's metadata JSON, if present. */
export function tierFromMetadata(stored: string | null | undefined): string | undefined {
  const parsed = creationMetadata(stored);
  return typeof parsed?.subscriptionTier === "string" ? parsed.subscriptionTier : undefined;
}

/** Whether the app asked, at creation, for a key that never expires (see apiKeys/create.ts). */
export function neverExpiresFromMetadata(stored: string | null | undefined): boolean {
  return creationMetadata(stored)?.neverExpires === true;
}

function creationMetadata(stored: string | null | undefined): { subscriptionTier?: unknown; neverExpires?: unknown } | null {
  if (!stored) return null;
  try {
    const parsed = JSON.parse(stored) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as { subscriptionTier?: unknown; neverExpires?: unknown }) : null;
  } catch {
    return null;
  }
}
