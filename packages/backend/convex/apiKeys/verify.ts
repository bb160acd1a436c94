/**
 * Key verification without Better Auth's per-request machinery: checksum first (no database
 * read for garbage), then one indexed read by hash, then the key's state. The content API's
 * first step. Order of the codes: invalid → revoked → expired.
 */
import type { QueryCtx } from "../_generated/server";
import { hashApiKey, isWellFormedApiKey } from "../shared/keyFormat";
import type { Tier } from "../shared/tiers";
import { getKeyByHash, type ApiKeyRow } from "./keyRows";
import { tierOf } from "./policy";
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
  const key = await getKeyByHash(ctx, await hashApiKey(plaintext));
  if (!key) return { ok: false, code: "invalid_api_key" };
  const status = keyStatus(key, now);
  if (status === "revoked") return { ok: false, code: "key_revoked", key };
  if (status === "expired") return { ok: false, code: "key_expired", key };
  return { ok: true, key, tier: tierOf(key), permissions: parsePermissions(key.permissions) };
}
