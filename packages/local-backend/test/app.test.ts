// The local backend serving the real app (packages/backend/convex): Better Auth over the site
// port, a session's Convex JWT accepted on the sync WebSocket, a tampered one refused, demo data.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import type { ConvexClient } from "convex/browser";
import { newClient, startLocalBackend, unique, waitForValue, type StartedBackend } from "./helpers";

const WEB_ORIGIN = "http://127.0.0.1:5173";
const me = makeFunctionReference<"query", Record<string, never>, { email: string; role: string } | null>("users/queries:me");

let server: StartedBackend;
const clients: ConvexClient[] = [];

beforeAll(async () => {
  server = await startLocalBackend(["--no-crons", "--web-origin", WEB_ORIGIN], {}, 180_000);
}, 200_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  expect(await server.stop()).toBe(0);
});

async function auth(path: string, init: RequestInit = {}): Promise<Response> {
  return await fetch(`${server.siteUrl}/api/auth${path}`, {
    ...init,
    headers: { "content-type": "application/json", origin: WEB_ORIGIN, ...(init.headers as Record<string, string> | undefined) },
  });
}

/** Signs in (or up) and returns the session's Convex JWT. */
async function convexJwt(path: "/sign-up/email" | "/sign-in/email", body: Record<string, string>): Promise<string> {
  const res = await auth(path, { method: "POST", body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const jwt = await auth("/convex/token", { headers: { authorization: `Bearer ${token}` } });
  expect(jwt.status).toBe(200);
  return ((await jwt.json()) as { token: string }).token;
}

function authenticated(jwt: string): Promise<{ client: ConvexClient; ok: boolean }> {
  const client = newClient(server.convexUrl);
  clients.push(client);
  return new Promise((resolve) => client.setAuth(async () => jwt, (ok) => resolve({ client, ok })));
}

describe("the real app on the local backend", () => {
  test("prints its URLs, and demo logins and one key per tier after seeding", () => {
    expect(server.output.some((l) => /^convex: http:\/\/127\.0\.0\.1:\d+$/.test(l))).toBe(true);
    expect(server.output.some((l) => /^site: http:\/\/127\.0\.0\.1:\d+$/.test(l))).toBe(true);
    for (const tier of ["free", "pro", "enterprise"]) {
      expect(server.output.some((l) => new RegExp(`^demo key ${tier}: nak_pk_\\S+$`).test(l))).toBe(true);
    }
    expect(server.output.some((l) => /^demo login admin: \S+@\S+ \/ \S+ \(plan \w+\)$/.test(l))).toBe(true);
  });

  test("Better Auth answers on the site port", async () => {
    const res = await auth("/ok");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test("a password reset link lands in the dev mailbox page, and is printed", async () => {
    const email = `${unique("reset")}@example.com`;
    await convexJwt("/sign-up/email", { email, password: "correct-horse-battery", name: "Reset" });
    const asked = await auth("/request-password-reset", { method: "POST", body: JSON.stringify({ email, redirectTo: `${WEB_ORIGIN}/reset-password` }) });
    expect(asked.status).toBe(200);
    const list = (await (await fetch(`${server.convexUrl}/_dev/mailbox?format=json&to=${encodeURIComponent(email)}`)).json()) as { url: string; kind: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: "reset_password", url: expect.stringContaining(`${server.siteUrl}/api/auth/reset-password/`) });
    const page = await fetch(`${server.convexUrl}/_dev/mailbox`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain(list[0]!.url.replace(/&/g, "&#38;"));
    expect(server.output.some((l) => l.includes(list[0]!.url))).toBe(true);
  });

  test("a signed-up user's Convex JWT is accepted and is their identity", async () => {
    const email = `${unique("user")}@example.com`;
    const jwt = await convexJwt("/sign-up/email", { email, password: "correct-horse-battery", name: "Test User" });
    const { client, ok } = await authenticated(jwt);
    expect(ok).toBe(true);
    expect(await waitForValue(client, me, {}, (v) => v !== null)).toMatchObject({ email, role: "user" });
  });

  test("a tampered JWT is refused", async () => {
    const jwt = await convexJwt("/sign-up/email", { email: `${unique("user")}@example.com`, password: "correct-horse-battery", name: "T" });
    const [header, payload, signature] = jwt.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, email: "admin@example.com" })).toString("base64url"), signature].join(".");
    const { ok } = await authenticated(forged);
    expect(ok).toBe(false);
  });

  test("the seeded admin can sign in and is an admin", async () => {
    const line = server.output.find((l) => l.startsWith("demo login admin: "))!;
    const [, email, password] = /^demo login admin: (\S+) \/ (\S+) /.exec(line)!;
    const { client, ok } = await authenticated(await convexJwt("/sign-in/email", { email, password }));
    expect(ok).toBe(true);
    expect(await waitForValue(client, me, {}, (v) => v !== null)).toMatchObject({ email, role: "admin" });
  });
});
