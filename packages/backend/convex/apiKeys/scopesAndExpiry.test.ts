// Choices at creation (#14): scopes within the tier, enforced by the content API, shown in the list
// and on /me; expiry presets, a custom date within the tier's range, and never where the tier allows.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { apiWorld } from "../test/world";
import { DAY, HOUR } from "../lib/time";
import type { Tier } from "../shared/tiers";

afterEach(() => vi.useRealTimers());

async function world(plan: Tier = "enterprise") {
  const w = await apiWorld({ articles: 20 });
  await w.t.run(async (ctx) => {
    const p = await ctx.db.query("profiles").withIndex("by_authUserId", (q) => q.eq("authUserId", w.owner.userId)).unique();
    await ctx.db.patch("profiles", p!._id, { plan });
  });
  // apiWorld made one key per tier; free two slots for this file's keys (cap of 5 active keys).
  const keys = await w.owner.client.query(api.apiKeys.queries.list, {});
  for (const k of keys.slice(0, 2)) await w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: k.key.id });
  const create = (args: { name?: string; tier: Tier; permissions?: string[]; expiresInDays?: number; expiresAt?: number | null }) =>
    w.owner.client.mutation(api.apiKeys.mutations.create, { name: args.name ?? "scoped", ...args });
  return { ...w, create };
}

describe("scopes chosen at creation", () => {
  test("a key with only `search` is refused /contents and /contents/{slug} with 403 insufficient_permissions, and may search", async () => {
    const w = await world("pro");
    const { apiKey } = await w.create({ tier: "pro", permissions: ["search"] });
    const list = await w.get("/api/v1/contents?limit=5", { key: apiKey });
    expect(list.status).toBe(403);
    expect(list.body.error).toMatchObject({ code: "insufficient_permissions", message: "This key's scopes do not include contents." });
    const one = await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: apiKey });
    expect(one.status).toBe(403);
    expect(one.body.error.code).toBe("insufficient_permissions");
    expect(JSON.stringify(one.body)).not.toContain("body");
    expect((await w.get("/api/v1/search?q=the", { key: apiKey })).status).toBe(200);
  });

  test("a key with only `contents` on an enterprise tier is refused /search", async () => {
    const w = await world();
    const { apiKey } = await w.create({ tier: "enterprise", permissions: ["contents"] });
    const res = await w.get("/api/v1/search?q=the", { key: apiKey });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("insufficient_permissions");
    expect((await w.get("/api/v1/contents?limit=1", { key: apiKey })).status).toBe(200);
  });

  test("the refusal is logged on the key with its outcome", async () => {
    const w = await world("pro");
    const created = await w.create({ tier: "pro", permissions: ["search"] });
    await w.get("/api/v1/contents?limit=5", { key: created.apiKey });
    const rows = await w.t.run((ctx) =>
      ctx.db.query("contentAccessLog").withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", created.apiKeyId)).collect(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "insufficient_permissions" });
  });

  test("the scopes are shown in the key list, on the created key and on /me", async () => {
    const w = await world("pro");
    const created = await w.create({ tier: "pro", permissions: ["search", "search"] });
    expect(created.key.permissions).toEqual(["search"]);
    const listed = (await w.owner.client.query(api.apiKeys.queries.list, {})).find((k) => k.key.id === created.apiKeyId)?.key;
    expect(listed!.permissions).toEqual(["search"]);
    const me = await w.get("/api/v1/me", { key: created.apiKey });
    expect(me.status).toBe(200);
    expect(me.body.data.permissions).toEqual(["search"]);
  });

  test("without scopes a key gets all of its tier's, in a fixed order", async () => {
    const w = await world("pro");
    expect((await w.create({ tier: "pro" })).key.permissions).toEqual(["contents", "search"]);
    expect((await w.create({ tier: "pro", permissions: ["search", "contents"] })).key.permissions).toEqual(["contents", "search"]);
  });

  test.each([
    { permissions: [], error: /at least one scope/ },
    { permissions: ["admin"], error: /Unknown scope: admin/ },
    { permissions: ["contents", "CONTENTS"], error: /Unknown scope: CONTENTS/ },
    { permissions: ["__proto__"], error: /Unknown scope/ },
  ])("refuses scopes $permissions with a clear message and creates nothing", async ({ permissions, error }) => {
    const w = await world("pro");
    const before = (await w.owner.client.query(api.apiKeys.queries.list, {})).length;
    await expect(w.create({ tier: "pro", permissions })).rejects.toThrow(error);
    expect(await w.owner.client.query(api.apiKeys.queries.list, {})).toHaveLength(before);
  });

  test("a free key cannot be given `search`: a scope outside the tier is refused", async () => {
    const w = await world("pro");
    await expect(w.create({ tier: "free", permissions: ["contents", "search"] })).rejects.toThrow(/Free tier does not include: search/);
  });

  test("a narrowed key keeps its scopes when its tier changes (a tier change never widens it)", async () => {
    const w = await world();
    const created = await w.create({ tier: "pro", permissions: ["contents"] });
    const moved = await w.owner.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: created.apiKeyId, tier: "enterprise" });
    expect(moved.permissions).toEqual(["contents"]);
    expect((await w.get("/api/v1/search?q=the", { key: created.apiKey })).status).toBe(403);
    const full = await w.create({ tier: "free" });
    const upgraded = await w.owner.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: full.apiKeyId, tier: "pro" });
    expect(upgraded.permissions).toEqual(["contents", "search"]);
  });

  test("a search-only key cannot move to the free tier, which has no search", async () => {
    const w = await world("pro");
    const created = await w.create({ tier: "pro", permissions: ["search"] });
    await expect(
      w.owner.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: created.apiKeyId, tier: "free" }),
    ).rejects.toThrow(/not in the Free tier/);
  });

  test("rotation keeps the chosen scopes", async () => {
    const w = await world("pro");
    const created = await w.create({ tier: "pro", permissions: ["search"] });
    const rotated = await w.owner.client.mutation(api.apiKeys.mutations.rotate, { keyId: created.apiKeyId });
    expect(rotated.key.permissions).toEqual(["search"]);
    expect((await w.get("/api/v1/contents", { key: rotated.apiKey })).status).toBe(403);
  });
});

