/**
 * The Convex "deployment": one convex-test instance of the app (schema, functions, components),
 * with what a server needs on top: functions resolved by path with their type and visibility,
 * calls on behalf of an identity and a client address, all subscribed queries of one identity
 * run in one snapshot, HTTP actions routed through the app's `http.ts` with the real request,
 * and a `commit` event whenever the database's commit timestamp moves (own calls, scheduled
 * functions, crons — the latter found by polling).
 *
 * convex-test patches ~27 globals (timers, fetch, Date, crypto…): this runs in a process of its own.
 */
import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import { convexTest } from "convex-test";
import { makeFunctionReference, type GenericActionCtx, type UserIdentity } from "convex/server";
import { ConvexError, convexToJson, type JSONValue, type Value } from "convex/values";
import type { LoadedApp } from "./modules.js";

export type FunctionKind = "query" | "mutation" | "action";
export type Visibility = "public" | "internal";

export type FunctionInfo = {
  kind: FunctionKind;
  visibility: Visibility;
  /** The args validator as Convex exports it (JSON), or undefined for `v.any()`-style args. */
  args: ValidatorJson | undefined;
};

type ValidatorJson = { type: string; value?: Record<string, { fieldType: ValidatorJson; optional: boolean }> };

/** Who calls: identity (null = anonymous) and the client's address, as `ctx.meta` reports it. */
export type Caller = { identity: UserIdentity | null; ip?: string | null; userAgent?: string | null };

/** A function failed; `message` and `data` are what Convex sends to clients. */
export class FunctionError extends Error {
  override name = "FunctionError";
  constructor(
    message: string,
    readonly data?: JSONValue,
  ) {
    super(message);
  }
}

export type QueryRun = { path: string; args: Record<string, Value> };
export type QueryOutcome = { ok: true; value: Value } | { ok: false; error: FunctionError };

const MAX_CACHED_PATHS = 10_000;

type ConvexFunction = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
  isHttp?: boolean;
  exportArgs?: () => string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's data model is not known here
type HttpHandler = (ctx: GenericActionCtx<any>, request: Request) => Promise<Response>;
type Router = { lookup(path: string, method: string): [unknown, string, string] | null };
type Accessor = ReturnType<typeof convexTest>;

/** "mod/file.js:fn" → "mod/file:fn"; "mod/file" → "mod/file:default" (as the Convex client does). */
export function canonicalizeUdfPath(udfPath: string): string {
  const i = udfPath.lastIndexOf(":");
  let moduleName = i === -1 ? udfPath : udfPath.slice(0, i);
  const functionName = i === -1 ? "default" : udfPath.slice(i + 1);
  if (moduleName.endsWith(".js")) moduleName = moduleName.slice(0, -3);
  return `${moduleName}:${functionName}`;
}

function requestId(): string {
  return randomBytes(8).toString("hex");
}

/** Turns anything a function threw into what Convex sends: a message, plus `data` for ConvexError. */
export function toFunctionError(e: unknown): FunctionError {
  if (e instanceof FunctionError) return e;
  const error = e instanceof Error ? e : new Error(String(e));
  const prefix = `[Request ID: ${requestId()}] Server Error\n`;
  if (error instanceof ConvexError || (error.name === "ConvexError" && "data" in error)) {
    const data = (error as ConvexError<Value>).data;
    return new FunctionError(`${prefix}Uncaught ConvexError: ${error.message}`, convexToJson(data));
  }
  return new FunctionError(`${prefix}Uncaught ${error.name}: ${error.message}`);
}

/** Convex gives a query or mutation 1 s of user code (actions: 10 minutes). */
export const USER_TIME_LIMIT_MS = 1_000;

/**
 * convex-test enforces Convex's transaction limits (documents, bytes, index ranges, scheduled
 * functions) but not user time; wall time here over-counts (it includes the test harness), so a
 * query or mutation over the limit is reported, not failed.
 */
function warnOverUserTimeLimit(kind: FunctionKind, path: string, ms: number) {
  if (kind === "action" || ms <= USER_TIME_LIMIT_MS) return;
  console.warn(`local-backend: ${kind} ${path} took ${ms} ms; Convex allows ${USER_TIME_LIMIT_MS} ms of user code per ${kind}`);
}

export class LocalBackend extends EventEmitter<{ commit: [ts: bigint] }> {
  readonly t: Accessor;
  private readonly modulesByPath = new Map<string, () => Promise<unknown>>();
  private readonly infoCache = new Map<string, FunctionInfo | null>();
  private lastCommitTs = 0n;
  private checking: Promise<bigint> | null = null;
  private recheck = false;
  private poller: NodeJS.Timeout | undefined;
  private readonly running = new Map<number, { label: string; startedAt: number }>();
  private nextRunId = 0;

