/**
 * The Convex client sync protocol over WebSocket (`/api/<version>/sync`), what the real
 * `ConvexClient` / `ConvexReactClient` speak: query sets with versions, Transitions, mutations
 * (one at a time per connection, deduplicated per client session so a retry after a reconnect
 * is applied once), actions, JWT authentication, pings.
 *
 * After every commit, every connection's subscribed queries are re-run (one snapshot per
 * identity) and a Transition carries only the results that changed. A connection also gets a
 * Transition when its query set or identity changed, or when a mutation it sent needs a
 * timestamp to resolve at (a mutation's promise resolves once a Transition reaches its `ts`).
 */
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { canonicalizeUdfPath, toFunctionError, type Caller, type FunctionInfo, type LocalBackend, type QueryOutcome } from "./backend.js";
import { clientIp } from "./http.js";
import { AuthFailure, type IdentityVerifier } from "./identity.js";
import {
  clientMessage,
  encodeTs,
  type AddQuery,
  type ClientMessage,
  type QuerySetChange,
  type ServerMessage,
  type StateModification,
} from "./protocol.js";

/** Clock leeway on a connection's token expiry, as Convex allows. */
const EXPIRY_LEEWAY_MS = 5_000;
/** Transport-level liveness: a socket that misses two WebSocket pings this far apart is dropped. */
const HEARTBEAT_MS = 30_000;
/** Mutation outcomes kept for deduplicating retries. */
const MUTATION_LOG_SIZE = 10_000;

export type SyncOptions = {
  /** Send a protocol `Ping` when nothing was sent for this long (the client reconnects after 60 s of silence). */
  pingIntervalMs: number;
};

type MutationOutcome =
  | { success: true; value: JSONValue; ts: bigint }
  | { success: false; message: string; data?: JSONValue };

type SubscribedQuery = {
  id: number;
  path: string;
  args: Record<string, Value>;
  /** Pins a paginated query's page end, as Convex's query journals do (`{ endCursor }`). */
  journal: string | null;
  /** Whether the function accepts `paginationOpts.endCursor` (then the journal is applied). */
  paginated: boolean;
  /** The last modification sent for this query (serialized), to send only changes. */
  lastSent: string | undefined;
};

type UpdatePlan = {
  querySet: number;
  identityVersion: number;
  identity: UserIdentity | null;
  queries: Array<{ query: SubscribedQuery; key: string; args: Record<string, Value> }>;
};

/** Ends processing of the current message: the connection was closed. */
class ConnectionClosed extends Error {}

/** Remembers recent mutation outcomes by `sessionId:requestId` (bounded, oldest dropped first). */
class MutationLog {
  private readonly entries = new Map<string, Promise<MutationOutcome>>();
  get(key: string): Promise<MutationOutcome> | undefined {
    return this.entries.get(key);
  }
  set(key: string, outcome: Promise<MutationOutcome>): void {
    this.entries.set(key, outcome);
    if (this.entries.size > MUTATION_LOG_SIZE) this.entries.delete(this.entries.keys().next().value!);
  }
}

export class SyncHub {
  private readonly sessions = new Set<SyncSession>();
  private readonly dirty = new Set<SyncSession>();
  private running = false;
  private refreshes = 0;
  private lastRefreshAt: number | null = null;
  readonly mutationLog = new MutationLog();

  constructor(
    readonly backend: LocalBackend,
    readonly verifier: IdentityVerifier,
    readonly options: SyncOptions,
  ) {
    backend.on("commit", () => this.markAllDirty());
  }

