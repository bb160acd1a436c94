/**
 * The key lifecycle as plain functions over a mutation ctx: create (through Better Auth), rename,
 * revoke, unban, rotate, delete. Public functions (mutations.ts), the seed-002 internal mutation
 * (internal.ts), admin functions and the monitoring crons all call these, so every path writes
 * the same audit events and keeps `apiKeyUsage` in step.
 */
import type { FunctionReturnType } from "convex/server";
import { components } from "../_generated/api";
import type { ActionCtx, MutationCtx, QueryCtx } from "../_generated/server";
import { createAuth } from "../auth";
import { logSecurityEvent } from "../audit/events";
import { DAY, HOUR } from "../lib/time";
import {
  betterAuthLimitFields,
  MAX_ACTIVE_KEYS_PER_USER,
  MAX_KEY_EXPIRY_DAYS,
  MAX_KEYS_ERROR,
  MIN_KEY_EXPIRY_DAYS,
  TIER_CONFIG,
  TIERS,
  type Tier,
} from "../shared/tiers";
import { keyStatus, parsePermissions, tierFromMetadata, toBetterAuthPermissions } from "./status";
import { deleteUsage, getUsageDoc, initUsage } from "./usage";
import { deleteStoredSecret } from "./signingSecrets";

type StoredKey = NonNullable<FunctionReturnType<typeof components.betterAuth.apiKeys.getById>>;
/** A Better Auth `apikey` row as the app sees it: component ids cross the boundary as strings. */
export type ApiKeyRow = Omit<StoredKey, "_id"> & { _id: string };

export const MAX_KEY_NAME_LENGTH = 64;
/** Longest grace period an old key may keep working after rotation. */
export const MAX_ROTATION_GRACE_MS = 7 * DAY;

export type CreateKeyResult = { success: boolean; apiKey?: string; apiKeyId?: string; error?: string };

export async function getKey(ctx: Pick<QueryCtx, "runQuery">, apiKeyId: string) {
  return await ctx.runQuery(components.betterAuth.apiKeys.getById, { id: apiKeyId });
}

/** A user's keys, newest first (at most 200: 5 active plus revoked/expired history). */
export async function listOwnedKeys(ctx: Pick<QueryCtx, "runQuery"> | Pick<ActionCtx, "runQuery">, userId: string) {
  return await ctx.runQuery(components.betterAuth.apiKeys.listByOwner, {
    referenceId: userId,
    limit: 200,
  });
}

/** The key's tier: our field, else the metadata our wrapper wrote, else the most restrictive. */
export function tierOf(key: ApiKeyRow): Tier {
  if (key.tier) return key.tier;
  const fromMetadata = tierFromMetadata(key.metadata);
  return (TIERS as readonly string[]).includes(fromMetadata ?? "") ? (fromMetadata as Tier) : "free";
}

/**
 * Active keys that count against the cap. A key rotating out (in its grace period after rotation)
 * does not: its replacement counts in its place, so rotation never makes "6 of 5".
 */
export function countActive(keys: ApiKeyRow[], now: number, excludingId?: string) {
  return keys.filter((k) => k._id !== excludingId && !k.rotatedToId && keyStatus(k, now) === "active").length;
}

/** Validation of a key's display name; returns the trimmed name or an error message. */
export function checkKeyName(name: string): { ok: true; name: string } | { ok: false; error: string } {
  const trimmed = name.trim();
  if (trimmed.length === 0) return { ok: false, error: "Give the key a name." };
  if (trimmed.length > MAX_KEY_NAME_LENGTH)
    return { ok: false, error: `Key names are at most ${MAX_KEY_NAME_LENGTH} characters.` };
  return { ok: true, name: trimmed };
}

/**
 * Creates a key of `tier` for `userId` through Better Auth's `createApiKey` (server-side, no
 * headers, so the tier's server-only limit fields are accepted). Better Auth generates and hashes
 * the key; the plaintext exists only in the return value. The `apikey` onCreate trigger
 * (auth.ts → `onKeyCreated`) then records the tier, initialises usage and logs the event, in
 * this same transaction.
 */
