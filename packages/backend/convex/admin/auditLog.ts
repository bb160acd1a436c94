/**
 * The audit log as admins read it (#15 item 4): events with readable names (actor's and user's
 * email, key name and prefix) instead of raw ids, searchable by a customer's email (their events,
 * optionally one of their keys) and a date range, by type or severity. Every read uses an index
 * ending in `createdAt`, so the date range narrows the index scan itself.
 */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { components } from "../_generated/api";
import type { QueryCtx } from "../_generated/server";
import { adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { eventSeverity, securityEventType } from "../shared/validators";
import { getKey, listOwnedKeys } from "../apiKeys/keyRows";
import { keyStateFields, keyStateOf } from "../apiKeys/views";

const auditRow = v.object({
  _id: v.id("securityEvents"),
  type: v.string(),
  severity: eventSeverity,
  createdAt: v.number(),
  details: v.string(),
  actor: v.string(),
  /** The actor's email, or null for "system"/"anonymous" or a deleted user. */
  actorEmail: v.union(v.string(), v.null()),
  userId: v.union(v.string(), v.null()),
  userEmail: v.union(v.string(), v.null()),
  apiKeyId: v.union(v.string(), v.null()),
  /** The key's name and first characters; null when the key was deleted since. */
  keyName: v.union(v.string(), v.null()),
  keyStart: v.union(v.string(), v.null()),
});

/** Resolves ids to names once per page (a page shows the same few users and keys many times). */
function namer(ctx: QueryCtx) {
  const emails = new Map<string, Promise<string | null>>();
  const keys = new Map<string, Promise<{ name: string | null; start: string | null }>>();
  return {
    email(userId: string | undefined) {
      if (!userId || userId === "system" || userId === "anonymous") return Promise.resolve(null);
      if (!emails.has(userId)) {
        emails.set(
          userId,
          ctx.runQuery(components.betterAuth.users.getById, { id: userId }).then((u) => u?.email ?? null, () => null),
        );
      }
      return emails.get(userId)!;
    },
    key(apiKeyId: string | undefined) {
      if (!apiKeyId) return Promise.resolve({ name: null, start: null });
      if (!keys.has(apiKeyId)) {
        keys.set(
          apiKeyId,
          getKey(ctx, apiKeyId).then((k) => ({ name: k?.name ?? null, start: k?.start ?? null }), () => ({ name: null, start: null })),
        );
      }
      return keys.get(apiKeyId)!;
    },
  };
}

export const list = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    type: v.optional(securityEventType),
    severity: v.optional(eventSeverity),
    /** A customer's email (exact, case-insensitive): their events only. */
    email: v.optional(v.string()),
    /** One key's events (from the key picker, which lists the customer's keys by name). */
    apiKeyId: v.optional(v.string()),
    /** Inclusive range on `createdAt`, in ms. */
    from: v.optional(v.number()),
    to: v.optional(v.number()),
  },
  returns: paginationResultValidator(auditRow),
  handler: async (ctx, args) => {
    const from = args.from ?? 0;
    const to = args.to ?? Number.MAX_SAFE_INTEGER;
    const events = ctx.db.query("securityEvents");
    let userId: string | undefined;
    if (args.email && !args.apiKeyId) {
      const profile = await ctx.db
        .query("profiles")
        .withIndex("by_email", (q) => q.eq("email", args.email!.trim().toLowerCase()))
        .unique();
      if (!profile) throw appError("not_found", `No customer with the email ${args.email.trim()}.`);
      userId = profile.authUserId;
    }
    const indexed = args.apiKeyId
      ? events.withIndex("by_apiKeyId_and_createdAt", (q) => q.eq("apiKeyId", args.apiKeyId).gte("createdAt", from).lte("createdAt", to))
      : userId
        ? events.withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId).gte("createdAt", from).lte("createdAt", to))
        : args.type && args.severity
          ? events.withIndex("by_type_and_severity_and_createdAt", (q) =>
              q.eq("type", args.type!).eq("severity", args.severity!).gte("createdAt", from).lte("createdAt", to),
            )
          : args.type
            ? events.withIndex("by_type_and_createdAt", (q) => q.eq("type", args.type!).gte("createdAt", from).lte("createdAt", to))
            : args.severity
              ? events.withIndex("by_severity_and_createdAt", (q) => q.eq("severity", args.severity!).gte("createdAt", from).lte("createdAt", to))
              : events.withIndex("by_createdAt", (q) => q.gte("createdAt", from).lte("createdAt", to));
    const page = await indexed.order("desc").paginate(args.paginationOpts);
    // A user's or a key's history is small: type and severity apply to the page's rows.
    const narrowed = args.apiKeyId || userId ? page.page.filter((e) => (!args.type || e.type === args.type) && (!args.severity || e.severity === args.severity)) : page.page;
    const names = namer(ctx);
    const rows = await Promise.all(
      narrowed.map(async (e) => {
        const [actorEmail, userEmail, key] = await Promise.all([names.email(e.actor), names.email(e.userId), names.key(e.apiKeyId)]);
        return {
          _id: e._id,
          type: e.type,
          severity: e.severity,
          createdAt: e.createdAt,
          details: e.details,
          actor: e.actor,
          actorEmail,
          userId: e.userId ?? null,
          userEmail,
          apiKeyId: e.apiKeyId ?? null,
          keyName: key.name,
          keyStart: key.start,
        };
      }),
    );
    return { ...page, page: rows };
  },
});

/** A customer's keys for the audit log's key picker: name, prefix and stored state (by email). */
export const customerKeys = adminQuery({
  args: { email: v.string() },
  returns: v.array(v.object({ id: v.string(), name: v.string(), start: v.union(v.string(), v.null()), ...keyStateFields })),
  handler: async (ctx, { email }) => {
    const profile = await ctx.db.query("profiles").withIndex("by_email", (q) => q.eq("email", email.trim().toLowerCase())).unique();
    if (!profile) return [];
    const keys = await listOwnedKeys(ctx, profile.authUserId);
    return keys.map((k) => ({ id: k._id, name: k.name ?? "Unnamed key", start: k.start ?? null, ...keyStateOf(k) }));
  },
});
