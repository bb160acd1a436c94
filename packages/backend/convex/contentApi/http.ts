/**
 * HTTP actions of the content API: parse at the boundary, one mutation, a JSON answer. Bad input
 * never reaches the database and never yields a 500.
 */
import { internal } from "../_generated/api";
import { httpAction } from "../_generated/server";
import type { DataModel } from "../_generated/dataModel";
import type { GenericActionCtx } from "convex/server";
import { serverEnv } from "../lib/env";
import { retryOnWriteConflict } from "../lib/conflictRetry";
import { errorResponse, type ApiResponse } from "./handle";
import { openApiDocument } from "./openapi";
import { parseApiRequest, type ApiRequest, type PeerInfo } from "./request";

const CORS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, X-API-Key, X-Signature, X-Signature-Timestamp",
  "Access-Control-Expose-Headers": "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After",
};

function toResponse({ status, body, headers }: ApiResponse): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...CORS, ...headers },
  });
}

/** The platform's view of the peer address, where the runtime offers one. */
export async function platformIp(meta: Pick<GenericActionCtx<DataModel>["meta"], "getRequestMetadata">): Promise<string | null> {
  try {
    return (await meta.getRequestMetadata()).ip ?? null;
  } catch {
    return null;
  }
}

/** What answering a content request needs from the runtime: the peer, and the request's one mutation. */
export type ContentRuntime = {
  peer: PeerInfo;
  handle: (request: ApiRequest) => Promise<ApiResponse>;
};

/** GET /api/v1/contents, /contents/{slug}, /search, /me: parse, one mutation, a JSON answer. */
export async function answerContentRequest(request: Request, runtime: ContentRuntime): Promise<Response> {
  // HEAD would run the whole GET (quota spent, a read logged) for headers only: refuse it.
  if (request.method.toUpperCase() === "HEAD") return notAllowed();
  const parsed = parseApiRequest(request, runtime.peer);
  if (!parsed.ok) return toResponse(errorResponse(parsed.code, {}, parsed.message));
  try {
    // A burst of one customer's requests can keep conflicting on its counter: call again (bounded,
    // jittered) rather than fail a request within the limit; nothing of a failed call committed.
    return toResponse(await retryOnWriteConflict(() => runtime.handle(parsed.request)));
  } catch (error) {
    // A fault of ours, not of the input (or a conflict that outlasted every retry): say so
    // without leaking internals.
    console.error("content API request failed", error);
    return toResponse(errorResponse("unavailable", { "Retry-After": "1" }));
  }
}

export const contentRequest = httpAction(async (ctx, request) =>
  answerContentRequest(request, {
    peer: { platformIp: await platformIp(ctx.meta), trustedProxies: serverEnv().TRUSTED_PROXY_CIDRS },
    handle: (req) => ctx.runMutation(internal.contentApi.mutations.handle, req),
  }),
);

export const openApi = httpAction(async (_ctx, request) => {
  const origin = new URL(request.url).origin;
  return new Response(JSON.stringify(openApiDocument(origin), null, 2), {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...CORS },
  });
});

export const preflight = httpAction(async () => new Response(null, { status: 204, headers: { ...CORS, "Access-Control-Allow-Methods": "GET, OPTIONS", "Access-Control-Max-Age": "86400" } }));

function notAllowed(): Response {
  return toResponse({ ...errorResponse("bad_request", { Allow: "GET, OPTIONS" }, "Only GET is supported."), status: 405 });
}

/** Any other method on the API: JSON 405, not the router's plain-text 404. */
export const methodNotAllowed = httpAction(async () => notAllowed());
