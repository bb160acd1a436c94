import { describe, expect, test } from "vitest";
import { DEFAULT_RETRY, parseRetryAfter, retryDelayMs } from "../src/retry";

describe("parseRetryAfter", () => {
  test("reads delta-seconds and HTTP dates, and nothing else", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter(" 0 ")).toBe(0);
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Tue, 01 Dec 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter("-3")).toBeNull();
  });
});

describe("retryDelayMs", () => {
  const at = (status: number, retryAfterSeconds: number | null, retry = 0, random = 0.5) =>
    retryDelayMs({ status, retryAfterSeconds, retry }, DEFAULT_RETRY, () => random);

  test("retries only 429 and 503", () => {
    for (const status of [400, 401, 403, 404, 500, 502]) expect(at(status, 1)).toBeNull();
    expect(at(429, 1)).not.toBeNull();
    expect(at(503, null)).not.toBeNull();
  });

  test("waits at least Retry-After, with bounded jitter on top", () => {
    expect(at(429, 2, 0, 0)).toBe(2000);
    const high = at(429, 2, 0, 0.999)!;
    expect(high).toBeGreaterThan(2000);
    expect(high).toBeLessThanOrEqual(2200);
    expect(at(429, 30, 0, 0.999)).toBeLessThanOrEqual(31_000);
  });

  test("does not wait for a Retry-After longer than maxRetryAfterMs (e.g. a daily limit)", () => {
    expect(at(429, 61)).toBeNull();
    expect(at(429, 3600)).toBeNull();
  });

  test("stops after maxRetries", () => {
    expect(at(429, 1, DEFAULT_RETRY.maxRetries - 1)).not.toBeNull();
    expect(at(429, 1, DEFAULT_RETRY.maxRetries)).toBeNull();
  });

  test("without Retry-After backs off exponentially with full jitter, capped", () => {
    expect(at(503, null, 0, 0.999)).toBeLessThan(250);
    expect(at(503, null, 2, 0.999)).toBeLessThan(1000);
    expect(at(503, null, 2, 0.999)).toBeGreaterThanOrEqual(990);
    const capped = retryDelayMs({ status: 503, retryAfterSeconds: null, retry: 20 }, { ...DEFAULT_RETRY, maxRetries: 30 }, () => 0.999);
    expect(capped).toBeLessThan(DEFAULT_RETRY.maxDelayMs);
    expect(at(503, null, 1, 0)).toBe(0);
  });
});
