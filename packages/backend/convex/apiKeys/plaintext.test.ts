// Keys are stored only hashed: after every lifecycle step, no table holds a plaintext key.
import { expect, test } from "vitest";
import { api, components } from "../_generated/api";
import schema from "../schema";
import betterAuthSchema from "../betterAuth/schema";
import { newTest, signUp } from "../test/setup";
import { hashApiKey } from "../shared/keyFormat";

test("no table of the app or of the Better Auth component contains a plaintext key", async () => {
  const t = newTest();
  const alice = await signUp(t, "alice@example.com");
  await t.run(async (ctx) => {
    const p = await ctx.db.query("profiles").first();
    await ctx.db.patch("profiles", p!._id, { plan: "enterprise" });
  });
  const plaintexts: string[] = [];
  for (const tier of ["free", "pro", "enterprise"] as const) {
    plaintexts.push((await alice.client.mutation(api.apiKeys.mutations.create, { name: tier, tier })).apiKey);
  }
  const first = await alice.client.query(api.apiKeys.queries.list, {});
  plaintexts.push((await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: first[0].key.id, gracePeriodHours: 1 })).apiKey);

  const dump: string[] = [];
  for (const table of Object.keys(schema.tables)) {
    dump.push(JSON.stringify(await t.run((ctx) => ctx.db.query(table as "profiles").collect())));
  }
  const componentTables = Object.keys(betterAuthSchema.tables);
  expect(componentTables).toContain("apikey");
  for (const model of componentTables) {
    const rows = await t.run((ctx) =>
      ctx.runQuery(components.betterAuth.adapter.findMany, {
        model: model as "user",
        paginationOpts: { numItems: 1000, cursor: null },
      }),
    );
    dump.push(JSON.stringify(rows));
  }
  const everything = dump.join("\n");
  for (const key of plaintexts) {
    expect(everything).not.toContain(key);
    // The random part alone must not appear either; only Better Auth's hash and `start` are kept.
    expect(everything).not.toContain(key.slice(11));
    expect(everything).toContain(await hashApiKey(key));
  }
});