  /** Serves one accepted WebSocket. */
  attach(ws: WebSocket, request: IncomingMessage): SyncSession {
    const session = new SyncSession(this, ws, request);
    this.sessions.add(session);
    return session;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** For `/_dev/status`: connections, pending updates, refreshes done. */
  status() {
    return {
      connections: this.sessions.size,
      dirty: this.dirty.size,
      refreshing: this.running,
      refreshes: this.refreshes,
      lastRefreshAt: this.lastRefreshAt === null ? null : new Date(this.lastRefreshAt).toISOString(),
    };
  }

  remove(session: SyncSession): void {
    this.sessions.delete(session);
    this.dirty.delete(session);
  }

  /** Closes every connection (clients reconnect on their own unless the server is stopping). */
  closeAll(code: number, reason: string): void {
    for (const s of [...this.sessions]) s.close(code, reason);
  }

  markDirty(session: SyncSession): void {
    this.dirty.add(session);
    void this.loop();
  }

  markAllDirty(): void {
    for (const s of this.sessions) this.dirty.add(s);
    void this.loop();
  }

  private async loop(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.dirty.size > 0) {
        const batch = [...this.dirty];
        this.dirty.clear();
        await this.refresh(batch);
        this.refreshes += 1;
        this.lastRefreshAt = Date.now();
      }
    } catch (e) {
      console.error("local-backend: sync refresh failed:", e);
    } finally {
      this.running = false;
    }
  }

  /** Re-runs the queries of `batch`, one snapshot per identity, and sends each its Transition. */
  private async refresh(batch: SyncSession[]): Promise<void> {
    const groups = new Map<string, { identity: UserIdentity | null; members: Array<[SyncSession, UpdatePlan]> }>();
    for (const session of batch) {
      const plan = session.beginUpdate();
      if (!plan) continue;
      const key = plan.identity ? JSON.stringify(plan.identity) : "";
      const group = groups.get(key) ?? { identity: plan.identity, members: [] };
      group.members.push([session, plan]);
      groups.set(key, group);
    }
    for (const { identity, members } of groups.values()) {
      const index = new Map<string, number>();
      const runs: Array<{ path: string; args: Record<string, Value> }> = [];
      for (const [, plan] of members) {
        for (const q of plan.queries) {
          if (index.has(q.key)) continue;
          index.set(q.key, runs.length);
          runs.push({ path: q.query.path, args: q.args });
        }
      }
      let outcome: { ts: bigint; results: QueryOutcome[] };
      try {
        outcome = await this.backend.runQueries(identity, runs);
      } catch (e) {
        console.error("local-backend: running subscribed queries failed:", e);
        for (const [session] of members) session.close(1011, "InternalServerError");
        continue;
      }
      for (const [session, plan] of members) {
        session.finishUpdate(plan, (key) => outcome.results[index.get(key)!], outcome.ts);
      }
    }
  }
}

export class SyncSession {
  private sessionId: string | null = null;
  private clockSkew: number | undefined;
  /** The version the client is at (the last Transition's end version). */
  private sent = { querySet: 0, identity: 0, ts: 0n };
  /** The newest query-set version received, and the changes not applied yet. */
  private querySetVersion = 0;
  private pendingChanges: Array<QuerySetChange & { info?: FunctionInfo | null }> = [];
  private readonly queries = new Map<number, SubscribedQuery>();
  private readonly removed = new Set<number>();
  private identity: { version: number; value: UserIdentity | null; expiresAt: number | undefined } = {
    version: 0,
    value: null,
    expiresAt: undefined,
  };
  /** The next Transition must reach this timestamp (a mutation response is waiting on it). */
  private needTs = 0n;
  private inbox: Promise<void> = Promise.resolve();
  private mutations: Promise<unknown> = Promise.resolve();
  private lastSentAt = Date.now();
  private alive = true;
  private readonly timers: NodeJS.Timeout[] = [];
  closed = false;

  constructor(
    private readonly hub: SyncHub,
    private readonly ws: WebSocket,
    private readonly request: IncomingMessage,
  ) {
    ws.on("message", (data, isBinary) => this.onMessage(isBinary ? "" : String(data)));
    ws.on("close", () => this.onClosed());
    ws.on("error", () => this.onClosed());
    ws.on("pong", () => (this.alive = true));
    const ping = hub.options.pingIntervalMs;
    this.timers.push(
      setInterval(() => {
        if (Date.now() - this.lastSentAt >= ping) this.send({ type: "Ping" });
      }, Math.max(10, Math.floor(ping / 4))),
      setInterval(() => {
        if (!this.alive) return this.ws.terminate();
        this.alive = false;
        this.ws.ping();
      }, HEARTBEAT_MS),
    );
  }

