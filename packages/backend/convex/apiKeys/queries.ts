// The signed-in customer's keys and their usage. Other customers' keys read as not found.
import { v } from "convex/values";
import type { QueryCtx } from "../_generated/server";
import { userQuery, type Viewer } from "../lib/functions";
import { appError } from "../lib/errors";
import { getKey, listOwnedKeys, type ApiKeyRow } from "./keyRows";
import { customerBudget, usageOfKey, type UsageSummary } from "../quotas/customerQuota";
import { tiersForPlan } from "../shared/tiers";
import { tierOf } from "./policy";
import { budgetView, keyView, toKeyView, usageView } from "./views";
import { DAY, HOUR } from "../lib/time";

/** What the usage summary needs of a key. */
export function usageArgs(key: ApiKeyRow) {
  return { apiKeyId: key._id, userId: key.referenceId, tier: tierOf(key), lastUsedAt: key.lastUsedAt };
}

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
        // `usage` stays nullable in the contract (the web app renders keys without usage).
        const usage = (await usageOfKey(ctx.db, usageArgs(key), now)) as UsageSummary | null;
        return { key: toKeyView(key, now), usage };
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
    return await usageOfKey(ctx.db, usageArgs(key), Date.now());
  },
});

const RANGES = { "24h": { hours: 24 }, "7d": { hours: 7 * 24 }, "30d": { hours: 30 * 24 } } as const;

/**
 * Requests over time for one of the viewer's keys, in hourly buckets (24h) or daily ones (7d,
 * 30d), from the hourly counts the detection scan keeps (up to a minute behind live traffic).
 */
export const history = userQuery({
  args: { keyId: v.string(), range: v.union(v.literal("24h"), v.literal("7d"), v.literal("30d")) },
  returns: v.object({
    bucketMs: v.number(),
    buckets: v.array(v.object({ start: v.number(), requests: v.number(), errors: v.number(), rateLimited: v.number() })),
  }),
  handler: async (ctx, { keyId, range }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const hours = RANGES[range].hours;
    const bucketMs = range === "24h" ? HOUR : DAY;
    const now = Date.now();
    const end = now - (now % bucketMs) + bucketMs;
    const start = end - (range === "24h" ? hours * HOUR : (hours / 24) * DAY);
    const rows = await ctx.db
      .query("hourlyKeyUsage")
      .withIndex("by_apiKeyId_and_hour", (q) => q.eq("apiKeyId", key._id).gte("hour", start))
      .take(hours + 24);
    const buckets = Array.from({ length: (end - start) / bucketMs }, (_, i) => ({ start: start + i * bucketMs, requests: 0, errors: 0, rateLimited: 0 }));
    for (const row of rows) {
      const bucket = buckets[Math.floor((row.hour - start) / bucketMs)];
      if (!bucket) continue;
      bucket.requests += row.requests;
      bucket.errors += row.errors;
      bucket.rateLimited += row.rateLimited;
    }
    return { bucketMs, buckets };
  },
});

/**
 * The viewer's remaining budget per limited tier: shared by all their keys of the tier, whatever
 * was created, rotated, revoked or deleted in the window.
 */
export const budgets = userQuery({
  args: {},
  returns: v.array(budgetView),
  handler: async (ctx) => {
    const now = Date.now();
    const out = [];
    for (const tier of tiersForPlan(ctx.viewer.profile.plan)) {
      const budget = await customerBudget(ctx.db, ctx.viewer.userId, tier, now);
      if (budget) {
        out.push({ tier, limit: budget.limit.max, windowMs: budget.limit.windowMs, remaining: budget.remaining, resetAt: budget.resetAt });
      }
    }
    return out;
  },
});
