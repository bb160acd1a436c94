// Seed 002's tests of the tiered key creation mutation, in real form.
import { describe, expect, test } from "vitest";
import { components, internal } from "../_generated/api";
import { newTest, signUp } from "../test/setup";
import { MAX_KEYS_ERROR } from "../shared/tiers";
import { isWellFormedApiKey } from "../shared/keyFormat";

async function setup() {
  const t = newTest();
  const alice = await signUp(t, "alice@example.com");
  const create = (subscriptionTier: "free" | "pro" | "enterprise", name = "Test Key") =>
    t.mutation(internal.apiKeys.internal.createApiKey, { userId: alice.userId, name, subscriptionTier });
  const row = (id: string) => t.run((ctx) => ctx.runQuery(components.betterAuth.apiKeys.getById, { id }));
  return { t, alice, create, row };
}

describe("createApiKey (internal)", () => {
  test("creates a free key limited to 25 requests per day with a well-formed nak_pk_ key", async () => {
    const { create, row } = await setup();
    const result = await create("free");
    expect(result.success).toBe(true);
    expect(result.apiKey?.startsWith("nak_pk_")).toBe(true);
    expect(isWellFormedApiKey(result.apiKey!)).toBe(true);
    const key = await row(result.apiKeyId!);
    expect(key).toMatchObject({ rateLimitEnabled: true, rateLimitMax: 25, rateLimitTimeWindow: 86_400_000, tier: "free" });
    expect(JSON.parse(key!.permissions!)).toEqual({ contents: ["read"] });
  });

  test("creates a pro key limited to 100 per minute with a matching refill", async () => {
    const { create, row } = await setup();
    const key = await row((await create("pro", "Pro Key")).apiKeyId!);
    expect(key).toMatchObject({ rateLimitMax: 100, rateLimitTimeWindow: 60_000, refillInterval: 60_000, refillAmount: 100 });
    expect(Object.keys(JSON.parse(key!.permissions!))).toEqual(["contents", "search"]);
  });

  test("creates an enterprise key with no rate limit", async () => {
    const { create, row } = await setup();
    const key = await row((await create("enterprise", "Enterprise Key")).apiKeyId!);
    expect(key!.rateLimitEnabled).toBe(false);
    expect(key!.rateLimitMax ?? null).toBeNull();
    expect(key!.tier).toBe("enterprise");
  });

  test("refuses a sixth active key with the cap's message", async () => {
    const { create } = await setup();
    for (let i = 0; i < 5; i++) expect((await create("free", `Key ${i}`)).success).toBe(true);
    // The cap's message, followed by what to do about it (#15).
    expect(await create("free", "Key 6")).toEqual({ success: false, error: expect.stringMatching(new RegExp(`^${MAX_KEYS_ERROR}: you have 5 active keys\\. Revoke or delete one`)) });
  });

  test("stores the subscription tier in Better Auth's metadata", async () => {
    const { create, row } = await setup();
    const key = await row((await create("pro")).apiKeyId!);
    expect(JSON.parse(key!.metadata!).subscriptionTier).toBe("pro");
  });

  test("logs an api_key_created security event and initialises usage", async () => {
    const { t, create, alice } = await setup();
    const { apiKeyId } = await create("free");
    const { events, usage } = await t.run(async (ctx) => ({
      events: await ctx.db
        .query("securityEvents")
        .withIndex("by_apiKeyId_and_createdAt", (q) => q.eq("apiKeyId", apiKeyId))
        .collect(),
      usage: await ctx.db
        .query("apiKeyUsage")
        .withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", apiKeyId!))
        .unique(),
    }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "api_key_created", severity: "info", actor: alice.userId, userId: alice.userId });
    // The key's record holds its owner and watermark; the tier is stored once, on the key.
    expect(usage).toMatchObject({ apiKeyId, userId: alice.userId });
    expect(usage).not.toHaveProperty("subscriptionTier");
    expect((await t.run((ctx) => ctx.runQuery(components.betterAuth.apiKeys.getById, { id: apiKeyId! })))!.tier).toBe("free");
    expect(usage!.watermarkCode).toMatch(/^[0-9a-f]{12}$/);
  });

  test("refuses permissions beyond the tier and unknown users", async () => {
    const { t, alice } = await setup();
    const beyond = await t.mutation(internal.apiKeys.internal.createApiKey, {
      userId: alice.userId, name: "x", subscriptionTier: "free", permissions: ["contents", "search"],
    });
    expect(beyond).toMatchObject({ success: false, error: expect.stringMatching(/does not include: search/) });
    const nobody = await t.mutation(internal.apiKeys.internal.createApiKey, {
      userId: "nobody", name: "x", subscriptionTier: "free",
    });
    expect(nobody).toEqual({ success: false, error: "User not found" });
  });
});
