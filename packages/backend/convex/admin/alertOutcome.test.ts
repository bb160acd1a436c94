// Unbanning from an alert resolves the alert; the alert page learns who resolved it and why.
import { expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newTest, signUp, signUpAdmin } from "../test/setup";
import { statusNow } from "../test/clockViews";

async function revokedByAlert() {
  const t = newTest();
  const admin = await signUpAdmin(t);
  const owner = await signUp(t, "owner@example.com");
  const created = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: owner.userId, name: "scraper", subscriptionTier: "free" });
  await admin.client.mutation(api.admin.keys.revoke, { keyId: created.apiKeyId!, reason: "sequential walk" });
  const alertId = await t.run((ctx) =>
    ctx.db.insert("scrapingAlerts", { apiKeyId: created.apiKeyId!, userId: owner.userId, alertType: "sequential_access", severity: "critical", details: "{}", resolved: false, createdAt: Date.now() }),
  );
  return { t, admin, owner, keyId: created.apiKeyId!, alertId };
}

test("unbanning from an alert re-enables the key and resolves the alert, with the admin's note", async () => {
  const { admin, owner, keyId, alertId } = await revokedByAlert();
  expect(await admin.client.query(api.admin.alertOutcome.resolution, { alertId })).toBeNull();
  await admin.client.mutation(api.admin.alertOutcome.unbanAndResolve, { alertId, note: "benign: a partner's sync job" });
  expect(statusNow(await owner.client.query(api.apiKeys.queries.get, { keyId }))).toBe("active");
  const alert = await admin.client.query(api.admin.alerts.get, { alertId });
  expect(alert.alert.resolved).toBe(true);
  expect(await admin.client.query(api.admin.alertOutcome.resolution, { alertId })).toMatchObject({
    byEmail: "admin@example.com",
    note: "benign: a partner's sync job",
  });
});

test("a key that is not revoked cannot be unbanned, and the alert stays open", async () => {
  const { admin, keyId, alertId } = await revokedByAlert();
  await admin.client.mutation(api.admin.keys.unban, { keyId });
  await expect(admin.client.mutation(api.admin.alertOutcome.unbanAndResolve, { alertId })).rejects.toThrow(/not revoked/);
  expect((await admin.client.query(api.admin.alerts.get, { alertId })).alert.resolved).toBe(false);
});