  private onMessage(raw: string): void {
    let message: ClientMessage;
    try {
      message = clientMessage.parse(JSON.parse(raw));
    } catch {
      this.close(1008, "InvalidClientMessage");
      return;
    }
    this.inbox = this.inbox
      .then(() => (this.closed ? undefined : this.handle(message)))
      .catch((e: unknown) => {
        if (e instanceof ConnectionClosed) return;
        console.error("local-backend: sync connection failed:", e);
        this.close(1011, "InternalServerError");
      });
  }

  private async handle(message: ClientMessage): Promise<void> {
    switch (message.type) {
      case "Connect":
        this.sessionId = message.sessionId;
        if (message.clientTs !== undefined) this.clockSkew = Math.round(message.clientTs - Date.now());
        return;
      case "ModifyQuerySet": {
        if (message.baseVersion !== this.querySetVersion || message.newVersion <= message.baseVersion) {
          this.close(1008, `InvalidQuerySetVersion: base ${message.baseVersion}, server at ${this.querySetVersion}`);
          throw new ConnectionClosed();
        }
        const changes: Array<QuerySetChange & { info?: FunctionInfo | null }> = [];
        for (const change of message.modifications) {
          changes.push(change.type === "Add" ? { ...change, info: await this.hub.backend.describe(change.udfPath) } : change);
        }
        this.pendingChanges.push(...changes);
        this.querySetVersion = message.newVersion;
        this.hub.markDirty(this);
        return;
      }
      case "Authenticate":
        return this.authenticate(message);
      case "Mutation":
        return this.mutation(message);
      case "Action":
        return this.action(message);
      case "Event":
        return;
    }
  }

  private async authenticate(message: Extract<ClientMessage, { type: "Authenticate" }>): Promise<void> {
    if (message.baseVersion !== this.identity.version) {
      this.close(1008, `InvalidIdentityVersion: base ${message.baseVersion}, server at ${this.identity.version}`);
      throw new ConnectionClosed();
    }
    if (message.tokenType === "None") {
      this.identity = { version: message.baseVersion + 1, value: null, expiresAt: undefined };
    } else if (message.tokenType === "Admin") {
      this.authError("Admin keys are not supported by the local backend (use its /_dev endpoints).", true);
    } else {
      try {
        const verified = await this.hub.verifier.verify(message.value ?? "");
        this.identity = { version: message.baseVersion + 1, value: verified.identity, expiresAt: verified.expiresAt };
      } catch (e) {
        if (!(e instanceof AuthFailure)) throw e;
        console.warn(`local-backend: sync connection refused a token: ${e.message}`);
        this.authError(e.message, true);
      }
    }
    this.hub.markDirty(this);
  }

  /** The caller for a function run now; an expired token ends the connection with AuthError. */
  private caller(): Caller {
    const { value, expiresAt } = this.identity;
    if (expiresAt !== undefined && Date.now() > expiresAt + EXPIRY_LEEWAY_MS) {
      console.warn("local-backend: a sync connection's token expired");
      this.authError("Token expired", false);
    }
    return { identity: value, ip: clientIp(this.request), userAgent: this.request.headers["user-agent"] ?? null };
  }

  private authError(error: string, authUpdateAttempted: boolean): never {
    this.send({ type: "AuthError", error, baseVersion: this.identity.version, authUpdateAttempted });
    this.close(1000, "AuthError");
    throw new ConnectionClosed();
  }

