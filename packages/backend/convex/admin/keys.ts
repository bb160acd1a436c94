// Admin views and actions over every customer's keys. Role enforced by adminQuery/adminMutation.
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError, orThrow } from "../lib/errors";
import { getKey, listAllKeys } from "../apiKeys/keyRows";
import { revokeKey, unbanKey } from "../apiKeys/lifecycle";
import { getAuthUser } from "../users/profiles";
import { usageOfKey } from "../quotas/customerQuota";
import { usageArgs } from "../apiKeys/queries";
import { keyView, toKeyView, usageView } from "../apiKeys/views";
import { MAX_REASON_LENGTH } from "../apiKeys/mutations";
import type { MutationCtx } from "../_generated/server";

const adminKeyView = v.object({
  key: keyView,
  owner: v.union(v.object({ email: v.string(), name: v.string() }), v.null()),
  usage: v.union(usageView, v.null()),
});

export const list = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(adminKeyView),
  handler: async (ctx, { paginationOpts }) => {
    const now = Date.now();
    const result = await listAllKeys(ctx, paginationOpts);
    const page = await Promise.all(
      result.page.map(async (key) => {
        const owner = await getAuthUser(ctx, key.referenceId);
        return {
          key: toKeyView(key, now),
          owner: owner ? { email: owner.email, name: owner.name } : null,
          usage: await usageOfKey(ctx.db, usageArgs(key), now),
        };
      }),
    );
    return { ...result, page };
  },
});

async function requireKey(ctx: MutationCtx, keyId: string) {
  const key = await getKey(ctx, keyId);
  if (!key) throw appError("not_found", "No such API key.");
  return key;
}

export const revoke = adminMutation({
  args: { keyId: v.string(), reason: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId, reason }) => {
    const key = await requireKey(ctx, keyId);
    const trimmed = reason.trim().slice(0, MAX_REASON_LENGTH) || "Revoked by an admin";
    await revokeKey(ctx, key, trimmed, ctx.viewer.userId, { by: "admin" });
    return toKeyView((await getKey(ctx, keyId))!, Date.now());
  },
});

export const unban = adminMutation({
  args: { keyId: v.string(), note: v.optional(v.string()) },
  returns: keyView,
  handler: async (ctx, { keyId, note }) => {
    const key = await requireKey(ctx, keyId);
    orThrow(await unbanKey(ctx, key, ctx.viewer.userId, note?.slice(0, MAX_REASON_LENGTH)));
    return toKeyView((await getKey(ctx, keyId))!, Date.now());
  },
});
