// Values of the server environment at their edges, found missing by mutation testing (issue #17,
// group pure): TRUSTED_PROXY_CIDRS decides whose X-Forwarded-For entries are believed, so a list
// with an entry that is not a range stops the deployment; the origins are http(s) only; the
// optional credentials and retention periods take ordinary values and refuse the rest.
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

describe("origins", () => {
  test.each(["SITE_URL", "CONVEX_SITE_URL"] as const)("%s must be http or https, nothing that merely contains it", (name) => {
    for (const url of ["ftp://app.example.com", "xhttps://app.example.com", "httpsx://app.example.com", "xhttp://app.example.com"]) {
      const result = parseServerEnv({ ...GOOD, [name]: url });
      expect(result.ok, url).toBe(false);
      expect(result.ok === false && result.message).toContain(`invalid: ${name} `);
    }
    expect(parseServerEnv({ ...GOOD, [name]: "http://127.0.0.1:3211" }).ok).toBe(true);
  });
});

describe("optional values", () => {
  test("Google credentials are kept as given; an empty one is refused", () => {
    const google = { GOOGLE_CLIENT_ID: "1234-abc.apps.googleusercontent.com", GOOGLE_CLIENT_SECRET: "GOCSPX-secret-value" };
    expect(parseServerEnv({ ...GOOD, ...google })).toMatchObject({ ok: true, env: google });
    expect(parseServerEnv({ ...GOOD, GOOGLE_CLIENT_ID: "" }).ok).toBe(false);
  });

  test.each(["AUDIT_RETENTION_DAYS", "LOG_RETENTION_DAYS"] as const)("%s takes 1 to 3650 days", (name) => {
    for (const days of [1, 7, 90, 3650]) {
      expect(parseServerEnv({ ...GOOD, [name]: String(days) })).toMatchObject({ ok: true, env: { [name]: days } });
    }
    for (const days of ["0", "3651", "1.5"]) expect(parseServerEnv({ ...GOOD, [name]: days }).ok, days).toBe(false);
  });
});
