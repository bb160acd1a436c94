/**
 * API key format: `nak_pk_` + 32 base62 characters of randomness (~190 bits) + a 6-character
 * base62 CRC-32 checksum of the random part. The checksum lets the hot path refuse typos and
 * garbage before it touches the database; it is not a secret and adds no security by itself.
 *
 * Pure module (no Convex imports): used by Better Auth's key generator, the content API and tests.
 *
 * @example
 *   const key = generateApiKey();      // "nak_pk_3kF…Q9z" (45 characters)
 *   isWellFormedApiKey(key);           // true
 *   isWellFormedApiKey(key + "x");     // false
 */
export const API_KEY_PREFIX = "nak_pk_";
const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(body: string): string {
  let n = crc32(body);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** A fresh key with prefix, random body and checksum. Uses the Web Crypto RNG. */
export function generateApiKey(): string {
  // Rejection sampling keeps every base62 character uniformly likely.
  let body = "";
  while (body.length < BODY_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(BODY_LENGTH * 2));
    for (const b of bytes) {
      if (b < 248 && body.length < BODY_LENGTH) body += ALPHABET[b % 62];
    }
  }
  return API_KEY_PREFIX + body + checksum(body);
}

/** True when the string has the key's shape and its checksum matches. No database read. */
export function isWellFormedApiKey(candidate: string): boolean {
  if (candidate.length !== API_KEY_LENGTH || !KEY_PATTERN.test(candidate)) return false;
  const body = candidate.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + BODY_LENGTH);
  return candidate.endsWith(checksum(body));
}

/** Better Auth's stored form of a key: base64url(SHA-256(key)) without padding. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  let binary = "";
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
