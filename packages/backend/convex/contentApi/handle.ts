/**
 * One content API request, in one mutation, read top to bottom in its order:
 *
 *   throttle (address) → verify (key) → signature → permission → limit → serve → log
 *
 * Each step is a call into the module that owns it; the pipeline stops at the first refusal and
 * returns what happened as a value. Then exactly one access-log row records the outcome (for a
 * recognised key; `/me` reads no content and is not logged; unknown keys are counted per address
 * by the throttle instead). One transaction, so counters are exact.
 *
 * Hot-path rules: Better Auth is never instantiated here; the key's credential row is only read
 * (last use is written by a scheduled mutation, at most once a minute per key); limited tiers
 * spend the customer's budget (one document per customer and tier); an unlimited key writes no
 * counter at all.
 */
import { internal } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import type { ApiKeyRow } from "../apiKeys/keyRows";
import { checkRequestSignature } from "../apiKeys/signingSecrets";
import { getUsageDoc } from "../apiKeys/usage";
import { verifyApiKey, type VerifiedKey } from "../apiKeys/verify";
import { consumeQuota, loadQuota, quotaHeaders, type Quota } from "../quotas/customerQuota";
import { MINUTE } from "../lib/time";
import { API_ERRORS, apiErrorBody, type ApiErrorCode } from "../shared/errors";
import { hasPermission, TIER_CONFIG, type Permission } from "../shared/tiers";
import type { AccessOutcome } from "../shared/validators";
import { recordAccess, type LoggedRoute } from "./accessLog";
import { getArticle, listArticles, searchArticles, toSummary } from "./articles";
import type { ApiRequest, ApiRoute } from "./request";
import { checkAddress, recordInvalidKey, recordThrottled } from "./throttle";
import { markArticle } from "../watermark/mark";
import { ipAllowedForKey } from "../keyAccess/enforce";

export type ApiResponse = { status: number; body: string; headers: Record<string, string> };

/** Last-use is written at most this often per key (the credential row is otherwise read-only). */
export const LAST_USED_DEBOUNCE_MS = MINUTE;

const PERMISSION_FOR: Record<ApiRoute["action"], Permission | null> = {
  list: "contents",
  get: "contents",
  search: "search",
  me: null,
};

export function errorResponse(code: ApiErrorCode, headers: Record<string, string> = {}, message?: string): ApiResponse {
  return { status: API_ERRORS[code].status, body: JSON.stringify(apiErrorBody(code, message)), headers };
}

function okResponse(status: number, payload: unknown, headers: Record<string, string>): ApiResponse {
  return { status, body: JSON.stringify(payload), headers };
}

/** What the pipeline decided for a recognised key: the answer, and how to log it. */
type Decision = {
  response: ApiResponse;
  outcome: AccessOutcome;
  signatureVerified: boolean;
  detail?: Record<string, string>;
};

function refuse(
  code: Exclude<AccessOutcome, "ok">,
  headers: Record<string, string>,
  message?: string,
  detail?: Record<string, string>,
): Decision {
  return { response: errorResponse(code, headers, message), outcome: code, signatureVerified: false, detail };
}

export async function handleApiRequest(ctx: MutationCtx, req: ApiRequest): Promise<ApiResponse> {
  const now = Date.now();
  const address = await checkAddress(ctx, req.ipAddress);
  if (!address.ok) {
    await recordThrottled(ctx, req);
    return errorResponse("rate_limited", { "Retry-After": String(address.retryAfterSeconds) }, "Too many invalid API keys from this address.");
  }
  const verified = await verifyApiKey(ctx, req.apiKey, now);
  if (!verified.ok && !verified.key) {
    await recordInvalidKey(ctx, req);
    return errorResponse("invalid_api_key");
  }
  const key = verified.key!;
  const decision = verified.ok ? await decide(ctx, verified, req, now) : refuse(verified.code, {});
  // `/me` is not content access (neither counted nor logged), but still a use of the key.
  if (req.route.action === "me") {
    if (decision.outcome === "ok") await touchLastUsed(ctx, key, now);
    return decision.response;
  }
  await recordAccess(ctx, {
    key,
    req: { ...req, route: req.route },
    statusCode: decision.response.status,
    outcome: decision.outcome,
    now,
    signatureVerified: decision.signatureVerified,
    detail: decision.detail,
  });
  if (decision.outcome === "ok" || decision.outcome === "not_found") await touchLastUsed(ctx, key, now);
  return decision.response;
}

