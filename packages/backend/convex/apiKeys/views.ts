/**
 * What clients see of a key: never the plaintext (shown once at creation) and never the hash.
 */
import { v, type Infer } from "convex/values";
import { tier } from "../shared/validators";
import type { ApiKeyRow } from "./keyRows";
import type { KeyRecord } from "./tombstones";
import { revokedByOf, tierOf } from "./policy";
import { keyStatus, parsePermissions } from "./status";

export const keyStatusValidator = v.union(v.literal("active"), v.literal("revoked"), v.literal("expired"));

export const keyView = v.object({
  id: v.string(),
  name: v.string(),
  /** The first characters of the key (prefix included), to recognise it. */
  start: v.union(v.string(), v.null()),
  tier,
  permissions: v.array(v.string()),
  status: keyStatusValidator,
  createdAt: v.number(),
  expiresAt: v.union(v.number(), v.null()),
  lastUsedAt: v.union(v.number(), v.null()),
  revokedAt: v.union(v.number(), v.null()),
  revokedReason: v.union(v.string(), v.null()),
  /** Who revoked it: the owner, an admin or the system. Owners cannot delete or re-enable the latter two. */
  revokedBy: v.union(v.literal("owner"), v.literal("admin"), v.literal("system"), v.null()),
  /** Set on a key replaced by rotation (it works until `expiresAt`). */
  rotatedToId: v.union(v.string(), v.null()),
  hasSigningSecret: v.boolean(),
  ownerId: v.string(),
});
export type KeyView = Infer<typeof keyView>;

export function toKeyView(key: ApiKeyRow, now: number): KeyView {
  return {
    id: key._id,
    name: key.name ?? "Unnamed key",
    start: key.start ?? null,
    tier: tierOf(key),
    permissions: parsePermissions(key.permissions),
    status: keyStatus(key, now),
    createdAt: key.createdAt,
    expiresAt: key.expiresAt ?? null,
    lastUsedAt: key.lastUsedAt ?? null,
    revokedAt: key.revokedAt ?? null,
    revokedReason: key.revokedReason ?? null,
    revokedBy: revokedByOf(key),
    rotatedToId: key.rotatedToId ?? null,
    hasSigningSecret: key.signingSecretId !== undefined,
    ownerId: key.referenceId,
  };
}

/**
 * One key's usage and its customer's budget: `requestsToday`/`requestsThisMinute` count this
 * key; `limit`, `remaining`, `resetAt` and `customerUsed` describe the budget all the customer's
 * keys of the tier share (null when the tier is unlimited).
 */
export const usageView = v.object({
  tier,
  requestsToday: v.number(),
  requestsThisMinute: v.number(),
  limit: v.union(v.number(), v.null()),
  windowMs: v.union(v.number(), v.null()),
  remaining: v.union(v.number(), v.null()),
  resetAt: v.union(v.number(), v.null()),
  customerUsed: v.union(v.number(), v.null()),
  lastRequestTime: v.union(v.number(), v.null()),
});

/** A customer's remaining budget for one limited tier. */
export const budgetView = v.object({
  tier,
  limit: v.number(),
  windowMs: v.number(),
  remaining: v.number(),
  resetAt: v.number(),
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
  status: v.union(keyStatusValidator, v.literal("deleted")),
  revokedReason: v.union(v.string(), v.null()),
  revokedBy: revokedByValidator,
  deletedAt: v.union(v.number(), v.null()),
});
export type KeyRecordView = Infer<typeof keyRecordView>;

export function toKeyRecordView(record: KeyRecord, now: number): KeyRecordView {
  if (!record.deleted) {
    const view = toKeyView(record.key, now);
    return { id: view.id, ownerId: view.ownerId, name: view.name, start: view.start, tier: view.tier, status: view.status, revokedReason: view.revokedReason, revokedBy: view.revokedBy, deletedAt: null };
  }
  const t = record.tombstone;
  return {
    id: t.apiKeyId, ownerId: t.userId, name: t.name, start: t.start, tier: t.tier, status: "deleted",
    revokedReason: t.revokedReason ?? null, revokedBy: t.revokedBy ?? null, deletedAt: t.deletedAt,
  };
}
