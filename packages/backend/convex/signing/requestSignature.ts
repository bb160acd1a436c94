/**
 * Optional request signing per API key: the canonical string, signing and verification.
 *
 * A consumer that turned signing on sends two headers with every request:
 *   X-Signature-Timestamp: unix seconds
 *   X-Signature:           v1=<hex HMAC-SHA256(secret, canonical)>   ("v1=" is optional)
 * where canonical = `${timestamp}\n${METHOD}\n${pathWithQuery}\n${hex(sha256(body))}`.
 *
 * The secret is shown to the customer once and stored encrypted (secretBox/secretBox.ts).
 * Pure module: Web Crypto only (it runs in Convex's V8 runtime, browsers and Node).
 */
import { MINUTE, SECOND } from "../lib/time";
import { hexToBytes, toBase64Url, toHex } from "../lib/bytes";

export { toHex };

/** A signature is accepted only if its timestamp is at most 5 minutes old… */
export const SIGNATURE_WINDOW_MS = 5 * MINUTE;
/** …and at most 30 s ahead of it (clock skew), so a signed request is replayable only briefly. */
export const SIGNATURE_FUTURE_SKEW_MS = 30 * SECOND;
export const SIGNATURE_HEADER = "X-Signature";
export const SIGNATURE_TIMESTAMP_HEADER = "X-Signature-Timestamp";
/** The optional scheme prefix of `X-Signature`, so a future scheme can coexist with v1. */
export const SIGNATURE_SCHEME_PREFIX = "v1=";
export const SIGNING_SECRET_PREFIX = "nak_ss_";

const SIGNING_SECRET_PATTERN = /^nak_ss_[A-Za-z0-9_-]{43}$/;
const SIGNATURE_HEX_PATTERN = /^[0-9a-fA-F]{64}$/;
// 15 digits of seconds reach the year 33658; longer values cannot be a real clock.
const TIMESTAMP_PATTERN = /^\d{1,15}$/;

export type RequestBody = string | Uint8Array | ArrayBuffer | null | undefined;

export type SignRequestInput = {
  method: string;
  /** Path and query exactly as sent, e.g. "/api/v1/search?q=convex&limit=5". */
  pathWithQuery: string;
  body?: RequestBody;
  /** Unix **seconds**; defaults to the current time. */
  timestamp?: number;
};

export type VerifyRequestInput = {
  method: string;
  /** Path and query of the received request: `url.pathname + url.search`. */
  pathWithQuery: string;
  body?: RequestBody;
  /** Raw `X-Signature-Timestamp` header (`headers.get(...)`: null when absent). */
  timestampHeader: string | null | undefined;
  /** Raw `X-Signature` header. */
  signatureHeader: string | null | undefined;
  /** Server time, ms since the epoch. */
  now: number;
};

export type SignatureFailure = "missing" | "malformed" | "stale" | "mismatch";
export type VerifyResult = { ok: true } | { ok: false; reason: SignatureFailure };

const encoder = new TextEncoder();

function bodyBytes(body: RequestBody): Uint8Array<ArrayBuffer> {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === "string") return encoder.encode(body);
  // Copy: a caller's view may sit on a SharedArrayBuffer or a larger buffer.
  return new Uint8Array(body instanceof ArrayBuffer ? body : Uint8Array.from(body));
}

/** Hex SHA-256 of a request body; the empty body hashes to e3b0c442…b855. */
export async function sha256Hex(body: RequestBody): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bodyBytes(body))));
}

/**
 * HMAC-SHA256 of `message` under `secret` (both UTF-8 strings).
 *
 * @example
 *   toHex(await hmacSha256("key", "The quick brown fox jumps over the lazy dog"));
 *   // "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
 */