  private mutation(message: Extract<ClientMessage, { type: "Mutation" }>): void {
    const caller = this.caller();
    const key = this.sessionId === null ? null : `${this.sessionId}:${message.requestId}`;
    const previous = key === null ? undefined : this.hub.mutationLog.get(key);
    // Mutations of one connection run one at a time, in order; a retry waits for the original.
    const outcome = this.mutations.then(() => previous ?? this.runMutation(message, caller));
    this.mutations = outcome.catch(() => undefined);
    if (key !== null && !previous) this.hub.mutationLog.set(key, outcome);
    void outcome.then((result) => {
      if (result.success) {
        this.send({ type: "MutationResponse", requestId: message.requestId, success: true, result: result.value, ts: encodeTs(result.ts), logLines: [] });
        if (result.ts > this.needTs) this.needTs = result.ts;
        this.hub.markDirty(this);
      } else {
        this.send({ type: "MutationResponse", requestId: message.requestId, success: false, result: result.message, logLines: [], ...(result.data !== undefined ? { errorData: result.data } : {}) });
      }
    });
  }

  private async runMutation(message: Extract<ClientMessage, { type: "Mutation" }>, caller: Caller): Promise<MutationOutcome> {
    try {
      if (message.componentPath) throw new Error("Only admin or system users can call functions on non-root components directly");
      const value = await this.hub.backend.call("mutation", message.udfPath, argsOf(message.args), caller);
      const ts = await this.hub.backend.checkCommits();
      return { success: true, value: convexToJson(value), ts };
    } catch (e) {
      const error = toFunctionError(e);
      return { success: false, message: error.message, ...(error.data !== undefined ? { data: error.data } : {}) };
    }
  }

  private action(message: Extract<ClientMessage, { type: "Action" }>): void {
    const caller = this.caller();
    void (async () => {
      try {
        if (message.componentPath) throw new Error("Only admin or system users can call functions on non-root components directly");
        const value = await this.hub.backend.call("action", message.udfPath, argsOf(message.args), caller);
        this.send({ type: "ActionResponse", requestId: message.requestId, success: true, result: convexToJson(value), logLines: [] });
      } catch (e) {
        const error = toFunctionError(e);
        this.send({ type: "ActionResponse", requestId: message.requestId, success: false, result: error.message, logLines: [], ...(error.data !== undefined ? { errorData: error.data } : {}) });
      }
    })();
  }

  /** Applies pending query-set changes and says which queries to run, as whom. Null: skip. */
  beginUpdate(): UpdatePlan | null {
    if (this.closed) return null;
    try {
      this.caller();
    } catch {
      return null; // token expired: the connection was closed with AuthError
    }
    for (const change of this.pendingChanges) {
      if (change.type === "Add") {
        this.queries.set(change.queryId, subscribed(change, change.info ?? null));
        this.removed.delete(change.queryId);
      } else if (this.queries.delete(change.queryId)) {
        this.removed.add(change.queryId);
      }
    }
    this.pendingChanges = [];
    const queries = [...this.queries.values()].map((query) => {
      const args = effectiveArgs(query);
      return { query, args, key: `${canonicalizeUdfPath(query.path)}\u0000${JSON.stringify(convexToJson(args))}` };
    });
    return { querySet: this.querySetVersion, identityVersion: this.identity.version, identity: this.identity.value, queries };
  }

