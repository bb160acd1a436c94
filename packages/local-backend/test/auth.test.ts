// JWT identity against the fixture's custom JWT provider (RS256 keys made here, JWKS passed to
// the server as a data: URL): valid tokens become the identity, bad ones are refused.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import type { ConvexClient } from "convex/browser";
import { api } from "./fixture/convex/_generated/api";
import { FIXTURE, newClient, newHttpClient, startLocalBackend, unique, waitForValue, type StartedBackend } from "./helpers";

const ISSUER = "https://issuer.local-backend.test";
let server: StartedBackend;
let privateKey: CryptoKey;
let otherKey: CryptoKey;
const clients: ConvexClient[] = [];

async function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; expiresIn?: string | number; audience?: string; issuer?: string } = {}) {
  return await new SignJWT({ email: "ada@example.com", sessionId: "session-1", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "test-key" })
    .setSubject(String(claims.sub ?? "user-ada"))
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? "convex")
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "15m")
    .sign(options.key ?? privateKey);
}

/** Sets auth on a new client; resolves with what the client's onChange reported first. */
function authenticate(fetchToken: () => Promise<string | null>): Promise<{ client: ConvexClient; ok: boolean }> {
  const client = newClient(server.convexUrl);
  clients.push(client);
  return new Promise((resolve) => client.setAuth(fetchToken, (ok) => resolve({ client, ok })));
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const jwks = `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify({ keys: [jwk] })).toString("base64")}`;
  server = await startLocalBackend(["--functions", FIXTURE, "--no-crons"], { FIXTURE_JWT_ISSUER: ISSUER, FIXTURE_JWKS: jwks });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.stop();
});

describe("ConvexClient with auth", () => {
  test("a valid JWT becomes the identity Convex would build", async () => {
    const { client, ok } = await authenticate(async () => await token());
    expect(ok).toBe(true);
    const identity = await waitForValue(client, api.messages.whoami, {}, (v) => v !== null);
    expect(identity).toMatchObject({
      subject: "user-ada",
      issuer: ISSUER,
      tokenIdentifier: `${ISSUER}|user-ada`,
      email: "ada@example.com",
      sessionId: "session-1",
    });
    expect(identity).not.toHaveProperty("exp");
    expect(identity).not.toHaveProperty("aud");
  });

  test("mutations run as the authenticated user", async () => {
    const sub = unique("user");
    const { client } = await authenticate(async () => await token({ sub }));
    await client.mutation(api.messages.sendAsMe, { body: "signed" });
    expect(await waitForValue(client, api.messages.byAuthor, { author: sub }, (m) => m.length === 1)).toHaveLength(1);
  });

  test("without auth the identity is null and auth-only mutations refuse", async () => {
    const client = newClient(server.convexUrl);
    clients.push(client);
    expect(await waitForValue(client, api.messages.whoami, {}, () => true)).toBeNull();
    await expect(client.mutation(api.messages.sendAsMe, { body: "x" })).rejects.toThrow();
  });

  test.each([
    ["a tampered payload", async () => {
      const [h, p, s] = (await token()).split(".");
      const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
      return [h, Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url"), s].join(".");
    }],
    ["a token signed by another key", async () => await token({}, { key: otherKey })],
    ["an expired token", async () => await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ["the wrong audience", async () => await token({}, { audience: "someone-else" })],
    ["an unknown issuer", async () => await token({}, { issuer: "https://evil.test" })],
    ["not a JWT", async () => "nak_pk_not-a-jwt"],
  ])("refuses %s (AuthError) and stays anonymous", async (_name, make) => {
    const bad = await make();
    const { client, ok } = await authenticate(async () => bad);
    expect(ok).toBe(false);
    expect(await waitForValue(client, api.messages.whoami, {}, () => true)).toBeNull();
  });
});

describe("ConvexHttpClient with auth", () => {
  test("a valid JWT is the identity", async () => {
    const http = newHttpClient(server.convexUrl);
    http.setAuth(await token({ sub: "http-user" }));
    expect(await http.query(api.messages.whoami, {})).toMatchObject({ subject: "http-user" });
  });

  test("a bad JWT is refused with 401", async () => {
    const http = newHttpClient(server.convexUrl);
    http.setAuth(await token({}, { key: otherKey }));
    await expect(http.query(api.messages.whoami, {})).rejects.toThrow(/Unauthenticated/);
  });
});

describe("HTTP actions on the site port", () => {
  test("a valid bearer JWT is the action's identity", async () => {
    const res = await fetch(`${server.siteUrl}/hello`, { headers: { authorization: `Bearer ${await token({ sub: "site-user" })}` } });
    expect(((await res.json()) as { subject: string }).subject).toBe("site-user");
  });

  test.each([
    ["an API key", "nak_pk_abcdef"],
    ["a session token", "Acy5XrYZauseq3a511aJQGyKG6SyW2PR"],
  ])("a bearer %s is anonymous, passed through to the handler", async (_name, value) => {
    const res = await fetch(`${server.siteUrl}/hello`, { headers: { authorization: `Bearer ${value}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ subject: null, authorization: `Bearer ${value}` });
  });

  test("a bearer JWT that does not verify is anonymous, never trusted", async () => {
    const res = await fetch(`${server.siteUrl}/hello`, { headers: { authorization: `Bearer ${await token({ sub: "x" }, { key: otherKey })}` } });
    expect(await res.json()).toMatchObject({ subject: null });
  });
});
