/**
 * Records what one piece of work reads and writes in the database, across the app and every
 * component, for the limits suite and `pnpm bench`. It wraps convex-test's syscall layer (what
 * `ctx.db` of any function, app or component, ends up calling), so Better Auth's `apikey` rows
 * and the rate limiter's `rateLimits` rows are seen too, which a wrapper of the app's own
 * `ctx.db` could not see.
 *
 * Then `sharedDocuments` answers the question Convex's optimistic concurrency control asks: of
 * what a request read (every document read or patched, every index range scanned), what did a
 * concurrent request write? Those are the documents requests contend on.
 *
 * @example
 *   const { record } = await recordDatabase(() => get(t, "/api/v1/me", { key }));
 *   record.writes // [{ table: "contentAccessLog", id: "10012contentAccessLog", op: "insert", … }]
 */

/** One `Eq`/`Gt`/… bound of an index range, as Convex serialises it. */
type RangeBound = { type: string; fieldPath: string; value: unknown };

export type RangeRead = { table: string; index: string; range: RangeBound[] };
export type DocRead = { table: string; id: string };
export type DocWrite = { table: string; id: string; op: "insert" | "patch" | "replace" | "delete"; value?: Record<string, unknown> };

export type DbRecord = {
  reads: DocRead[];
  ranges: RangeRead[];
  writes: DocWrite[];
};

type Syscalls = {
  syscall: (op: string, args: string) => string;
  asyncSyscall: (op: string, args: string) => Promise<string>;
  jsSyscall: (op: string, args: Record<string, unknown>) => unknown;
};

/** convex-test ids are a counter followed by the table name. */
export function tableOfId(id: string): string {
  return id.replace(/^\d+/, "");
}

/** Runs `work` with every database syscall recorded. Not reentrant: one recording at a time. */
export async function recordDatabase<T>(work: () => Promise<T>): Promise<{ result: T; record: DbRecord }> {
  const g = globalThis as unknown as { Convex: Syscalls };
  const original = g.Convex;
  const record: DbRecord = { reads: [], ranges: [], writes: [] };
  const rangeOfQuery = new Map<number, RangeRead | null>();
  g.Convex = {
    get syscall() {
      return (op: string, json: string) => {
        const out = original.syscall(op, json);
        if (op === "1.0/queryStream") {
          const source = (JSON.parse(json) as { query: { source: { type: string; indexName?: string; tableName?: string; range?: RangeBound[] } } }).query.source;
          const { queryId } = JSON.parse(out) as { queryId: number };
          const [table, index] = source.indexName ? source.indexName.split(".") : [source.tableName!, "by_creation_time"];
          const range: RangeRead = { table, index, range: source.type === "IndexRange" ? source.range! : [] };
          record.ranges.push(range);
          rangeOfQuery.set(queryId, range);
        }
        return out;
      };
    },
    get asyncSyscall() {
      return async (op: string, json: string) => {
        const args = JSON.parse(json) as { table?: string; id?: string; value?: Record<string, unknown>; query?: { source: { indexName?: string } } };
        const out = await original.asyncSyscall(op, json);
        const parsed = () => JSON.parse(out) as Record<string, unknown>;
        switch (op) {
          case "1.0/get": {
            const doc = JSON.parse(out) as { _id: string } | null;
            if (doc) record.reads.push({ table: tableOfId(doc._id), id: doc._id });
            break;
          }
          case "1.0/queryStreamNext": {
            const { value } = parsed() as { value: { _id: string } | null };
            if (value) record.reads.push({ table: tableOfId(value._id), id: value._id });
            break;
          }
          case "1.0/queryPage": {
            const { page } = parsed() as { page: Array<{ _id: string }> };
            const [table, index] = (args.query?.source.indexName ?? "?.by_creation_time").split(".");
            record.ranges.push({ table, index, range: [] });
            for (const doc of page) record.reads.push({ table: tableOfId(doc._id), id: doc._id });
            break;
          }
          case "1.0/insert": {
            const { _id } = parsed() as { _id: string };
            record.writes.push({ table: args.table!, id: _id, op: "insert", value: args.value });
            break;
          }
          case "1.0/shallowMerge":
          case "1.0/replace":
          case "1.0/remove": {
            const id = args.id!;
            // A write reads the document first (Convex records it in the read set).
            record.reads.push({ table: tableOfId(id), id });
            const kind = op === "1.0/shallowMerge" ? "patch" : op === "1.0/replace" ? "replace" : "delete";
            record.writes.push({ table: tableOfId(id), id, op: kind, value: args.value });
            break;
          }
        }
        return out;
      };
    },
    get jsSyscall() {
      return original.jsSyscall;
    },
  };
  try {
    const result = await work();
    return { result, record };
  } finally {
    g.Convex = original;
  }
}

