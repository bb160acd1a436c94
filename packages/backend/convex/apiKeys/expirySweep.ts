/**
 * Deleting expired keys in bounded batches.
 *
 * Better Auth's API key plugin deletes every expired key whenever a key is created (at most once
 * per 10 s per process, not configurable in @better-auth/api-key 1.6), through the adapter's
 * `deleteMany`, inside the creating mutation: with many expired keys that is unbounded work in one
 * transaction (each deletion runs the apikey onDelete trigger, which writes a tombstone). The
 * adapter (auth.ts) routes that sweep here: it deletes at most `EXPIRED_KEYS_PER_SWEEP` keys, oldest
 * expiry first, each through the adapter's single delete (same trigger, same tombstone); the cron
 * `apiKeys/internal:sweepExpired` deletes the rest, one bounded batch per transaction.
 */

/** Most expired keys one transaction deletes (each also writes a tombstone and an audit event). */
export const EXPIRED_KEYS_PER_SWEEP = 50;

type Where = { field: string; operator?: string; value: unknown; connector?: string };

/** The adapter calls this file bounds (a subset of Better Auth's adapter interface). */
export type SweepAdapter = {
  findMany: <T>(args: { model: string; where?: Where[]; limit?: number; sortBy?: { field: string; direction: "asc" | "desc" } }) => Promise<T[]>;
  delete: (args: { model: string; where: Where[] }) => Promise<void>;
};

/**
 * Better Auth's adapter seen as the subset the sweep calls: the one cast (its generic signatures
 * do not unify with this plain subset), for the adapter wrapper (auth.ts) and the cron alike.
 */
export const sweepAdapter = (adapter: object): SweepAdapter => adapter as SweepAdapter;

/** Whether a `deleteMany` is Better Auth's sweep of expired keys (`expiresAt` below a time). */
export function isExpirySweep(model: string, where: readonly Where[] | undefined): boolean {
  return model === "apikey" && (where ?? []).some((w) => w.field === "expiresAt" && w.operator === "lt") && (where ?? []).every((w) => w.connector !== "OR");
}

/** The sweep's condition as of `now` (what Better Auth's plugin asks for). */
export function expiredBefore(now: number): Where[] {
  return [
    { field: "expiresAt", operator: "lt", value: new Date(now) },
    { field: "expiresAt", operator: "ne", value: null },
  ];
}

/** Deletes at most `EXPIRED_KEYS_PER_SWEEP` keys matching `where`, oldest expiry first; returns how many. */
export async function sweepBatch(adapter: SweepAdapter, where: Where[]): Promise<number> {
  const expired = await adapter.findMany<{ id: string }>({
    model: "apikey",
    where,
    limit: EXPIRED_KEYS_PER_SWEEP,
    sortBy: { field: "expiresAt", direction: "asc" },
  });
  for (const key of expired) await adapter.delete({ model: "apikey", where: [{ field: "id", value: key.id }] });
  return expired.length;
}
