/**
 * The workpool that delivers admin webhooks: a few in parallel, each retried with exponential
 * backoff and jitter (1 s, 2 s, 4 s, 8 s, 16 s, 32 s: 7 attempts over about a minute), so a
 * receiver that is briefly down still gets every event, and one that is down for good does not
 * take the deployment's action slots.
 */
import { Workpool, type RetryBehavior } from "@convex-dev/workpool";
import { z } from "zod";
import { components } from "../_generated/api";
import { env } from "../_generated/server";

export const WEBHOOK_MAX_ATTEMPTS = 7;
export const WEBHOOK_INITIAL_BACKOFF_MS = 1000;
export const WEBHOOK_RETRY: RetryBehavior = { maxAttempts: WEBHOOK_MAX_ATTEMPTS, initialBackoffMs: WEBHOOK_INITIAL_BACKOFF_MS, base: 2 };

/**
 * The retry behaviour of one delivery. ADMIN_WEBHOOK_BACKOFF_MS (10..60000) changes the first
 * wait, e.g. for a receiver known to need longer, or to keep local tests short.
 */
export function webhookRetry(): RetryBehavior {
  const parsed = z.coerce.number().int().min(10).max(60_000).safeParse(env.ADMIN_WEBHOOK_BACKOFF_MS);
  return parsed.success ? { ...WEBHOOK_RETRY, initialBackoffMs: parsed.data } : WEBHOOK_RETRY;
}

export const webhookPool = new Workpool(components.adminWebhooks, {
  maxParallelism: 4,
  retryActionsByDefault: true,
  defaultRetryBehavior: WEBHOOK_RETRY,
});
