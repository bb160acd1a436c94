/**
 * The OpenAPI 3.1 document of the content API, built from the same constants the routes use
 * (limits, error codes, tiers), so it cannot drift from what they do. Pure module.
 */
import { API_ERRORS, type ApiErrorCode } from "../shared/errors";
import { PERMISSIONS, TIER_CONFIG, TIERS } from "../shared/tiers";
import {
  API_PREFIX,
  DEFAULT_LIST_LIMIT,
  DEFAULT_SEARCH_LIMIT,
  MAX_LIST_LIMIT,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  SLUG_PATTERN,
} from "./request";
import { SIGNATURE_HEADER, SIGNATURE_TIMESTAMP_HEADER } from "../signing/requestSignature";

const errorRef = (code: ApiErrorCode) => ({ $ref: `#/components/responses/${code}` });

/** Error responses each authenticated operation may give, by status. */
function authenticatedErrors(extra: ApiErrorCode[] = []) {
  const codes: ApiErrorCode[] = ["bad_request", "missing_api_key", "key_revoked", "ip_not_allowed", "rate_limited", ...extra];
  const byStatus: Record<string, { description: string; content: object; headers?: object }> = {};
  for (const code of codes) {
    const status = String(API_ERRORS[code].status);
    const sameStatus = Object.entries(API_ERRORS)
      .filter(([c, e]) => String(e.status) === status && (codes.includes(c as ApiErrorCode) || ["invalid_api_key", "key_expired", "invalid_signature"].includes(c)))
      .map(([c]) => c);
    byStatus[status] = {
      description: `Error: ${[...new Set(sameStatus)].join(", ")}`,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      ...(status === "429" ? { headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" } } } : {}),
    };
  }
  return byStatus;
}

const rateLimitHeaders = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};

function ok(description: string, schema: object) {
  return { description, headers: rateLimitHeaders, content: { "application/json": { schema } } };
}

export function openApiDocument(serverUrl: string) {
  const tierLines = TIERS.map((t) => `- **${t}**: ${TIER_CONFIG[t].limit?.label ?? "unlimited"}; ${TIER_CONFIG[t].permissions.join(", ")}`).join("\n");
  return {
    openapi: "3.1.0",
    info: {
      title: "Nak content API",
      version: "1.0.0",
      description: `Articles for API key holders. Every authenticated answer carries RateLimit-* headers (\`unlimited\` for enterprise keys).\n\nTiers (a tier's limit belongs to the customer: all of one customer's keys of a tier share it, whatever is created, rotated, revoked or deleted; free is a UTC-day window, pro a token bucket that refills continuously):\n${tierLines}\n\nScopes: a key holds \`contents\` (/contents, /contents/{slug}) and/or \`search\` (/search), chosen at creation within its tier (all of the tier's by default; \`/me\` lists them as \`permissions\`). A request outside the key's scopes answers 403 \`insufficient_permissions\`.\n\nKeys that have a signing secret must also send ${SIGNATURE_TIMESTAMP_HEADER} (unix seconds) and ${SIGNATURE_HEADER} (hex HMAC-SHA256 of \`timestamp\\nMETHOD\\npath?query\\nsha256hex(body)\`). The timestamp may be at most 5 minutes old and 30 seconds ahead, and each signature is accepted once (a replay answers 401 invalid_signature).\n\nOnly GET (and CORS preflight OPTIONS) is served: HEAD and other methods answer 405 with \`Allow: GET, OPTIONS\`.\n\nA key may have an IP allowlist (addresses and CIDR ranges, IPv4 and IPv6): a request from any other client address is refused with 403 \`ip_not_allowed\`. The client address used for the allowlist, throttling and evidence is the right-most X-Forwarded-For entry that is not one of the deployment's trusted proxies.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    paths: {
      [`${API_PREFIX}/contents`]: {
        get: {
          operationId: "listContents",
          summary: "List articles in catalogue order",
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_LIST_LIMIT, default: DEFAULT_LIST_LIMIT } },
            { name: "cursor", in: "query", schema: { type: "string" }, description: "`nextCursor` of the previous page" },
          ],
          responses: {
            "200": ok("A page of articles", {
              type: "object",
              required: ["data", "nextCursor"],
              properties: {
                data: { type: "array", items: { $ref: "#/components/schemas/ArticleSummary" } },
                nextCursor: { type: ["string", "null"] },
              },
            }),
            ...authenticatedErrors(["insufficient_permissions"]),
          },
        },
      },
      [`${API_PREFIX}/contents/{slug}`]: {
        get: {
          operationId: "getContent",
          summary: "One article, with its full (watermarked) body",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string", pattern: SLUG_PATTERN.source } }],
          responses: {
            "200": ok("The article", {
              type: "object",
              required: ["data"],
              properties: { data: { $ref: "#/components/schemas/Article" } },
            }),
            "404": errorRef("not_found"),
            ...authenticatedErrors(["insufficient_permissions"]),
          },
        },
      },
      [`${API_PREFIX}/search`]: {
        get: {
          operationId: "searchContents",
          summary: "Full-text search (pro and enterprise keys)",
          parameters: [
            { name: "q", in: "query", required: true, schema: { type: "string", minLength: 1, maxLength: MAX_QUERY_LENGTH } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_SEARCH_LIMIT, default: DEFAULT_SEARCH_LIMIT } },
          ],
          responses: {
            "200": ok("Matching articles", {
              type: "object",
              required: ["data", "query"],
              properties: { data: { type: "array", items: { $ref: "#/components/schemas/ArticleSummary" } }, query: { type: "string" } },
            }),
            ...authenticatedErrors(["insufficient_permissions"]),
          },
        },
      },
      [`${API_PREFIX}/me`]: {
        get: {
          operationId: "getKey",
          summary: "The calling key: tier, limits, remaining (not counted against the limit)",
          responses: {
            "200": ok("The key", { type: "object", required: ["data"], properties: { data: { $ref: "#/components/schemas/Key" } } }),
            ...authenticatedErrors(),
          },
        },
      },
      [`${API_PREFIX}/openapi.json`]: {
        get: {
          operationId: "openApi",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Authorization: Bearer nak_pk_…" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      headers: {
        "RateLimit-Limit": { schema: { type: "string" }, description: "Requests in the customer's budget for the key's tier (shared by all their keys of it), or `unlimited`" },
        "RateLimit-Remaining": { schema: { type: "string" }, description: "Requests left in the customer's budget now, or `unlimited`" },
        "RateLimit-Reset": { schema: { type: "string" }, description: "Seconds until the budget is whole again: the end of the UTC day (free) or a full bucket (pro); 0 when unlimited" },
        "Retry-After": { schema: { type: "string" }, description: "Seconds to wait before retrying" },
      },
      responses: Object.fromEntries(
        Object.entries(API_ERRORS).map(([code, e]) => [
          code,
          { description: `${e.status} ${code}: ${e.message}`, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string", enum: Object.keys(API_ERRORS) }, message: { type: "string" } },
            },
          },
        },
        ArticleSummary: {
          type: "object",
          required: ["slug", "title", "summary", "tags", "author", "publishedAt", "url"],
          properties: {
            slug: { type: "string" },
            title: { type: "string" },
            summary: { type: "string" },
            tags: { type: "array", items: { type: "string" } },
            author: { type: "string" },
            publishedAt: { type: "string", format: "date-time" },
            url: { type: "string" },
          },
        },
        Article: {
          allOf: [
            { $ref: "#/components/schemas/ArticleSummary" },
            { type: "object", required: ["body"], properties: { body: { type: "string", description: "Watermarked per key" } } },
          ],
        },
        Key: {
          type: "object",
          required: ["keyId", "tier", "permissions", "limit", "remaining", "resetAt", "expiresAt", "signedRequestsRequired"],
          properties: {
            keyId: { type: "string" },
            name: { type: ["string", "null"] },
            tier: { type: "string", enum: [...TIERS] },
            permissions: { type: "array", items: { type: "string", enum: [...PERMISSIONS] }, description: "The key's scopes" },
            limit: {
              type: ["object", "null"],
              properties: { requests: { type: "integer" }, windowSeconds: { type: "integer" }, description: { type: "string" } },
            },
            remaining: { type: ["integer", "null"], description: "Left in the customer's budget for this tier (shared by their keys of it)" },
            resetAt: { type: ["string", "null"], format: "date-time", description: "When that budget is whole again" },
            expiresAt: { type: ["string", "null"], format: "date-time" },
            signedRequestsRequired: { type: "boolean" },
          },
        },
      },
    },
  };
}
