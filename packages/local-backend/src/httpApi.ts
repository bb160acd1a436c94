/**
 * The "convex" port's plain HTTP: Convex's HTTP function API (what `ConvexHttpClient` calls:
 * `POST /api/{query,mutation,action,function}`, `/api/query_ts`, `/api/query_at_ts`), a health
 * endpoint (`GET /version`), and the dev-only endpoints (`/_dev/*`) tests and demos use.
 *
 * Dev endpoints only answer requests carrying the header `Local-Backend-Dev: true`: a custom
 * header needs a CORS preflight, which this server refuses for `/_dev`, so a web page cannot
 * trigger them from a developer's browser.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { version as convexVersion } from "convex";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { z } from "zod";
import { toFunctionError, type Caller, type FunctionKind, type LocalBackend } from "./backend.js";
import type { CronRunner } from "./crons.js";
import { HttpError, clientIp, readBody, sendJson } from "./http.js";
import { mailboxPage } from "./mailbox.js";
import { AuthFailure, type IdentityVerifier } from "./identity.js";
import type { SeedResult } from "./seed.js";

/** HTTP status Convex uses for "the function ran and threw". */
const STATUS_UDF_FAILED = 560;
export const DEV_HEADER = "local-backend-dev";

export type DevHooks = {
  seed(): Promise<SeedResult | null>;
  crons: CronRunner;
  /** Drops every sync WebSocket (clients reconnect); resolves to how many were open. */
  disconnect(): number;
  /** The sync hub's state, for `/_dev/status`. */
  syncStatus(): Record<string, unknown>;
};

export type ConvexHttpContext = {
  backend: LocalBackend;
  verifier: IdentityVerifier;
  /** Null when dev endpoints are disabled. */
  dev: DevHooks | null;
};

const functionRequest = z.object({
  path: z.string(),
  args: z.union([z.array(z.custom<JSONValue>(() => true)), z.record(z.string(), z.custom<JSONValue>(() => true))]).optional(),
  format: z.string().optional(),
  componentPath: z.string().nullable().optional(),
  ts: z.union([z.string(), z.number()]).optional(),
});

const devRunRequest = z.object({ path: z.string(), args: z.record(z.string(), z.custom<JSONValue>(() => true)).optional() });

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    "access-control-allow-origin": req.headers.origin ?? "*",
    "access-control-allow-credentials": "true",
    vary: "Origin",
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  try {
    return body.length === 0 ? {} : (JSON.parse(body.toString("utf8")) as unknown);
  } catch {
    throw new HttpError(400, "Request body is not JSON");
  }
}

function argsObject(args: JSONValue[] | Record<string, JSONValue> | undefined): Record<string, Value> {
  const raw = Array.isArray(args) ? (args[0] ?? {}) : (args ?? {});
  const value = jsonToConvex(raw);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, "args must be an object");
  return value as Record<string, Value>;
}

/** Identity from `Authorization`; a bad token is refused (401), never trusted. */
async function callerOf(req: IncomingMessage, verifier: IdentityVerifier): Promise<Caller> {
  const header = req.headers.authorization;
  const base = { ip: clientIp(req), userAgent: req.headers["user-agent"] ?? null };
  if (!header) return { identity: null, ...base };
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (!bearer) throw new HttpError(401, "Admin keys are not supported by the local backend (use its /_dev endpoints).");
  try {
    return { identity: (await verifier.verify(bearer[1].trim())).identity, ...base };
  } catch (e) {
    if (e instanceof AuthFailure) {
      console.warn(`local-backend: HTTP API refused a token: ${e.message}`);
      throw new HttpError(401, e.message);
    }
    throw e;
  }
}

async function functionApi(ctx: ConvexHttpContext, req: IncomingMessage, res: ServerResponse, endpoint: string): Promise<void> {
  const cors = corsHeaders(req);
  const parsed = functionRequest.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, z.prettifyError(parsed.error));
  const body = parsed.data;
  if (body.componentPath) throw new HttpError(403, "Only admin or system users can call functions on non-root components directly");
  const caller = await callerOf(req, ctx.verifier);
  const args = argsObject(body.args);
  try {
    let value: Value;
    if (endpoint === "query_at_ts") {
      // The local backend keeps no history: a read at ts is served only while ts is the latest.
      const { ts, results } = await ctx.backend.runQueries(caller.identity, [{ path: body.path, args }]);
      if (String(ts) !== String(body.ts)) {
        throw new HttpError(400, `Timestamp ${body.ts} is no longer readable: the local backend keeps no history (latest ${ts}).`);
      }
      const [result] = results;
      if (!result.ok) throw result.error;
      value = result.value;
    } else {
      const kind: FunctionKind | "any" = endpoint === "function" ? "any" : (endpoint as FunctionKind);
      value = await ctx.backend.call(kind, body.path, args, caller);
    }
    sendJson(res, 200, { status: "success", value: convexToJson(value), logLines: [] }, cors);
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const error = toFunctionError(e);
    sendJson(
      res,
      STATUS_UDF_FAILED,
      { status: "error", errorMessage: error.message, ...(error.data !== undefined ? { errorData: error.data } : {}), logLines: [] },
      cors,
    );
  }
}

