/**
 * What happens in the same transaction as Better Auth's own writes to `apikey`, whichever path
 * made them (our wrapper, Better Auth's routes, its clean-up of expired keys). Called by the
 * component triggers in auth.ts; this module must not import auth.ts (no import cycle).
 */
import { ConvexError } from "convex/values";
import type { ActionCtx, MutationCtx, QueryCtx } from "../_generated/server";
import { keyCreationRestriction } from "../monitoring/standing";
import { deny, type Denial } from "../shared/errors";
import { logSecurityEvent } from "../audit/events";
import { MAX_ACTIVE_KEYS_PER_USER, MAX_KEYS_ERROR, TIER_CONFIG } from "../shared/tiers";
import { listOwnedKeys, setKeyExpiresAt, setKeyTier, type ApiKeyRow } from "./keyRows";
import { countActive, parseTier, tierOf } from "./policy";
import { deleteStoredSecret } from "./signingSecrets";
import { deleteIpAllowlist } from "../keyAccess/enforce";
import { neverExpiresFromMetadata, parsePermissions, tierFromMetadata, toBetterAuthPermissions } from "./status";
import { writeTombstone } from "./tombstones";
import { deleteUsage, initUsage } from "./usage";

/**
 * Why a key may not be created through Better Auth's own route now: the 5-key cap, or an
 * unresolved critical alert. Shared by the route's before-hook and the trigger.
 */
export async function routeCreationRefusal(
  ctx: Pick<QueryCtx, "db" | "runQuery"> | Pick<ActionCtx, "runQuery">,
  userId: string,
  excludingId?: string,
): Promise<Denial | null> {
  if ("db" in ctx) {
    const restricted = await keyCreationRestriction(ctx.db, userId);
    if (restricted) return restricted;
  }
  const owned = await listOwnedKeys(ctx, userId);
  if (countActive(owned, Date.now(), excludingId) >= MAX_ACTIVE_KEYS_PER_USER) return deny("limit_reached", MAX_KEYS_ERROR);
  return null;
}

/**
 * Runs for every new key. Keys created by Better Auth's own HTTP routes carry no server-side
 * permissions (Better Auth refuses them on requests): they are free-tier keys whatever their
 * metadata says, and the cap is enforced here by throwing, which aborts their creation.
 */
export async function onKeyCreated(ctx: MutationCtx, key: ApiKeyRow) {
  const fromServer = key.permissions != null;
  const tier = fromServer ? (parseTier(tierFromMetadata(key.metadata)) ?? "free") : "free";
  if (!fromServer) {
    // Backstop for Better Auth's own route (its before-hook in auth.ts answers these first).
    const refused = await routeCreationRefusal(ctx, key.referenceId, key._id);
    if (refused) throw new ConvexError(refused);
  }
  // Better Auth cannot create a key without an expiry: a never-expiring key (asked for by the app
  // only) is created with the default lifetime and cleared here, before anything records it.
  const neverExpires = fromServer && neverExpiresFromMetadata(key.metadata);
  if (neverExpires) await setKeyExpiresAt(ctx, key._id, null);
  const watermarkCode = await initUsage(ctx, { apiKeyId: key._id, userId: key.referenceId });
  await setKeyTier(ctx, {
    id: key._id,
    tier,
    unlimited: TIER_CONFIG[tier].limit === null,
    watermarkCode,
    // Route-created keys get the free tier's permissions, which Better Auth left empty.
    permissions: fromServer ? undefined : JSON.stringify(toBetterAuthPermissions(TIER_CONFIG.free.permissions)),
  });
  await logSecurityEvent(ctx, {
    type: "api_key_created",
    severity: "info",
    actor: key.referenceId,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: {
      name: key.name,
      subscriptionTier: tier,
      permissions: parsePermissions(key.permissions),
      expiresAt: neverExpires ? null : (key.expiresAt ?? null),
      via: fromServer ? "app" : "better-auth-route",
    },
  });
}

/**
 * After a key row is gone (our delete, or Better Auth deleting it, e.g. expired keys): its
 * tombstone keeps the evidence, then its record, secret and IP allowlist go.
 */
export async function onKeyDeleted(ctx: MutationCtx, key: ApiKeyRow, actor: string) {
  await writeTombstone(ctx, key, actor, Date.now());
  await deleteUsage(ctx, key._id);
  await deleteStoredSecret(ctx, key._id);
  await deleteIpAllowlist(ctx, key._id);
  await logSecurityEvent(ctx, {
    type: "api_key_deleted",
    severity: "info",
    actor,
    apiKeyId: key._id,
    userId: key.referenceId,
    details: { name: key.name, subscriptionTier: tierOf(key) },
  });
}
