/**
 * One content API request, in one mutation: throttle check, key verification, signature,
 * permission, tier limit, the content itself (watermarked), the access-log row and the usage
 * counters, all in one transaction so the counters are exact.
 *
 * Order (STYLE.md, Unkey): state → signature → permissions → rate limit → serve.
 * Hot-path rules: Better Auth is never instantiated here; the key's credential row is read, and
 * written at most once a minute (last use, debounced); an unlimited key counts into one of
 * several shards instead of a shared document.
 */
import type { MutationCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { verifyApiKey, type VerifiedKey } from "../apiKeys/verify";
import { counterFor, dayStart, getUsageDoc, USAGE_SHARDS, windowEnd } from "../apiKeys/usage";
import type { ApiKeyRow } from "../apiKeys/lifecycle";
import { logSecurityEvent } from "../audit/events";
import { components } from "../_generated/api";
import { DAY, MINUTE } from "../lib/time";
import { serverEnv } from "../lib/env";
import { API_ERRORS, apiErrorBody, type ApiErrorCode } from "../shared/errors";
import { hasPermission, TIER_CONFIG, type Permission } from "../shared/tiers";
import type { AccessAction } from "../shared/validators";
import { getArticle, listArticles, searchArticles, toSummary } from "./articles";
import { decide, peek, UNLIMITED_HEADERS } from "./limits";
import type { ApiRequest, ApiRoute } from "./request";
import { decryptSecret, verifyRequestSignature } from "./signing";
import { invalidKeyLimiter } from "./throttle";
import { embedWatermark } from "./watermark";

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

function ok(status: number, payload: unknown, headers: Record<string, string>): ApiResponse {
  return { status, body: JSON.stringify(payload), headers };
}

export async function handleApiRequest(ctx: MutationCtx, req: ApiRequest): Promise<ApiResponse> {
  const now = Date.now();
  const throttle = await invalidKeyLimiter.check(ctx, "invalidApiKey", { key: req.ipAddress });
  if (!throttle.ok) {
    const retry = String(Math.max(1, Math.ceil((throttle.retryAfter ?? MINUTE) / 1000)));
    return errorResponse("rate_limited", { "Retry-After": retry }, "Too many invalid API keys from this address.");
  }

  const verified = await verifyApiKey(ctx, req.apiKey, now);
  if (!verified.ok) {
    if (!verified.key) {
      await recordInvalidKey(ctx, req);
      return errorResponse("invalid_api_key");
    }
    await logAccess(ctx, verified.key, req, API_ERRORS[verified.code].status, now, { error: verified.code });
    return errorResponse(verified.code);
  }

  const usage = await getUsageDoc(ctx.db, verified.key._id);
  if (!usage) return errorResponse("invalid_api_key"); // a key row without counters is not servable
  const limit = TIER_CONFIG[verified.tier].limit;
  const counter = limit ? counterFor(usage, limit.windowMs, now) : null;
  const windowHeaders = limit && counter ? peek(limit, counter, now) : UNLIMITED_HEADERS;

  if (verified.key.signingSecretId) {
    const signature = await checkSignature(ctx, verified.key, req, now);
    if (!signature.ok) {
      await logAccess(ctx, verified.key, req, 401, now, { error: "invalid_signature", reason: signature.reason });
      return errorResponse("invalid_signature", windowHeaders, `Request signature ${signature.reason}.`);
    }
  }

  const needed = PERMISSION_FOR[req.route.action];
  if (needed && !hasPermission(verified.tier, verified.permissions, needed)) {
    await logAccess(ctx, verified.key, req, 403, now, { error: "insufficient_permissions" });
    return errorResponse("insufficient_permissions", windowHeaders, `This key's tier does not include ${needed}.`);
  }

  // `me` describes the key: it is not content access, so it is neither counted nor logged.
  // Still a use of the key: "last used" moves (debounced, like every other request).
  if (req.route.action === "me") {
    await touchLastUsed(ctx, verified.key, now);
    return ok(200, { data: describeKey(verified, usage, now) }, windowHeaders);
  }

  let headers = windowHeaders;
  if (limit && counter) {
    const decision = decide(limit, counter, now);
    if (!decision.allowed) {
      await logAccess(ctx, verified.key, req, 429, now, { error: "rate_limited" });
      return errorResponse("rate_limited", decision.headers, `Limit of ${limit.label} reached.`);
    }
    headers = decision.headers;
    await countLimited(ctx, usage, now);
  } else {
    await countUnlimited(ctx, usage, now);
  }

  const served = await serve(ctx, req.route, usage.watermarkCode);
  await logAccess(ctx, verified.key, req, served.status, now, served.status === 404 ? { error: "not_found" } : {});
  await touchLastUsed(ctx, verified.key, now);
  return ok(served.status, served.payload, headers);
}

async function serve(ctx: MutationCtx, route: Exclude<ApiRoute, { action: "me" }>, watermarkCode: string) {
  switch (route.action) {
    case "list":
      return { status: 200, payload: await listArticles(ctx.db, route.limit, route.afterOrdinal) };
    case "search":
      return { status: 200, payload: { data: await searchArticles(ctx.db, route.q, route.limit), query: route.q } };
    case "get": {
      const article = await getArticle(ctx.db, route.slug);
      if (!article) return { status: 404, payload: apiErrorBody("not_found", `No article ${route.slug}.`) };
      return {
        status: 200,
        payload: { data: { ...toSummary(article), body: embedWatermark(article.body, watermarkCode) } },
      };
    }
  }
}

/** Counts one request of a limited key into both its day and minute windows. */
async function countLimited(ctx: MutationCtx, usage: Doc<"apiKeyUsage">, now: number) {
  const today = counterFor(usage, DAY, now);
  const minute = counterFor(usage, MINUTE, now);
  await ctx.db.patch("apiKeyUsage", usage._id, {
    requestsToday: today.count + 1,
    dailyResetTime: windowEnd(DAY, now),
    requestsThisMinute: minute.count + 1,
    minuteResetTime: windowEnd(MINUTE, now),
    lastRequestTime: now,
  });
}

/** Counts one request of an unlimited key into a random shard of today's counter. */
async function countUnlimited(ctx: MutationCtx, usage: Doc<"apiKeyUsage">, now: number) {
  const shard = Math.floor(Math.random() * USAGE_SHARDS);
  const day = dayStart(now);
  const existing = await ctx.db
    .query("apiKeyUsageShards")
    .withIndex("by_apiKeyId_and_day_and_shard", (q) => q.eq("apiKeyId", usage.apiKeyId).eq("day", day).eq("shard", shard))
    .unique();
  if (existing) {
    await ctx.db.patch("apiKeyUsageShards", existing._id, { count: existing.count + 1, lastRequestTime: now });
  } else {
    await ctx.db.insert("apiKeyUsageShards", { apiKeyId: usage.apiKeyId, shard, day, count: 1, lastRequestTime: now });
  }
}

async function touchLastUsed(ctx: MutationCtx, key: ApiKeyRow, now: number) {
  if (key.lastUsedAt === undefined || now - key.lastUsedAt >= LAST_USED_DEBOUNCE_MS) {
    await ctx.runMutation(components.betterAuth.apiKeys.touch, { id: key._id, at: now });
  }
}

async function checkSignature(ctx: MutationCtx, key: ApiKeyRow, req: ApiRequest, now: number) {
  const stored = await ctx.db
    .query("signingSecrets")
    .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", key._id))
    .unique();
  const encryptionKey = serverEnv().API_KEY_ENCRYPTION_KEY;
  if (!stored || !encryptionKey) return { ok: false as const, reason: "mismatch" as const };
  const secret = await decryptSecret(stored.encryptedSecret, encryptionKey);
  return await verifyRequestSignature(secret, {
    method: req.method,
    pathWithQuery: req.pathWithQuery,
    body: "",
    timestampHeader: req.signatureTimestamp,
    signatureHeader: req.signature,
    now,
  });
}

async function logAccess(
  ctx: MutationCtx,
  key: ApiKeyRow,
  req: ApiRequest,
  statusCode: number,
  now: number,
  extra: Record<string, unknown>,
) {
  const { route } = req;
  if (route.action === "me") return; // key metadata, not content access
  const query =
    route.action === "list"
      ? { limit: route.limit, cursor: route.afterOrdinal ?? null }
      : route.action === "search"
        ? { q: route.q, limit: route.limit }
        : {};
  await ctx.db.insert("contentAccessLog", {
    apiKeyId: key._id,
    userId: key.referenceId,
    contentSlug: route.action === "get" ? route.slug : "",
    action: route.action satisfies AccessAction,
    metadata: JSON.stringify({ ...query, status: statusCode, ...extra }),
    statusCode,
    ipAddress: req.ipAddress,
    userAgent: req.userAgent,
    requestSignature: statusCode !== 401 && req.signature ? req.signature.slice(0, 128) : undefined,
    accessedAt: now,
  });
}

/** Counts the attempt against the address and records it, without the attempted key itself. */
async function recordInvalidKey(ctx: MutationCtx, req: ApiRequest) {
  const counted = await invalidKeyLimiter.limit(ctx, "invalidApiKey", { key: req.ipAddress });
  await logSecurityEvent(ctx, {
    type: "invalid_key_attempt",
    severity: counted.ok ? "info" : "warning",
    actor: "anonymous",
    details: {
      ipAddress: req.ipAddress,
      userAgent: req.userAgent,
      // Only the public prefix of what was sent: a mistyped real key must not be stored.
      keyStart: req.apiKey.slice(0, 11),
      path: req.pathWithQuery.slice(0, 200),
      throttled: !counted.ok,
    },
  });
}

function describeKey(verified: VerifiedKey, usage: Doc<"apiKeyUsage">, now: number) {
  const limit = TIER_CONFIG[verified.tier].limit;
  const counter = limit ? counterFor(usage, limit.windowMs, now) : null;
  return {
    keyId: verified.key._id,
    name: verified.key.name ?? null,
    tier: verified.tier,
    permissions: verified.permissions,
    limit: limit ? { requests: limit.max, windowSeconds: limit.windowMs / 1000, description: limit.label } : null,
    remaining: limit && counter ? Math.max(0, limit.max - counter.count) : null,
    resetAt: limit ? new Date(windowEnd(limit.windowMs, now)).toISOString() : null,
    expiresAt: verified.key.expiresAt ? new Date(verified.key.expiresAt).toISOString() : null,
    signedRequestsRequired: verified.key.signingSecretId !== undefined,
  };
}
