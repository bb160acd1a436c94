// The web app's clock. Queries return what the server stores (expiry and revocation instants,
// counter states), never a status or a "remaining" computed from the server's clock: Convex
// caches a query's result until the data it read changes, so such values would freeze. Here
// they are computed at the browser's time, with the backend's own pure functions (one source of
// truth: apiKeys/status.ts, shared/usage.ts), and re-rendered when they change on their own:
// at a key's expiry, a window's reset, a refilled token, or every `intervalMs` for relative text.
import { useEffect, useState } from "react";
import { keyRecordStatus, keyStatus, type KeyRecordStatus, type KeyStateFields, type KeyStatus } from "@nak/backend/apiKeys/status";
import { nextUsageChange, usageAt, type StoredUsage, type UsageSummary } from "@nak/backend/shared/usage";

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

type Instants = ReadonlyArray<number | null | undefined>;

const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * The next instant to re-render at: the next multiple of `intervalMs`, or an earlier instant of
 * `wakeAt` still in the future.
 *
 * @example nextTick(90_000, MINUTE, [100_000]) === 100_000
 */
export function nextTick(now: number, intervalMs: number, wakeAt: Instants): number {
  let next = now - (now % intervalMs) + intervalMs;
  for (const at of wakeAt) if (at != null && at > now && at < next) next = at;
  return next;
}

/**
 * The current time (ms), re-rendering the caller on each multiple of `intervalMs` and at each
 * instant `wakeAt(now)` names (e.g. the keys' expiries), so time-dependent values change exactly
 * when they should, with no new query result.
 *
 * @example const now = useNow(MINUTE, () => keys.map((k) => k.expiresAt));
 */
export function useNow(intervalMs: number, wakeAt: (now: number) => Instants = () => []): number {
  const [now, setNow] = useState(() => Date.now());
  const next = nextTick(now, intervalMs, wakeAt(now));
  useEffect(() => {
    // A timer may fire a little early; the value never goes back, and it reaches `next`. Delays
    // above 2^31-1 ms fire at once in browsers: wait at most that long, then look again.
    const delay = Math.min(Math.max(0, next - Date.now()), MAX_TIMER_DELAY);
    const id = setTimeout(() => setNow(Math.max(Date.now(), delay === MAX_TIMER_DELAY ? Date.now() : next)), delay);
    return () => clearTimeout(id);
  }, [next]);
  return now;
}

/** The start of the UTC hour `now` is in (the usage history's window argument). */
export const hourOf = (now: number) => now - (now % HOUR);
/**
 * The current UTC hour, changing on the hour: the usage history's `hour` argument, so its
 * subscription moves to the new window when the hour does (within it, new requests update it).
 */
export function useCurrentHour(): number {
  return hourOf(useNow(HOUR));
}

/** `now` rounded down to the minute (the admin status filter's argument). */
export const minuteOf = (now: number) => now - (now % MINUTE);

export function withStatus<T extends KeyStateFields>(key: T, now: number): T & { status: KeyStatus } {
  return { ...key, status: keyStatus(key, now) };
}

export function withRecordStatus<T extends KeyStateFields & { deletedAt: number | null }>(record: T, now: number): T & { status: KeyRecordStatus } {
  return { ...record, status: keyRecordStatus(record, now) };
}

/** A stored key (or nothing) with its status added. */
export type WithStatus<T> = T extends KeyStateFields ? T & { status: KeyStatus } : T;
/** A row of a stored key and its stored usage, as it stands at a moment. */
export type RowAt<R extends { key: KeyStateFields; usage: StoredUsage | null }> = Omit<R, "key" | "usage"> & {
  key: R["key"] & { status: KeyStatus };
  usage: UsageSummary | null;
};

/**
 * Rows of stored keys and usage as they stand now: each key with its status, each usage with
 * "today", "remaining" and "resets at"; re-rendered at each expiry and window change.
 */
export function useRowsAt<R extends { key: KeyStateFields; usage: StoredUsage | null }>(rows: readonly R[] | undefined): RowAt<R>[] | undefined {
  const now = useNow(MINUTE, (at) => (rows ?? []).flatMap((r) => [r.key.expiresAt, r.usage ? nextUsageChange(r.usage, at) : null]));
  return rows?.map((r) => ({ ...r, key: withStatus(r.key, now), usage: r.usage ? usageAt(r.usage, now) : null }));
}

/** One stored key (or nothing yet) with its status now, re-rendered at its expiry. */
export function useKeyAt<T extends KeyStateFields | null | undefined>(key: T): WithStatus<T> {
  const now = useNow(MINUTE, () => [key?.expiresAt]);
  return (key ? withStatus(key, now) : key) as WithStatus<T>;
}

/** Stored keys (pickers, groups) with their status now, re-rendered at each expiry. */
export function useKeysAt<K extends KeyStateFields>(keys: readonly K[] | undefined): Array<K & { status: KeyStatus }> | undefined {
  const now = useNow(MINUTE, () => (keys ?? []).map((k) => k.expiresAt));
  return keys?.map((k) => withStatus(k, now));
}
