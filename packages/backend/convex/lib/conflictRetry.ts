/**
 * Retrying a mutation that lost to concurrent writes, from the action that called it.
 *
 * Convex retries a mutation whose read set changed before it committed a few times on its own;
 * when a burst keeps conflicting it gives up with a "changed while this mutation was being run
 * and on every subsequent retry" error. Nothing of the failed mutation was committed, so calling
 * it again is safe. The content API does so a bounded number of times, after a jittered pause
 * that spreads the burst out, before answering 503: a burst within the customer's limit is
 * served a few milliseconds later instead of failing.
 */

/** Whether `error` is Convex's write-conflict failure (optimistic concurrency control). */
export function isWriteConflict(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return /changed while this mutation was being run/i.test(message) || /OptimisticConcurrencyControl/i.test(message);
}

export type RetryPolicy = {
  /** Calls after the first one. */
  retries: number;
  /** Pause before retry n (1-based) is drawn uniformly from [0, baseMs·2^(n−1)] ("full jitter"). */
  baseMs: number;
};

/** The content API's policy: 3 more calls, pauses of at most 50, 100 and 200 ms (≤ 350 ms in all). */
export const CONFLICT_RETRY: RetryPolicy = { retries: 3, baseMs: 50 };

/** The pause before retry `n` (1-based), given a uniform random number in [0, 1). */
export function retryDelayMs(policy: RetryPolicy, n: number, random: number): number {
  return Math.floor(random * policy.baseMs * 2 ** (n - 1));
}

/**
 * Runs `call`, calling it again after a jittered pause while it fails with a write conflict, at
 * most `policy.retries` more times; any other error, or the last conflict, is thrown.
 */
export async function retryOnWriteConflict<T>(
  call: () => Promise<T>,
  policy: RetryPolicy = CONFLICT_RETRY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => number = Math.random,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isWriteConflict(error) || attempt >= policy.retries) throw error;
      await sleep(retryDelayMs(policy, attempt + 1, random()));
    }
  }
}
