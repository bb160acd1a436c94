import { afterEach, describe, expect, test, vi } from "vitest";
import { CONFLICT_RETRY, isWriteConflict, retryDelayMs, retryOnWriteConflict } from "./conflictRetry";

// Convex's message for a mutation that kept conflicting (docs.convex.dev/errors).
const CONFLICT = new Error(
  'Documents read from or written to the table "customerQuotas" changed while this mutation was being run and on every subsequent retry. Another call to this mutation changed the document with ID "k57abc".',
);

function failing(conflicts: number, then: Error | null = null) {
  let calls = 0;
  const call = async () => {
    calls++;
    if (calls <= conflicts) throw CONFLICT;
    if (then) throw then;
    return "served";
  };
  return { call, calls: () => calls };
}

const noSleep = async () => undefined;

afterEach(() => vi.useRealTimers());

describe("retrying a mutation that lost to concurrent writes", () => {
  test("recognises Convex's write-conflict error and nothing else", () => {
    expect(isWriteConflict(CONFLICT)).toBe(true);
    expect(isWriteConflict(new Error("OptimisticConcurrencyControlFailure"))).toBe(true);
    expect(isWriteConflict(new Error("Invalid argument"))).toBe(false);
    expect(isWriteConflict(undefined)).toBe(false);
  });

  test("a conflict thrown as a bare string is recognised; other values are not read for its text", () => {
    expect(isWriteConflict(CONFLICT.message)).toBe(true);
    expect(isWriteConflict("Invalid argument")).toBe(false);
    expect(isWriteConflict({ toString: () => CONFLICT.message })).toBe(false);
  });

  test("the content API's policy: three more calls, at most 350 ms of pauses in all", () => {
    expect(CONFLICT_RETRY.retries).toBe(3);
    const longest = [1, 2, 3].reduce((sum, n) => sum + retryDelayMs(CONFLICT_RETRY, n, 0.999999), 0);
    expect(longest).toBeGreaterThan(340);
    expect(longest).toBeLessThanOrEqual(350);
  });

  test("by default the pause is a real timer: the retry waits for it", async () => {
    vi.useFakeTimers();
    const f = failing(1);
    let settled = false;
    const done = retryOnWriteConflict(f.call, { retries: 1, baseMs: 50 }, undefined, () => 0.5).then((v) => {
      settled = true;
      return v;
    });
    await vi.advanceTimersByTimeAsync(24);
    expect(settled).toBe(false);
    expect(f.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toBe("served");
    expect(f.calls()).toBe(2);
  });

  test("a conflict followed by success is served, after as many calls as it took", async () => {
    const f = failing(3);
    await expect(retryOnWriteConflict(f.call, CONFLICT_RETRY, noSleep)).resolves.toBe("served");
    expect(f.calls()).toBe(4);
  });

  test("gives up after the policy's retries and throws the conflict", async () => {
    const f = failing(10);
    await expect(retryOnWriteConflict(f.call, { retries: 3, baseMs: 50 }, noSleep)).rejects.toBe(CONFLICT);
    expect(f.calls()).toBe(4);
  });

  test("never retries another error (a bug is not hidden behind a pause)", async () => {
    const bug = new Error("boom");
    const f = failing(0, bug);
    await expect(retryOnWriteConflict(f.call, CONFLICT_RETRY, noSleep)).rejects.toBe(bug);
    expect(f.calls()).toBe(1);
  });

  test("pauses are jittered and double per retry, and stay within the bound", async () => {
    const pauses: number[] = [];
    const f = failing(3);
    await retryOnWriteConflict(f.call, { retries: 3, baseMs: 50 }, async (ms) => void pauses.push(ms), () => 0.999);
    expect(pauses).toEqual([49, 99, 199]);
    expect(retryDelayMs(CONFLICT_RETRY, 1, 0)).toBe(0);
    expect(retryDelayMs(CONFLICT_RETRY, 2, 0.5)).toBe(50);
  });
});