export async function hmacSha256(secret: string, message: string): Promise<Uint8Array> {
  if (secret.length === 0) throw new Error("HMAC secret must not be empty");
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/**
 * The string a signature covers. The timestamp is used exactly as it appears in the header.
 *
 * @example
 *   await canonicalRequestString({ timestamp: "1700000000", method: "get", pathWithQuery: "/api/v1/me" });
 *   // "1700000000\nGET\n/api/v1/me\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 */
export async function canonicalRequestString(input: {
  timestamp: string;
  method: string;
  pathWithQuery: string;
  body?: RequestBody;
}): Promise<string> {
  const bodyHash = await sha256Hex(input.body);
  return `${input.timestamp}\n${input.method.toUpperCase()}\n${input.pathWithQuery}\n${bodyHash}`;
}

/**
 * Signs a request: the header values a client sends. Used by tests, docs and client examples.
 *
 * @example
 *   const { timestamp, signature } = await signRequest(secret, {
 *     method: "GET", pathWithQuery: "/api/v1/contents?limit=10",
 *   });
 *   fetch(url, { headers: { "X-Signature-Timestamp": timestamp, "X-Signature": `v1=${signature}` } });
 */
export async function signRequest(
  secret: string,
  { method, pathWithQuery, body, timestamp }: SignRequestInput,
): Promise<{ timestamp: string; signature: string }> {
  const seconds = timestamp ?? Math.floor(Date.now() / SECOND);
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new Error(`timestamp must be a non-negative integer of unix seconds, got ${seconds}`);
  }
  // Date.now() passed by mistake would be ~1000 years in the future and always "stale".
  if (seconds > 100_000_000_000) {
    throw new Error(`timestamp must be unix seconds, ${seconds} looks like milliseconds`);
  }
  const ts = String(seconds);
  const canonical = await canonicalRequestString({ timestamp: ts, method, pathWithQuery, body });
  return { timestamp: ts, signature: toHex(await hmacSha256(secret, canonical)) };
}

/**
 * Compares two byte strings in time that depends only on their lengths, never on where they
 * first differ, so response timing cannot be used to guess a signature byte by byte.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Checks a request's signature headers. Never throws: every failure is a result, checked in the
 * order missing → malformed → stale → mismatch (the cheap checks run before any HMAC).
 *
 * @example
 *   const result = await verifyRequestSignature(secret, {
 *     method: req.method, pathWithQuery: url.pathname + url.search, body: await req.text(),
 *     timestampHeader: req.headers.get("X-Signature-Timestamp"),
 *     signatureHeader: req.headers.get("X-Signature"), now: Date.now(),
 *   });
 *   if (!result.ok) return apiError("invalid_signature", result.reason);
 */
export async function verifyRequestSignature(
  secret: string,
  { method, pathWithQuery, body, timestampHeader, signatureHeader, now }: VerifyRequestInput,
): Promise<VerifyResult> {
  try {
    const timestamp = typeof timestampHeader === "string" ? timestampHeader.trim() : "";
    const signature = typeof signatureHeader === "string" ? signatureHeader.trim() : "";
    if (timestamp === "" || signature === "") return { ok: false, reason: "missing" };

    const hex = signature.startsWith(SIGNATURE_SCHEME_PREFIX)
      ? signature.slice(SIGNATURE_SCHEME_PREFIX.length)
      : signature;
    if (!TIMESTAMP_PATTERN.test(timestamp) || !SIGNATURE_HEX_PATTERN.test(hex)) {
      return { ok: false, reason: "malformed" };
    }
    const age = now - Number(timestamp) * SECOND;
    if (!Number.isFinite(now) || age > SIGNATURE_WINDOW_MS || -age > SIGNATURE_FUTURE_SKEW_MS) {
      return { ok: false, reason: "stale" };
    }

    const canonical = await canonicalRequestString({ timestamp, method, pathWithQuery, body });
    const expected = await hmacSha256(secret, canonical);
    return timingSafeEqual(expected, hexToBytes(hex))
      ? { ok: true }
      : { ok: false, reason: "mismatch" };
  } catch {
    // Only a server-side problem (e.g. an empty secret) gets here; refuse rather than throw.
    return { ok: false, reason: "mismatch" };
  }
}

/**
 * A fresh signing secret: `nak_ss_` + 43 base64url characters (32 random bytes).
 *
 * @example
 *   generateSigningSecret(); // "nak_ss_q3V0Jx…" (50 characters)
 */
export function generateSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return SIGNING_SECRET_PREFIX + toBase64Url(bytes);
}

/** Whether a string has the shape of a secret made by `generateSigningSecret`. */
export function isWellFormedSigningSecret(candidate: string): boolean {
  return SIGNING_SECRET_PATTERN.test(candidate);
}
