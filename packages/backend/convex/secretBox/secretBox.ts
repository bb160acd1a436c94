/**
 * Secrets at rest: AES-256-GCM under the deployment's API_KEY_ENCRYPTION_KEY (32 bytes, base64),
 * so a database dump alone reveals no signing secret. Pure module: Web Crypto only.
 */
import { fromBase64, toBase64 } from "../lib/bytes";

const AES_KEY_BYTES = 32;
const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const encoder = new TextEncoder();

async function importAesKey(keyBase64: string): Promise<CryptoKey> {
  const raw = fromBase64(keyBase64);
  if (raw === null || raw.length !== AES_KEY_BYTES) {
    const got = raw === null ? "text that is not base64" : `${raw.length} bytes`;
    throw new Error(`The encryption key must be base64 of exactly 32 bytes (got ${got})`);
  }
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

function gcmParams(iv: Uint8Array<ArrayBuffer>, associatedData?: string): AesGcmParams {
  return associatedData === undefined
    ? { name: "AES-GCM", iv }
    : { name: "AES-GCM", iv, additionalData: encoder.encode(associatedData) };
}

/**
 * Encrypts with AES-256-GCM under a random 12-byte IV; returns base64(iv || ciphertext+tag).
 * `associatedData` (e.g. the key's id) binds the ciphertext to its row: decrypting it with other
 * associated data fails, so a ciphertext copied onto another key's row is useless.
 *
 * @example
 *   const stored = await encryptSecret(secret, env.API_KEY_ENCRYPTION_KEY, apiKeyId);
 *   await decryptSecret(stored, env.API_KEY_ENCRYPTION_KEY, apiKeyId); // === secret
 */
export async function encryptSecret(
  plaintext: string,
  keyBase64: string,
  associatedData?: string,
): Promise<string> {
  const key = await importAesKey(keyBase64);
  const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(gcmParams(iv, associatedData), key, encoder.encode(plaintext)),
  );
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

/**
 * Reverses `encryptSecret`. Throws on a wrong key, wrong associated data or tampered input
 * (GCM authenticates the ciphertext, so a wrong key never yields garbage plaintext).
 */
export async function decryptSecret(
  ciphertext: string,
  keyBase64: string,
  associatedData?: string,
): Promise<string> {
  const key = await importAesKey(keyBase64);
  const bytes = fromBase64(ciphertext);
  if (bytes === null || bytes.length < GCM_IV_BYTES + GCM_TAG_BYTES) {
    throw new Error("The ciphertext is not base64 of iv || ciphertext || tag");
  }
  const iv = bytes.slice(0, GCM_IV_BYTES);
  try {
    const plain = await crypto.subtle.decrypt(
      gcmParams(iv, associatedData),
      key,
      bytes.slice(GCM_IV_BYTES),
    );
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    throw new Error("Could not decrypt the secret: wrong key or tampered ciphertext");
  }
}
