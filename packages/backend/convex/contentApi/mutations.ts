// The content API's one mutation per request (called only by the HTTP actions in http.ts).
import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { handleApiRequest } from "./handle";

const route = v.union(
  v.object({ action: v.literal("list"), limit: v.number(), afterOrdinal: v.optional(v.number()) }),
  v.object({ action: v.literal("get"), slug: v.string() }),
  v.object({ action: v.literal("search"), q: v.string(), limit: v.number() }),
  v.object({ action: v.literal("me") }),
);

export const handle = internalMutation({
  args: {
    route,
    apiKey: v.string(),
    ipAddress: v.string(),
    forwardedFor: v.string(),
    userAgent: v.string(),
    method: v.string(),
    pathWithQuery: v.string(),
    signatureTimestamp: v.union(v.string(), v.null()),
    signature: v.union(v.string(), v.null()),
  },
  returns: v.object({ status: v.number(), body: v.string(), headers: v.record(v.string(), v.string()) }),
  handler: async (ctx, request) => await handleApiRequest(ctx, request),
});
