/**
 * A customer's page for one of their keys: its request log (paginated), last use (address and
 * agent) and its own audit events. Other customers' keys read as not found.
 */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { userQuery } from "../lib/functions";
import { requireOwnKey } from "../apiKeys/queries";
import { accessAction } from "../shared/validators";
import { actorLabel, errorCode, eventReason, requestPath } from "./view";

/** Events shown on the page, newest first (a key's lifetime rarely has more). */
export const MAX_KEY_EVENTS = 100;
const MAX_PAGE = 100;

const logRow = v.object({
  _id: v.id("contentAccessLog"),
  accessedAt: v.number(),
  method: v.literal("GET"),
  path: v.string(),
  action: accessAction,
  statusCode: v.number(),
  error: v.union(v.string(), v.null()),
  ipAddress: v.string(),
  userAgent: v.string(),
});

/** The key's requests, newest first. */
export const requestLog = userQuery({
  args: { keyId: v.string(), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(logRow),
  handler: async (ctx, { keyId, paginationOpts }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const result = await ctx.db
      .query("contentAccessLog")
      .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", key._id))
      .order("desc")
      .paginate({ ...paginationOpts, numItems: Math.min(paginationOpts.numItems, MAX_PAGE) });
    return {
      page: result.page.map((row) => ({
        _id: row._id,
        accessedAt: row.accessedAt,
        method: "GET" as const,
        path: requestPath(row),
        action: row.action,
        statusCode: row.statusCode,
        error: errorCode(row),
        ipAddress: row.ipAddress,
        userAgent: row.userAgent,
      })),
      isDone: result.isDone,
      continueCursor: result.continueCursor,
    };
  },
});

/** Last use (time, address, agent) and the key's own events: created, rotated, revoked, signing… */
export const overview = userQuery({
  args: { keyId: v.string() },
  returns: v.object({
    lastUse: v.union(v.object({ at: v.number(), ipAddress: v.string(), userAgent: v.string(), statusCode: v.number() }), v.null()),
    events: v.array(
      v.object({
        _id: v.id("securityEvents"),
        type: v.string(),
        createdAt: v.number(),
        actor: v.union(v.literal("you"), v.literal("admin"), v.literal("system")),
        reason: v.union(v.string(), v.null()),
      }),
    ),
  }),
  handler: async (ctx, { keyId }) => {
    const key = await requireOwnKey(ctx, ctx.viewer, keyId);
    const last = await ctx.db
      .query("contentAccessLog")
      .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", key._id))
      .order("desc")
      .first();
    const events = await ctx.db
      .query("securityEvents")
      .withIndex("by_apiKeyId_and_createdAt", (q) => q.eq("apiKeyId", key._id))
      .order("desc")
      .take(MAX_KEY_EVENTS);
    return {
      lastUse: last ? { at: last.accessedAt, ipAddress: last.ipAddress, userAgent: last.userAgent, statusCode: last.statusCode } : null,
      events: events
        // Alerts about the key are the admins' business; the customer sees what happened to it.
        .filter((e) => e.type !== "scraping_alert" && e.type !== "invalid_key_attempt")
        .map((e) => ({ _id: e._id, type: e.type, createdAt: e.createdAt, actor: actorLabel(e.actor, key.referenceId), reason: eventReason(e.details) })),
    };
  },
});
