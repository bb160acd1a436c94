import { describe, expect, test, vi } from "vitest";
import { parseServerEnv, serverEnv } from "./env";

const GOOD = {
  SITE_URL: "https://app.example.com",
  CONVEX_SITE_URL: "https://happy-animal-123.convex.site",
  BETTER_AUTH_SECRET: "s".repeat(32),
  API_KEY_ENCRYPTION_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))),
};

describe("server environment", () => {
  test("a complete environment parses, with defaults for the optional variables", () => {
    const result = parseServerEnv(GOOD);
    expect(result).toMatchObject({ ok: true, env: { ...GOOD, LOG_RETENTION_DAYS: 30 } });
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

describe("server environment, exactly", () => {
  const doc = { id: "k1", publicKey: "{}", privateKey: "{}" };

  test.each([
    ["a document without its private key", [{ id: "k1", publicKey: "{}" }]],
    ["a document without its public key", [{ id: "k1", privateKey: "{}" }]],
    ["a document without an id", [{ publicKey: "{}", privateKey: "{}" }]],
    ["a numeric id", [{ ...doc, id: 1 }]],
    ["one good and one bad document", [doc, { id: "k2" }]],
    ["a null document", [null]],
    ["an object instead of an array", doc],
  ])("a static JWKS with %s is refused", (_name, value) => {
    expect(parseServerEnv({ ...GOOD, JWKS: JSON.stringify(value) }).ok).toBe(false);
  });

  test("the encryption key must be exactly 32 bytes of base64, nothing around it", () => {
    expect(parseServerEnv({ ...GOOD, API_KEY_ENCRYPTION_KEY: `x${GOOD.API_KEY_ENCRYPTION_KEY}` }).ok).toBe(false);
    expect(parseServerEnv({ ...GOOD, API_KEY_ENCRYPTION_KEY: `${GOOD.API_KEY_ENCRYPTION_KEY}x` }).ok).toBe(false);
    expect(parseServerEnv({ ...GOOD, API_KEY_ENCRYPTION_KEY: btoa("x".repeat(31)) }).ok).toBe(false);
  });

  // #11: admins are granted only by the internal admin/bootstrap:grant (deploy-key holders), so
  // an ADMIN_EMAILS variable left in a deployment is ignored rather than parsed into a role list.
  test("ADMIN_EMAILS is no longer part of the server environment", () => {
    const result = parseServerEnv({ ...GOOD, ADMIN_EMAILS: " Ada@Example.com , ,bob@example.com," });
    expect(result.ok).toBe(true);
    expect(result.ok && "ADMIN_EMAILS" in result.env).toBe(false);
  });

  test("the message says only what is wrong: missing names, then invalid values with reasons", () => {
    const missingOnly = parseServerEnv({ ...GOOD, SITE_URL: undefined });
    expect(missingOnly.ok === false && missingOnly.message).toBe(
      'Server environment is not configured (missing: SITE_URL). Set each with `npx convex env set NAME VALUE` (README, "Running on Convex"); the offline dev server sets development values itself.',
    );
    const invalidOnly = parseServerEnv({ ...GOOD, BETTER_AUTH_SECRET: "short" });
    expect(invalidOnly.ok === false && invalidOnly.message).toMatch(/^Server environment is not configured \(invalid: BETTER_AUTH_SECRET must be at least 32 characters \(openssl rand -base64 32\)\)\. /);
    const twoInvalid = parseServerEnv({ ...GOOD, BETTER_AUTH_SECRET: "short", LOG_RETENTION_DAYS: "0" });
    expect(twoInvalid.ok === false && twoInvalid.message).toMatch(/invalid: BETTER_AUTH_SECRET [^;]+; LOG_RETENTION_DAYS /);
    const both = parseServerEnv({ ...GOOD, SITE_URL: undefined, LOG_RETENTION_DAYS: "0" });
    expect(both.ok === false && both.message).toMatch(/\(missing: SITE_URL \| invalid: LOG_RETENTION_DAYS [^)]+\)\./);
  });
});

describe("serverEnv", () => {
  test("reads the deployment's environment and throws the readable message when it is incomplete", () => {
    expect(serverEnv().SITE_URL).toBe(process.env.SITE_URL);
    vi.stubEnv("BETTER_AUTH_SECRET", "");
    try {
      expect(() => serverEnv()).toThrow(/missing: BETTER_AUTH_SECRET/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
