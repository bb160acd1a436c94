import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { MINUTE, SECOND } from "../lib/time";
import {
  SIGNATURE_FUTURE_SKEW_MS,
  SIGNATURE_WINDOW_MS,
  canonicalRequestString,
  generateSigningSecret,
  hmacSha256,
  isWellFormedSigningSecret,
  sha256Hex,
  signRequest,
  timingSafeEqual,
  toHex,
  verifyRequestSignature,
} from "./requestSignature";
import { decryptSecret, encryptSecret } from "../secretBox/secretBox";

const SECRET = "nak_ss_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const NOW_S = NOW / SECOND;
const REQUEST = { method: "POST", pathWithQuery: "/api/v1/search?q=convex&limit=5", body: '{"a":1}' };

async function signed(overrides: Partial<{ timestamp: number }> = {}) {
  const { timestamp, signature } = await signRequest(SECRET, { ...REQUEST, timestamp: NOW_S, ...overrides });
  return { timestampHeader: timestamp, signatureHeader: signature };
}

function keyOf(fill: number, length = 32) {
  return btoa(String.fromCharCode(...new Uint8Array(length).fill(fill)));
}

describe("canonical string and primitives", () => {
  test("HMAC-SHA256 matches the RFC 4231-style known answer", async () => {
    const mac = await hmacSha256("key", "The quick brown fox jumps over the lazy dog");
    expect(toHex(mac)).toBe("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });

  test("the empty body hashes to SHA-256 of the empty string", async () => {
    const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    expect(await sha256Hex(undefined)).toBe(empty);
    expect(await sha256Hex("")).toBe(empty);
    expect(await sha256Hex(new Uint8Array(0))).toBe(empty);
  });

  test("string, Uint8Array and ArrayBuffer bodies with the same bytes hash alike", async () => {
    const bytes = new TextEncoder().encode('{"q":"été"}');
    const hex = await sha256Hex('{"q":"été"}');
    expect(await sha256Hex(bytes)).toBe(hex);
    expect(await sha256Hex(bytes.buffer)).toBe(hex);
  });

  test("the canonical string is timestamp, upper-cased method, path+query and body hash on four lines", async () => {
    const canonical = await canonicalRequestString({ timestamp: "1700000000", method: "get", pathWithQuery: "/api/v1/me" });
    expect(canonical).toBe(
      "1700000000\nGET\n/api/v1/me\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  test("timingSafeEqual is true only for identical bytes, whatever the lengths", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3, 0]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([]), new Uint8Array([0]))).toBe(false);
  });
});

describe("signRequest and verifyRequestSignature", () => {
  test("a signed request verifies", async () => {
    const headers = await signed();
    expect(headers.timestampHeader).toBe(String(NOW_S));
    expect(headers.signatureHeader).toMatch(/^[0-9a-f]{64}$/);
    await expect(verifyRequestSignature(SECRET, { ...REQUEST, ...headers, now: NOW })).resolves.toEqual({ ok: true });
  });

  test("the signature may carry the v1= scheme prefix and upper-case hex", async () => {
    const { timestampHeader, signatureHeader } = await signed();
    for (const signature of [`v1=${signatureHeader}`, signatureHeader.toUpperCase(), ` v1=${signatureHeader} `]) {
      const result = await verifyRequestSignature(SECRET, { ...REQUEST, timestampHeader, signatureHeader: signature, now: NOW });
      expect(result).toEqual({ ok: true });
    }
  });

  test("signing defaults the timestamp to the current time in seconds", async () => {
    const before = Math.floor(Date.now() / SECOND);
    const { timestamp } = await signRequest(SECRET, { method: "GET", pathWithQuery: "/api/v1/me" });
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(before + 2);
  });

  test("signing refuses a millisecond timestamp instead of producing an always-stale signature", async () => {
    await expect(signRequest(SECRET, { ...REQUEST, timestamp: NOW })).rejects.toThrow(/milliseconds/);
    await expect(signRequest(SECRET, { ...REQUEST, timestamp: 1.5 })).rejects.toThrow(/integer/);
  });

  test.each([
    ["no headers", { timestampHeader: null, signatureHeader: null }],
    ["no timestamp", { timestampHeader: undefined, signatureHeader: "a".repeat(64) }],
    ["no signature", { timestampHeader: String(NOW_S), signatureHeader: null }],
    ["blank headers", { timestampHeader: "  ", signatureHeader: "" }],
  ])("rejects %s as missing", async (_name, headers) => {
    const result = await verifyRequestSignature(SECRET, { ...REQUEST, ...headers, now: NOW });
    expect(result).toEqual({ ok: false, reason: "missing" });
  });

  test.each([
    ["a non-numeric timestamp", { timestampHeader: "yesterday" }],
    ["a negative timestamp", { timestampHeader: "-1700000000" }],
    ["a fractional timestamp", { timestampHeader: "1700000000.5" }],
    ["a 16-digit timestamp", { timestampHeader: "1".repeat(16) }],
    ["a short signature", { signatureHeader: "ab".repeat(31) }],
    ["a long signature", { signatureHeader: "ab".repeat(33) }],
    ["a non-hex signature", { signatureHeader: "zz".repeat(32) }],
    ["a base64 signature", { signatureHeader: btoa("x".repeat(32)) }],
    ["another scheme", { signatureHeader: `v2=${"ab".repeat(32)}` }],
  ])("rejects %s as malformed", async (_name, override) => {
    const headers = { ...(await signed()), ...override };
    const result = await verifyRequestSignature(SECRET, { ...REQUEST, ...headers, now: NOW });
    expect(result).toEqual({ ok: false, reason: "malformed" });
  });

  test("accepts a timestamp up to 5 minutes old or 30 s ahead, and rejects anything further as stale", async () => {
    expect(SIGNATURE_WINDOW_MS).toBe(5 * MINUTE);
    expect(SIGNATURE_FUTURE_SKEW_MS).toBe(30 * SECOND);
    const fiveMinutes = SIGNATURE_WINDOW_MS / SECOND;
    for (const [offset, expected] of [
      [-fiveMinutes, { ok: true }],
      [30, { ok: true }],
      [-fiveMinutes - 1, { ok: false, reason: "stale" }],
      [31, { ok: false, reason: "stale" }],
      // A timestamp minutes in the future would let a captured request be replayed for longer.
      [fiveMinutes, { ok: false, reason: "stale" }],
    ] as const) {
      const headers = await signed({ timestamp: NOW_S + offset });
      expect(await verifyRequestSignature(SECRET, { ...REQUEST, ...headers, now: NOW })).toEqual(expected);
    }
  });

  test("a stale timestamp is reported before any signature comparison", async () => {
    const headers = { timestampHeader: "1000", signatureHeader: "00".repeat(32) };
    expect(await verifyRequestSignature(SECRET, { ...REQUEST, ...headers, now: NOW })).toEqual({
      ok: false,
      reason: "stale",
    });
  });

  test.each([
    ["method", { method: "GET" }],
    ["path", { pathWithQuery: "/api/v1/search?q=convex&limit=50" }],
    ["query order", { pathWithQuery: "/api/v1/search?limit=5&q=convex" }],
    ["body", { body: '{"a":2}' }],
    ["empty body", { body: "" }],
  ])("tampering with the %s fails with mismatch", async (_field, tamper) => {
    const headers = await signed();
    const result = await verifyRequestSignature(SECRET, { ...REQUEST, ...tamper, ...headers, now: NOW });
    expect(result).toEqual({ ok: false, reason: "mismatch" });
  });

  test("tampering with the timestamp (still inside the window) fails with mismatch", async () => {
    const { signatureHeader } = await signed();
    const result = await verifyRequestSignature(SECRET, {
      ...REQUEST,
      timestampHeader: String(NOW_S + 1),
      signatureHeader,
      now: NOW,
    });
    expect(result).toEqual({ ok: false, reason: "mismatch" });
  });

  test("a signature made with another secret fails with mismatch", async () => {
    const headers = await signed();
    const result = await verifyRequestSignature(generateSigningSecret(), { ...REQUEST, ...headers, now: NOW });
    expect(result).toEqual({ ok: false, reason: "mismatch" });
  });

  test("flipping any single hex digit of the signature fails with mismatch", async () => {
    const { timestampHeader, signatureHeader } = await signed();
    for (let i = 0; i < signatureHeader.length; i += 7) {
      const flipped = signatureHeader.slice(0, i) + (signatureHeader[i] === "0" ? "1" : "0") + signatureHeader.slice(i + 1);
      const result = await verifyRequestSignature(SECRET, { ...REQUEST, timestampHeader, signatureHeader: flipped, now: NOW });
      expect(result).toEqual({ ok: false, reason: "mismatch" });
    }
  });

  test("an empty server secret refuses every request instead of throwing", async () => {
    const headers = await signed();
    expect(await verifyRequestSignature("", { ...REQUEST, ...headers, now: NOW })).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  test("random garbage headers, methods, paths and clocks never throw and never verify", async () => {
    const header = fc.option(fc.oneof(fc.string({ unit: "binary" }), fc.stringMatching(/^(v1=)?[0-9a-fA-F]{60,68}$/), fc.stringMatching(/^\d{1,20}$/)), { nil: null });
    await fc.assert(
      fc.asyncProperty(
        header,
        header,
        fc.string({ unit: "binary" }),
        fc.string({ unit: "binary" }),
        fc.option(fc.string({ unit: "binary" }), { nil: undefined }),
        fc.oneof(fc.constant(NOW), fc.double(), fc.integer()),
        async (timestampHeader, signatureHeader, method, pathWithQuery, body, now) => {
          const result = await verifyRequestSignature(SECRET, { method, pathWithQuery, body, timestampHeader, signatureHeader, now });
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("any request signed with any secret verifies under the same secret", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.constantFrom("GET", "POST", "put", "DELETE"),
        fc.string({ unit: "binary" }),
        fc.string({ unit: "binary" }),
        async (secret, method, pathWithQuery, body) => {
          const { timestamp, signature } = await signRequest(secret, { method, pathWithQuery, body, timestamp: NOW_S });
          const result = await verifyRequestSignature(secret, {
            method,
            pathWithQuery,
            body,
            timestampHeader: timestamp,
            signatureHeader: `v1=${signature}`,
            now: NOW,
          });
          expect(result).toEqual({ ok: true });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("signing secrets", () => {
  test("a generated secret is nak_ss_ and 43 base64url characters, and unique", () => {
    const secrets = new Set(Array.from({ length: 200 }, () => generateSigningSecret()));
    expect(secrets.size).toBe(200);
    for (const secret of secrets) {
      expect(secret).toMatch(/^nak_ss_[A-Za-z0-9_-]{43}$/);
      expect(isWellFormedSigningSecret(secret)).toBe(true);
    }
    expect(isWellFormedSigningSecret("nak_pk_" + "a".repeat(43))).toBe(false);
    expect(isWellFormedSigningSecret("nak_ss_" + "a".repeat(42))).toBe(false);
  });
});

describe("encryptSecret and decryptSecret", () => {
  const key = keyOf(7);

  test("decrypting an encrypted secret returns it", async () => {
    const secret = generateSigningSecret();
    const sealed = await encryptSecret(secret, key);
    expect(sealed).not.toContain(secret);
    expect(await decryptSecret(sealed, key)).toBe(secret);
  });

  test("round-trips any unicode plaintext", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme" }), async (plaintext) => {
        expect(await decryptSecret(await encryptSecret(plaintext, key), key)).toBe(plaintext);
      }),
      { numRuns: 50 },
    );
  });

  test("the output is base64 of a 12-byte IV, the ciphertext and a 16-byte tag", async () => {
    const sealed = await encryptSecret("abc", key);
    expect(atob(sealed)).toHaveLength(12 + 3 + 16);
  });

  test("encrypting the same plaintext twice gives different ciphertexts", async () => {
    const secret = generateSigningSecret();
    const a = await encryptSecret(secret, key);
    const b = await encryptSecret(secret, key);
    expect(a).not.toBe(b);
    expect(atob(a).slice(0, 12)).not.toBe(atob(b).slice(0, 12));
  });

  test("decrypting with the wrong key throws", async () => {
    const sealed = await encryptSecret(generateSigningSecret(), key);
    await expect(decryptSecret(sealed, keyOf(8))).rejects.toThrow(/wrong key or tampered/);
  });

  test("a tampered ciphertext throws", async () => {
    const bytes = Uint8Array.from(atob(await encryptSecret("secret", key)), (c) => c.charCodeAt(0));
    bytes[bytes.length - 1] ^= 1;
    await expect(decryptSecret(btoa(String.fromCharCode(...bytes)), key)).rejects.toThrow(/wrong key or tampered/);
  });

  test("a ciphertext bound to one key id does not decrypt for another", async () => {
    const sealed = await encryptSecret("secret", key, "key_1");
    expect(await decryptSecret(sealed, key, "key_1")).toBe("secret");
    await expect(decryptSecret(sealed, key, "key_2")).rejects.toThrow(/wrong key or tampered/);
    await expect(decryptSecret(sealed, key)).rejects.toThrow(/wrong key or tampered/);
  });

  test("accepts the key in URL-safe base64 too", async () => {
    const bytes = new Uint8Array(32).map((_, i) => 250 - i);
    const standard = btoa(String.fromCharCode(...bytes));
    const urlSafe = standard.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(urlSafe).not.toBe(standard);
    expect(await decryptSecret(await encryptSecret("s", standard), urlSafe)).toBe("s");
  });

  test.each([
    ["16 bytes", keyOf(1, 16)],
    ["33 bytes", keyOf(1, 33)],
    ["an empty string", ""],
    ["text that is not base64", "not base64 at all!"],
  ])("refuses an encryption key of %s with a clear error", async (_name, badKey) => {
    await expect(encryptSecret("s", badKey)).rejects.toThrow(/base64 of exactly 32 bytes/);
    await expect(decryptSecret("AAAA", badKey)).rejects.toThrow(/base64 of exactly 32 bytes/);
  });

  test("refuses a ciphertext that is not base64 or too short to hold an IV and tag", async () => {
    await expect(decryptSecret("***", key)).rejects.toThrow(/not base64/);
    await expect(decryptSecret(btoa("short"), key)).rejects.toThrow(/not base64/);
  });
});
