// A stand-in for "convex/react" in component tests: query results, paginated pages and mutation
// handlers are set per function name ("apiKeys/queries:list"); updates re-render subscribers,
// so "live" behaviour can be tested. Use with `vi.mock("convex/react", () => import("…/fakeConvex"))`.
import { useSyncExternalStore, type ReactNode } from "react";
import { getFunctionName, type FunctionReference } from "convex/server";

type Ref = FunctionReference<"query" | "mutation" | "action">;
/** undefined = loading; an Error = the query failed (thrown to the nearest boundary). */
type QueryValue = unknown;

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
  setQuery(ref: unknown, value: QueryValue | ((args: Record<string, unknown>) => QueryValue)) {
    state.queries.set(nameOf(ref), value);
    bump();
  },
  setMutation(ref: unknown, handler: (args: Record<string, unknown>) => unknown) {
    state.mutations.set(nameOf(ref), handler);
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
  const value = read(ref, args) as unknown[] | undefined;
  if (value === undefined) return { results: [], status: "LoadingFirstPage", isLoading: true, loadMore: () => {} };
  return { results: value, status: "Exhausted", isLoading: false, loadMore: () => {} };
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
