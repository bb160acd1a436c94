// The key-state rules as plain functions, at their exact boundaries.
import { describe, expect, test } from "vitest";
import { countActiveAt, expiresSoon, EXPIRES_SOON_MS, keyRecordStatus, keyStatus, neverExpiresFromMetadata, parsePermissions, tierFromMetadata, toBetterAuthPermissions } from "./status";
import { countActive, liveKeyExpiries } from "./policy";

const NOW = Date.UTC(2026, 2, 2, 10, 0, 0);

describe("keyStatus", () => {
  test("a key expires at its expiry instant, not before", () => {
    expect(keyStatus({ enabled: true, expiresAt: NOW + 1 }, NOW)).toBe("active");
    expect(keyStatus({ enabled: true, expiresAt: NOW }, NOW)).toBe("expired");
    expect(keyStatus({ enabled: true, expiresAt: NOW - 1 }, NOW)).toBe("expired");
  });

  test("no expiry (null or missing) means active", () => {
    expect(keyStatus({ enabled: true, expiresAt: null }, NOW)).toBe("active");
    expect(keyStatus({}, NOW)).toBe("active");
    expect(keyStatus({ enabled: null }, NOW)).toBe("active");
  });

  test("revocation wins over expiry, whether recorded by time or by the disabled flag", () => {
    expect(keyStatus({ enabled: true, revokedAt: NOW - 5, expiresAt: NOW - 1 }, NOW)).toBe("revoked");
    expect(keyStatus({ enabled: false, expiresAt: NOW + 1000 }, NOW)).toBe("revoked");
    expect(keyStatus({ revokedAt: 0 }, NOW)).toBe("revoked");
  });
});

describe("status computed by clients from stored fields", () => {
  test("a revocation recorded as null time is no revocation (views carry null, rows undefined)", () => {
    expect(keyStatus({ enabled: true, revokedAt: null, expiresAt: null }, NOW)).toBe("active");
  });

  test("a tombstone reads as deleted whatever its state was", () => {
    expect(keyRecordStatus({ enabled: true, expiresAt: NOW + 1, revokedAt: null, deletedAt: NOW }, NOW)).toBe("deleted");
    expect(keyRecordStatus({ enabled: false, expiresAt: null, revokedAt: NOW, deletedAt: null }, NOW)).toBe("revoked");
    expect(keyRecordStatus({ enabled: true, expiresAt: NOW, revokedAt: null, deletedAt: null }, NOW)).toBe("expired");
  });

  test("'expires soon' is the last week of an active key, strictly", () => {
    const expiresAt = NOW + EXPIRES_SOON_MS;
    expect(expiresSoon({ expiresAt }, NOW)).toBe(false);
    expect(expiresSoon({ expiresAt }, NOW + 1)).toBe(true);
    expect(expiresSoon({ expiresAt }, expiresAt - 1)).toBe(true);
    expect(expiresSoon({ expiresAt }, expiresAt)).toBe(false);
    expect(expiresSoon({ expiresAt, enabled: false }, NOW + 1)).toBe(false);
    expect(expiresSoon({ expiresAt: null }, NOW)).toBe(false);
  });

  test("active keys are counted from live expiries at the reader's time, the same as the cap", () => {
    const keys = [
      { _id: "a", enabled: true, expiresAt: NOW + 10 },
      { _id: "b", enabled: true, expiresAt: null },
      { _id: "c", enabled: false, revokedAt: NOW - 1, expiresAt: NOW + 10 },
      { _id: "d", enabled: true, expiresAt: NOW + 10, rotatedToId: "a" },
      { _id: "e", enabled: true, expiresAt: NOW - 1 },
    ];
    expect(liveKeyExpiries(keys)).toEqual([NOW + 10, null, NOW - 1]);
    for (const at of [NOW - 2, NOW, NOW + 9, NOW + 10]) {
      expect(countActiveAt(liveKeyExpiries(keys), at)).toBe(countActive(keys, at));
    }
    expect(countActiveAt(liveKeyExpiries(keys), NOW)).toBe(2);
    expect(countActiveAt(liveKeyExpiries(keys), NOW + 10)).toBe(1);
  });
});

describe("permissions and metadata", () => {
  test("permissions are the resource names of Better Auth's JSON, nothing on bad input", () => {
    expect(parsePermissions(JSON.stringify({ contents: ["read"], search: ["read"] }))).toEqual(["contents", "search"]);
    expect(parsePermissions(null)).toEqual([]);
    expect(parsePermissions(undefined)).toEqual([]);
    expect(parsePermissions("")).toEqual([]);
    expect(parsePermissions("{oops")).toEqual([]);
    expect(parsePermissions("null")).toEqual([]);
    expect(parsePermissions("7")).toEqual([]);
    // A JSON string is not a permissions object: its character indexes are no resource names.
    expect(parsePermissions('"contents"')).toEqual([]);
  });

  test("resource names become Better Auth's read permissions", () => {
    expect(toBetterAuthPermissions(["contents", "search"])).toEqual({ contents: ["read"], search: ["read"] });
    expect(toBetterAuthPermissions([])).toEqual({});
  });

  test("the tier is read from metadata only when it is a string", () => {
    expect(tierFromMetadata(JSON.stringify({ subscriptionTier: "pro" }))).toBe("pro");
    expect(tierFromMetadata(JSON.stringify({ subscriptionTier: 3 }))).toBeUndefined();
    expect(tierFromMetadata(JSON.stringify({}))).toBeUndefined();
    expect(tierFromMetadata("null")).toBeUndefined();
    expect(tierFromMetadata("{bad")).toBeUndefined();
    expect(tierFromMetadata(null)).toBeUndefined();
    expect(tierFromMetadata("")).toBeUndefined();
  });

  test("a key never expires only when its creation metadata says so with the value true", () => {
    expect(neverExpiresFromMetadata(JSON.stringify({ subscriptionTier: "enterprise", neverExpires: true }))).toBe(true);
    for (const stored of [JSON.stringify({ neverExpires: "true" }), JSON.stringify({ neverExpires: 1 }), "{}", "null", "[true]", "{bad", "", null, undefined]) {
      expect(neverExpiresFromMetadata(stored)).toBe(false);
    }
  });
});
