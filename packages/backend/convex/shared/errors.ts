/**
 * Error codes: the content API's HTTP errors and the ConvexError kinds public functions throw.
 * One source of truth for codes, statuses and default messages. Pure module.
 */

/** Content API error codes → HTTP status (the README's "Content API" table and openapi.ts). */
export const API_ERRORS = {
  missing_api_key: { status: 401, message: "Send your API key in Authorization: Bearer <key> or x-api-key." },
  invalid_api_key: { status: 401, message: "The API key is not valid." },
  key_expired: { status: 401, message: "The API key has expired." },
  invalid_signature: { status: 401, message: "The request signature is missing, stale or wrong." },
  key_revoked: { status: 403, message: "The API key has been revoked." },
  insufficient_permissions: { status: 403, message: "The API key's tier or scopes do not include this endpoint." },
  ip_not_allowed: { status: 403, message: "The API key may not be used from this address (IP allowlist)." },
  rate_limited: { status: 429, message: "Rate limit exceeded for this API key." },
  bad_request: { status: 400, message: "The request is malformed." },
  not_found: { status: 404, message: "Not found." },
  unavailable: { status: 503, message: "Temporarily unavailable, retry shortly." },
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;
export type ApiErrorBody = { error: { code: ApiErrorCode; message: string } };

/** The JSON body of an API error. */
export function apiErrorBody(code: ApiErrorCode, message?: string): ApiErrorBody {
  return { error: { code, message: message ?? API_ERRORS[code].message } };
}

/**
 * The closed list of kinds of expected denial, across the app: the `kind` of a `Denial` result
 * and of the `ConvexError` data public functions throw; the web app switches on it.
 * `unauthenticated`: no signed-in user. `forbidden`: signed in, not allowed (or not yours: we
 * answer `not_found` for other people's keys so their existence is not revealed).
 * `limit_reached`: the 5-key cap. `account_restricted`: the customer has an unresolved critical
 * scraping alert and may not create keys until support resolves it.
 */
export const APP_ERROR_KINDS = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_argument",
  "limit_reached",
  "conflict",
  "account_restricted",
] as const;
export type AppErrorKind = (typeof APP_ERROR_KINDS)[number];
export type AppErrorData = { kind: AppErrorKind; message: string };

/** An expected denial as a value: the one result shape for "no" across the app. */
export type Denial = { ok: false; kind: AppErrorKind; message: string };
/** Success with its fields, or a denial. @example const r: Result<{ name: string }> = deny("invalid_argument", "…") */
export type Result<T extends object = object> = ({ ok: true } & T) | Denial;

export function deny(kind: AppErrorKind, message: string): Denial {
  return { ok: false, kind, message };
}

/** Type guard for the `data` of a ConvexError thrown by this app. */
export function isAppErrorData(data: unknown): data is AppErrorData {
  return (
    typeof data === "object" &&
    data !== null &&
    typeof (data as AppErrorData).message === "string" &&
    APP_ERROR_KINDS.includes((data as AppErrorData).kind)
  );
}
