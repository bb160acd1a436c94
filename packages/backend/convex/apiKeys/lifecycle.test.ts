// The customer's key lifecycle through the public functions, and what each step does to verification.
import { describe, expect, test, vi, afterEach } from "vitest";
import { api, components } from "../_generated/api";
import { newTest, signUp, WEB_ORIGIN } from "../test/setup";
import { verifyApiKey } from "./verify";
import { DAY, HOUR } from "../lib/time";
import { MAX_KEYS_ERROR } from "../shared/tiers";
import { activeKeysNow, statusNow } from "../test/clockViews";

async function customer(plan: "free" | "pro" | "enterprise" = "pro") {
  const t = newTest();
  const alice = await signUp(t, "alice@example.com");
  await t.run(async (ctx) => {
    const p = await ctx.db.query("profiles").withIndex("by_authUserId", (q) => q.eq("authUserId", alice.userId)).unique();
    await ctx.db.patch("profiles", p!._id, { plan });
  });
  const verify = (key: string) => t.run((ctx) => verifyApiKey(ctx, key, Date.now()));
  const events = (type: string) =>
    t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", type)).collect());
  return { t, alice, verify, events };
}

afterEach(() => vi.useRealTimers());

describe("customer key lifecycle", () => {
  test("a created key verifies and its plaintext is never returned by list or get", async () => {
    const { alice, verify } = await customer();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "Backend", tier: "pro" });
    expect(await verify(created.apiKey)).toMatchObject({ ok: true, tier: "pro", permissions: ["contents", "search"] });
    const listed = JSON.stringify(await alice.client.query(api.apiKeys.queries.list, {}));
    const got = JSON.stringify(await alice.client.query(api.apiKeys.queries.get, { keyId: created.apiKeyId }));
    expect(listed).not.toContain(created.apiKey);
    expect(got).not.toContain(created.apiKey);
    expect(listed).not.toMatch(/"key":"[A-Za-z0-9_-]{43}"/); // no hash either
    expect(created.key).toMatchObject({ tier: "pro", name: "Backend" });
    expect(statusNow(created.key)).toBe("active");
    expect(created.key.expiresAt! - Date.now()).toBeGreaterThan(29.99 * DAY);
    expect(created.key.expiresAt! - Date.now()).toBeLessThanOrEqual(30 * DAY);
  });

  test("a customer cannot create a key above their plan", async () => {
    const { alice } = await customer("free");
    await expect(alice.client.mutation(api.apiKeys.mutations.create, { name: "x", tier: "pro" })).rejects.toThrow(
      /free plan does not include pro keys/,
    );
  });

  test("the expiry is configurable in days within 1..365", async () => {
    const { alice } = await customer();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "Short", tier: "free", expiresInDays: 7 });
    expect(Math.round((created.key.expiresAt! - Date.now()) / DAY)).toBe(7);
    await expect(
      alice.client.mutation(api.apiKeys.mutations.create, { name: "Bad", tier: "free", expiresInDays: 0 }),
    ).rejects.toThrow(/whole number of days/);
  });

  test("the sixth active key is refused with limit_reached, and a revoked key frees a slot", async () => {
    const { alice } = await customer();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await alice.client.mutation(api.apiKeys.mutations.create, { name: `k${i}`, tier: "free" })).apiKeyId);
    await expect(alice.client.mutation(api.apiKeys.mutations.create, { name: "k5", tier: "free" })).rejects.toThrow(MAX_KEYS_ERROR);
    await alice.client.mutation(api.apiKeys.mutations.revoke, { keyId: ids[0], reason: "not needed" });
    await expect(alice.client.mutation(api.apiKeys.mutations.create, { name: "k5", tier: "free" })).resolves.toBeDefined();
  });

  test("rename changes the name and is audited", async () => {
    const { alice, events } = await customer();
    const { apiKeyId } = await alice.client.mutation(api.apiKeys.mutations.create, { name: "Old", tier: "free" });
    const renamed = await alice.client.mutation(api.apiKeys.mutations.rename, { keyId: apiKeyId, name: "  New name " });
    expect(renamed.name).toBe("New name");
    expect(await events("api_key_renamed")).toMatchObject([{ actor: alice.userId, apiKeyId }]);
    await expect(alice.client.mutation(api.apiKeys.mutations.rename, { keyId: apiKeyId, name: "   " })).rejects.toThrow(/name/);
  });

  test("a revoked key stops verifying with key_revoked and the reason is kept", async () => {
    const { alice, verify, events } = await customer();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "k", tier: "free" });
    const revoked = await alice.client.mutation(api.apiKeys.mutations.revoke, { keyId: created.apiKeyId, reason: "Leaked in a gist" });
    expect(revoked).toMatchObject({ enabled: false, revokedReason: "Leaked in a gist" });
    expect(statusNow(revoked)).toBe("revoked");
    expect(await verify(created.apiKey)).toMatchObject({ ok: false, code: "key_revoked" });
    expect(await events("api_key_revoked")).toMatchObject([{ actor: alice.userId, severity: "warning" }]);
  });

  test("a deleted key stops verifying with invalid_api_key and its usage document is gone", async () => {
    const { t, alice, verify, events } = await customer();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "k", tier: "free" });
    await alice.client.mutation(api.apiKeys.mutations.remove, { keyId: created.apiKeyId });
    expect(await verify(created.apiKey)).toEqual({ ok: false, code: "invalid_api_key" });
    const usage = await t.run((ctx) => ctx.db.query("apiKeyUsage").collect());
    expect(usage).toEqual([]);
    expect(await events("api_key_deleted")).toHaveLength(1);
    await expect(alice.client.query(api.apiKeys.queries.get, { keyId: created.apiKeyId })).rejects.toThrow(/No such API key/);
  });

  test("an expired key stops verifying with key_expired", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12));
    const { alice, verify } = await customer();
    const created = await alice.client.mutation(api.apiKeys.mutations.create, { name: "k", tier: "free", expiresInDays: 1 });
    expect(await verify(created.apiKey)).toMatchObject({ ok: true });
    vi.setSystemTime(Date.UTC(2026, 10, 23, 12, 0, 1));
    expect(await verify(created.apiKey)).toMatchObject({ ok: false, code: "key_expired" });
    expect(statusNow(await alice.client.query(api.apiKeys.queries.get, { keyId: created.apiKeyId }))).toBe("expired");
  });

  test("rotation issues a new key; the old one works during the grace period, then expires", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12));
    const { alice, verify, events } = await customer();
    const old = await alice.client.mutation(api.apiKeys.mutations.create, { name: "Prod", tier: "pro" });
    const rotated = await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: old.apiKeyId, gracePeriodHours: 2 });
    expect(rotated.apiKey).not.toBe(old.apiKey);
    expect(rotated.key).toMatchObject({ name: "Prod", tier: "pro" });
    expect(statusNow(rotated.key)).toBe("active");
    expect(await verify(rotated.apiKey)).toMatchObject({ ok: true, tier: "pro" });
    expect(await verify(old.apiKey)).toMatchObject({ ok: true });
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12) + 2 * HOUR + 1);
    expect(await verify(old.apiKey)).toMatchObject({ ok: false, code: "key_expired" });
    expect(await verify(rotated.apiKey)).toMatchObject({ ok: true });
    expect(await events("api_key_rotated")).toMatchObject([{ apiKeyId: old.apiKeyId }]);
    await expect(alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: old.apiKeyId })).rejects.toThrow(/Only an active key/);
  });

  test("rotation without grace revokes the old key at once, even with five active keys", async () => {
    const { alice, verify } = await customer();
    const keys = [];
    for (let i = 0; i < 5; i++) keys.push(await alice.client.mutation(api.apiKeys.mutations.create, { name: `k${i}`, tier: "free" }));
    const rotated = await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: keys[0].apiKeyId });
    expect(await verify(keys[0].apiKey)).toMatchObject({ ok: false });
    expect(await verify(rotated.apiKey)).toMatchObject({ ok: true });
    expect(activeKeysNow(await alice.client.query(api.users.queries.me, {}))).toBe(5);
  });

  test("keys made through Better Auth's own create route are free-tier keys under the same cap", async () => {
    const { t, alice, verify } = await customer("enterprise");
    const res = await t.fetch("/api/auth/api-key/create", {
      method: "POST",
      headers: { origin: WEB_ORIGIN, authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "via route", metadata: { subscriptionTier: "enterprise" } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { key: string; id: string };
    expect(await verify(body.key)).toMatchObject({ ok: true, tier: "free", permissions: ["contents"] });
    const row = await t.run((ctx) => ctx.runQuery(components.betterAuth.apiKeys.getById, { id: body.id }));
    expect(row!.tier).toBe("free");
    for (let i = 0; i < 4; i++) await alice.client.mutation(api.apiKeys.mutations.create, { name: `k${i}`, tier: "free" });
    const sixth = await t.fetch("/api/auth/api-key/create", {
      method: "POST",
      headers: { origin: WEB_ORIGIN, authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "one too many" }),
    });
    expect(sixth.status).toBe(403);
    expect(await sixth.json()).toMatchObject({ message: MAX_KEYS_ERROR });
    expect(activeKeysNow(await alice.client.query(api.users.queries.me, {}))).toBe(5);
  });
});
