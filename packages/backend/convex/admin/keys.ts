// Admin actions on any customer's key (the keys page lists them through admin/search.ts). Role enforced by adminQuery/adminMutation.
import { v } from "convex/values";
import { adminMutation } from "../lib/functions";
import { appError, orThrow } from "../lib/errors";
import { getKey } from "../apiKeys/keyRows";
import { revokeKey, unbanKey } from "../apiKeys/lifecycle";
import { keyView, toKeyView } from "../apiKeys/views";
import { MAX_REASON_LENGTH } from "../apiKeys/mutations";
import type { MutationCtx } from "../_generated/server";

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
    return toKeyView((await getKey(ctx, keyId))!);
  },
});

export const unban = adminMutation({
  args: { keyId: v.string(), note: v.optional(v.string()) },
  returns: keyView,
  handler: async (ctx, { keyId, note }) => {
    const key = await requireKey(ctx, keyId);
    orThrow(await unbanKey(ctx, key, ctx.viewer.userId, note?.slice(0, MAX_REASON_LENGTH)));
    return toKeyView((await getKey(ctx, keyId))!);
  },
});
