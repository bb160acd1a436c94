// Tier limit arithmetic at its boundaries: the last allowed request, the first refused one,
// window ends, and the RateLimit headers that describe them.
import { describe, expect, test } from "vitest";
import { TIER_CONFIG } from "../shared/tiers";
import { decide, peek, UNLIMITED_HEADERS } from "./limits";

const pro = TIER_CONFIG.pro.limit!;
const free = TIER_CONFIG.free.limit!;
const MINUTE_START = Date.UTC(2026, 2, 2, 10, 0, 0);
const now = MINUTE_START + 15_000; // 45 s left in the minute
const resetAt = MINUTE_START + 60_000;

describe("decide", () => {
  test("the 100th request of a pro minute is allowed with 0 remaining; the 101st is refused", () => {
    const last = decide(pro, { count: 99, resetAt }, now);
    expect(last).toEqual({
      allowed: true,
      next: { count: 100, resetAt },
      headers: { "RateLimit-Limit": "100", "RateLimit-Remaining": "0", "RateLimit-Reset": "45" },
    });
    const refused = decide(pro, { count: 100, resetAt }, now);
    expect(refused).toEqual({
      allowed: false,
      next: { count: 100, resetAt },
      retryAfterSeconds: 45,
      headers: { "RateLimit-Limit": "100", "RateLimit-Remaining": "0", "RateLimit-Reset": "45", "Retry-After": "45" },
    });
  });

  test("a counter whose window has ended reads as zero, and the new window starts now", () => {
    expect(decide(pro, { count: 100, resetAt: MINUTE_START }, now)).toMatchObject({ allowed: true, next: { count: 1, resetAt } });
    expect(decide(pro, { count: 100, resetAt: now }, now)).toMatchObject({ allowed: true, next: { count: 1 } });
    expect(decide(pro, { count: 100, resetAt: now + 1 }, now)).toMatchObject({ allowed: false });
  });

  test("the reset is rounded up to whole seconds and never 0", () => {
    expect(decide(pro, { count: 0, resetAt }, resetAt - 1).headers["RateLimit-Reset"]).toBe("1");
    expect(decide(pro, { count: 0, resetAt }, resetAt - 1_001).headers["RateLimit-Reset"]).toBe("2");
    expect(decide(pro, { count: 0, resetAt }, MINUTE_START).headers["RateLimit-Reset"]).toBe("60");
  });

  test("free keys count per UTC day", () => {
    const dayEnd = Date.UTC(2026, 2, 3);
    expect(decide(free, { count: 24, resetAt: dayEnd }, now)).toMatchObject({ allowed: true, next: { count: 25, resetAt: dayEnd } });
    expect(decide(free, { count: 25, resetAt: dayEnd }, now)).toMatchObject({ allowed: false, retryAfterSeconds: (dayEnd - now) / 1000 });
  });
});

describe("peek", () => {
  test("describes the window without counting", () => {
    expect(peek(pro, { count: 40, resetAt }, now)).toEqual({ "RateLimit-Limit": "100", "RateLimit-Remaining": "60", "RateLimit-Reset": "45" });
    expect(peek(pro, { count: 140, resetAt }, now)["RateLimit-Remaining"]).toBe("0");
    expect(peek(pro, { count: 100, resetAt: now }, now)["RateLimit-Remaining"]).toBe("100");
    expect(peek(pro, { count: 0, resetAt }, resetAt - 1)["RateLimit-Reset"]).toBe("1");
  });

  test("unlimited keys say so in every header", () => {
    expect(UNLIMITED_HEADERS).toEqual({ "RateLimit-Limit": "unlimited", "RateLimit-Remaining": "unlimited", "RateLimit-Reset": "0" });
  });
});
