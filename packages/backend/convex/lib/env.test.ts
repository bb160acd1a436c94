import { describe, expect, test } from "vitest";
import { parseServerEnv } from "./env";

const GOOD = {
  SITE_URL: "https://app.example.com",
  CONVEX_SITE_URL: "https://happy-animal-123.convex.site",
  BETTER_AUTH_SECRET: "s".repeat(32),
  API_KEY_ENCRYPTION_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))),
};

describe("server environment", () => {
  test("a complete environment parses, with defaults for the optional variables", () => {
    const result = parseServerEnv(GOOD);
    expect(result).toMatchObject({ ok: true, env: { ...GOOD, LOG_RETENTION_DAYS: 30, ADMIN_EMAILS: [] } });
  });

  test.each(["SITE_URL", "CONVEX_SITE_URL", "BETTER_AUTH_SECRET", "API_KEY_ENCRYPTION_KEY"] as const)(
    "without %s it fails, naming the variable and how to set it",
    (name) => {
      const result = parseServerEnv({ ...GOOD, [name]: undefined });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toContain(`missing: ${name}`);
        expect(result.message).toContain("npx convex env set");
      }
    },
  );

  test("every missing variable is named at once", () => {
    const result = parseServerEnv({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("missing: SITE_URL, CONVEX_SITE_URL, BETTER_AUTH_SECRET, API_KEY_ENCRYPTION_KEY");
  });

  test.each([
    ["BETTER_AUTH_SECRET", "too-short-secret"],
    ["API_KEY_ENCRYPTION_KEY", "not-base64-32-bytes"],
    ["SITE_URL", "localhost:5173"],
    ["JWKS", "{not json"],
    ["JWKS", "[]"],
  ])("an invalid %s (%s) is refused with its reason", (name, value) => {
    const result = parseServerEnv({ ...GOOD, [name]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(new RegExp(`invalid: .*${name}`));
  });

  test("a static JWKS of Better Auth documents is accepted", () => {
    const jwks = JSON.stringify([{ id: "k1", publicKey: "{}", privateKey: "{}", alg: "RS256", createdAt: 1 }]);
    expect(parseServerEnv({ ...GOOD, JWKS: jwks })).toMatchObject({ ok: true, env: { JWKS: jwks } });
  });
});
