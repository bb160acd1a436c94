import { describe, expect, test } from "vitest";
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

describe("retrying a mutation that lost to concurrent writes", () => {
  test("recognises Convex's write-conflict error and nothing else", () => {
    expect(isWriteConflict(CONFLICT)).toBe(true);
    expect(isWriteConflict(new Error("OptimisticConcurrencyControlFailure"))).toBe(true);
    expect(isWriteConflict(new Error("Invalid argument"))).toBe(false);
    expect(isWriteConflict(undefined)).toBe(false);
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
