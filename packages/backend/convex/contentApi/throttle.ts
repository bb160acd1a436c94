/**
 * Throttling of invalid API keys per client IP, on the @convex-dev/rate-limiter component (a
 * transactional fixed window). An address that sends too many invalid keys is refused with 429
 * for every key, valid or not, until its window ends: otherwise a valid key would still answer
 * 200 and the throttle would remain an oracle for guessing keys.
 */
import { RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import { MINUTE } from "../lib/time";

/** Invalid keys an address may send per minute before it is throttled. */
export const INVALID_KEY_ATTEMPTS_PER_MINUTE = 10;

export const invalidKeyLimiter = new RateLimiter(components.rateLimiter, {
  invalidApiKey: { kind: "fixed window", rate: INVALID_KEY_ATTEMPTS_PER_MINUTE, period: MINUTE },
});