export async function createTieredKey(
  ctx: MutationCtx,
  args: {
    userId: string;
    name: string;
    subscriptionTier: Tier;
    permissions?: string[];
    expiresInDays?: number;
    /** Rotation replaces `replacing`: it does not count against the cap. */
    replacing?: string;
  },
): Promise<CreateKeyResult> {
  const name = checkKeyName(args.name);
  if (!name.ok) return { success: false, error: name.error };
  const tierPermissions = TIER_CONFIG[args.subscriptionTier].permissions as readonly string[];
  const permissions = args.permissions ?? [...tierPermissions];
  const extra = permissions.filter((p) => !tierPermissions.includes(p));
  if (extra.length > 0) {
    return { success: false, error: `The ${args.subscriptionTier} tier does not include: ${extra.join(", ")}` };
  }
  if (permissions.length === 0) return { success: false, error: "A key needs at least one permission." };
  const days = args.expiresInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < MIN_KEY_EXPIRY_DAYS || days > MAX_KEY_EXPIRY_DAYS)) {
    return { success: false, error: `Expiry must be a whole number of days from ${MIN_KEY_EXPIRY_DAYS} to ${MAX_KEY_EXPIRY_DAYS}.` };
  }
  const user = await ctx.runQuery(components.betterAuth.users.getById, { id: args.userId });
  if (!user) return { success: false, error: "User not found" };

  // Rotation replaces a key one for one: always allowed, even at the cap (a leaked key must be
  // replaceable).
  const owned = args.replacing ? [] : await listOwnedKeys(ctx, args.userId);
  if (!args.replacing && countActive(owned, Date.now()) >= MAX_ACTIVE_KEYS_PER_USER) {
    return { success: false, error: MAX_KEYS_ERROR };
  }

  try {
    const created = await createAuth(ctx).api.createApiKey({
      body: {
        userId: args.userId,
        name: name.name,
        expiresIn: days !== undefined ? days * (DAY / 1000) : undefined,
        metadata: { subscriptionTier: args.subscriptionTier },
        permissions: toBetterAuthPermissions(permissions),
        ...betterAuthLimitFields(args.subscriptionTier),
      },
    });
    return { success: true, apiKey: created.key, apiKeyId: created.id };
  } catch (error) {
    return { success: false, error: error instanceof Error ? error.message : "Failed to create API key" };
  }
}

/**
 * Runs inside the `apikey` onCreate trigger for every new key, whichever path created it.
 * Keys created by Better Auth's own HTTP routes carry no server-side permissions (Better Auth
 * refuses them on requests): they are free-tier keys, and the cap is enforced here by throwing,
 * which aborts their creation.
 */
export async function onKeyCreated(ctx: MutationCtx, key: ApiKeyRow) {
  const fromServer = key.permissions != null;
  const tier = fromServer ? tierOf(key) : "free";
  if (!fromServer) {
    const owned = await listOwnedKeys(ctx, key.referenceId);
    if (countActive(owned, Date.now(), key._id) >= MAX_ACTIVE_KEYS_PER_USER) {
      throw new Error(MAX_KEYS_ERROR);
    }
  }
  await ctx.runMutation(components.betterAuth.apiKeys.setTier, {
    id: key._id,
    tier,
    unlimited: TIER_CONFIG[tier].limit === null,
    // Route-created keys get the free tier's permissions, which Better Auth left empty.
    permissions: fromServer ? undefined : JSON.stringify(toBetterAuthPermissions(TIER_CONFIG.free.permissions)),
  });
  await initUsage(ctx, { apiKeyId: key._id, userId: key.referenceId, tier });
  await logSecurityEvent(ctx, {
    type: "api_key_created",
    severity: "info",
    actor: key.referenceId,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: {
      name: key.name,
      subscriptionTier: tier,
      permissions: parsePermissions(key.permissions),
      expiresAt: key.expiresAt ?? null,
      via: fromServer ? "app" : "better-auth-route",
    },
  });
}

export async function renameKey(ctx: MutationCtx, key: ApiKeyRow, newName: string, actor: string) {
  const name = checkKeyName(newName);
  if (!name.ok) return name;
  await ctx.runMutation(components.betterAuth.apiKeys.rename, { id: key._id, name: name.name });
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
  await ctx.runMutation(components.betterAuth.apiKeys.revoke, { id: key._id, reason, at });
  await logSecurityEvent(ctx, {
    type: "api_key_revoked",
    severity: actor === "system" ? "critical" : "warning",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { reason, ...extra },
  });
  return true;
}

