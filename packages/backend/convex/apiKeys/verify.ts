/**
 * Key verification without Better Auth's per-request machinery: checksum first (no database
 * read for garbage), then one indexed read by hash, then the key's state. Used by the content
 * API's request mutation. Order and codes follow DESIGN.md: invalid → revoked → expired.
 */
import { components } from "../_generated/api";
import type { QueryCtx } from "../_generated/server";
import { hashApiKey, isWellFormedApiKey } from "../shared/keyFormat";
import type { Tier } from "../shared/tiers";
import { tierOf, type ApiKeyRow } from "./lifecycle";
import { keyStatus, parsePermissions } from "./status";

export type VerifiedKey = { key: ApiKeyRow; tier: Tier; permissions: string[] };
export type VerifyResult =
  | ({ ok: true } & VerifiedKey)
  | { ok: false; code: "invalid_api_key" | "key_revoked" | "key_expired"; key?: ApiKeyRow };

export async function verifyApiKey(
  ctx: Pick<QueryCtx, "runQuery">,
  plaintext: string,
  now: number,
): Promise<VerifyResult> {
  if (!isWellFormedApiKey(plaintext)) return { ok: false, code: "invalid_api_key" };
  const key = await ctx.runQuery(components.betterAuth.apiKeys.getByHash, {
    hash: await hashApiKey(plaintext),
  });
  if (!key) return { ok: false, code: "invalid_api_key" };
  const status = keyStatus(key, now);
  if (status === "revoked") return { ok: false, code: "key_revoked", key };
  if (status === "expired") return { ok: false, code: "key_expired", key };
  return { ok: true, key, tier: tierOf(key), permissions: parsePermissions(key.permissions) };
}