  constructor(readonly app: LoadedApp) {
    super();
    this.t = convexTest({ schema: app.schema, modules: app.modules, transactionLimits: true });
    for (const c of app.components) this.t.registerComponent(c.path, c.schema, c.modules);
    for (const [key, load] of Object.entries(app.modules)) {
      this.modulesByPath.set(key.slice(2).replace(/\.[^./]+$/, ""), load);
    }
  }

  /** Runs `work` while listing it as in flight (see `inFlight`). */
  private async track<T>(label: string, work: () => Promise<T>): Promise<T> {
    const id = this.nextRunId++;
    this.running.set(id, { label, startedAt: Date.now() });
    try {
      return await work();
    } finally {
      this.running.delete(id);
    }
  }

  /** What the backend is running now, oldest first, with how long it has been running (ms). */
  inFlight(): Array<{ label: string; ms: number }> {
    const now = Date.now();
    return [...this.running.values()].map(({ label, startedAt }) => ({ label, ms: now - startedAt }));
  }

  /** Whether the app has a module at `modulePath` (e.g. "crons", "http"). */
  hasModule(modulePath: string): boolean {
    return this.modulesByPath.has(modulePath);
  }

  /** Imports one of the app's modules by path (e.g. "crons"), or undefined if it has none. */
  async importModule(modulePath: string): Promise<Record<string, unknown> | undefined> {
    const load = this.modulesByPath.get(modulePath);
    return load ? ((await load()) as Record<string, unknown>) : undefined;
  }

  /** Type and visibility of the function at `udfPath`, or null when there is none. */
  async describe(udfPath: string): Promise<FunctionInfo | null> {
    const path = canonicalizeUdfPath(udfPath);
    if (this.infoCache.has(path)) return this.infoCache.get(path)!;
    const [modulePath, name] = path.split(":");
    const mod = await this.importModule(modulePath);
    const fn = mod?.[name] as ConvexFunction | undefined;
    let info: FunctionInfo | null = null;
    if (fn && (typeof fn === "function" || typeof fn === "object")) {
      const kind: FunctionKind | undefined = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : undefined;
      if (kind) {
        const args = fn.exportArgs ? (JSON.parse(fn.exportArgs()) as ValidatorJson) : undefined;
        info = { kind, visibility: fn.isInternal ? "internal" : "public", args: args?.type === "object" ? args : undefined };
      }
    }
    // Clients choose the paths they ask for: keep the cache bounded.
    if (this.infoCache.size >= MAX_CACHED_PATHS) this.infoCache.clear();
    this.infoCache.set(path, info);
    return info;
  }

