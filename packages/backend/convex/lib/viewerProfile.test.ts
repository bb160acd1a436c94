// The builders' last check (lib/functions.ts): a live session whose account has no profile (not
// set up, or removed) is refused as unauthenticated, never served with a missing profile.
// Found by mutation testing (issue #17, group authorization: the refusal never ran).
import { expect, test } from "vitest";
import { ConvexError } from "convex/values";
import { api, components } from "../_generated/api";
import { newTest, signUp } from "../test/setup";

test("a signed-in user without a profile is refused as unauthenticated by user and admin functions", async () => {
  const t = newTest();
  const user = await signUp(t, "noprofile@example.com");
  await t.run(async (ctx) => {
    for (const profile of await ctx.db.query("profiles").collect()) await ctx.db.delete("profiles", profile._id);
  });
  for (const call of [() => user.client.query(api.users.queries.me, {}), () => user.client.query(api.admin.alerts.summary, {})]) {
    const error = await call().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ kind: string }>).data.kind).toBe("unauthenticated");
  }
}, 120_000);

test("each refusal tells the caller what to do: sign in, sign in again, wait for set-up, or that admins only may", async () => {
  const t = newTest();
  const messageOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => (e instanceof ConvexError ? (e.data as { kind: string; message: string }) : String(e)),
    );
  expect(await messageOf(t.query(api.users.queries.me, {}))).toEqual({ kind: "unauthenticated", message: "Sign in to continue." });

  const customer = await signUp(t, "customer@example.com");
  expect(await messageOf(customer.client.query(api.admin.alerts.summary, {}))).toEqual({ kind: "forbidden", message: "Admins only." });

  const ended = await signUp(t, "ended@example.com");
  await t.run((ctx) => ctx.runMutation(components.betterAuth.adapter.deleteOne, { input: { model: "session", where: [{ field: "_id", value: ended.sessionId }] } }));
  expect(await messageOf(ended.client.query(api.users.queries.me, {}))).toEqual({ kind: "unauthenticated", message: "Your session has ended. Sign in again." });

  await t.run(async (ctx) => {
    for (const profile of await ctx.db.query("profiles").collect()) await ctx.db.delete("profiles", profile._id);
  });
  expect(await messageOf(customer.client.query(api.users.queries.me, {}))).toEqual({ kind: "unauthenticated", message: "Your account is not set up yet." });
}, 120_000);