describe("expiry choices", () => {
  test.each([7, 30, 90, 365])("the %i-day preset sets the expiry that many days ahead", async (days) => {
    const w = await world();
    const now = Date.now();
    const created = await w.create({ tier: "pro", expiresInDays: days });
    expect(created.key.expiresAt! - now).toBeGreaterThanOrEqual(days * DAY - 1000);
    expect(created.key.expiresAt! - now).toBeLessThanOrEqual(days * DAY + 5000);
  });

  test("a custom date within the range is the key's expiry, and the key stops working after it", async () => {
    vi.useFakeTimers();
    const w = await world();
    const at = Date.now() + 10 * DAY + 5 * HOUR;
    const created = await w.create({ tier: "pro", expiresAt: at });
    expect(Math.abs(created.key.expiresAt! - at)).toBeLessThan(2000);
    expect((await w.get("/api/v1/me", { key: created.apiKey })).status).toBe(200);
    vi.setSystemTime(at + 5000);
    const late = await w.get("/api/v1/me", { key: created.apiKey });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("key_expired");
  });

  test.each([
    { name: "in the past", at: () => Date.now() - DAY, error: /in the past/ },
    { name: "now", at: () => Date.now(), error: /in the past/ },
    { name: "sooner than a day", at: () => Date.now() + 2 * HOUR, error: /at least 1 day/ },
    { name: "beyond the maximum", at: () => Date.now() + 366 * DAY, error: /at most 365 days/ },
    { name: "not a date", at: () => Number.NaN, error: /not a valid date/ },
  ])("a custom date $name is refused as invalid_argument and nothing is created", async ({ at, error }) => {
    const w = await world();
    const before = (await w.owner.client.query(api.apiKeys.queries.list, {})).length;
    const refusal = await w.create({ tier: "pro", expiresAt: at() }).then(
      () => null,
      (e: { data?: { kind?: string; message?: string } }) => e.data,
    );
    expect(refusal).toMatchObject({ kind: "invalid_argument", message: expect.stringMatching(error) });
    expect(await w.owner.client.query(api.apiKeys.queries.list, {})).toHaveLength(before);
  });

  test("days and a date together are refused", async () => {
    const w = await world();
    await expect(w.create({ tier: "pro", expiresInDays: 7, expiresAt: Date.now() + 7 * DAY })).rejects.toThrow(/not both/);
  });

  test("preset days outside 1..365 or fractional are refused", async () => {
    const w = await world();
    for (const days of [0, 366, 1.5, -7]) {
      await expect(w.create({ tier: "pro", expiresInDays: days })).rejects.toThrow(/whole number of days from 1 to 365/);
    }
  });

  test("never is refused for free and pro keys", async () => {
    const w = await world();
    await expect(w.create({ tier: "pro", expiresAt: null })).rejects.toThrow(/Pro keys must expire/);
    await expect(w.create({ tier: "free", expiresAt: null })).rejects.toThrow(/Free keys must expire/);
  });

  test("an enterprise key may never expire: it has no expiry and still works two years later", async () => {
    vi.useFakeTimers();
    const w = await world();
    const created = await w.create({ tier: "enterprise", expiresAt: null });
    expect(created.key.expiresAt).toBeNull();
    expect((await w.get("/api/v1/me", { key: created.apiKey })).body.data.expiresAt).toBeNull();
    vi.setSystemTime(Date.now() + 730 * DAY);
    expect((await w.get("/api/v1/contents?limit=1", { key: created.apiKey })).status).toBe(200);
  });

  test("the audit trail records a never-expiring key as never expiring (not Better Auth's interim 30 days)", async () => {
    const w = await world();
    const created = await w.create({ tier: "enterprise", expiresAt: null });
    const event = await w.t.run(async (ctx) =>
      (await ctx.db.query("securityEvents").collect()).find((e) => e.type === "api_key_created" && e.apiKeyId === created.apiKeyId),
    );
    expect(JSON.parse(event!.details)).toMatchObject({ subscriptionTier: "enterprise", expiresAt: null });
  });

  test("rotating a never-expiring key gives a never-expiring key", async () => {
    const w = await world();
    const created = await w.create({ tier: "enterprise", expiresAt: null });
    const rotated = await w.owner.client.mutation(api.apiKeys.mutations.rotate, { keyId: created.apiKeyId });
    expect(rotated.key.expiresAt).toBeNull();
  });

  test("a never-expiring key moved to a tier whose keys must expire gets the default 30 days", async () => {
    const w = await world();
    const created = await w.create({ tier: "enterprise", expiresAt: null });
    const moved = await w.owner.client.mutation(api.apiKeys.tierChange.changeTier, { keyId: created.apiKeyId, tier: "pro" });
    expect(moved.expiresAt! - Date.now()).toBeGreaterThan(29 * DAY);
    expect(moved.expiresAt! - Date.now()).toBeLessThanOrEqual(30 * DAY);
  });
});