  /**
   * Resolves a function a client asked for; throws the error Convex gives for a missing,
   * internal (unless `allowInternal`) or wrongly typed function.
   */
  async resolve(udfPath: string, expected: FunctionKind | "any", allowInternal = false): Promise<FunctionInfo> {
    const info = await this.describe(udfPath);
    const path = canonicalizeUdfPath(udfPath);
    if (!info || (info.visibility === "internal" && !allowInternal)) {
      throw new FunctionError(
        `Could not find public function for '${path}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
      );
    }
    if (expected !== "any" && info.kind !== expected) {
      throw new FunctionError(`Trying to execute ${path} as ${expected}, but it is defined as ${info.kind}.`);
    }
    return info;
  }

  private accessor(caller: Caller): Accessor {
    let acc = this.t as Accessor;
    if (caller.identity) acc = acc.withIdentity(caller.identity) as Accessor;
    if (caller.ip != null || caller.userAgent != null) {
      acc = acc.withRequestMetadata({ ip: caller.ip ?? null, userAgent: caller.userAgent ?? null }) as Accessor;
    }
    return acc;
  }

  /** Runs a function by path as `caller`. Throws `FunctionError` with the client-facing message. */
  async call(
    kind: FunctionKind | "any",
    udfPath: string,
    args: Record<string, Value>,
    caller: Caller,
    options: { allowInternal?: boolean } = {},
  ): Promise<Value> {
    const info = await this.resolve(udfPath, kind, options.allowInternal ?? false);
    const path = canonicalizeUdfPath(udfPath);
    const acc = this.accessor(caller);
    const startedAt = Date.now();
    try {
      return await this.track(`${info.kind} ${path}`, async () => {
        switch (info.kind) {
          case "query":
            return (await acc.query(makeFunctionReference<"query">(path), args)) as Value;
          case "mutation":
            return (await acc.mutation(makeFunctionReference<"mutation">(path), args)) as Value;
          case "action":
            return (await acc.action(makeFunctionReference<"action">(path), args)) as Value;
          default:
            throw new Error(`unknown function kind ${String(info.kind)}`);
        }
      });
    } catch (e) {
      logFunctionError(path, e);
      throw toFunctionError(e);
    } finally {
      warnOverUserTimeLimit(info.kind, path, Date.now() - startedAt);
      if (info.kind !== "query") void this.checkCommits();
    }
  }

  /**
   * Runs several queries as one identity, in one snapshot (one transaction), like a Convex sync
   * worker computing a Transition. Returns the snapshot's commit timestamp.
   */
  async runQueries(identity: UserIdentity | null, queries: QueryRun[]): Promise<{ ts: bigint; results: QueryOutcome[] }> {
    const results: QueryOutcome[] = [];
    const runnable: Array<{ index: number; run: QueryRun }> = [];
    for (const [index, run] of queries.entries()) {
      try {
        await this.resolve(run.path, "query");
        runnable.push({ index, run });
      } catch (e) {
        results[index] = { ok: false, error: toFunctionError(e) };
      }
    }
    let ts = 0n;
    const label = `subscriptions: ${[...new Set(runnable.map((r) => canonicalizeUdfPath(r.run.path)))].join(", ")}`;
    await this.track(label, () => this.accessor({ identity }).query(async (ctx) => {
      ts = ctx.meta.getSnapshotTs();
      for (const { index, run } of runnable) {
        const path = canonicalizeUdfPath(run.path);
        try {
          results[index] = { ok: true, value: (await ctx.runQuery(makeFunctionReference<"query">(path), run.args)) as Value };
        } catch (e) {
          logFunctionError(path, e);
          results[index] = { ok: false, error: toFunctionError(e) };
        }
      }
      return null;
    }));
    return { ts, results };
  }

  /** The latest commit timestamp (Convex `ts`, ns). */
  async snapshotTs(): Promise<bigint> {
    return (await this.track("snapshot timestamp", () => this.t.query(async (ctx) => ctx.meta.getSnapshotTs()))) as bigint;
  }

  /**
   * Reads the commit timestamp and emits `commit` if it moved. Calls made while a check is
   * running are folded into one more check. Resolves to the latest timestamp.
   */
  checkCommits(): Promise<bigint> {
    if (this.checking) {
      this.recheck = true;
      return this.checking;
    }
    const run = async (): Promise<bigint> => {
      let ts = this.lastCommitTs;
      do {
        this.recheck = false;
        ts = await this.snapshotTs();
        if (ts > this.lastCommitTs) {
          this.lastCommitTs = ts;
          this.emit("commit", ts);
        }
      } while (this.recheck);
      return ts;
    };
    this.checking = run().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** Polls for commits nobody announced (scheduled functions, writes inside long actions). */
  startCommitPolling(intervalMs: number): void {
    this.poller = setInterval(() => {
      this.checkCommits().catch((e: unknown) => console.error("local-backend: commit check failed:", e));
    }, intervalMs);
    this.poller.unref();
  }

  stop(): void {
    clearInterval(this.poller);
  }

  /**
   * Routes a request through the app's `http.ts` (as Convex does on the `.site` URL). The
   * handler gets the request as sent: URL on the site origin, every header, the body.
   */
  async httpAction(request: Request, caller: Caller): Promise<Response> {
    const mod = await this.importModule("http");
    const router = mod?.default as Router | undefined;
    const url = new URL(request.url);
    const method = request.method === "HEAD" ? "GET" : request.method;
    const found = router?.lookup(url.pathname, method);
    if (!found) return new Response("No matching routes found", { status: 404 });
    const route = found[0] as { _handler?: HttpHandler } & HttpHandler;
    const handler: HttpHandler = route._handler ?? route;
    let response: Response | undefined;
    try {
      await this.track(`http ${request.method} ${url.pathname}`, () =>
        this.accessor(caller).action(async (ctx) => {
          response = await handler(ctx, request);
          return null;
        }),
      );
    } catch (e) {
      logFunctionError(`http ${request.method} ${url.pathname}`, e);
      const error = toFunctionError(e);
      return new Response(JSON.stringify({ code: "UncaughtError", message: error.message }), {
        status: 500,
        headers: { "content-type": "application/json" },
      });
    } finally {
      void this.checkCommits();
    }
    if (!(response instanceof Response)) {
      return new Response(`The HTTP action for ${url.pathname} did not return a Response`, { status: 500 });
    }
    return response;
  }
}

function logFunctionError(path: string, e: unknown): void {
  const error = e instanceof Error ? e : new Error(String(e));
  if (error.name === "ConvexError") return; // expected, part of the function's contract
  console.error(`local-backend: ${path} failed: ${error.stack ?? error.message}`);
}
