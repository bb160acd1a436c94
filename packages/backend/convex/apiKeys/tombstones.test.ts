// Attacks on the evidence (issue #11, finding 4): deleting a key must not erase what it did.
import { afterEach, describe, expect, test, vi } from "vitest";
import { ConvexError } from "convex/values";
import { api } from "../_generated/api";
import { createAuth } from "../auth";
import { apiWorld, leakScene, type World } from "../test/world";
import { signUpAdmin, WEB_ORIGIN } from "../test/setup";
import { DAY } from "../lib/time";
import { getKey } from "./keyRows";
import { revokeKey } from "./lifecycle";
import { recordStatusNow, statusNow } from "../test/clockViews";

afterEach(() => vi.useRealTimers());

async function kindOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof ConvexError ? (error.data as { kind: string }).kind : String(error);
  }
}

/** A customer whose pro key fetched an article, and an admin; the leak is 1,200 characters of it. */
async function leakWorld() {
  const { w, admin, served } = await leakScene();
  return { w, admin, leakedText: served.slice(0, 1200) };
}

/** What detection does on a critical finding: a critical alert, and the key revoked by the system. */
async function autoRevoke(w: World, keyId: string) {
  await w.t.run(async (ctx) => {
    await ctx.db.insert("scrapingAlerts", {
      apiKeyId: keyId, userId: w.owner.userId, alertType: "bulk_access", severity: "critical",
      details: "{}", resolved: false, createdAt: Date.now(),
    });
    await revokeKey(ctx, (await getKey(ctx, keyId))!, "Automatic: bulk access", "system", { alertType: "bulk_access" });
  });
}

describe("evidence outlives the key", () => {
  test("a leak traces to a key its owner deleted, naming the key and the owner", async () => {
    const { w, admin, leakedText } = await leakWorld();
    await w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: w.keys.pro.id });
    const trace = await admin.client.query(api.admin.leaks.trace, { text: leakedText });
    expect(trace).toMatchObject({
      found: true,
      apiKeyId: w.keys.pro.id,
      key: null,
      record: { id: w.keys.pro.id, name: "pro key", tier: "pro", ownerId: w.owner.userId },
      owner: { email: "owner@example.com" },
    });
    expect(trace.found && recordStatusNow(trace.record)).toBe("deleted");
    const recorded = await admin.client.mutation(api.admin.leaks.record, { text: leakedText, foundOn: "pastebin.example", reportedBy: "manual", revoke: true });
    const leaks = await admin.client.query(api.admin.leaks.list, { paginationOpts: { numItems: 5, cursor: null } });
    expect(leaks.page.find((l) => l._id === recorded.leakId)).toMatchObject({ keyName: "pro key", ownerEmail: "owner@example.com" });
  });

  test("Better Auth's clean-up of an expired key leaves a tombstone with the watermark code", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12));
    const { w, leakedText } = await leakWorld();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12) + 31 * DAY);
    const admin = await signUpAdmin(w.t, "later-admin@example.com");
    await w.t.run(async (ctx) => {
      // Better Auth deletes an expired key when it is presented to its own verifier.
      await createAuth(ctx).api.verifyApiKey({ body: { key: w.keys.pro.key } });
    });
    expect(await w.t.run((ctx) => getKey(ctx, w.keys.pro.id))).toBeNull();
    const tombstone = await w.t.run((ctx) => ctx.db.query("apiKeyTombstones").withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", w.keys.pro.id)).unique());
    expect(tombstone).toMatchObject({ userId: w.owner.userId, name: "pro key", tier: "pro", deletedBy: "better-auth", watermarkCode: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const traced = await admin.client.query(api.admin.leaks.trace, { text: leakedText });
    expect(traced).toMatchObject({ found: true, record: { name: "pro key" } });
    expect(traced.found && recordStatusNow(traced.record)).toBe("deleted");
  });

  test("after an automatic revocation the customer can neither make a new key nor delete the banned one", async () => {
    const w = await apiWorld({ articles: 5 });
    const admin = await signUpAdmin(w.t);
    await autoRevoke(w, w.keys.pro.id);
    expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.create, { name: "fresh", tier: "free" }))).toBe("account_restricted");
    const viaRoute = await w.t.fetch("/api/auth/api-key/create", {
      method: "POST",
      headers: { origin: WEB_ORIGIN, authorization: `Bearer ${w.owner.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "around the app" }),
    });
    expect(viaRoute.status).toBe(403);
    expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: w.keys.pro.id }))).toBe("forbidden");
    const alerts = await admin.client.query(api.admin.alerts.list, { paginationOpts: { numItems: 5, cursor: null }, resolved: false });
    expect(alerts.page[0]).toMatchObject({ keyName: "pro key", ownerEmail: "owner@example.com" });
    expect(recordStatusNow(alerts.page[0]!.keyState!)).toBe("revoked");
    // Once support resolves the alert, the customer may create keys again.
    await admin.client.mutation(api.admin.alerts.resolve, { alertId: alerts.page[0]._id });
    expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.create, { name: "fresh", tier: "free" }))).toBe("ok");
  });

  test("alerts keep naming a key deleted by any path", async () => {
    const w = await apiWorld({ articles: 5 });
    const admin = await signUpAdmin(w.t);
    await w.t.run((ctx) =>
      ctx.db.insert("scrapingAlerts", {
        apiKeyId: w.keys.free.id, userId: w.owner.userId, alertType: "bulk_access", severity: "warning",
        details: "{}", resolved: false, createdAt: Date.now(),
      }),
    );
    await w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: w.keys.free.id });
    const alerts = await admin.client.query(api.admin.alerts.list, { paginationOpts: { numItems: 5, cursor: null } });
    expect(alerts.page[0]).toMatchObject({ keyName: "free key", ownerEmail: "owner@example.com" });
    expect(recordStatusNow(alerts.page[0]!.keyState!)).toBe("deleted");
  });

  test("admins unban only admin or system revocations, never a customer's own", async () => {
    const w = await apiWorld({ articles: 5 });
    const admin = await signUpAdmin(w.t);
    await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.free.id, reason: "I leaked it" });
    expect(await kindOf(admin.client.mutation(api.admin.keys.unban, { keyId: w.keys.free.id }))).toBe("forbidden");
    await autoRevoke(w, w.keys.pro.id);
    expect(await kindOf(admin.client.mutation(api.admin.keys.unban, { keyId: w.keys.pro.id }))).toBe("ok");
    await admin.client.mutation(api.admin.keys.revoke, { keyId: w.keys.enterprise.id, reason: "abuse" });
    const view = await w.owner.client.query(api.apiKeys.queries.get, { keyId: w.keys.enterprise.id });
    expect(view).toMatchObject({ enabled: false, revokedBy: "admin" });
    expect(statusNow(view)).toBe("revoked");
    expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: w.keys.enterprise.id }))).toBe("forbidden");
    expect(await kindOf(admin.client.mutation(api.admin.keys.unban, { keyId: w.keys.enterprise.id }))).toBe("ok");
  });
});
