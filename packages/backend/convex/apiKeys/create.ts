/**
 * Creating a key of a tier through Better Auth's `createApiKey` (server-side, no headers, so the
 * tier's server-only limit fields are accepted). Better Auth generates and hashes the key; the
 * plaintext exists only in the return value. The `apikey` onCreate trigger (triggers.ts) then
 * records the tier, initialises usage and logs the event, in this same transaction.
 */
import type { MutationCtx } from "../_generated/server";
import { createAuth } from "../auth";
import { getAuthUser } from "../users/profiles";
import { keyCreationRestriction } from "../monitoring/standing";
import { resolveExpiry, resolveScopes, type ExpiryChoice } from "../shared/keyChoices";
import { deny, type Result } from "../shared/errors";
import { DAY } from "../lib/time";
import { betterAuthLimitFields, DEFAULT_KEY_EXPIRY_MS, MAX_ACTIVE_KEYS_PER_USER, MAX_KEYS_ERROR, type Tier } from "../shared/tiers";
import { listOwnedKeys } from "./keyRows";
import { checkKeyName, countActive } from "./policy";
import { toBetterAuthPermissions } from "./status";

export type CreatedKey = Result<{ apiKey: string; apiKeyId: string }>;

export async function createTieredKey(
  ctx: MutationCtx,
  args: {
    userId: string;
    name: string;
    tier: Tier;
    /** Scopes (`contents`, `search`) within the tier; all of the tier's when omitted. */
    permissions?: string[];
    /** Lifetime in whole days; or `expiresAt` (ms since the epoch, null = never). Default 30 days. */
    expiresInDays?: number;
    expiresAt?: number | null;
    /** Rotation replaces `replacing`: it does not count against the cap. */
    replacing?: string;
  },
): Promise<CreatedKey> {
  const name = checkKeyName(args.name);
  if (!name.ok) return name;
  const scopes = resolveScopes(args.tier, args.permissions);
  if (!scopes.ok) return scopes;
  const expiry = resolveExpiry(args.tier, expiryChoice(args), Date.now());
  if (!expiry.ok) return expiry;
  const user = await getAuthUser(ctx, args.userId);
  if (!user) return deny("not_found", "User not found");
  const restricted = await keyCreationRestriction(ctx.db, args.userId);
  if (restricted) return restricted;

  // Rotation replaces a key one for one: always allowed, even at the cap (a leaked key must be
  // replaceable).
  if (!args.replacing && countActive(await listOwnedKeys(ctx, args.userId), Date.now()) >= MAX_ACTIVE_KEYS_PER_USER) {
    return deny(
      "limit_reached",
      `${MAX_KEYS_ERROR}: you have ${MAX_ACTIVE_KEYS_PER_USER} active keys. Revoke or delete one to create another; rotating an existing key is always possible.`,
    );
  }

  try {
    const created = await createAuth(ctx).api.createApiKey({
      body: {
        userId: args.userId,
        name: name.name,
        // Never-expiring keys are created with the default lifetime; the onCreate trigger clears it.
        expiresIn: expiry.expiresInSeconds ?? undefined,
        // Read once, by the onCreate trigger, which stores the tier as `apikey.tier`.
        metadata: { subscriptionTier: args.tier, ...(expiry.never ? { neverExpires: true } : {}) },
        permissions: toBetterAuthPermissions(scopes.scopes),
        ...betterAuthLimitFields(args.tier),
      },
    });
    return { ok: true, apiKey: created.key, apiKeyId: created.id };
  } catch (error) {
    return deny("conflict", error instanceof Error ? error.message : "Failed to create API key");
  }
}

/** The expiry asked for: a date (or null = never) wins over days; neither = the default 30 days. */
function expiryChoice(args: { expiresInDays?: number; expiresAt?: number | null }): ExpiryChoice {
  if (args.expiresAt === null) return { never: true };
  if (args.expiresAt !== undefined) return { at: args.expiresAt };
  return { days: args.expiresInDays ?? DEFAULT_KEY_EXPIRY_MS / DAY };
}