function compare(a: unknown, b: unknown): number {
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return ja === jb ? 0 : ja < jb ? -1 : 1;
}

/** Whether a written document falls inside an index range another transaction read. */
export function rangeCovers(range: RangeRead, table: string, doc: Record<string, unknown>): boolean {
  if (range.table !== table) return false;
  return range.range.every((bound) => {
    const value = bound.fieldPath.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], doc);
    const c = compare(value, bound.value);
    switch (bound.type) {
      case "Eq":
        return c === 0;
      case "Gt":
        return c > 0;
      case "Gte":
        return c >= 0;
      case "Lt":
        return c < 0;
      case "Lte":
        return c <= 0;
      default:
        return true;
    }
  });
}

/** A contended document: its table and id ("range" items name the range that an insert fell in). */
export type Shared = { table: string; id: string };

/**
 * What `mine` read that any of `others` wrote: the documents a concurrent commit of theirs would
 * make `mine` conflict on (Convex's OCC: a transaction retries when something it read changed).
 */
export function sharedDocuments(mine: DbRecord, others: DbRecord[]): Shared[] {
  const shared = new Map<string, Shared>();
  const readIds = new Set(mine.reads.map((r) => r.id));
  for (const other of others) {
    if (other === mine) continue;
    for (const write of other.writes) {
      if (readIds.has(write.id)) shared.set(write.id, { table: write.table, id: write.id });
      else if (write.op === "insert" && write.value) {
        for (const range of mine.ranges) {
          if (rangeCovers(range, write.table, write.value)) {
            const id = `range:${range.table}.${range.index}:${JSON.stringify(range.range)}`;
            shared.set(id, { table: write.table, id });
          }
        }
      }
    }
  }
  return [...shared.values()];
}

/**
 * The fraction of ordered pairs (mine, other) of distinct recorded requests where `other`'s
 * writes touch something `mine` read: the chance that one concurrent commit conflicts with a
 * request.
 */
export function pairConflictRate(records: DbRecord[]): number {
  let pairs = 0;
  let conflicting = 0;
  for (const mine of records) {
    for (const other of records) {
      if (other === mine) continue;
      pairs++;
      if (sharedDocuments(mine, [other]).length > 0) conflicting++;
    }
  }
  return pairs === 0 ? 0 : conflicting / pairs;
}

/**
 * Expected write-conflict figures under Convex's optimistic concurrency control with `retries`
 * automatic retries (Convex retries a mutation whose read set changed before it committed).
 *
 * Model: requests arrive as a Poisson process of `ratePerSecond`; a transaction is exposed for
 * `transactionMs` between its first read and its commit; any other request's commit in that
 * interval conflicts with it with probability `pairConflict` (measured by `pairConflictRate` from
 * recorded read and write sets). So conflicting commits arrive at rate λ·q and one attempt
 * conflicts with probability p = 1 − exp(−λ·q·d). Retries are treated as independent attempts
 * (Convex backs off between them), so a request fails when all 1 + `retries` attempts conflict:
 * p^(1+retries); expected attempts are (1 − p^(1+retries)) / (1 − p). A caller that calls the
 * mutation again after a failure (`callerRetries` times, as the content API's HTTP action does:
 * lib/conflictRetry.ts) fails when every attempt of every call conflicts: p^((1+retries)·(1+callerRetries)),
 * the later calls assumed to meet the same rate (they land within the same one-second burst).
 *
 * @example
 *   conflictModel({ ratePerSecond: 100, transactionMs: 10, pairConflict: 1 }).failure // ≈ 0.10
 */
export function conflictModel({
  ratePerSecond,
  transactionMs,
  pairConflict,
  retries = 4,
  callerRetries = 0,
}: {
  ratePerSecond: number;
  transactionMs: number;
  pairConflict: number;
  retries?: number;
  callerRetries?: number;
}) {
  const perAttempt = 1 - Math.exp(-ratePerSecond * pairConflict * (transactionMs / 1000));
  const attempts = 1 + retries;
  const failure = perAttempt ** (attempts * (1 + callerRetries));
  const expectedAttempts = perAttempt === 1 ? attempts : (1 - perAttempt ** attempts) / (1 - perAttempt);
  return { perAttempt, failure, expectedAttempts };
}
