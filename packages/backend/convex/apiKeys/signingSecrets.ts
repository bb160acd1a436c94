/**
 * Request-signing secrets: generated here, shown once, stored AES-GCM encrypted with the
 * deployment's API_KEY_ENCRYPTION_KEY. Enabling again replaces the secret (a rotation).
 */
import { components } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { logSecurityEvent } from "../audit/events";
import { appError } from "../lib/errors";
import { serverEnv } from "../lib/env";
import { encryptSecret, generateSigningSecret } from "../contentApi/signing";
import type { ApiKeyRow } from "./lifecycle";
import { keyStatus } from "./status";

/** Deletes the key's stored signing secret, if any. */
export async function deleteStoredSecret(ctx: MutationCtx, apiKeyId: string) {
  const existing = await ctx.db
    .query("signingSecrets")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId))
    .unique();
  if (existing) await ctx.db.delete("signingSecrets", existing._id);
}

/** Creates (or replaces) the key's signing secret and returns it in plaintext, once. */
export async function enableSigning(ctx: MutationCtx, key: ApiKeyRow, actor: string): Promise<string> {
  const encryptionKey = serverEnv().API_KEY_ENCRYPTION_KEY;
  if (!encryptionKey) throw appError("conflict", "Request signing is not configured on this deployment.");
  if (keyStatus(key, Date.now()) !== "active") throw appError("conflict", "Only an active key can sign requests.");
  const secret = generateSigningSecret();
  await deleteStoredSecret(ctx, key._id);
  const id = await ctx.db.insert("signingSecrets", {
    apiKeyId: key._id,
    encryptedSecret: await encryptSecret(secret, encryptionKey),
    createdAt: Date.now(),
  });
  await ctx.runMutation(components.betterAuth.apiKeys.setSigningSecret, { id: key._id, signingSecretId: id });
  await logSecurityEvent(ctx, {
    type: "signing_secret_created",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { replaced: key.signingSecretId !== undefined },
  });
  return secret;
}

export async function disableSigning(ctx: MutationCtx, key: ApiKeyRow, actor: string) {
  if (key.signingSecretId === undefined) return;
  await deleteStoredSecret(ctx, key._id);
  await ctx.runMutation(components.betterAuth.apiKeys.setSigningSecret, { id: key._id });
  await logSecurityEvent(ctx, {
    type: "signing_secret_disabled",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: {},
  });
}
