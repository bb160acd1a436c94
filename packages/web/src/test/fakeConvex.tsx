// A stand-in for "convex/react" in component tests: query results, paginated pages and mutation
// handlers are set per function ("apiKeys/queries:list"); updates re-render subscribers, so
// "live" behaviour can be tested. Use with `vi.mock("convex/react", () => import("…/fakeConvex"))`.
//
// Typed per function from the backend's generated `api`: a result must have the shape the
// backend's `returns` validator gives it, and a result function or mutation handler receives the
// function's real argument type. A fixture that drifts from the backend fails the typecheck.
import { useSyncExternalStore, type ReactNode } from "react";
import {
  getFunctionName,
  type FunctionArgs,
  type FunctionReference,
  type FunctionReturnType,
  type PaginationResult,
} from "convex/server";

type Ref = FunctionReference<"query" | "mutation" | "action">;
type QueryValue = unknown;
type AnyQuery = FunctionReference<"query", "public">;
type AnyMutation = FunctionReference<"mutation", "public">;

/** A paginated query's fake result may be just its page of items (status "Exhausted"). */
type Result<Q extends AnyQuery> =
  FunctionReturnType<Q> extends PaginationResult<infer Item> ? FunctionReturnType<Q> | Item[] : FunctionReturnType<Q>;
/** undefined = loading; an Error = the query failed (thrown to the nearest boundary). */
export type FakeQueryValue<Q extends AnyQuery> = Result<Q> | undefined | Error;

const state = {
  queries: new Map<string, QueryValue | ((args: Record<string, unknown>) => QueryValue)>(),
  mutations: new Map<string, (args: Record<string, unknown>) => unknown>(),
  calls: [] as Array<{ name: string; args: Record<string, unknown> }>,
  queryArgs: new Map<string, Record<string, unknown>>(),
  auth: { isLoading: false, isAuthenticated: true },
  version: 0,
};
const listeners = new Set<() => void>();
const bump = () => {
  state.version++;
  listeners.forEach((l) => l());
};

const nameOf = (ref: unknown) => getFunctionName(ref as Ref);

export const fake = {
  /** Sets a query's result (a value, an Error, undefined for loading, or a function of args). */
  setQuery<Q extends AnyQuery>(ref: Q, value: FakeQueryValue<Q> | ((args: FunctionArgs<Q>) => FakeQueryValue<Q>)) {
    state.queries.set(nameOf(ref), value);
    bump();
  },
  /** Sets what a mutation does: its handler gets the mutation's arguments and returns its result. */
  setMutation<M extends AnyMutation>(ref: M, handler: (args: FunctionArgs<M>) => FunctionReturnType<M> | Promise<FunctionReturnType<M>>) {
    state.mutations.set(nameOf(ref), handler as (args: Record<string, unknown>) => unknown);
  },
  setAuth(auth: { isLoading: boolean; isAuthenticated: boolean }) {
    state.auth = auth;
    bump();
  },
  /** Mutation calls made so far, in order. */
  calls: (ref?: unknown) => state.calls.filter((c) => !ref || c.name === nameOf(ref)),
  /** The last args a query or paginated query was subscribed with. */
  lastArgs: (ref: unknown) => state.queryArgs.get(nameOf(ref)),
  reset() {
    state.queries.clear();
    state.mutations.clear();
    state.calls = [];
    state.queryArgs.clear();
    state.auth = { isLoading: false, isAuthenticated: true };
    bump();
  },
};

function useVersion() {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state.version,
  );
}

function read(ref: unknown, args: Record<string, unknown>) {
  const name = nameOf(ref);
  state.queryArgs.set(name, args);
  if (!state.queries.has(name)) throw new Error(`fakeConvex: no result set for query ${name}`);
  const entry = state.queries.get(name);
  const value = typeof entry === "function" ? (entry as (a: Record<string, unknown>) => QueryValue)(args) : entry;
  if (value instanceof Error) throw value;
  return value;
}

export function useQuery(ref: unknown, args?: Record<string, unknown> | "skip") {
  useVersion();
  if (args === "skip") return undefined;
  return read(ref, args ?? {});
}

export function usePaginatedQuery(ref: unknown, args: Record<string, unknown> | "skip", _options: { initialNumItems: number }) {
  useVersion();
  if (args === "skip") return { results: [], status: "LoadingFirstPage", isLoading: true, loadMore: () => {} };
  const value = read(ref, args) as unknown[] | PaginationResult<unknown> | undefined;
  if (value === undefined) return { results: [], status: "LoadingFirstPage", isLoading: true, loadMore: () => {} };
  if (Array.isArray(value)) return { results: value, status: "Exhausted", isLoading: false, loadMore: () => {} };
  return { results: value.page, status: value.isDone ? "Exhausted" : "CanLoadMore", isLoading: false, loadMore: () => {} };
}

export function useMutation(ref: unknown) {
  const name = nameOf(ref);
  return async (args: Record<string, unknown> = {}) => {
    state.calls.push({ name, args });
    const handler = state.mutations.get(name);
    if (!handler) throw new Error(`fakeConvex: no handler for mutation ${name}`);
    return await handler(args);
  };
}

export function useConvexAuth() {
  useVersion();
  return state.auth;
}

export function Authenticated({ children }: { children: ReactNode }) {
  const { isLoading, isAuthenticated } = useConvexAuth();
  return !isLoading && isAuthenticated ? <>{children}</> : null;
}
export function Unauthenticated({ children }: { children: ReactNode }) {
  const { isLoading, isAuthenticated } = useConvexAuth();
  return !isLoading && !isAuthenticated ? <>{children}</> : null;
}
export function AuthLoading({ children }: { children: ReactNode }) {
  const { isLoading } = useConvexAuth();
  return isLoading ? <>{children}</> : null;
}
