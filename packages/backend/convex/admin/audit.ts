// The security audit trail for admins, newest first, filtered by type or severity via indexes.
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminQuery } from "../lib/functions";
import { doc } from "convex-helpers/validators";
import schema from "../schema";
import { eventSeverity, securityEventType } from "../shared/validators";

const eventView = doc(schema, "securityEvents");

export const list = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    type: v.optional(securityEventType),
    severity: v.optional(eventSeverity),
    apiKeyId: v.optional(v.string()),
  },
  returns: paginationResultValidator(eventView),
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
