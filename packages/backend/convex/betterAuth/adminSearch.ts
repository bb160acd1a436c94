/**
 * Admin search over the `apikey` table, inside the Better Auth component: every read goes
 * through an index (or the name search index) and is paginated, so it stays fast with tens of
 * thousands of keys. Returns rows without `key` (the hash); the app maps them to its key views.
 */
import { v } from "convex/values";
import { paginationOptsValidator } from "convex/server";
import { query } from "./_generated/server";
import { apikeyExtensionFields } from "./schema";

/** Keys are recognised by their stored start (prefix + 4 characters). */
const START_LENGTH = 11;

/**
 * One page of keys for the admin list, by the most selective access path for the arguments:
 * a key prefix (`nak_pk_…`) → the `start` index; a name → the full-text name index (filtered by
 * tier and enabled in the index); otherwise newest first by tier or enabled state. Filters the
 * chosen index cannot apply are left to the caller, on the bounded page.
 */
export const searchKeys = query({
  args: {
    paginationOpts: paginationOptsValidator,
    startPrefix: v.optional(v.string()),
    name: v.optional(v.string()),
    tier: apikeyExtensionFields.tier,
    enabled: v.optional(v.boolean()),
  },
  handler: async (ctx, { paginationOpts, startPrefix, name, tier, enabled }) => {
    const keys = ctx.db.query("apikey");
    if (startPrefix) {
      const prefix = startPrefix.slice(0, START_LENGTH);
      return await keys
        .withIndex("start", (q) => q.gte("start", prefix).lt("start", prefix + "\uffff"))
        .paginate(paginationOpts);
    }
    if (name) {
      return await keys
        .withSearchIndex("search_name", (q) => {
          const search = q.search("name", name);
          const withTier = tier ? search.eq("tier", tier) : search;
          return enabled !== undefined ? withTier.eq("enabled", enabled) : withTier;
        })
        .paginate(paginationOpts);
    }
    if (tier) {
      return await keys.withIndex("tier_createdAt", (q) => q.eq("tier", tier)).order("desc").paginate(paginationOpts);
    }
    if (enabled !== undefined) {
      return await keys.withIndex("enabled_createdAt", (q) => q.eq("enabled", enabled)).order("desc").paginate(paginationOpts);
    }
    return await keys.order("desc").paginate(paginationOpts);
  },
});
