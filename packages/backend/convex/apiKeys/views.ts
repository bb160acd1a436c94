/**
 * What clients see of a key: never the plaintext (shown once at creation) and never the hash.
 */
import { v, type Infer } from "convex/values";
import { tier } from "../shared/validators";
import type { ApiKeyRow } from "./keyRows";
import { tierOf } from "./policy";
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
    rotatedToId: key.rotatedToId ?? null,
    hasSigningSecret: key.signingSecretId !== undefined,
    ownerId: key.referenceId,
  };
}

export const usageView = v.object({
  tier,
  requestsToday: v.number(),
  requestsThisMinute: v.number(),
  limit: v.union(v.number(), v.null()),
  windowMs: v.union(v.number(), v.null()),
  remaining: v.union(v.number(), v.null()),
  resetAt: v.union(v.number(), v.null()),
  lastRequestTime: v.union(v.number(), v.null()),
});

export const createdKeyView = v.object({
  /** The plaintext key: shown once, never stored, never returned again. */
  apiKey: v.string(),
  apiKeyId: v.string(),
  key: keyView,
});
