/**
 * A key's lifecycle state, derived from its Better Auth row and our extension fields.
 * Pure module: the hot path, the lists and the tests all use this one definition.
 *
 * @example keyStatus({ enabled: true, expiresAt: Date.now() - 1 }, Date.now()) // "expired"
 */
export type KeyStatus = "active" | "revoked" | "expired";

export type KeyStateFields = {
  enabled?: boolean | null;
  expiresAt?: number | null;
  revokedAt?: number;
};

export function keyStatus(key: KeyStateFields, now: number): KeyStatus {
  if (key.revokedAt !== undefined || key.enabled === false) return "revoked";
  if (key.expiresAt != null && key.expiresAt <= now) return "expired";
  return "active";
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
  if (!stored) return undefined;
  try {
    const parsed = JSON.parse(stored) as { subscriptionTier?: unknown };
    return typeof parsed?.subscriptionTier === "string" ? parsed.subscriptionTier : undefined;
  } catch {
    return undefined;
  }
}
