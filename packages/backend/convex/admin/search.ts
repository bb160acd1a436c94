/**
 * Admin search and filters for the keys and customers pages. Every read goes through an index
 * (or the key-name search index) and is paginated or bounded, so a page costs the same with
 * 10,000 customers as with 10. Filters an index cannot apply are applied to the bounded page,
 * so a page may hold fewer rows than asked for; `continueCursor` still moves on.
 *
 * Keys: `q` is a key prefix (`nak_pk_…`), an owner's email (anything with `@`, prefix match),
 * or words of the key's name (full text). Customers: `q` is an email prefix (role is then checked on the page).
 */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { components } from "../_generated/api";
import type { QueryCtx } from "../_generated/server";
import { adminQuery } from "../lib/functions";
import { listOwnedKeys, type ApiKeyRow } from "../apiKeys/keyRows";
import { liveKeyExpiries, tierOf } from "../apiKeys/policy";
import { usageArgs } from "../apiKeys/queries";
import { storedUsageOfKey } from "../quotas/customerQuota";
import { keyStatus } from "../apiKeys/status";
import { keyStatusValidator, keyView, toKeyView, usageView } from "../apiKeys/views";
import { appError } from "../lib/errors";
import { MINUTE } from "../lib/time";
import { role, tier } from "../shared/validators";
import { customerView } from "./customers";
import type { Tier } from "../shared/tiers";
import type { KeyStatus } from "../apiKeys/status";

/** Search text is cut to this length: longer input cannot match more precisely. */
export const MAX_QUERY_LENGTH = 100;
/** Owner-email matches considered by a key search (their keys are listed together). */
export const MAX_OWNERS_MATCHED = 20;
/** Rows returned by an owner-email key search (one bounded page). */
export const MAX_OWNER_KEYS = 100;

const adminKeyRow = v.object({
  key: keyView,
  owner: v.union(v.object({ email: v.string(), name: v.string() }), v.null()),
  usage: v.union(usageView, v.null()),
});


/** The end of a prefix range over a string index: every string that starts with `prefix` sorts below it. */
const prefixEnd = (prefix: string) => prefix + "\uffff";

function cleanQuery(q: string | undefined): string {
  return (q ?? "").trim().slice(0, MAX_QUERY_LENGTH);
}

async function toAdminKeyRow(ctx: QueryCtx, key: ApiKeyRow) {
  const owner = await ctx.runQuery(components.betterAuth.users.getById, { id: key.referenceId });
  return {
    key: toKeyView(key),
    owner: owner ? { email: owner.email, name: owner.name } : null,
    usage: await storedUsageOfKey(ctx.db, usageArgs(key)),
  };
}

/**
 * The instant a status filter is applied at: the client's clock rounded to the minute (so a
 * cached page is recomputed when the minute changes, and an expired key leaves "active" within
 * a minute). A client may pick any minute: it only moves which keys an admin's own filter shows.
 */
function filterInstant(asOf: number | undefined, status: KeyStatus | undefined): number {
  if (status === undefined || status === "revoked") return 0;
  if (asOf === undefined) throw appError("invalid_argument", "Filtering by active or expired needs asOf (your clock, in whole minutes).");
  if (!Number.isSafeInteger(asOf) || asOf <= 0 || asOf % MINUTE !== 0) throw appError("invalid_argument", "asOf must be a positive time in whole minutes (ms).");
  return asOf;
}

function matchesKey(key: ApiKeyRow, at: number, filters: { tier?: Tier; status?: KeyStatus }) {
  return (!filters.tier || tierOf(key) === filters.tier) && (!filters.status || keyStatus(key, at) === filters.status);
}

/** Keys of the customers whose email starts with `emailPrefix`: one bounded page. */
async function keysOfOwnersMatching(ctx: QueryCtx, emailPrefix: string) {
  const owners = await ctx.db
    .query("profiles")
    .withIndex("by_email", (q) => q.gte("email", emailPrefix).lt("email", prefixEnd(emailPrefix)))
    .take(MAX_OWNERS_MATCHED);
  const keys = (await Promise.all(owners.map((o) => listOwnedKeys(ctx, o.authUserId)))).flat();
  return keys.sort((a, b) => b.createdAt - a.createdAt);
}

export const keys = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    q: v.optional(v.string()),
    tier: v.optional(tier),
    status: v.optional(keyStatusValidator),
    /** For the active/expired filters: the client's clock in whole minutes (ms). */
    asOf: v.optional(v.number()),
  },
  returns: paginationResultValidator(adminKeyRow),
  handler: async (ctx, { paginationOpts, tier, status, asOf, ...args }) => {
    const now = filterInstant(asOf, status);
    const q = cleanQuery(args.q);
    const filters = { tier, status };
    if (q.includes("@")) {
      const matching = (await keysOfOwnersMatching(ctx, q.toLowerCase())).filter((k) => matchesKey(k, now, filters));
      const page = await Promise.all(matching.slice(0, MAX_OWNER_KEYS).map((k) => toAdminKeyRow(ctx, k)));
      return { page, isDone: true, continueCursor: "" };
    }
    const result = await ctx.runQuery(components.betterAuth.adminSearch.searchKeys, {
      paginationOpts: { ...paginationOpts, numItems: Math.min(paginationOpts.numItems, 100) },
      ...(q.startsWith("nak_") ? { startPrefix: q } : q ? { name: q } : {}),
      tier,
      // Revoked keys are disabled; active and expired ones are enabled (expiry is checked below).
      enabled: status === undefined ? undefined : status !== "revoked",
    });
    const page = await Promise.all(
      (result.page as ApiKeyRow[]).filter((k) => matchesKey(k, now, filters)).map((k) => toAdminKeyRow(ctx, k)),
    );
    return { page, isDone: result.isDone, continueCursor: result.continueCursor };
  },
});

export const customers = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    q: v.optional(v.string()),
    plan: v.optional(tier),
    role: v.optional(role),
  },
  returns: paginationResultValidator(customerView),
  handler: async (ctx, { paginationOpts, plan, role, ...args }) => {
    const prefix = cleanQuery(args.q).toLowerCase();
    const profiles = ctx.db.query("profiles");
    const opts = { ...paginationOpts, numItems: Math.min(paginationOpts.numItems, 100) };
    const end = prefixEnd(prefix);
    const result = plan
      ? await profiles
          .withIndex("by_plan_and_email", (q) => (prefix ? q.eq("plan", plan).gte("email", prefix).lt("email", end) : q.eq("plan", plan)))
          .paginate(opts)
      : prefix
        ? await profiles.withIndex("by_email", (q) => q.gte("email", prefix).lt("email", end)).paginate(opts)
        : role
          ? await profiles.withIndex("by_role", (q) => q.eq("role", role)).order("desc").paginate(opts)
          : await profiles.order("desc").paginate(opts);
    const matching = result.page.filter((p) => !role || p.role === role);
    const page = await Promise.all(
      matching.map(async (p) => ({
        profileId: p._id,
        userId: p.authUserId,
        email: p.email,
        name: p.name,
        plan: p.plan,
        role: p.role,
        createdAt: p.createdAt,
        liveKeyExpiries: liveKeyExpiries(await listOwnedKeys(ctx, p.authUserId)),
      })),
    );
    return { page, isDone: result.isDone, continueCursor: result.continueCursor };
  },
});
