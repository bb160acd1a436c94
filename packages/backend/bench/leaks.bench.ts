/**
 * Leak tracing wired end to end (`pnpm bench`, printed not asserted): 20 keys fetch the same
 * article over the real HTTP route, one key's copy goes through every transform at once, and the
 * admin's `trace` query names it. Shows the wiring; the statistics are in bench/watermark.ts.
 */
import { test } from "vitest";
import { api } from "../convex/_generated/api";
import { seedCatalogue } from "../convex/demo/seed";
import { customersWithKeys, get } from "../convex/test/world";
import { newTest, signUpAdmin } from "../convex/test/setup";
import { TRANSFORMS } from "./leakTransforms";

test("leak tracing end to end: HTTP route → every transform → admin trace", async () => {
  const t = newTest();
  await t.run((ctx) => seedCatalogue(ctx, 30));
  const slug = (await t.run((ctx) => ctx.db.query("articles").withIndex("by_trap_and_ordinal", (q) => q.eq("trap", false)).first()))!.slug;
  const keys = await customersWithKeys(t, 4, 5, "bench");
  const bodies: string[] = [];
  for (const k of keys) bodies.push((await get(t, `/api/v1/contents/${slug}`, { key: k.key })).body.data.body as string);
  const admin = await signUpAdmin(t);
  const leaker = 7;
  const combined = new Map(TRANSFORMS).get("all combined")!;
  for (const [label, text] of [
    ["as served, 500 characters", bodies[leaker].slice(500, 1000)],
    ["all transforms combined, whole body", combined(bodies[leaker])],
  ] as const) {
    const start = performance.now();
    const traced = await admin.client.query(api.admin.leaks.trace, { text });
    const ms = performance.now() - start;
    const verdict = traced.found
      ? `named ${traced.apiKeyId === keys[leaker].id ? "the right key" : "A WRONG KEY"} via the ${traced.layer} layer, false attribution ${traced.falseAttributionProbability.toExponential(1)} over ${traced.keysCompared} keys`
      : `not named (${traced.failure})`;
    console.log(`| end to end: ${label} (${text.length} chars) | ${verdict} | ${ms.toFixed(0)} ms in convex-test |`);
  }
});
