// TRUSTED_PROXY_CIDRS decides whose X-Forwarded-For entries are believed (lib/clientAddress.ts):
// a list with an entry that is not a range must stop the deployment, never trust nothing (or
// everything) in silence. Found by mutation testing (issue #17, group pure).
import { describe, expect, test } from "vitest";
import { parseCidr } from "./net";
import { parseServerEnv } from "./env";

const GOOD = {
  SITE_URL: "https://app.example.com",
  CONVEX_SITE_URL: "https://happy-animal-123.convex.site",
  BETTER_AUTH_SECRET: "s".repeat(32),
  API_KEY_ENCRYPTION_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))),
};

describe("TRUSTED_PROXY_CIDRS", () => {
  test("a list with an entry that is not a range fails, naming the variable and the entry", () => {
    const result = parseServerEnv({ ...GOOD, TRUSTED_PROXY_CIDRS: "10.0.0.0/8, nope" });
    expect(result).toEqual({ ok: false, message: expect.stringContaining("invalid: TRUSTED_PROXY_CIDRS not a CIDR range: nope") });
  });

  test("a valid list becomes exactly its ranges", () => {
    const result = parseServerEnv({ ...GOOD, TRUSTED_PROXY_CIDRS: "10.0.0.0/8, 2001:db8::/32" });
    expect(result.ok && result.env.TRUSTED_PROXY_CIDRS).toEqual([parseCidr("10.0.0.0/8"), parseCidr("2001:db8::/32")]);
  });
});
