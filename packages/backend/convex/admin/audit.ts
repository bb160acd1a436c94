// The security audit trail for admins, newest first, filtered by type or severity via indexes.
import { v } from "convex/values";
import { paginationOptsValidator } from "convex/server";
import { adminQuery } from "../lib/functions";
import { eventSeverity, securityEventType } from "../shared/validators";

const eventView = v.object({
  _id: v.id("securityEvents"),
  _creationTime: v.number(),
  type: v.string(),
  severity: eventSeverity,
  actor: v.string(),
  apiKeyId: v.optional(v.string()),
  userId: v.optional(v.string()),
  details: v.string(),
  createdAt: v.number(),
});

export const list = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    type: v.optional(securityEventType),
    severity: v.optional(eventSeverity),
    apiKeyId: v.optional(v.string()),
  },
  returns: v.object({
    page: v.array(eventView),
    isDone: v.boolean(),
    continueCursor: v.string(),
    splitCursor: v.optional(v.union(v.string(), v.null())),
    pageStatus: v.optional(v.union(v.literal("SplitRecommended"), v.literal("SplitRequired"), v.null())),
  }),
  handler: async (ctx, { paginationOpts, type, severity, apiKeyId }) => {
    const events = ctx.db.query("securityEvents");
    // One index per filter combination; a key's own history is already small and specific.
    const indexed = apiKeyId
      ? events.withIndex("by_apiKeyId_and_createdAt", (q) => q.eq("apiKeyId", apiKeyId))
      : type && severity
        ? events.withIndex("by_type_and_severity_and_createdAt", (q) =>
            q.eq("type", type).eq("severity", severity),
          )
        : type
        ? events.withIndex("by_type_and_createdAt", (q) => q.eq("type", type))
        : severity
          ? events.withIndex("by_severity_and_createdAt", (q) => q.eq("severity", severity))
          : events.withIndex("by_createdAt");
    return await indexed.order("desc").paginate(paginationOpts);
  },
});