  /** Sends the Transition for `plan` if anything changed for this client. */
  finishUpdate(plan: UpdatePlan, resultFor: (key: string) => QueryOutcome, ts: bigint): void {
    if (this.closed) return;
    const modifications: StateModification[] = [];
    for (const queryId of this.removed) modifications.push({ type: "QueryRemoved", queryId });
    this.removed.clear();
    for (const { query, key, args } of plan.queries) {
      if (this.queries.get(query.id) !== query) continue;
      const outcome = pinnedPage(query, args, resultFor(key));
      if (outcome.ok && query.paginated && query.journal === null && isPage(outcome.value)) {
        query.journal = JSON.stringify({ endCursor: outcome.value.continueCursor });
      }
      const modification: StateModification = outcome.ok
        ? { type: "QueryUpdated", queryId: query.id, value: convexToJson(outcome.value), logLines: [], journal: query.journal }
        : {
            type: "QueryFailed",
            queryId: query.id,
            errorMessage: outcome.error.message,
            logLines: [],
            ...(outcome.error.data !== undefined ? { errorData: outcome.error.data } : {}),
            journal: query.journal,
          };
      const serialized = JSON.stringify(modification);
      if (serialized === query.lastSent) continue;
      query.lastSent = serialized;
      modifications.push(modification);
    }
    const endTs = ts > this.sent.ts ? ts : this.sent.ts;
    const waiting = this.sent.ts < this.needTs;
    const changed =
      modifications.length > 0 || plan.querySet !== this.sent.querySet || plan.identityVersion !== this.sent.identity;
    if (changed || (waiting && endTs >= this.needTs)) {
      const end = { querySet: plan.querySet, identity: plan.identityVersion, ts: endTs };
      this.send({
        type: "Transition",
        startVersion: { querySet: this.sent.querySet, identity: this.sent.identity, ts: encodeTs(this.sent.ts) },
        endVersion: { querySet: end.querySet, identity: end.identity, ts: encodeTs(end.ts) },
        modifications,
        ...(this.clockSkew !== undefined ? { clientClockSkew: this.clockSkew } : {}),
        serverTs: Date.now(),
      });
      this.sent = end;
    }
    if (this.sent.ts < this.needTs) this.hub.markDirty(this);
  }

  private send(message: ServerMessage): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(message));
    this.lastSentAt = Date.now();
  }

  close(code: number, reason: string): void {
    if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.close(code, reason.slice(0, 120));
    this.onClosed();
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.hub.remove(this);
  }
}

function argsOf(args: JSONValue[]): Record<string, Value> {
  const value = jsonToConvex(args[0] ?? {});
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("Function arguments must be an object");
  }
  return value as Record<string, Value>;
}

function subscribed(add: AddQuery, info: FunctionInfo | null): SubscribedQuery {
  let args: Record<string, Value>;
  try {
    args = argsOf(add.args);
  } catch {
    args = {};
  }
  const paginationOpts = info?.args?.value?.paginationOpts?.fieldType;
  return {
    id: add.queryId,
    path: add.udfPath,
    args,
    journal: parseJournal(add.journal ?? null),
    paginated: paginationOpts?.type === "object" && paginationOpts.value?.endCursor !== undefined,
    lastSent: undefined,
  };
}

function parseJournal(journal: string | null): string | null {
  if (journal === null) return null;
  try {
    const parsed = JSON.parse(journal) as { endCursor?: unknown };
    return typeof parsed.endCursor === "string" || parsed.endCursor === null ? journal : null;
  } catch {
    return null;
  }
}

/** The args a query runs with: a paginated query's page end pinned by its journal. */
function effectiveArgs(query: SubscribedQuery): Record<string, Value> {
  if (!query.paginated || query.journal === null) return query.args;
  const opts = query.args.paginationOpts as Record<string, Value> | undefined;
  if (!opts || opts.endCursor !== undefined) return query.args;
  const { endCursor } = JSON.parse(query.journal) as { endCursor: string | null };
  if (endCursor === null) return query.args;
  return { ...query.args, paginationOpts: { ...opts, endCursor } };
}

function isPage(value: Value): value is { page: Value[]; isDone: boolean; continueCursor: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as Record<string, Value>).page) &&
    typeof (value as Record<string, Value>).continueCursor === "string"
  );
}

/**
 * A page read up to a pinned end cursor continues at that cursor, even when the document at
 * the boundary was deleted (convex-test then reports the end of the table).
 */
function pinnedPage(query: SubscribedQuery, args: Record<string, Value>, outcome: QueryOutcome): QueryOutcome {
  if (!outcome.ok || args === query.args || !isPage(outcome.value)) return outcome;
  const endCursor = (args.paginationOpts as Record<string, Value>).endCursor;
  if (typeof endCursor !== "string" || endCursor === "_end_cursor" || outcome.value.continueCursor !== "_end_cursor") {
    return outcome;
  }
  return { ok: true, value: { ...outcome.value, continueCursor: endCursor, isDone: false } };
}
