/**
 * Parsing of content API requests at the boundary, with zod: the route, the key, the client's
 * address (decided by lib/clientAddress.ts) and user agent, and each route's query string. Pure module: the HTTP action calls
 * `parseApiRequest` and passes the typed result to the request mutation. Nothing here throws;
 * bad input becomes `{ ok: false, code: "bad_request" | "missing_api_key" | "not_found" }`.
 */
import { z } from "zod";
import { decideClientAddress } from "../lib/clientAddress";
import type { ParsedCidr } from "../lib/net";
import type { ApiErrorCode } from "../shared/errors";
import { API_PREFIX } from "../shared/apiPaths";

export { API_PREFIX };
export const MAX_LIST_LIMIT = 100;
export const DEFAULT_LIST_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_QUERY_LENGTH = 200;
const MAX_KEY_LENGTH = 256;
const MAX_USER_AGENT_LENGTH = 512;

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/;

/** Opaque list cursor: base64url of `o:<ordinal of the last article returned>`. */
export function encodeCursor(ordinal: number): string {
  return btoa(`o:${ordinal}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) return null;
  try {
    const match = /^o:(\d{1,7})$/.exec(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

const limitParam = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, "limit must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "limit must be at least 1").max(max, `limit must be at most ${max}`))
    .optional()
    .transform((n) => n ?? fallback);

const listParams = z
  .object({
    limit: limitParam(MAX_LIST_LIMIT, DEFAULT_LIST_LIMIT),
    cursor: z
      .string()
      .optional()
      .transform((c, ctx) => {
        if (c === undefined || c === "") return undefined;
        const ordinal = decodeCursor(c);
        if (ordinal === null) {
          ctx.addIssue({ code: "custom", message: "cursor is not one this API returned" });
          return z.NEVER;
        }
        return ordinal;
      }),
  })
  .strict();

const searchParams = z
  .object({
    q: z
      .string({ error: "q is required" })
      .trim()
      .min(1, "q must not be empty")
      .max(MAX_QUERY_LENGTH, `q is at most ${MAX_QUERY_LENGTH} characters`),
    limit: limitParam(MAX_SEARCH_LIMIT, DEFAULT_SEARCH_LIMIT),
  })
  .strict();

const noParams = z.object({}).strict();

export type ApiRoute =
  | { action: "list"; limit: number; afterOrdinal?: number }
  | { action: "get"; slug: string }
  | { action: "search"; q: string; limit: number }
  | { action: "me" };

export type ApiRequest = {
  route: ApiRoute;
  apiKey: string;
  /** The trusted client address (lib/clientAddress.ts). */
  ipAddress: string;
  /** The raw X-Forwarded-For chain as received (truncated), kept as evidence. */
  forwardedFor: string;
  userAgent: string;
  method: string;
  /** Path and query as received, for signature verification and the log. */
  pathWithQuery: string;
  signatureTimestamp: string | null;
  signature: string | null;
};

export type ParseResult = { ok: true; request: ApiRequest } | { ok: false; code: ApiErrorCode; message: string };

/** The key from `Authorization: Bearer <key>` or `x-api-key`. */
export function extractApiKey(headers: Headers): { ok: true; key: string } | { ok: false; code: ApiErrorCode; message: string } {
  const authorization = headers.get("authorization")?.trim();
  const bearer = authorization && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, "").trim() : undefined;
  const header = headers.get("x-api-key")?.trim() || undefined;
  if (authorization && bearer === undefined && !header) {
    return { ok: false, code: "missing_api_key", message: "Use Authorization: Bearer <key> or x-api-key: <key>." };
  }
  if (bearer && header && bearer !== header) {
    return { ok: false, code: "bad_request", message: "Authorization and x-api-key carry different keys." };
  }
  const key = bearer || header;
  if (!key) return { ok: false, code: "missing_api_key", message: "Send your API key in Authorization: Bearer <key> or x-api-key." };
  // Over-long values are still treated as a (wrong) key, so they count as invalid attempts.
  return { ok: true, key: key.slice(0, MAX_KEY_LENGTH) };
}

function params(url: URL): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name in out) return null; // repeated parameters are ambiguous
    out[name] = value;
  }
  return out;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue.code === "unrecognized_keys") return `Unknown query parameter: ${issue.keys.join(", ")}`;
  return issue.message;
}

/** Parses the route and its parameters; keys and IPs are read separately. */
export function parseRoute(url: URL): { ok: true; route: ApiRoute } | { ok: false; code: ApiErrorCode; message: string } {
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const query = params(url);
  if (query === null) return { ok: false, code: "bad_request", message: "Repeated query parameters are not allowed." };
  const parse = <T>(schema: z.ZodType<T>) => schema.safeParse(query);

  if (path === `${API_PREFIX}/contents`) {
    const parsed = parse(listParams);
    if (!parsed.success) return { ok: false, code: "bad_request", message: firstIssue(parsed.error) };
    return { ok: true, route: { action: "list", limit: parsed.data.limit, afterOrdinal: parsed.data.cursor } };
  }
  if (path.startsWith(`${API_PREFIX}/contents/`)) {
    let slug: string;
    try {
      slug = decodeURIComponent(path.slice(`${API_PREFIX}/contents/`.length));
    } catch {
      return { ok: false, code: "bad_request", message: "The slug is not valid URL encoding." };
    }
    if (!SLUG_PATTERN.test(slug)) {
      return { ok: false, code: "bad_request", message: "A slug is lowercase letters, digits and dashes." };
    }
    const parsed = parse(noParams);
    if (!parsed.success) return { ok: false, code: "bad_request", message: firstIssue(parsed.error) };
    return { ok: true, route: { action: "get", slug } };
  }
  if (path === `${API_PREFIX}/search`) {
    const parsed = parse(searchParams);
    if (!parsed.success) return { ok: false, code: "bad_request", message: firstIssue(parsed.error) };
    return { ok: true, route: { action: "search", q: parsed.data.q, limit: parsed.data.limit } };
  }
  if (path === `${API_PREFIX}/me`) {
    const parsed = parse(noParams);
    if (!parsed.success) return { ok: false, code: "bad_request", message: firstIssue(parsed.error) };
    return { ok: true, route: { action: "me" } };
  }
  return { ok: false, code: "not_found", message: `No route ${url.pathname}. See ${API_PREFIX}/openapi.json.` };
}

/** What the transport knows about the peer: the platform's address and our trusted proxies. */
export type PeerInfo = { platformIp: string | null; trustedProxies: readonly ParsedCidr[] };

/** Parses a whole request: route first (a 404 needs no key), then the key, then the address. */
export function parseApiRequest(request: Request, peer: PeerInfo = { platformIp: null, trustedProxies: [] }): ParseResult {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, code: "bad_request", message: "Malformed URL." };
  }
  const route = parseRoute(url);
  if (!route.ok) return route;
  const key = extractApiKey(request.headers);
  if (!key.ok) return key;
  const client = decideClientAddress({ forwardedFor: request.headers.get("x-forwarded-for"), ...peer });
  return {
    ok: true,
    request: {
      route: route.route,
      apiKey: key.key,
      ipAddress: client.address,
      forwardedFor: client.forwardedFor,
      userAgent: (request.headers.get("user-agent") ?? "").slice(0, MAX_USER_AGENT_LENGTH),
      method: request.method.toUpperCase(),
      pathWithQuery: url.pathname + url.search,
      signatureTimestamp: request.headers.get("x-signature-timestamp"),
      signature: request.headers.get("x-signature"),
    },
  };
}
