/** The key owner's IP allowlist: read it, replace it (audited). Other people's keys are not found. */
import { v } from "convex/values";
import { userMutation, userQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { logSecurityEvent } from "../audit/events";
import { requireOwnKey } from "../apiKeys/queries";
import { MAX_ALLOWLIST_ENTRIES, normalizeAllowlist } from "./allowlist";
import { getIpAllowlist } from "./enforce";

export const ipAllowlist = userQuery({
  args: { keyId: v.string() },
  returns: v.array(v.string()),
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    return await getIpAllowlist(ctx.db, key._id);
  },
});

/** Replaces the key's allowlist; an empty list allows any address again. */
export const setIpAllowlist = userMutation({
  args: { keyId: v.string(), entries: v.array(v.string()) },
  returns: v.array(v.string()),
  handler: async (ctx, { keyId, entries }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    if (entries.length > MAX_ALLOWLIST_ENTRIES * 2) throw appError("invalid_argument", `At most ${MAX_ALLOWLIST_ENTRIES} addresses or ranges per key.`);
    const parsed = normalizeAllowlist(entries);
    if (!parsed.ok) throw appError("invalid_argument", parsed.message);
    const existing = await ctx.db
      .query("keyIpAllowlists")
      .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", key._id))
      .unique();
    const previous = existing?.entries ?? [];
    if (existing) await ctx.db.patch("keyIpAllowlists", existing._id, { entries: parsed.entries, updatedAt: Date.now(), updatedBy: ctx.viewer.userId });
    else await ctx.db.insert("keyIpAllowlists", { apiKeyId: key._id, entries: parsed.entries, updatedAt: Date.now(), updatedBy: ctx.viewer.userId });
    await logSecurityEvent(ctx, {
      type: "ip_allowlist_changed",
      severity: "info",
      actor: ctx.viewer.userId,
      apiKeyId: key._id,
      userId: key.referenceId,
      details: { from: previous, to: parsed.entries },
    });
    return parsed.entries;
  },
});
