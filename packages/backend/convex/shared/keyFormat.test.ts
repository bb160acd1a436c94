// The key format is a contract with every key already issued: the checksum and the stored hash
// must stay exactly what they were, or issued keys stop verifying (or a changed hash finds no
// row). Pinned vectors, found missing by mutation testing (issue #17, group keyStatus).
import { afterEach, describe, expect, test, vi } from "vitest";
import { API_KEY_LENGTH, API_KEY_PREFIX, crc32, generateApiKey, hashApiKey, isWellFormedApiKey } from "./keyFormat";

/** A key in the issued format (made once by generateApiKey; it exists in no database). */
const ISSUED = "nak_pk_OOyMTPEmotNEUYmtwKOK6Nk5JayN8zXV1KuaXj";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("key checksum", () => {
  test("is CRC-32 (IEEE): the standard check value", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(crc32("")).toBe(0);
    expect(crc32("a")).toBe(0xe8b7be43);
  });

  test("a key issued earlier is still well formed", () => {
    expect(ISSUED).toHaveLength(API_KEY_LENGTH);
    expect(isWellFormedApiKey(ISSUED)).toBe(true);
  });

  test("any one changed character of the body or checksum makes the key malformed", () => {
    for (let i = API_KEY_PREFIX.length; i < ISSUED.length; i++) {
      const swapped = ISSUED[i] === "A" ? "B" : "A";
      expect(isWellFormedApiKey(ISSUED.slice(0, i) + swapped + ISSUED.slice(i + 1))).toBe(false);
    }
  });

  test("a wrong prefix, a missing or an extra character is malformed", () => {
    expect(isWellFormedApiKey(ISSUED.replace("nak_pk_", "nak_ss_"))).toBe(false);
    expect(isWellFormedApiKey(ISSUED.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(ISSUED + "x")).toBe(false);
    expect(isWellFormedApiKey(`x${ISSUED.slice(1)}`)).toBe(false);
  });
});

describe("key generation", () => {
  test("gives well-formed, distinct keys of 45 characters", () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) {
      expect(key).toMatch(/^nak_pk_[0-9A-Za-z]{38}$/);
      expect(isWellFormedApiKey(key)).toBe(true);
    }
  });

  test("never uses random bytes 248-255, which would make the first characters likelier (rejection sampling)", () => {
    let call = 0;
    vi.spyOn(crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      // First batch: only biased bytes, then one byte for each of the 62 characters in turn.
      for (let i = 0; i < bytes.length; i++) bytes[i] = call === 0 ? 248 + (i % 8) : 61 - (i % 62);
      call += 1;
      return array;
    });
    const key = generateApiKey();
    expect(key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 32)).toBe("zyxwvutsrqponmlkjihgfedcbaZYXWVU");
    expect(isWellFormedApiKey(key)).toBe(true);
  });
});

describe("stored hash", () => {
  test("is base64url(SHA-256(key)) without padding, as Better Auth stores it", async () => {
    expect(await hashApiKey("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    expect(await hashApiKey(ISSUED)).toBe("bilcdENfFXZxiF4As9DSUoqUduTAVvOWIE149X11jIA");
  });
});
