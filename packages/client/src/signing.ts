/**
 * Request signing, the scheme the server verifies (packages/backend/convex/contentApi/signing.ts):
 *
 *   canonical = `${timestamp}\n${METHOD}\n${pathWithQuery}\n${hex(sha256(body))}`
 *   X-Signature-Timestamp: <unix seconds>
 *   X-Signature:           v1=<hex HMAC-SHA256(secret, canonical)>
 *
 * Web Crypto only: runs in Node 20+, browsers, Deno, Bun and edge runtimes.
 */
import { SIGNATURE_HEADER, SIGNATURE_SCHEME_PREFIX, SIGNATURE_TIMESTAMP_HEADER } from "./generated/api.js";

export type SignableRequest = {
  method: string;
  /** Path and query exactly as sent, e.g. "/api/v1/search?q=convex&limit=5". */
  pathWithQuery: string;
  body?: string | Uint8Array | null;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
};

const encoder = new TextEncoder();

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

function bodyBytes(body: SignableRequest["body"]): Uint8Array<ArrayBuffer> {
  if (body === null || body === undefined) return new Uint8Array(0);
  return typeof body === "string" ? encoder.encode(body) : Uint8Array.from(body);
}

/** The string a signature covers. */
export async function canonicalString(timestamp: string, req: SignableRequest): Promise<string> {
  const bodyHash = toHex(await crypto.subtle.digest("SHA-256", bodyBytes(req.body)));
  return `${timestamp}\n${req.method.toUpperCase()}\n${req.pathWithQuery}\n${bodyHash}`;
}

/** Hex HMAC-SHA256 of `message` under `secret`. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/**
 * The headers that sign one request. Each signed header is one entry of the returned object, so a
 * new one (e.g. a nonce, if the server starts requiring it) is one more line here and in
 * `canonicalString`.
 *
 * @example
 *   const headers = await signatureHeaders("nak_ss_…", { method: "GET", pathWithQuery: "/api/v1/me" });
 *   // { "X-Signature-Timestamp": "1764583200", "X-Signature": "v1=3f1c…" }
 */
export async function signatureHeaders(secret: string, req: SignableRequest): Promise<Record<string, string>> {
  if (secret.length === 0) throw new Error("signing secret must not be empty");
  const seconds = req.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > 100_000_000_000) {
    throw new Error(`timestamp must be unix seconds, got ${seconds}`);
  }
  const timestamp = String(seconds);
  const signature = await hmacSha256Hex(secret, await canonicalString(timestamp, req));
  return {
    [SIGNATURE_TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `${SIGNATURE_SCHEME_PREFIX}${signature}`,
  };
}
