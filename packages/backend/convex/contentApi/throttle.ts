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
import { HOUR, MINUTE } from "../lib/time";
import type { ApiRequest } from "./request";
import { redactSecrets } from "../lib/redact";

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

/** Invalid attempts are counted per address in windows of this length. */
export const INVALID_ATTEMPT_WINDOW_MS = HOUR;

/**
 * Counts the attempt against the address (throttle) and in the address's row for the hour: one
 * row per address and window with a count and a sample, and one audit event per address and
 * window (plus one when the address is first throttled in it), never one row per attempt.
 */
export async function recordInvalidKey(ctx: MutationCtx, req: ApiRequest) {
  const counted = await invalidKeyLimiter.limit(ctx, "invalidApiKey", { key: req.ipAddress });
  await countAttempt(ctx, req, !counted.ok);
}

/** Counts a request refused because its address is throttled (its key is not even looked at). */
export async function recordThrottled(ctx: MutationCtx, req: ApiRequest) {
  await countAttempt(ctx, req, true);
}

async function countAttempt(ctx: MutationCtx, req: ApiRequest, throttled: boolean) {
  const now = Date.now();
  const counted = { ok: !throttled };
  const windowStart = now - (now % INVALID_ATTEMPT_WINDOW_MS);
  const row = await ctx.db
    .query("invalidKeyAttempts")
    .withIndex("by_ipAddress_and_windowStart", (q) => q.eq("ipAddress", req.ipAddress).eq("windowStart", windowStart))
    .unique();
  const firstThrottle = !counted.ok && (row?.throttled ?? 0) === 0;
  if (row) {
    await ctx.db.patch("invalidKeyAttempts", row._id, { count: row.count + 1, throttled: row.throttled + (counted.ok ? 0 : 1), lastAt: now });
  } else {
    await ctx.db.insert("invalidKeyAttempts", {
      ipAddress: req.ipAddress,
      windowStart,
      count: 1,
      throttled: counted.ok ? 0 : 1,
      firstAt: now,
      lastAt: now,
      // Only the public prefix of what was sent: a mistyped real key must not be stored.
      sample: { keyStart: req.apiKey.slice(0, 11), path: redactSecrets(req.pathWithQuery).slice(0, 200), userAgent: req.userAgent.slice(0, 200) },
    });
  }
  if (!row || firstThrottle) {
    await logSecurityEvent(ctx, {
      type: "invalid_key_attempt",
      severity: firstThrottle ? "warning" : "info",
      actor: "anonymous",
      details: {
        ipAddress: req.ipAddress,
        windowStart,
        keyStart: req.apiKey.slice(0, 11),
        path: redactSecrets(req.pathWithQuery).slice(0, 200),
        userAgent: req.userAgent.slice(0, 200),
        throttled: !counted.ok,
        note: "Further attempts from this address in this hour are counted in invalidKeyAttempts.",
      },
    });
  }
}
