/**
 * The key lifecycle after creation, as plain functions over a mutation ctx: rename, revoke, unban,
 * rotate, delete. Public functions (mutations.ts), admin functions and the monitoring crons all
 * call these, so every path writes the same audit events, records and tombstones.
 */
import type { MutationCtx } from "../_generated/server";
import { logSecurityEvent } from "../audit/events";
import { DAY, HOUR } from "../lib/time";
import { deny, type Result } from "../shared/errors";
import { MAX_KEY_EXPIRY_DAYS, MIN_KEY_EXPIRY_DAYS } from "../shared/tiers";
import { tierAllowsNoExpiry } from "../shared/keyChoices";
import { createTieredKey } from "./create";
import {
  markKeyRevoked,
  markKeyRotated,
  markKeyUnrevoked,
  removeKeyRow,
  setKeyName,
  type ApiKeyRow,
  type RevokedBy,
} from "./keyRows";
import { checkKeyName, isBanned, MAX_ROTATION_GRACE_MS, revokedByOf, tierOf } from "./policy";
import { keyStatus, parsePermissions } from "./status";
import { onKeyDeleted } from "./triggers";
import { carrySigningSecret, signingSecretToCarry } from "./signingSecrets";
import { carryIpAllowlist } from "../keyAccess/enforce";

// Callers elsewhere (monitoring, admin) reach key rows and policy through these re-exports too.
export { getKey, type ApiKeyRow } from "./keyRows";
export { tierOf } from "./policy";

export async function renameKey(ctx: MutationCtx, key: ApiKeyRow, newName: string, actor: string) {
  const name = checkKeyName(newName);
  if (!name.ok) return name;
  await setKeyName(ctx, key._id, name.name);
  await logSecurityEvent(ctx, {
    type: "api_key_renamed",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { from: key.name, to: name.name },
  });
  return name;
}

/**
 * Who revoked, for the record: "system" (detectors), an admin (admin paths pass `by: "admin"`;
 * anyone but the owner can only be one), or the key's owner.
 */
export function revokerOf(key: ApiKeyRow, actor: string, extra: Record<string, unknown>): RevokedBy {
  if (actor === "system") return "system";
  return extra.by === "admin" || actor !== key.referenceId ? "admin" : "owner";
}

/** Revokes a key (idempotent on an already revoked key: nothing is written twice). */
export async function revokeKey(
  ctx: MutationCtx,
  key: ApiKeyRow,
  reason: string,
  actor: string,
  extra: Record<string, unknown> = {},
) {
  if (keyStatus(key, Date.now()) === "revoked") return false;
  const at = Date.now();
  const by = revokerOf(key, actor, extra);
  await markKeyRevoked(ctx, key._id, reason, by, at);
  await logSecurityEvent(ctx, {
    type: "api_key_revoked",
    severity: actor === "system" ? "critical" : "warning",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { reason, revokedBy: by, ...extra },
  });
  return true;
}

/**
 * Re-enables a key an admin or the system revoked (admins only; the caller checks). A customer's
 * own revocation is theirs: nobody re-enables it.
 */
export async function unbanKey(ctx: MutationCtx, key: ApiKeyRow, actor: string, note?: string): Promise<Result> {
  const by = revokedByOf(key);
  if (by === null) return deny("conflict", "This key is not revoked.");
  if (by === "owner") return deny("forbidden", "This key was revoked by its owner; only they decide, by creating a new key.");
  await markKeyUnrevoked(ctx, key._id);
  await logSecurityEvent(ctx, {
    type: "api_key_unbanned",
    severity: "warning",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { previousReason: key.revokedReason ?? null, revokedBy: by, note: note ?? null },
  });
  return { ok: true };
}

/**
 * Replaces a key with a new secret of the same name, tier, permissions, expiry and restrictions
 * (IP allowlist, request signing with the same signing secret). The old key
 * keeps working for `graceMs` (0 = revoked at once). Both spend the customer's one budget for the
 * tier, so rotating never resets a limit.
 */
export async function rotateKey(
  ctx: MutationCtx,
  key: ApiKeyRow,
  graceMs: number,
  actor: string,
): Promise<Result<{ apiKey: string; apiKeyId: string }>> {
  const now = Date.now();
  if (key.rotatedToId) {
    return deny("conflict", "Only an active key that was not rotated already can be rotated: rotate its replacement instead.");
  }
  if (keyStatus(key, now) !== "active") {
    return deny("conflict", "Only an active key can be rotated: this one is revoked or expired.");
  }
  if (!Number.isFinite(graceMs) || graceMs < 0 || graceMs > MAX_ROTATION_GRACE_MS) {
    return deny("invalid_argument", "The grace period must be between 0 and 7 days.");
  }
  const signing = await signingSecretToCarry(ctx, key);
  if (!signing.ok) return signing;
  const remainingDays =
    key.expiresAt == null ? undefined : Math.min(MAX_KEY_EXPIRY_DAYS, Math.max(MIN_KEY_EXPIRY_DAYS, Math.ceil((key.expiresAt - now) / DAY)));
  const created = await createTieredKey(ctx, {
    userId: key.referenceId,
    name: key.name ?? "API key",
    tier: tierOf(key),
    permissions: parsePermissions(key.permissions),
    expiresInDays: remainingDays,
    // A key that never expires is replaced by one that never expires, where its tier allows it.
    ...(key.expiresAt == null && tierAllowsNoExpiry(tierOf(key)) ? { expiresAt: null } : {}),
    replacing: key._id,
  });
  if (!created.ok) return created;
  await carryIpAllowlist(ctx, key, created.apiKeyId, actor);
  if (signing.secret) await carrySigningSecret(ctx, key, created.apiKeyId, signing.secret, actor);
  if (graceMs === 0) await markKeyRevoked(ctx, key._id, "Rotated", "owner", now);
  await markKeyRotated(ctx, key._id, created.apiKeyId, graceMs === 0 ? now : Math.min(now + graceMs, key.expiresAt ?? Infinity));
  await logSecurityEvent(ctx, {
    type: "api_key_rotated",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { newApiKeyId: created.apiKeyId, graceHours: graceMs / HOUR },
  });
  return created;
}

/**
 * Deletes the key row; its tombstone, the access log and the audit trail are kept. A key an admin
 * or the system revoked is evidence: its owner cannot delete it.
 */
export async function deleteKey(ctx: MutationCtx, key: ApiKeyRow, actor: string, byAdmin = false): Promise<Result> {
  if (!byAdmin && isBanned(key)) {
    return deny("forbidden", "This key was revoked by an admin or by abuse detection and is kept as evidence. Contact support.");
  }
  await removeKeyRow(ctx, key._id);
  await onKeyDeleted(ctx, key, actor);
  return { ok: true };
}
