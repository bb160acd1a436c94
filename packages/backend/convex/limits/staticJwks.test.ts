// Self-hosted deployments can verify session JWTs against a static JWKS (env JWKS) instead of
// fetching their own JWKS URL: the auth config inlines it and the convex() plugin signs with it.
import { afterEach, expect, test, vi } from "vitest";
import { internal } from "../_generated/api";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

function decodeDataUri(uri: string) {
  return JSON.parse(atob(uri.slice(uri.indexOf(",") + 1))) as { keys: Array<{ kid: string; alg: string; kty: string }> };
}

test("without JWKS, Convex fetches keys from the deployment's own JWKS URL", async () => {
  const config = (await import("../auth.config")).default;
  expect(config.providers[0].jwks).toBe(`${process.env.CONVEX_SITE_URL}/api/auth/convex/jwks`);
});

test("with an exported static JWKS, tokens are signed with it and verified from the inlined keys", async () => {
  const first = await import("../test/setup");
  const t1 = first.newTest();
  await first.signUp(t1, "first@example.com");
  const jwks = await t1.action(internal.authKeys.exportJwks, {});
  const [doc] = JSON.parse(jwks) as Array<{ id: string; alg: string }>;
  expect(doc.alg).toBe("RS256");

  vi.stubEnv("JWKS", jwks);
  vi.resetModules();
  const config = (await import("../auth.config")).default;
  const inlined = decodeDataUri(config.providers[0].jwks);
  expect(inlined.keys.map((k) => [k.kid, k.alg, k.kty])).toEqual([[doc.id, "RS256", "RSA"]]);
  expect(JSON.stringify(inlined)).not.toContain("privateKey");

  const second = await import("../test/setup");
  const { dumpEverything } = await import("../test/dump");
  const t2 = second.newTest();
  const bob = await second.signUp(t2, "bob@example.com");
  const res = await t2.fetch("/api/auth/convex/token", { headers: { authorization: `Bearer ${bob.token}` } });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const header = JSON.parse(atob(token.split(".")[0].replace(/-/g, "+").replace(/_/g, "/"))) as { kid: string; alg: string };
  expect(header).toMatchObject({ kid: doc.id, alg: "RS256" });
  // No key was generated in the database: the static one signed the token.
  expect((await dumpEverything(t2)).betterAuth.jwks).toEqual([]);
});
