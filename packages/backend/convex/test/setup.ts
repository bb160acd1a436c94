/**
 * One place that builds a convex-test instance of the whole app: our schema and functions, the
 * locally installed Better Auth component and the rate limiter component.
 *
 * @example
 *   const t = newTest();
 *   const alice = await signUp(t, "alice@example.com");
 *   await alice.client.query(api.apiKeys.queries.list, {});
 */
/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import rateLimiter from "@convex-dev/rate-limiter/test";
import workpool from "@convex-dev/workpool/test";
import schema from "../schema";
import betterAuthSchema from "../betterAuth/schema";
import { DUMP_MODULE, dumpModule, moduleRoot } from "./dump";

export const modules = import.meta.glob([
  "../**/*.ts",
  "../_generated/*.js",
  "!../**/*.test.ts",
  "!../**/*.d.ts",
  "!../betterAuth/**",
  "!../test/**",
]);
const betterAuthModules = import.meta.glob([
  "../betterAuth/**/*.ts",
  "!../betterAuth/auth.ts",
  "!../betterAuth/**/*.test.ts",
]);

/**
 * A convex-test instance of the whole app under Convex's transaction limits. Every component
 * (nested ones included) also gets a test-only `testDump:all` query, see `dumpEverything`.
 */
export function newTest() {
  const t = convexTest({
    schema,
    modules: { ...modules, [`../${DUMP_MODULE}.ts`]: async () => dumpModule(schema) },
    transactionLimits: true,
  });
  const componentPaths: string[] = [];
  const register = t.registerComponent;
  t.registerComponent = (path, componentSchema, componentModules) => {
    componentPaths.push(path);
    register(path, componentSchema, {
      ...componentModules,
      [`${moduleRoot(componentModules)}${DUMP_MODULE}.ts`]: async () => dumpModule(componentSchema),
    });
  };
  t.registerComponent("betterAuth", betterAuthSchema, betterAuthModules);
  rateLimiter.register(t);
  workpool.register(t, "adminWebhooks");
  return Object.assign(t, { componentPaths });
}

export type TestConvex = ReturnType<typeof newTest>;

/** Headers a browser on the web app would send. */
export const WEB_ORIGIN = process.env.SITE_URL ?? "http://localhost:5173";

export type SignedUp = {
  userId: string;
  sessionId: string;
  token: string;
  email: string;
  /** The convex-test client acting as this signed-in user (Convex identity from the session). */
  client: ReturnType<TestConvex["withIdentity"]>;
};

/** Signs a user up through Better Auth's real HTTP route and returns their session. */
export async function signUp(t: Omit<TestConvex, "componentPaths">, email: string, name = email.split("@")[0]): Promise<SignedUp> {
  const res = await t.fetch("/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: WEB_ORIGIN },
    body: JSON.stringify({ email, password: "correct-horse-battery", name }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  const sessionId = await t.run(async (ctx) => {
    const session = await ctx.runQuery(components.betterAuth.adapter.findOne, {
      model: "session",
      where: [{ field: "token", value: body.token }],
    });
    return (session as { _id: string })._id;
  });
  return {
    userId: body.user.id,
    sessionId,
    token: body.token,
    email,
    client: t.withIdentity({ subject: body.user.id, sessionId, tokenIdentifier: `test|${body.user.id}` }),
  };
}

import { components } from "../_generated/api";

/** Signs a user up and gives their profile the admin role (as admin/bootstrap:grant would). */
export async function signUpAdmin(t: TestConvex, email = "admin@example.com"): Promise<SignedUp> {
  const admin = await signUp(t, email);
  await t.run(async (ctx) => {
    const profile = await ctx.db
      .query("profiles")
      .withIndex("by_authUserId", (q) => q.eq("authUserId", admin.userId))
      .unique();
    await ctx.db.patch("profiles", profile!._id, { role: "admin" });
  });
  return admin;
}
