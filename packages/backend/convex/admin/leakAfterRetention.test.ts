// A leak found after retention removed the access-log rows (30 days by default) is still traced:
// the invisible layer's decoded code goes through the one lookup (lookupWatermark →
// findKeyByWatermark), for a live key and for a deleted one (its tombstone). Found by mutation
// testing (issue #17, group leakTracing: no test reached the lookup by code).
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { leakScene } from "../test/world";
import { recordStatusNow } from "../test/clockViews";

/** A customer's pro key fetched an article; then every access-log row is gone, as retention does. */
async function leakWithoutLog() {
  const { w, admin, served: leakedText } = await leakScene();
  await w.t.run(async (ctx) => {
    for (const row of await ctx.db.query("contentAccessLog").collect()) await ctx.db.delete("contentAccessLog", row._id);
  });
  return { w, admin, leakedText };
}

describe("leak tracing without access-log rows", () => {
  test("names the live key from the decoded watermark code", async () => {
    const { w, admin, leakedText } = await leakWithoutLog();
    const trace = await admin.client.query(api.admin.leaks.trace, { text: leakedText });
    expect(trace).toMatchObject({ found: true, apiKeyId: w.keys.pro.id, record: { id: w.keys.pro.id }, owner: { email: "owner@example.com" } });
    expect(trace.found && recordStatusNow(trace.record)).toBe("active");
  }, 120_000);

  test("names a deleted key from its tombstone", async () => {
    const { w, admin, leakedText } = await leakWithoutLog();
    await w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: w.keys.pro.id });
    const trace = await admin.client.query(api.admin.leaks.trace, { text: leakedText });
    expect(trace).toMatchObject({
      found: true,
      apiKeyId: w.keys.pro.id,
      key: null,
      record: { id: w.keys.pro.id, name: "pro key", ownerId: w.owner.userId },
      owner: { email: "owner@example.com" },
    });
    expect(trace.found && recordStatusNow(trace.record)).toBe("deleted");
  }, 120_000);
});
