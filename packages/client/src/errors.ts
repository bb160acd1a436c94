/**
 * Typed errors. The API answers `{ "error": { "code", "message" } }`; `NakApiError.code` is one
 * of the API's codes (generated from the server's definitions), so callers can switch on it.
 */
import { API_ERRORS, type ApiErrorCode } from "./generated/api.js";

export type { ApiErrorCode };

/** An error answer of the API (any non-2xx status). */
export class NakApiError extends Error {
  override readonly name = "NakApiError";
  constructor(
    /** The API's error code; `unknown_error` if the body did not carry a known one. */
    readonly code: ApiErrorCode | "unknown_error",
    readonly status: number,
    message: string,
    /** Seconds from `Retry-After`, when the answer carried one. */
    readonly retryAfterSeconds: number | null = null,
    /** How many attempts were made (1 + retries). */
    readonly attempts = 1,
  ) {
    super(message);
  }
}

/** The request never got an HTTP answer (network failure, abort, timeout). */
export class NakNetworkError extends Error {
  override readonly name = "NakNetworkError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === "string" && Object.hasOwn(API_ERRORS, value);
}

/** Type guard: `if (isNakApiError(e, "rate_limited")) …` */
export function isNakApiError<C extends ApiErrorCode>(error: unknown, code?: C): error is NakApiError & { code: C } {
  return error instanceof NakApiError && (code === undefined || error.code === code);
}

/** Builds the error of a non-2xx answer from its (already read) body text. */
export function errorFromResponse(status: number, bodyText: string, retryAfterSeconds: number | null, attempts: number): NakApiError {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { code?: unknown; message?: unknown } };
    const code = parsed.error?.code;
    const message = typeof parsed.error?.message === "string" ? parsed.error.message : `HTTP ${status}`;
    return new NakApiError(isApiErrorCode(code) ? code : "unknown_error", status, message, retryAfterSeconds, attempts);
  } catch {
    return new NakApiError("unknown_error", status, `HTTP ${status}: ${bodyText.slice(0, 200)}`, retryAfterSeconds, attempts);
  }
}
