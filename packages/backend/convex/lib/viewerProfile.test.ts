// The builders' last check (lib/functions.ts): a live session whose account has no profile (not
// set up, or removed) is refused as unauthenticated, never served with a missing profile.
// Found by mutation testing (issue #17, group authorization: the refusal never ran).
import { expect, test } from "vitest";
import { ConvexError } from "convex/values";
import { api } from "../_generated/api";
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
