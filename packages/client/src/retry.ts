/**
 * When to retry: 429 and 503 only (the answers the API gives when waiting helps), at most
 * `maxRetries` times, waiting what `Retry-After` says (plus a little jitter, never less), else
 * exponential backoff with full jitter. A `Retry-After` longer than `maxRetryAfterMs` (e.g. a free
 * key's daily limit) is not waited for: the error is thrown at once. Pure functions.
 */
export type RetryOptions = {
  /** Retries after the first attempt (default 3; 0 disables retries). */
  maxRetries?: number;
  /** First backoff step without Retry-After, ms (default 250). */
  baseDelayMs?: number;
  /** Cap of one backoff wait without Retry-After, ms (default 8000). */
  maxDelayMs?: number;
  /** Longest Retry-After the client waits for, ms (default 60000). */
  maxRetryAfterMs?: number;
};

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** `Retry-After` as seconds (delta-seconds or an HTTP date); null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d{1,10}$/.test(value)) return Number(value);
  // An HTTP-date names its weekday and month; bare numbers like "-3" are not dates.
  if (!/^[A-Za-z]{3},/.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * The wait before retry number `retry` (0-based), or null for "do not retry".
 *
 * @example
 *   retryDelayMs({ status: 429, retryAfterSeconds: 2, retry: 0 }, DEFAULT_RETRY); // 2000..2250
 */
export function retryDelayMs(
  { status, retryAfterSeconds, retry }: { status: number; retryAfterSeconds: number | null; retry: number },
  options: Required<RetryOptions>,
  random: () => number = Math.random,
): number | null {
  if (!RETRYABLE_STATUSES.has(status) || retry >= options.maxRetries) return null;
  if (retryAfterSeconds !== null) {
    const wait = retryAfterSeconds * 1000;
    if (wait > options.maxRetryAfterMs) return null;
    // Jitter on top, so many clients told the same Retry-After do not return in one burst.
    return wait + Math.floor(random() * Math.min(1000, Math.max(100, wait * 0.1)));
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
