/**
 * What clients see of a key: never the plaintext (shown once at creation) and never the hash.
 * Its state travels as stored fields (`enabled`, `revokedAt`, `expiresAt`), never as a status
 * computed from the clock: clients derive it with `keyStatus(view, now)` (status.ts) so that a
 * cached query result stays right when the key expires.
 */
import { v, type Infer } from "convex/values";
import { tier } from "../shared/validators";
import type { ApiKeyRow } from "./keyRows";
import type { KeyRecord } from "./tombstones";
import { revokedByOf, tierOf } from "./policy";
import { parsePermissions } from "./status";

export const keyStatusValidator = v.union(v.literal("active"), v.literal("revoked"), v.literal("expired"));

/** The stored fields a key's status is derived from (`keyStatus` in status.ts). */
export const keyStateFields = {
  /** False once revoked (Better Auth's flag). */
  enabled: v.boolean(),
  expiresAt: v.union(v.number(), v.null()),
  revokedAt: v.union(v.number(), v.null()),
};

export function keyStateOf(key: ApiKeyRow) {
  return { enabled: key.enabled !== false, expiresAt: key.expiresAt ?? null, revokedAt: key.revokedAt ?? null };
}

export const keyView = v.object({
  id: v.string(),
  name: v.string(),
  /** The first characters of the key (prefix included), to recognise it. */
  start: v.union(v.string(), v.null()),
  tier,
  permissions: v.array(v.string()),
  ...keyStateFields,
  createdAt: v.number(),
  lastUsedAt: v.union(v.number(), v.null()),
  revokedReason: v.union(v.string(), v.null()),
  /** Who revoked it: the owner, an admin or the system. Owners cannot delete or re-enable the latter two. */
  revokedBy: v.union(v.literal("owner"), v.literal("admin"), v.literal("system"), v.null()),
  /** Set on a key replaced by rotation (it works until `expiresAt`). */
  rotatedToId: v.union(v.string(), v.null()),
  hasSigningSecret: v.boolean(),
  ownerId: v.string(),
});
export type KeyView = Infer<typeof keyView>;

export function toKeyView(key: ApiKeyRow): KeyView {
  return {
    id: key._id,
    name: key.name ?? "Unnamed key",
    start: key.start ?? null,
    tier: tierOf(key),
    permissions: parsePermissions(key.permissions),
    ...keyStateOf(key),
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? null,
    revokedReason: key.revokedReason ?? null,
    revokedBy: revokedByOf(key),
    rotatedToId: key.rotatedToId ?? null,
    hasSigningSecret: key.signingSecretId !== undefined,
    ownerId: key.referenceId,
  };
}

/**
 * One key's stored usage and its customer's stored budget (shared/usage.ts `StoredUsage`):
 * clients compute "today", "remaining" and "resets at" with `usageAt(view, now)`, so the values
 * stay right across a window reset while a cached result is shown.
 */
export const usageView = v.object({
  tier,
  /** @convex-dev/rate-limiter state of the customer's budget for the tier; null: full or unlimited. */
  budget: v.union(v.object({ value: v.number(), ts: v.number() }), v.null()),
  /** This key's counts and the UTC day/minute (ms) they belong to; null: no recent request. */
  counts: v.union(
    v.object({ day: v.number(), requestsToday: v.number(), minute: v.number(), requestsThisMinute: v.number() }),
    v.null(),
  ),
  /** Unlimited tiers: requests per UTC hour (ms) for the key's latest hours with traffic. */
  hours: v.array(v.object({ hour: v.number(), requests: v.number() })),
  lastRequestTime: v.union(v.number(), v.null()),
});

/** A customer's stored budget for one limited tier (`budgetAt(limit, budget, now)` in shared/usage.ts). */
export const budgetView = v.object({
  tier,
  budget: v.union(v.object({ value: v.number(), ts: v.number() }), v.null()),
});

export const createdKeyView = v.object({
  /** The plaintext key: shown once, never stored, never returned again. */
  apiKey: v.string(),
  apiKeyId: v.string(),
  key: keyView,
});

const revokedByValidator = v.union(v.literal("owner"), v.literal("admin"), v.literal("system"), v.null());

/** A key as evidence (alerts, leaks, audit): live or deleted, it is named with its owner. */
export const keyRecordView = v.object({
  id: v.string(),
  ownerId: v.string(),
  name: v.union(v.string(), v.null()),
  start: v.union(v.string(), v.null()),
  tier,
  ...keyStateFields,
  revokedReason: v.union(v.string(), v.null()),
  revokedBy: revokedByValidator,
  /** Set when only the tombstone is left (`keyRecordStatus` in status.ts says "deleted"). */
  deletedAt: v.union(v.number(), v.null()),
});
export type KeyRecordView = Infer<typeof keyRecordView>;

export function toKeyRecordView(record: KeyRecord): KeyRecordView {
  if (!record.deleted) {
    const view = toKeyView(record.key);
    return {
      id: view.id, ownerId: view.ownerId, name: view.name, start: view.start, tier: view.tier, enabled: view.enabled,
      expiresAt: view.expiresAt, revokedAt: view.revokedAt, revokedReason: view.revokedReason, revokedBy: view.revokedBy, deletedAt: null,
    };
  }
  const t = record.tombstone;
  return {
    id: t.apiKeyId, ownerId: t.userId, name: t.name, start: t.start, tier: t.tier,
    enabled: t.revokedAt === undefined, expiresAt: null, revokedAt: t.revokedAt ?? null,
    revokedReason: t.revokedReason ?? null, revokedBy: t.revokedBy ?? null, deletedAt: t.deletedAt,
  };
}
