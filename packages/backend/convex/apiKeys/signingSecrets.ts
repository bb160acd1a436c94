/**
 * Request-signing secrets (`signingSecrets`, owned here): generated, shown once, stored AES-GCM
 * encrypted with the deployment's API_KEY_ENCRYPTION_KEY; and the request path's signature
 * check, which is the only reader of a stored secret. Enabling again replaces the secret.
 */
import type { MutationCtx } from "../_generated/server";
import { logSecurityEvent } from "../audit/events";
import { serverEnv } from "../lib/env";
import { deny, type Result } from "../shared/errors";
import { decryptSecret, encryptSecret } from "../secretBox/secretBox";
import { SECOND } from "../lib/time";
import {
  generateSigningSecret,
  SIGNATURE_WINDOW_MS,
  verifyRequestSignature,
  type SignatureFailure,
} from "../signing/requestSignature";
import { setKeySigningSecret, type ApiKeyRow } from "./keyRows";
import { keyStatus } from "./status";

async function storedSecret(ctx: Pick<MutationCtx, "db">, apiKeyId: string) {
  return await ctx.db
    .query("signingSecrets")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
}

/** Deletes the key's stored signing secret, if any. */
export async function deleteStoredSecret(ctx: Pick<MutationCtx, "db">, apiKeyId: string) {
  const existing = await storedSecret(ctx, apiKeyId);
  if (existing) await ctx.db.delete("signingSecrets", existing._id);
}

/** Stores `secret` as the key's signing secret (replacing any), encrypted and bound to the key's id. */
async function storeSecret(ctx: MutationCtx, apiKeyId: string, secret: string, encryptionKey: string) {
  await deleteStoredSecret(ctx, apiKeyId);
  const id = await ctx.db.insert("signingSecrets", {
    apiKeyId,
    encryptedSecret: await encryptSecret(secret, encryptionKey, apiKeyId),
    boundToKeyId: true,
    createdAt: Date.now(),
  });
  await setKeySigningSecret(ctx, apiKeyId, id);
}

/** Creates (or replaces) the key's signing secret and returns it in plaintext, once. */
export async function enableSigning(ctx: MutationCtx, key: ApiKeyRow, actor: string): Promise<Result<{ secret: string }>> {
  const encryptionKey = serverEnv().API_KEY_ENCRYPTION_KEY;
  if (!encryptionKey) return deny("conflict", "Request signing is not configured on this deployment.");
  if (keyStatus(key, Date.now()) !== "active") return deny("conflict", "Only an active key can sign requests.");
  const secret = generateSigningSecret();
  await storeSecret(ctx, key._id, secret, encryptionKey);
  await logSecurityEvent(ctx, {
    type: "signing_secret_created",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { replaced: key.signingSecretId !== undefined },
  });
  return { ok: true, secret };
}

/**
 * The key's signing secret in plaintext, to carry it over to the key's replacement (rotation):
 * null when the key does not sign; refused when it signs but its secret cannot be read here.
 */
export async function signingSecretToCarry(ctx: Pick<MutationCtx, "db">, key: ApiKeyRow): Promise<Result<{ secret: string | null }>> {
  if (!key.signingSecretId) return { ok: true, secret: null };
  const secret = await readSecret(ctx, key);
  return secret !== null
    ? { ok: true, secret }
    : deny("conflict", "This key's signing secret cannot be read: turn request signing off and on again, then rotate.");
}

/** The key's stored signing secret in plaintext; null when there is none or it does not decrypt here. */
async function readSecret(ctx: Pick<MutationCtx, "db">, key: ApiKeyRow): Promise<string | null> {
  const stored = await storedSecret(ctx, key._id);
  const encryptionKey = serverEnv().API_KEY_ENCRYPTION_KEY;
  if (!stored || !encryptionKey) return null;
  try {
    return await decryptSecret(stored.encryptedSecret, encryptionKey, stored.boundToKeyId ? key._id : undefined);
  } catch {
    return null; // e.g. a ciphertext moved from another key's row
  }
}

/** Gives the replacement `toKeyId` of `from` the same signing secret (read by signingSecretToCarry). */
export async function carrySigningSecret(ctx: MutationCtx, from: ApiKeyRow, toKeyId: string, secret: string, actor: string) {
  await storeSecret(ctx, toKeyId, secret, serverEnv().API_KEY_ENCRYPTION_KEY!);
  await logSecurityEvent(ctx, {
    type: "signing_secret_created",
    severity: "info",
    actor,
    apiKeyId: toKeyId,
    userId: from.referenceId,
    details: { replaced: false, carriedFrom: from._id },
  });
}

export async function disableSigning(ctx: MutationCtx, key: ApiKeyRow, actor: string) {
  if (key.signingSecretId === undefined) return;
  await deleteStoredSecret(ctx, key._id);
  await setKeySigningSecret(ctx, key._id);
  await logSecurityEvent(ctx, {
    type: "signing_secret_disabled",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: {},
  });
}

export type SignedRequest = {
  method: string;
  pathWithQuery: string;
  signatureTimestamp: string | null;
  signature: string | null;
};

/** The request path's signature step: keys without a secret pass; others need a valid signature. */
export async function checkRequestSignature(
  ctx: Pick<MutationCtx, "db">,
  key: ApiKeyRow,
  req: SignedRequest,
  now: number,
): Promise<{ ok: true } | { ok: false; reason: SignatureFailure | "replayed" }> {
  if (!key.signingSecretId) return { ok: true };
  const secret = await readSecret(ctx, key);
  if (secret === null) return { ok: false, reason: "mismatch" };
  const verified = await verifyRequestSignature(secret, {
    method: req.method,
    pathWithQuery: req.pathWithQuery,
    body: "",
    timestampHeader: req.signatureTimestamp,
    signatureHeader: req.signature,
    now,
  });
  if (!verified.ok) return verified;
  return await acceptOnce(ctx, key._id, req, now);
}

/** A valid signature is accepted once: its digest is this request's nonce until it goes stale. */
async function acceptOnce(ctx: Pick<MutationCtx, "db">, apiKeyId: string, req: SignedRequest, now: number) {
  const signature = (req.signature ?? "").trim().replace(/^v1=/, "").toLowerCase();
  const used = await ctx.db
    .query("usedSignatures")
    .withIndex("by_apiKeyId_and_signature", (q) => q.eq("apiKeyId", apiKeyId).eq("signature", signature))
    .unique();
  if (used && used.expiresAt > now) return { ok: false as const, reason: "replayed" as const };
  const expiresAt = Number(req.signatureTimestamp) * SECOND + SIGNATURE_WINDOW_MS;
  if (used) await ctx.db.patch("usedSignatures", used._id, { expiresAt });
  else await ctx.db.insert("usedSignatures", { apiKeyId, signature, expiresAt });
  return { ok: true as const };
}
