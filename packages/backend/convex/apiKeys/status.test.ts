// The key-state rules as plain functions, at their exact boundaries.
import { describe, expect, test } from "vitest";
import { keyStatus, parsePermissions, tierFromMetadata, toBetterAuthPermissions } from "./status";

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
});
