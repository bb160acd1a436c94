// The signed-in customer's keys and their usage. Other customers' keys read as not found.
import { v } from "convex/values";
import type { QueryCtx } from "../_generated/server";
import { userQuery, type Viewer } from "../lib/functions";
import { appError } from "../lib/errors";
import { getKey, listOwnedKeys, type ApiKeyRow } from "./lifecycle";
import { getUsageDoc, summariseUsage } from "./usage";
import { keyView, toKeyView, usageView } from "./views";

/** The viewer's key, or `not_found` (also for someone else's key: existence is not revealed). */
export async function requireOwnKey(ctx: QueryCtx, viewer: Viewer, keyId: string): Promise<ApiKeyRow> {
  const key = await getKey(ctx, keyId);
  if (!key || key.referenceId !== viewer.userId) throw appError("not_found", "No such API key.");
  return key;
}

export const list = userQuery({
  args: {},
  returns: v.array(v.object({ key: keyView, usage: v.union(usageView, v.null()) })),
  handler: async (ctx) => {
    const now = Date.now();
    const keys = await listOwnedKeys(ctx, ctx.viewer.userId);
    return await Promise.all(
      keys.map(async (key) => {
        const usage = await getUsageDoc(ctx.db, key._id);
        return { key: toKeyView(key, now), usage: usage ? await summariseUsage(ctx.db, usage, now) : null };
      }),
    );
  },
});

export const get = userQuery({
  args: { keyId: v.string() },
  returns: keyView,
  handler: async (ctx, { keyId }) => toKeyView(await requireOwnKey(ctx, ctx.viewer, keyId), Date.now()),
});

export const usage = userQuery({
  args: { keyId: v.string() },
  returns: usageView,
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const doc = await getUsageDoc(ctx.db, key._id);
    if (!doc) throw appError("not_found", "No usage recorded for this key.");
    return await summariseUsage(ctx.db, doc, Date.now());
  },
});
