/**
 * The admin webhook's signature, documented for receivers. Pure module (Web Crypto only).
 *
 * Every delivery is a `POST` with a JSON body and these headers:
 *   Nak-Webhook-Id:        evt_…  (the event's id: the same on every retry, for deduplication)
 *   Nak-Webhook-Event:     alert.created | key.auto_revoked | webhook.test
 *   Nak-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${rawBody}`)>
 *
 * A receiver recomputes the HMAC over the raw body bytes it received, compares in constant time,
 * and refuses a `t` more than 5 minutes from its clock (so a captured delivery cannot be replayed
 * later). Each attempt is signed afresh. See `verifyWebhookSignature` for a reference check.
 */
import { hmacSha256, timingSafeEqual, toHex } from "../signing/requestSignature";
import { MINUTE, SECOND } from "../lib/time";

export const WEBHOOK_ID_HEADER = "Nak-Webhook-Id";
export const WEBHOOK_EVENT_HEADER = "Nak-Webhook-Event";
export const WEBHOOK_SIGNATURE_HEADER = "Nak-Webhook-Signature";
export const WEBHOOK_TOLERANCE_MS = 5 * MINUTE;
export const WEBHOOK_SECRET_PREFIX = "whsec_";

/**
 * The signature header value for one attempt.
 *
 * @example
 *   await webhookSignatureHeader("whsec_…", '{"id":"evt_1"}', 1764583200);
 *   // "t=1764583200,v1=5d2c…"
 */
export async function webhookSignatureHeader(secret: string, rawBody: string, timestampSeconds: number): Promise<string> {
  const t = String(Math.floor(timestampSeconds));
  return `t=${t},v1=${toHex(await hmacSha256(secret, `${t}.${rawBody}`))}`;
}

/** Reference verification for receivers (and our tests). Never throws. */
export async function verifyWebhookSignature(
  secret: string,
  rawBody: string,
  header: string | null | undefined,
  nowMs: number,
): Promise<{ ok: true } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" }> {
  if (!header) return { ok: false, reason: "missing" };
  const parts = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const t = parts.get("t");
  const v1 = parts.get("v1");
  if (!t || !/^\d{1,15}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: "malformed" };
  if (Math.abs(nowMs - Number(t) * SECOND) > WEBHOOK_TOLERANCE_MS) return { ok: false, reason: "stale" };
  const expected = await hmacSha256(secret, `${t}.${rawBody}`);
  const given = new Uint8Array(v1.match(/../g)!.map((byte) => parseInt(byte, 16)));
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: "mismatch" };
}

/** A fresh webhook secret: `whsec_` + 43 base64url characters (32 random bytes). */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return WEBHOOK_SECRET_PREFIX + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Whether a webhook URL is acceptable: http(s) only, https unless the host is the local machine
 * (a receiver on the same host during development and tests), no credentials in the URL.
 */
export function checkWebhookUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: "The webhook URL is not a valid URL." };
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    return { ok: false, message: "The webhook URL must use https (http only for localhost)." };
  }
  if (url.username || url.password) return { ok: false, message: "Put no credentials in the webhook URL; deliveries are signed." };
  if (raw.length > 2000) return { ok: false, message: "The webhook URL is too long." };
  return { ok: true, url: url.toString() };
}