/** signature → permission → limit → serve, for a valid key. */
async function decide(ctx: MutationCtx, verified: VerifiedKey & { ok: true }, req: ApiRequest, now: number): Promise<Decision> {
  const { key, tier } = verified;
  const quota = await loadQuota(ctx.db, key.referenceId, tier, now);
  const windowHeaders = quotaHeaders(quota, now);

  const signature = await checkRequestSignature(ctx, verified.key, req, now);
  if (!signature.ok) {
    return refuse("invalid_signature", windowHeaders, `Request signature ${signature.reason}.`, { reason: signature.reason });
  }
  const signatureVerified = verified.key.signingSecretId !== undefined;

  if (!(await ipAllowedForKey(ctx.db, key._id, req.ipAddress))) {
    return refuse("ip_not_allowed", windowHeaders);
  }

  const needed = PERMISSION_FOR[req.route.action];
  if (needed && !hasPermission(verified.tier, verified.permissions, needed)) {
    const why = TIER_CONFIG[verified.tier].permissions.includes(needed) ? "scopes do" : "tier does";
    return refuse("insufficient_permissions", windowHeaders, `This key's ${why} not include ${needed}.`);
  }

  if (req.route.action === "me") {
    // `me` describes the key: it is not content access, so it is neither counted nor logged.
    const data = describeKey(verified, quota);
    return { response: okResponse(200, { data }, windowHeaders), outcome: "ok", signatureVerified };
  }

  const counted = await consumeQuota(ctx, quota, key._id, now);
  if (!counted.allowed) {
    return refuse("rate_limited", counted.headers, `Your ${tier} budget of ${TIER_CONFIG[tier].limit?.label} is spent.`);
  }

  const served = await serve(ctx, req.route, key);
  return {
    response: okResponse(served.status, served.payload, counted.headers),
    outcome: served.status === 404 ? "not_found" : "ok",
    signatureVerified,
  };
}

async function serve(ctx: MutationCtx, route: LoggedRoute, key: ApiKeyRow) {
  const watermarkCode = await watermarkCodeOf(ctx, key);
  switch (route.action) {
    case "list": {
      const page = await listArticles(ctx.db, route.limit, route.afterOrdinal);
      return { status: 200, payload: { ...page, data: page.data.map((s) => ({ ...s, ...markArticle(s, watermarkCode) })) } };
    }
    case "search": {
      const found = await searchArticles(ctx.db, route.q, route.limit);
      return { status: 200, payload: { data: found.map((s) => ({ ...s, ...markArticle(s, watermarkCode) })), query: route.q } };
    }
    case "get": {
      const article = await getArticle(ctx.db, route.slug);
      if (!article) return { status: 404, payload: apiErrorBody("not_found", `No article ${route.slug}.`) };
      return {
        status: 200,
        payload: { data: { ...toSummary(article), ...markArticle(article, watermarkCode) } },
      };
    }
  }
}

/** The key's watermark code: on its row; keys made before that field read their record. */
async function watermarkCodeOf(ctx: MutationCtx, key: ApiKeyRow) {
  return key.watermarkCode ?? (await getUsageDoc(ctx.db, key._id))?.watermarkCode ?? "";
}

/** Last use, debounced, written by a scheduled mutation: never in this transaction. */
async function touchLastUsed(ctx: MutationCtx, key: ApiKeyRow, now: number) {
  if (key.lastUsedAt === undefined || now - key.lastUsedAt >= LAST_USED_DEBOUNCE_MS) {
    await ctx.scheduler.runAfter(0, internal.apiKeys.internal.recordLastUse, { apiKeyId: key._id, at: now });
  }
}

function describeKey(verified: VerifiedKey, { budget }: Quota) {
  const limit = TIER_CONFIG[verified.tier].limit;
  return {
    keyId: verified.key._id,
    name: verified.key.name ?? null,
    tier: verified.tier,
    permissions: verified.permissions,
    limit: limit ? { requests: limit.max, windowSeconds: limit.windowMs / 1000, description: limit.label } : null,
    /** The customer's budget for this tier, shared by all their keys of it. */
    remaining: budget ? budget.remaining : null,
    resetAt: budget ? new Date(budget.resetAt).toISOString() : null,
    expiresAt: verified.key.expiresAt ? new Date(verified.key.expiresAt).toISOString() : null,
    signedRequestsRequired: verified.key.signingSecretId !== undefined,
  };
}
