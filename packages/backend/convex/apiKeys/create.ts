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
import { DAY } from "../lib/time";
import { deny, type Result } from "../shared/errors";
import {
  betterAuthLimitFields,
  MAX_ACTIVE_KEYS_PER_USER,
  MAX_KEY_EXPIRY_DAYS,
  MAX_KEYS_ERROR,
  MIN_KEY_EXPIRY_DAYS,
  TIER_CONFIG,
  type Tier,
} from "../shared/tiers";
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
    permissions?: string[];
    expiresInDays?: number;
    /** Rotation replaces `replacing`: it does not count against the cap. */
    replacing?: string;
  },
): Promise<CreatedKey> {
  const name = checkKeyName(args.name);
  if (!name.ok) return name;
  const tierPermissions = TIER_CONFIG[args.tier].permissions as readonly string[];
  const permissions = args.permissions ?? [...tierPermissions];
  const extra = permissions.filter((p) => !tierPermissions.includes(p));
  if (extra.length > 0) {
    return deny("invalid_argument", `The ${args.tier} tier does not include: ${extra.join(", ")}`);
  }
  if (permissions.length === 0) return deny("invalid_argument", "A key needs at least one permission.");
  const days = args.expiresInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < MIN_KEY_EXPIRY_DAYS || days > MAX_KEY_EXPIRY_DAYS)) {
    return deny("invalid_argument", `Expiry must be a whole number of days from ${MIN_KEY_EXPIRY_DAYS} to ${MAX_KEY_EXPIRY_DAYS}.`);
  }
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
        expiresIn: days !== undefined ? days * (DAY / 1000) : undefined,
        // Read once, by the onCreate trigger, which stores it as `apikey.tier`.
        metadata: { subscriptionTier: args.tier },
        permissions: toBetterAuthPermissions(permissions),
        ...betterAuthLimitFields(args.tier),
      },
    });
    return { ok: true, apiKey: created.key, apiKeyId: created.id };
  } catch (error) {
    return deny("conflict", error instanceof Error ? error.message : "Failed to create API key");
  }
}
