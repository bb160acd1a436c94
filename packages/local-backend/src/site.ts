/**
 * The "site" port: the app's HTTP actions (`http.ts` — Better Auth's routes, the content API),
 * as Convex serves them on the deployment's `.convex.site` URL. Requests reach the handlers with
 * their URL on the site origin and every header (IP headers included); CORS is the app's own.
 *
 * Identity: a `Bearer` JWT that verifies becomes `ctx.auth`'s identity. A bearer value that is not
 * a valid JWT (a Better Auth session token, an API key, an expired token) is anonymous, never an
 * error: the content API reads its own credentials from the headers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import type { LocalBackend } from "./backend.js";
import { HttpError, clientIp, sendJson, toFetchRequest, writeFetchResponse } from "./http.js";
import { looksLikeJwt, type IdentityVerifier } from "./identity.js";

export type SiteContext = { backend: LocalBackend; verifier: IdentityVerifier; siteOrigin: string };

async function identityOf(req: IncomingMessage, verifier: IdentityVerifier): Promise<UserIdentity | null> {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (!match || !looksLikeJwt(match[1].trim())) return null;
  try {
    return (await verifier.verify(match[1].trim())).identity;
  } catch {
    return null;
  }
}

/**
 * Does what an edge proxy does: appends the TCP peer's address to X-Forwarded-For, so the app's
 * client-address rule (right-most entry that is not a trusted proxy) sees a real address in
 * development, whatever the client wrote to the left of it.
 */
export function appendForwardedFor(headers: Headers, peer: string | undefined): void {
  if (!peer) return;
  const prior = headers.get("x-forwarded-for")?.trim();
  headers.set("x-forwarded-for", prior ? `${prior}, ${peer}` : peer);
}

export function createSiteHandler(ctx: SiteContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const request = await toFetchRequest(req, ctx.siteOrigin);
      appendForwardedFor(request.headers, req.socket.remoteAddress);
      const identity = await identityOf(req, ctx.verifier);
      const response = await ctx.backend.httpAction(request, {
        identity,
        ip: clientIp(req),
        userAgent: req.headers["user-agent"] ?? null,
      });
      await writeFetchResponse(res, response, req.method === "HEAD");
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) console.error("local-backend: site request failed:", e);
      if (!res.headersSent) sendJson(res, status, { code: "BadRequest", message: (e as Error).message });
      else res.destroy();
    }
  };
}

/**
 * GETs a JSON document: URLs on our own site origin are answered in-process by the app's HTTP
 * actions (e.g. Better Auth's JWKS), anything else with `fetch`.
 */
export function createJsonFetcher(backend: LocalBackend, siteOrigin: string) {
  return async (url: string): Promise<unknown> => {
    const response =
      new URL(url).origin === siteOrigin
        ? await backend.httpAction(new Request(url), { identity: null })
        : await fetch(url);
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    return (await response.json()) as unknown;
  };
}
