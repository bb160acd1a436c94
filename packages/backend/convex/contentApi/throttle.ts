/**
 * Throttling of invalid API keys per client address, on the @convex-dev/rate-limiter component (a
 * transactional fixed window), and the record of invalid attempts. An address that sends too many
 * invalid keys is refused with 429 for every key, valid or not, until its window ends: otherwise a
 * valid key would still answer 200 and the throttle would remain an oracle for guessing keys.
 */
import { RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { logSecurityEvent } from "../audit/events";
import { MINUTE } from "../lib/time";
import type { ApiRequest } from "./request";

/** Invalid keys an address may send per minute before it is throttled. */
export const INVALID_KEY_ATTEMPTS_PER_MINUTE = 10;

export const invalidKeyLimiter = new RateLimiter(components.rateLimiter, {
  invalidApiKey: { kind: "fixed window", rate: INVALID_KEY_ATTEMPTS_PER_MINUTE, period: MINUTE },
});

/** The throttle step: whether this address may present a key at all right now. */
export async function checkAddress(
  ctx: MutationCtx,
  ipAddress: string,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const throttle = await invalidKeyLimiter.check(ctx, "invalidApiKey", { key: ipAddress });
  if (throttle.ok) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((throttle.retryAfter ?? MINUTE) / 1000)) };
}

/** Counts the attempt against the address and records it, without the attempted key itself. */
export async function recordInvalidKey(ctx: MutationCtx, req: ApiRequest) {
  const counted = await invalidKeyLimiter.limit(ctx, "invalidApiKey", { key: req.ipAddress });
  await logSecurityEvent(ctx, {
    type: "invalid_key_attempt",
    severity: counted.ok ? "info" : "warning",
    actor: "anonymous",
    details: {
      ipAddress: req.ipAddress,
      userAgent: req.userAgent,
      // Only the public prefix of what was sent: a mistyped real key must not be stored.
      keyStart: req.apiKey.slice(0, 11),
      path: req.pathWithQuery.slice(0, 200),
      throttled: !counted.ok,
    },
  });
}
