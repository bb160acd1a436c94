// A customer changes a key's tier within their plan, audited; and is told when an admin changed
// their plan (#15 item 10).
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newTest, signUp, signUpAdmin } from "../test/setup";
import { verifyApiKey } from "./verify";
import { statusNow } from "../test/clockViews";
import { countActiveAt } from "./status";

async function world() {
  const t = newTest();
  const admin = await signUpAdmin(t);
  const alice = await signUp(t, "alice@example.com");
  const profileId = await t.run(async (ctx) => (await ctx.db.query("profiles").withIndex("by_authUserId", (q) => q.eq("authUserId", alice.userId)).unique())!._id);
  const setPlan = (plan: "free" | "pro" | "enterprise") => admin.client.mutation(api.admin.customers.setPlan, { profileId, plan });
  return { t, admin, alice, setPlan };
}

describe("changing a key's tier", () => {
  test("after an admin upgrades the plan, the customer moves a free key to pro: the key keeps working with pro's permissions", async () => {
    const { t, alice, setPlan } = await world();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "App", tier: "free" });
    await setPlan("pro");
    const moved = await alice.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: created.apiKeyId, tier: "pro" });
    expect(moved).toMatchObject({ tier: "pro", permissions: ["contents", "search"] });
    expect(statusNow(moved)).toBe("active");
    const verified = await t.run((ctx) => verifyApiKey(ctx, created.apiKey, Date.now()));
    expect(verified).toMatchObject({ ok: true, tier: "pro", permissions: ["contents", "search"] });
    const usage = await alice.client.query(api.apiKeys.queries.usage, { keyId: created.apiKeyId });
    expect(usage.tier).toBe("pro");
    const events = await t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "api_key_tier_changed")).collect());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: alice.userId, apiKeyId: created.apiKeyId, userId: alice.userId });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ from: "free", to: "pro" });
  });

  test("a tier above the plan is refused as forbidden and nothing changes", async () => {
    const { alice } = await world();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "App", tier: "free" });
    await expect(alice.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: created.apiKeyId, tier: "enterprise" })).rejects.toThrow(
      /Free plan includes keys up to Free, not Enterprise/,
    );
    expect((await alice.client.query(api.apiKeys.queries.get, { keyId: created.apiKeyId })).tier).toBe("free");
  });

  test("someone else's key reads as not found", async () => {
    const { t, alice } = await world();
    const bob = await signUp(t, "bob@example.com");
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "App", tier: "free" });
    await expect(bob.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: created.apiKeyId, tier: "free" })).rejects.toThrow(/No such API key/);
  });

  test("a revoked key cannot change tier", async () => {
    const { alice } = await world();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "App", tier: "free" });
    await alice.client.mutation(api.apiKeys.mutations.revoke, { keyId: created.apiKeyId, reason: "done with it" });
    await expect(alice.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: created.apiKeyId, tier: "free" })).rejects.toThrow(/Only an active key/);
  });

  test("the customer is told about an admin's plan change and how many keys are above the new plan", async () => {
    const { alice, setPlan } = await world();
    expect(await alice.client.query(api.apiKeys.tierChange.planNotice, {})).toBeNull();
    await setPlan("pro");
    await alice.client.mutation(api.apiKeys.mutations.create, { name: "Fast", tier: "pro" });
    await setPlan("free");
    const notice = await alice.client.query(api.apiKeys.tierChange.planNotice, {});
    expect(notice).toMatchObject({ from: "pro", to: "free" });
    expect(countActiveAt(notice!.keysAbovePlan, Date.now())).toBe(1);
  });
});
