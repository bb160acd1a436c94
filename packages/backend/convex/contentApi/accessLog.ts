/**
 * The access log's one writer: one `contentAccessLog` row per request of a recognised key, with
 * its closed `outcome`, written once the pipeline (handle.ts) has decided.
 */
import type { MutationCtx } from "../_generated/server";
import type { ApiKeyRow } from "../apiKeys/keyRows";
import type { AccessOutcome } from "../shared/validators";
import type { ApiRequest, ApiRoute } from "./request";
import { redactSecrets } from "../lib/redact";
import { VISIBLE_VERSION } from "../watermark/variants";

export type LoggedRoute = Exclude<ApiRoute, { action: "me" }>;

/** Longest request signature kept as evidence. */
const MAX_SIGNATURE_LOGGED = 128;

function routeParams(route: LoggedRoute) {
  switch (route.action) {
    case "list":
      return { limit: route.limit, cursor: route.afterOrdinal ?? null };
    case "search":
      return { q: redactSecrets(route.q), limit: route.limit };
    case "get":
      return {};
  }
}

export async function recordAccess(
  ctx: Pick<MutationCtx, "db">,
  entry: {
    key: ApiKeyRow;
    req: ApiRequest & { route: LoggedRoute };
    statusCode: number;
    outcome: AccessOutcome;
    now: number;
    /** Whether the request's signature was checked and valid (then it is kept as evidence). */
    signatureVerified: boolean;
    /** Details of a refusal worth keeping (e.g. why a signature failed). */
    detail?: Record<string, string>;
  },
) {
  const { key, req, statusCode, outcome, now, detail } = entry;
  await ctx.db.insert("contentAccessLog", {
    apiKeyId: key._id,
    userId: key.referenceId,
    contentSlug: req.route.action === "get" ? req.route.slug : "",
    action: req.route.action,
    metadata: JSON.stringify({ ...routeParams(req.route), status: statusCode, ...detail }),
    statusCode,
    outcome,
    ipAddress: req.ipAddress,
    forwardedFor: req.forwardedFor || undefined,
    userAgent: req.userAgent,
    requestSignature: entry.signatureVerified && req.signature ? req.signature.slice(0, MAX_SIGNATURE_LOGGED) : undefined,
    // Every article served is marked (titles and summaries of lists and searches too).
    watermarkVersion: statusCode === 200 ? VISIBLE_VERSION : undefined,
    accessedAt: now,
  });
}
