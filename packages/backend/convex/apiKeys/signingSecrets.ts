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
import { generateSigningSecret, verifyRequestSignature, type SignatureFailure } from "../signing/requestSignature";
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

/** Creates (or replaces) the key's signing secret and returns it in plaintext, once. */
export async function enableSigning(ctx: MutationCtx, key: ApiKeyRow, actor: string): Promise<Result<{ secret: string }>> {
  const encryptionKey = serverEnv().API_KEY_ENCRYPTION_KEY;
  if (!encryptionKey) return deny("conflict", "Request signing is not configured on this deployment.");
  if (keyStatus(key, Date.now()) !== "active") return deny("conflict", "Only an active key can sign requests.");
  const secret = generateSigningSecret();
  await deleteStoredSecret(ctx, key._id);
  const id = await ctx.db.insert("signingSecrets", {
    apiKeyId: key._id,
    encryptedSecret: await encryptSecret(secret, encryptionKey),
    createdAt: Date.now(),
  });
  await setKeySigningSecret(ctx, key._id, id);
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
): Promise<{ ok: true } | { ok: false; reason: SignatureFailure }> {
  if (!key.signingSecretId) return { ok: true };
  const stored = await storedSecret(ctx, key._id);
  const encryptionKey = serverEnv().API_KEY_ENCRYPTION_KEY;
  if (!stored || !encryptionKey) return { ok: false, reason: "mismatch" };
  const secret = await decryptSecret(stored.encryptedSecret, encryptionKey);
  return await verifyRequestSignature(secret, {
    method: req.method,
    pathWithQuery: req.pathWithQuery,
    body: "",
    timestampHeader: req.signatureTimestamp,
    signatureHeader: req.signature,
    now,
  });
}