async function devApi(ctx: ConvexHttpContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const dev = ctx.dev;
  if (!dev) throw new HttpError(404, "Dev endpoints are disabled (--no-dev-endpoints)");
  if (req.headers[DEV_HEADER] !== "true") throw new HttpError(403, `Dev endpoints need the header ${DEV_HEADER}: true`);
  const method = req.method ?? "GET";
  if (path === "/_dev/seed" && method === "POST") {
    const result = await dev.seed();
    return sendJson(res, result ? 200 : 404, result ?? { message: "no demo seed function found (demo/seed:run)" });
  }
  if (path === "/_dev/crons" && method === "GET") return sendJson(res, 200, dev.crons.status());
  const cron = /^\/_dev\/crons\/(.+)$/.exec(path);
  if (cron && method === "POST") {
    const id = decodeURIComponent(cron[1]);
    if (!dev.crons.jobs.some((j) => j.id === id)) throw new HttpError(404, `no cron named ${JSON.stringify(id)}`);
    try {
      return sendJson(res, 200, { status: "success", value: convexToJson(await dev.crons.runNow(id)) });
    } catch (e) {
      return sendJson(res, STATUS_UDF_FAILED, { status: "error", errorMessage: toFunctionError(e).message });
    }
  }
  if (path === "/_dev/run" && method === "POST") {
    const parsed = devRunRequest.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, z.prettifyError(parsed.error));
    try {
      const value = await ctx.backend.call("any", parsed.data.path, argsObject(parsed.data.args), { identity: null }, { allowInternal: true });
      return sendJson(res, 200, { status: "success", value: convexToJson(value) });
    } catch (e) {
      const error = toFunctionError(e);
      return sendJson(res, STATUS_UDF_FAILED, { status: "error", errorMessage: error.message, ...(error.data !== undefined ? { errorData: error.data } : {}) });
    }
  }
  if (path === "/_dev/disconnect" && method === "POST") return sendJson(res, 200, { closed: dev.disconnect() });
  if (path === "/_dev/status" && method === "GET") {
    return sendJson(res, 200, { sync: dev.syncStatus(), inFlight: ctx.backend.inFlight(), crons: dev.crons.status() });
  }
  throw new HttpError(404, `No dev endpoint ${method} ${path}`);
}

export function createConvexHttpHandler(ctx: ConvexHttpContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://local");
    const path = url.pathname;
    const method = req.method ?? "GET";
    try {
      if (method === "OPTIONS") {
        if (!path.startsWith("/api/")) throw new HttpError(404, "Not found");
        res.writeHead(204, {
          ...corsHeaders(req),
          "access-control-allow-methods": "GET, POST, OPTIONS",
          "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type, authorization, convex-client",
          "access-control-max-age": "86400",
        });
        res.end();
        return;
      }
      if (path === "/version" && method === "GET") {
        return sendJson(res, 200, { server: "@nak/local-backend (convex-test; development and tests only)", convex: convexVersion });
      }
      if (path === "/" && method === "GET") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("Nak local backend: a development and test server that serves the app's Convex functions from convex-test. Not for production.\n");
        return;
      }
      if (path === "/_dev/mailbox" && method === "GET" && ctx.dev) {
        return await mailboxPage((fn, args) => ctx.backend.call("any", fn, args, { identity: null }, { allowInternal: true }), req, res);
      }
      if (path.startsWith("/_dev/")) return await devApi(ctx, req, res, path);
      const api = /^\/api\/(query|mutation|action|function|query_at_ts)$/.exec(path);
      if (api && method === "POST") return await functionApi(ctx, req, res, api[1]);
      if (path === "/api/query_ts" && method === "POST") {
        return sendJson(res, 200, { ts: String(await ctx.backend.snapshotTs()) }, corsHeaders(req));
      }
      throw new HttpError(404, `No route ${method} ${path}`);
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) console.error(`local-backend: ${method} ${path} failed:`, e);
      const code = status === 401 ? "Unauthenticated" : status === 404 ? "NotFound" : status === 500 ? "InternalServerError" : "BadRequest";
      if (!res.headersSent) sendJson(res, status, { code, message: (e as Error).message }, path.startsWith("/api/") ? corsHeaders(req) : {});
      else res.destroy();
    }
  };
}
