/**
 * The app's one door to Better Auth's `apikey` rows (in the Better Auth component): every read
 * and write of a key row goes through here. Rows cross the component boundary with string ids;
 * their type comes from the component's `apiKeyRow` validator.
 */
import { components } from "../_generated/api";
import type { ActionCtx, MutationCtx, QueryCtx } from "../_generated/server";
import type { ApiKeyRow, RevokedBy } from "../betterAuth/schema";
import type { Tier } from "../shared/tiers";

export type { ApiKeyRow, RevokedBy };

type Reader = Pick<QueryCtx, "runQuery"> | Pick<ActionCtx, "runQuery">;
type Writer = Pick<MutationCtx, "runMutation">;

/** Most keys a user's list reads: 5 active plus revoked and expired history. */
export const OWNED_KEYS_READ_LIMIT = 200;

export async function getKey(ctx: Reader, apiKeyId: string): Promise<ApiKeyRow | null> {
  return await ctx.runQuery(components.betterAuth.apiKeys.getById, { id: apiKeyId });
}

/** The key whose Better Auth hash (base64url SHA-256 of the plaintext) is `hash`. */
export async function getKeyByHash(ctx: Reader, hash: string): Promise<ApiKeyRow | null> {
  return await ctx.runQuery(components.betterAuth.apiKeys.getByHash, { hash });
}

/** A user's keys, newest first (bounded by OWNED_KEYS_READ_LIMIT). */
export async function listOwnedKeys(ctx: Reader, userId: string): Promise<ApiKeyRow[]> {
  return await ctx.runQuery(components.betterAuth.apiKeys.listByOwner, {
    referenceId: userId,
    limit: OWNED_KEYS_READ_LIMIT,
  });
}

export async function setKeyTier(
  ctx: Writer,
  key: { id: string; tier: Tier; unlimited: boolean; watermarkCode: string; permissions?: string },
) {
  await ctx.runMutation(components.betterAuth.apiKeys.setTier, key);
}

export async function setKeyName(ctx: Writer, apiKeyId: string, name: string) {
  await ctx.runMutation(components.betterAuth.apiKeys.rename, { id: apiKeyId, name });
}

export async function markKeyRevoked(ctx: Writer, apiKeyId: string, reason: string, by: RevokedBy, at: number) {
  await ctx.runMutation(components.betterAuth.apiKeys.revoke, { id: apiKeyId, reason, at, by });
}

export async function markKeyUnrevoked(ctx: Writer, apiKeyId: string) {
  await ctx.runMutation(components.betterAuth.apiKeys.unrevoke, { id: apiKeyId });
}

export async function markKeyRotated(ctx: Writer, apiKeyId: string, rotatedToId: string, expiresAt: number) {
  await ctx.runMutation(components.betterAuth.apiKeys.markRotated, { id: apiKeyId, rotatedToId, expiresAt });
}

/** Sets a key's expiry (ms since the epoch), or null for a key that never expires. */
export async function setKeyExpiresAt(ctx: Writer, apiKeyId: string, expiresAt: number | null) {
  await ctx.runMutation(components.betterAuth.apiKeys.setExpiresAt, { id: apiKeyId, expiresAt });
}

export async function setKeySigningSecret(ctx: Writer, apiKeyId: string, signingSecretId?: string) {
  await ctx.runMutation(components.betterAuth.apiKeys.setSigningSecret, { id: apiKeyId, signingSecretId });
}

/** Records the key's last use (callers debounce; see contentApi/handle.ts). */
export async function touchKey(ctx: Writer, apiKeyId: string, at: number) {
  await ctx.runMutation(components.betterAuth.apiKeys.touch, { id: apiKeyId, at });
}

export async function removeKeyRow(ctx: Writer, apiKeyId: string) {
  await ctx.runMutation(components.betterAuth.apiKeys.remove, { id: apiKeyId });
}