/** Re-enables a revoked key (admins only; the caller checks). */
export async function unbanKey(ctx: MutationCtx, key: ApiKeyRow, actor: string, note?: string) {
  if (key.revokedAt === undefined && key.enabled !== false) return false;
  await ctx.runMutation(components.betterAuth.apiKeys.unrevoke, { id: key._id });
  await logSecurityEvent(ctx, {
    type: "api_key_unbanned",
    severity: "warning",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { previousReason: key.revokedReason ?? null, note: note ?? null },
  });
  return true;
}

/**
 * Replaces a key with a new secret of the same name, tier, permissions and expiry. The old key
 * keeps working for `graceMs` (0 = revoked at once), and the new key inherits the old one's
 * counters so rotating never resets a rate limit.
 */
export async function rotateKey(ctx: MutationCtx, key: ApiKeyRow, graceMs: number, actor: string) {
  const now = Date.now();
  if (keyStatus(key, now) !== "active" || key.rotatedToId) {
    const error = key.rotatedToId
      ? "Only an active key that was not rotated already can be rotated: rotate its replacement instead."
      : "Only an active key can be rotated: this one is revoked or expired.";
    return { success: false as const, kind: "conflict" as const, error };
  }
  if (!Number.isFinite(graceMs) || graceMs < 0 || graceMs > MAX_ROTATION_GRACE_MS) {
    return { success: false as const, kind: "invalid_argument" as const, error: "The grace period must be between 0 and 7 days." };
  }
  const remainingDays =
    key.expiresAt == null ? undefined : Math.min(MAX_KEY_EXPIRY_DAYS, Math.max(MIN_KEY_EXPIRY_DAYS, Math.ceil((key.expiresAt - now) / DAY)));
  const created = await createTieredKey(ctx, {
    userId: key.referenceId,
    name: key.name ?? "API key",
    subscriptionTier: tierOf(key),
    permissions: parsePermissions(key.permissions),
    expiresInDays: remainingDays,
    replacing: key._id,
  });
  if (!created.success || !created.apiKeyId || !created.apiKey) {
    return { success: false as const, kind: "invalid_argument" as const, error: created.error ?? "Rotation failed" };
  }
  const oldUsage = await getUsageDoc(ctx.db, key._id);
  const newUsage = await getUsageDoc(ctx.db, created.apiKeyId);
  if (oldUsage && newUsage) {
    await ctx.db.patch("apiKeyUsage", newUsage._id, {
      requestsToday: oldUsage.requestsToday,
      dailyResetTime: oldUsage.dailyResetTime,
      requestsThisMinute: oldUsage.requestsThisMinute,
      minuteResetTime: oldUsage.minuteResetTime,
    });
  }
  if (graceMs === 0) {
    await ctx.runMutation(components.betterAuth.apiKeys.revoke, { id: key._id, reason: "Rotated", at: now });
  }
  await ctx.runMutation(components.betterAuth.apiKeys.markRotated, {
    id: key._id,
    rotatedToId: created.apiKeyId,
    expiresAt: graceMs === 0 ? now : Math.min(now + graceMs, key.expiresAt ?? Infinity),
  });
  await logSecurityEvent(ctx, {
    type: "api_key_rotated",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { newApiKeyId: created.apiKeyId, graceHours: graceMs / HOUR },
  });
  return { success: true as const, apiKey: created.apiKey, apiKeyId: created.apiKeyId };
}

/** Deletes the key row and its counters; the access log and audit trail are kept. */
export async function deleteKey(ctx: MutationCtx, key: ApiKeyRow, actor: string) {
  await ctx.runMutation(components.betterAuth.apiKeys.remove, { id: key._id });
  await forgetKey(ctx, key, actor);
}

/** Cleanup after a key row is gone (our delete, or Better Auth deleting it: trigger). */
export async function forgetKey(ctx: MutationCtx, key: ApiKeyRow, actor: string) {
  await deleteUsage(ctx, key._id);
  await deleteStoredSecret(ctx, key._id);
  await logSecurityEvent(ctx, {
    type: "api_key_deleted",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { name: key.name, subscriptionTier: tierOf(key) },
  });
}
