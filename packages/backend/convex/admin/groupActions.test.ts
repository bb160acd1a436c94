// Group actions from an alert: the keys it names, and revoking several with one call and one
// audit entry per key.
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newTest, signUp, signUpAdmin } from "../test/setup";
import { keyIdsInAlert, MAX_GROUP_KEYS } from "./groupActions";
import { statusNow } from "../test/clockViews";

describe("keyIdsInAlert", () => {
  test("collects the alert's key and the keys its evidence names, once each", () => {
    expect(keyIdsInAlert("k1", JSON.stringify({ apiKeyIds: ["k2", "k1"], accounts: [{ apiKeyId: "k3", userId: "u" }, "k4"], keys: [42] }))).toEqual(["k1", "k2", "k3", "k4"]);
    expect(keyIdsInAlert("k1", "not json")).toEqual(["k1"]);
    expect(keyIdsInAlert("k1", JSON.stringify({ keyIds: Array.from({ length: 80 }, (_, i) => `x${i}`) }))).toHaveLength(MAX_GROUP_KEYS);
  });
});

async function world() {
  const t = newTest();
  const admin = await signUpAdmin(t);
  const a = await signUp(t, "a@example.com");
  const b = await signUp(t, "b@example.com");
  const ka = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: a.userId, name: "farm a", subscriptionTier: "free" });
  const kb = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: b.userId, name: "farm b", subscriptionTier: "free" });
  const kc = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: b.userId, name: "farm c", subscriptionTier: "free" });
  const ids = [ka.apiKeyId!, kb.apiKeyId!, kc.apiKeyId!];
  const alertId = await t.run((ctx) =>
    ctx.db.insert("scrapingAlerts", {
      apiKeyId: ids[0], userId: a.userId, alertType: "api_key_sharing", severity: "warning",
      details: JSON.stringify({ summary: "3 accounts act as one client", accounts: [{ apiKeyId: ids[1] }, { apiKeyId: ids[2] }, { apiKeyId: "gone-key" }] }),
      resolved: false, createdAt: Date.now(),
    }),
  );
  return { t, admin, ids, alertId, keys: [ka.apiKey!, kb.apiKey!, kc.apiKey!] };
}

describe("group revoke", () => {
  test("lists the keys an alert names with owner and status", async () => {
    const { admin, ids, alertId } = await world();
    const keys = await admin.client.query(api.admin.groupActions.alertKeys, { alertId });
    expect(keys.map((k) => [k.id, k.name, k.ownerEmail, statusNow(k)])).toEqual([
      [ids[0], "farm a", "a@example.com", "active"],
      [ids[1], "farm b", "b@example.com", "active"],
      [ids[2], "farm c", "b@example.com", "active"],
    ]);
  });

  test("revokes the keys in one call, one audit entry per key, skipping revoked and unknown ones", async () => {
    const { t, admin, ids, alertId, keys } = await world();
    await admin.client.mutation(api.admin.keys.revoke, { keyId: ids[2], reason: "earlier" });
    const result = await admin.client.mutation(api.admin.groupActions.revokeKeys, { keyIds: [...ids, "gone-key", ids[0]], reason: "Account farm", alertId });
    expect(result.revoked).toEqual([ids[0], ids[1]]);
    expect(result.skipped).toEqual([{ id: ids[2], why: "already_revoked" }, { id: "gone-key", why: "not_found" }]);
    const events = await t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "api_key_revoked")).collect());
    const group = events.filter((e) => JSON.parse(e.details).reason === "Account farm");
    expect(group.map((e) => e.apiKeyId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(group.every((e) => JSON.parse(e.details).alertId === alertId && e.actor === admin.userId)).toBe(true);
    for (const key of keys.slice(0, 2)) {
      const res = await t.fetch("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(403);
    }
  });

  test("refuses an empty group and more than the limit, changing nothing", async () => {
    const { admin, ids } = await world();
    await expect(admin.client.mutation(api.admin.groupActions.revokeKeys, { keyIds: [], reason: "x" })).rejects.toThrow(/at least one/);
    const tooMany = [ids[0], ...Array.from({ length: MAX_GROUP_KEYS }, (_, i) => `k${i}`)];
    await expect(admin.client.mutation(api.admin.groupActions.revokeKeys, { keyIds: tooMany, reason: "x" })).rejects.toThrow(/At most/);
    const keys = await admin.client.query(api.admin.search.keys, { paginationOpts: { numItems: 10, cursor: null }, status: "revoked" });
    expect(keys.page).toEqual([]);
  });
});
