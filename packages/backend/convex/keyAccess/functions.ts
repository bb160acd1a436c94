/** The key owner's IP allowlist: read it, replace it (audited). Other people's keys are not found. */
import { v } from "convex/values";
import { userMutation, userQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { requireOwnKey } from "../apiKeys/queries";
import { MAX_ALLOWLIST_ENTRIES, normalizeAllowlist } from "./allowlist";
import { getIpAllowlist, writeIpAllowlist } from "./enforce";

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
    await writeIpAllowlist(ctx, key, parsed.entries, ctx.viewer.userId);
    return parsed.entries;
  },
});
