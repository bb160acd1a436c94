// The customer's key mutations (apiKeys/mutations.ts) answer with the key as it now is, and fill
// in what the customer left out: a revocation without a reason says who revoked it, a long reason
// is cut to its limit, and a rotation without a grace period ends the old key at once.
import { describe, expect, test } from "vitest";
import { ConvexError } from "convex/values";
import { api } from "../_generated/api";
import { MAX_REASON_LENGTH } from "../shared/keyLimits";
import { apiWorld } from "../test/world";
import { statusNow } from "../test/clockViews";

describe("revoking one's own key", () => {
  test("without a reason records that its owner revoked it; a reason is trimmed and cut to its limit", async () => {
    const w = await apiWorld({ articles: 1 });
    const blank = await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.free.id, reason: "   " });
    expect(blank).toMatchObject({ id: w.keys.free.id, revokedReason: "Revoked by owner" });
    expect(statusNow(blank)).toBe("revoked");
    const long = await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.pro.id, reason: `  ${"x".repeat(MAX_REASON_LENGTH + 40)}  ` });
    expect(long.revokedReason).toBe("x".repeat(MAX_REASON_LENGTH));
  });
});

describe("the answers of the key mutations", () => {
  test("rename answers with the new name; signing on and off answer with the key's signing state", async () => {
    const w = await apiWorld({ articles: 1 });
    expect(await w.owner.client.mutation(api.apiKeys.mutations.rename, { keyId: w.keys.pro.id, name: "Billing backend" })).toMatchObject({
      id: w.keys.pro.id,
      name: "Billing backend",
    });
    const on = await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
    expect(on.signingSecret).toMatch(/^nak_ss_/);
    expect(on.key).toMatchObject({ id: w.keys.pro.id, hasSigningSecret: true });
    expect(await w.owner.client.mutation(api.apiKeys.mutations.disableRequestSigning, { keyId: w.keys.pro.id })).toMatchObject({
      id: w.keys.pro.id,
      hasSigningSecret: false,
    });
  });

  test("a rotation without a grace period ends the old key at once and answers with the new key", async () => {
    const w = await apiWorld({ articles: 1 });
    const rotated = await w.owner.client.mutation(api.apiKeys.mutations.rotate, { keyId: w.keys.pro.id });
    expect(rotated.key).toMatchObject({ id: rotated.apiKeyId, name: "pro key", tier: "pro" });
    expect(statusNow(rotated.key)).toBe("active");
    expect(statusNow(await w.owner.client.query(api.apiKeys.queries.get, { keyId: w.keys.pro.id }))).toBe("revoked");
    expect((await w.get("/api/v1/contents", { key: w.keys.pro.key })).status).toBe(403);
    expect((await w.get("/api/v1/contents", { key: rotated.apiKey })).status).toBe(200);
  });
});

describe("creating a key", () => {
  test("refuses a tier outside the plan as forbidden, and two expiries as an invalid argument", async () => {
    const w = await apiWorld({ articles: 1 });
    const kindOf = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof ConvexError ? (e.data as { kind: string }).kind : String(e)));
    expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.create, { name: "x", tier: "pro" }))).toBe("forbidden");
    expect(
      await kindOf(w.owner.client.mutation(api.apiKeys.mutations.create, { name: "x", tier: "free", expiresInDays: 7, expiresAt: Date.now() + 7 * 86_400_000 })),
    ).toBe("invalid_argument");
  });
});

describe("the customer's budgets", () => {
  test("list each limited tier of the plan with its stored budget, and never the unlimited tier", async () => {
    const w = await apiWorld({ articles: 1 });
    await w.t.run(async (ctx) => {
      const profile = (await ctx.db.query("profiles").collect()).find((p) => p.authUserId === w.owner.userId)!;
      await ctx.db.patch("profiles", profile._id, { plan: "enterprise" });
    });
    expect(await w.owner.client.query(api.apiKeys.queries.budgets, {})).toEqual([
      { tier: "free", budget: null },
      { tier: "pro", budget: null },
    ]);
    await w.get("/api/v1/contents", { key: w.keys.pro.key });
    await w.get("/api/v1/contents", { key: w.keys.enterprise.key });
    const [free, pro, ...rest] = await w.owner.client.query(api.apiKeys.queries.budgets, {});
    expect(free).toEqual({ tier: "free", budget: null });
    expect(pro).toEqual({ tier: "pro", budget: { value: expect.any(Number), ts: expect.any(Number) } });
    expect(rest).toEqual([]);
  });
});
