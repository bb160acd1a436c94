// @vitest-environment node
/**
 * Admin webhooks end to end: a real HTTP receiver on 127.0.0.1 (Node's http server, hence the
 * node environment), the real workpool component driving retries under fake time, signatures
 * checked with the documented verification, the delivery log, and monitoring's calls.
 * Real timers: fake ones would also fire fetch's own connect timeouts while a request is in flight.
 * ADMIN_WEBHOOK_BACKOFF_MS keeps the 7-attempt retry budget to about a second.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newTest, signUpAdmin, type TestConvex } from "../test/setup";
import { apiWorld } from "../test/world";
import { notifyAdmins } from "./notify";
import { WEBHOOK_MAX_ATTEMPTS } from "./pool";
import {
  checkWebhookUrl,
  generateWebhookSecret,
  verifyWebhookSignature,
  webhookSignatureHeader,
} from "./webhookSignature";

type Received = { headers: Record<string, string | string[] | undefined>; body: string; at: number };

/** A local receiver answering each request with the next status of `statuses` (then the last one). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/nak`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const closers: Array<() => Promise<void>> = [];
beforeEach(() => {
  vi.stubEnv("ADMIN_WEBHOOK_BACKOFF_MS", "20");
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function insertAlert(t: TestConvex, severity: "warning" | "critical" = "critical") {
  return await t.run(async (ctx) =>
    ctx.db.insert("scrapingAlerts", {
      apiKeyId: "k1", userId: "u1", alertType: "bulk_access", severity,
      details: JSON.stringify({ summary: "Fetched 80% of the catalogue in an hour" }), resolved: false, createdAt: Date.now(),
    }),
  );
}

async function setUp(statuses: number[]) {
  const t = newTest();
  const admin = await signUpAdmin(t);
  const hook = await receiver(statuses);
  closers.push(hook.close);
  const { secret } = await admin.client.mutation(api.notifications.admin.configure, { url: hook.url, enabled: true, minSeverity: "warning" });
  return { t, admin, hook, secret: secret! };
}

const deliveriesOf = (t: TestConvex) => t.run((ctx) => ctx.db.query("webhookDeliveries").collect());

/** Waits (real time) until every delivery is delivered or failed, i.e. the workpool is done. */
async function settled(t: TestConvex, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await deliveriesOf(t);
    if (rows.length > 0 && rows.every((d) => d.status !== "pending")) return rows;
    if (Date.now() > deadline) throw new Error(`deliveries not settled: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("webhook signature (pure)", () => {
  test("verifies what it signs, and refuses a changed body, another secret or an old timestamp", async () => {
    const secret = generateWebhookSecret();
    const now = Date.UTC(2026, 11, 1);
    const header = await webhookSignatureHeader(secret, '{"a":1}', now / 1000);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await verifyWebhookSignature(secret, '{"a":1}', header, now)).toEqual({ ok: true });
    expect(await verifyWebhookSignature(secret, '{"a":2}', header, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(await verifyWebhookSignature(generateWebhookSecret(), '{"a":1}', header, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(await verifyWebhookSignature(secret, '{"a":1}', header, now + 6 * 60_000)).toEqual({ ok: false, reason: "stale" });
    expect(await verifyWebhookSignature(secret, '{"a":1}', "v1=abc", now)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyWebhookSignature(secret, '{"a":1}', null, now)).toEqual({ ok: false, reason: "missing" });
  });

  test("accepts https URLs and http only for the local machine", () => {
    expect(checkWebhookUrl("https://hooks.example.com/x").ok).toBe(true);
    expect(checkWebhookUrl("http://127.0.0.1:8080/x").ok).toBe(true);
    expect(checkWebhookUrl("http://hooks.example.com/x").ok).toBe(false);
    expect(checkWebhookUrl("ftp://hooks.example.com/x").ok).toBe(false);
    expect(checkWebhookUrl("https://user:pw@hooks.example.com/x").ok).toBe(false);
    expect(checkWebhookUrl("not a url").ok).toBe(false);
  });
});

describe("admin webhook delivery", () => {
  test("delivers a signed alert.created to a local receiver, retrying after a failure", async () => {
    const { t, admin, hook, secret } = await setUp([500, 200]);
    const alertId = await insertAlert(t);
    await t.run((ctx) => notifyAdmins(ctx, { type: "alert.created", alertId }));
    await settled(t);

    expect(hook.received).toHaveLength(2);
    const [first, second] = hook.received;
    expect(second.body).toBe(first.body);
    expect(second.headers["nak-webhook-id"]).toBe(first.headers["nak-webhook-id"]);
    for (const request of hook.received) {
      expect(request.headers["nak-webhook-event"]).toBe("alert.created");
      expect(await verifyWebhookSignature(secret, request.body, request.headers["nak-webhook-signature"] as string, request.at)).toEqual({ ok: true });
    }
    const event = JSON.parse(second.body);
    expect(event).toMatchObject({ type: "alert.created", data: { alertId, severity: "critical", alertType: "bulk_access", summary: "Fetched 80% of the catalogue in an hour" } });
    expect(event.id).toBe(first.headers["nak-webhook-id"]);

    const log = await admin.client.query(api.notifications.admin.deliveries, { paginationOpts: { numItems: 10, cursor: null } });
    expect(log.page).toHaveLength(1);
    expect(log.page[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, eventType: "alert.created", url: hook.url });
  });

  test("gives up after the retry budget when the receiver keeps failing, and logs it as failed", async () => {
    const { t, admin, hook } = await setUp([503]);
    await t.run((ctx) => notifyAdmins(ctx, { type: "key.auto_revoked", apiKeyId: "k-gone", reason: "Automatic: trap article" }));
    await settled(t);
    expect(hook.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    const failed = await admin.client.query(api.notifications.admin.deliveries, { paginationOpts: { numItems: 10, cursor: null }, status: "failed" });
    expect(failed.page[0]).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 503 });
  });

  test("does not retry a receiver that refuses the delivery with a 4xx", async () => {
    const { t, hook } = await setUp([401]);
    await t.run(async (ctx) => notifyAdmins(ctx, { type: "webhook.test", requestedBy: "me" }));
    await settled(t);
    expect(hook.received).toHaveLength(1);
    expect((await deliveriesOf(t))[0]).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 401 });
  });

  test("a network failure is retried like a 5xx", async () => {
    const { t, hook } = await setUp([200]);
    await hook.close();
    closers.length = 0;
    // Nothing listens there now: every attempt fails to connect.
    await t.run((ctx) => notifyAdmins(ctx, { type: "webhook.test", requestedBy: "me" }));
    await settled(t);
    const [delivery] = await deliveriesOf(t);
    expect(delivery).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS });
    expect(delivery.lastStatusCode).toBeUndefined();
    expect(delivery.lastError).toMatch(/fetch failed|ECONNREFUSED/);
  });

  test("sends nothing and logs nothing when no webhook is configured", async () => {
    const t = newTest();
    const alertId = await insertAlert(t);
    expect(await t.run((ctx) => notifyAdmins(ctx, { type: "alert.created", alertId }))).toBeNull();
    expect(await deliveriesOf(t)).toEqual([]);
  });

  test("alerts below the minimum severity are not sent; revocations always are", async () => {
    const { t, admin, hook } = await setUp([200]);
    await admin.client.mutation(api.notifications.admin.configure, { url: hook.url, enabled: true, minSeverity: "critical" });
    const warning = await insertAlert(t, "warning");
    expect(await t.run((ctx) => notifyAdmins(ctx, { type: "alert.created", alertId: warning }))).toBeNull();
    expect(await t.run((ctx) => notifyAdmins(ctx, { type: "key.auto_revoked", apiKeyId: "k1", reason: "r" }))).not.toBeNull();
    expect((await settled(t)).map((d) => d.eventType)).toEqual(["key.auto_revoked"]);
  });

  test("a switched-off webhook sends nothing, even with env vars set", async () => {
    vi.stubEnv("ADMIN_WEBHOOK_URL", "https://hooks.example.com/env");
    vi.stubEnv("ADMIN_WEBHOOK_SECRET", "env-secret-0123456789");
    const { t, admin, hook } = await setUp([200]);
    await admin.client.mutation(api.notifications.admin.configure, { url: hook.url, enabled: false, minSeverity: "warning" });
    expect(await t.run((ctx) => notifyAdmins(ctx, { type: "webhook.test", requestedBy: "me" }))).toBeNull();
    await expect(admin.client.mutation(api.notifications.admin.sendTest, {})).rejects.toThrow(/No webhook/);
  });

  test("the env vars configure the webhook when no admin setting exists, signed with ADMIN_WEBHOOK_SECRET", async () => {
    const hook = await receiver([200]);
    closers.push(hook.close);
    vi.stubEnv("ADMIN_WEBHOOK_URL", hook.url);
    vi.stubEnv("ADMIN_WEBHOOK_SECRET", "env-secret-0123456789");
    const t = newTest();
    const admin = await signUpAdmin(t);
    expect(await admin.client.query(api.notifications.admin.settings, {})).toMatchObject({ source: "env", activeUrl: hook.url, envConfigured: true, hasSecret: false });
    await admin.client.mutation(api.notifications.admin.sendTest, {});
    await settled(t);
    expect(hook.received).toHaveLength(1);
    const request = hook.received[0];
    expect(await verifyWebhookSignature("env-secret-0123456789", request.body, request.headers["nak-webhook-signature"] as string, request.at)).toEqual({ ok: true });
  });

  test("the secret is shown once, stored encrypted, rotated on request, and the change audited", async () => {
    const { t, admin, hook, secret } = await setUp([200]);
    const row = await t.run(async (ctx) => (await ctx.db.query("notificationSettings").first())!);
    expect(JSON.stringify(row)).not.toContain(secret);
    const again = await admin.client.mutation(api.notifications.admin.configure, { url: hook.url, enabled: true, minSeverity: "warning" });
    expect(again.secret).toBeNull();
    const rotated = await admin.client.mutation(api.notifications.admin.configure, { url: hook.url, enabled: true, minSeverity: "warning", rotateSecret: true });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    const settings = await admin.client.query(api.notifications.admin.settings, {});
    expect(settings).toMatchObject({ source: "setting", activeUrl: hook.url, hasSecret: true });
    expect(JSON.stringify(settings)).not.toContain("whsec_");
    const audit = await t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "admin_webhook_changed")).collect());
    expect(audit).toHaveLength(3);
    expect(audit.every((e) => !e.details.includes("whsec_") && !e.details.includes("/hooks/nak"))).toBe(true);
  });

  test("refuses a non-https URL for a remote host", async () => {
    const t = newTest();
    const admin = await signUpAdmin(t);
    await expect(admin.client.mutation(api.notifications.admin.configure, { url: "http://hooks.example.com/x", enabled: true, minSeverity: "warning" })).rejects.toThrow(/https/);
    expect(await t.run((ctx) => ctx.db.query("notificationSettings").collect())).toEqual([]);
  });
});

describe("open critical alerts for the admin watcher", () => {
  test("counts open critical alerts only, newest first, with the key's name", async () => {
    const t = newTest();
    const admin = await signUpAdmin(t);
    const older = await insertAlert(t, "critical");
    await insertAlert(t, "warning");
    const resolved = await insertAlert(t, "critical");
    await t.run((ctx) => ctx.db.patch("scrapingAlerts", resolved, { resolved: true }));
    const newer = await t.run((ctx) =>
      ctx.db.insert("scrapingAlerts", { apiKeyId: "k2", userId: "u1", alertType: "ip_rotation", severity: "critical", details: "{}", resolved: false, createdAt: Date.now() + 1000 }),
    );
    const result = await admin.client.query(api.notifications.admin.openCritical, {});
    expect(result.count).toBe(2);
    expect(result.capped).toBe(false);
    expect(result.recent.map((a) => a._id)).toEqual([newer, older]);
    expect(result.recent[0]).toMatchObject({ alertType: "ip_rotation", keyName: null });
  });
});

describe("monitoring notifies admins", () => {
  test("a critical alert sends alert.created and key.auto_revoked for the revoked key", async () => {
    const w = await apiWorld();
    const admin = await signUpAdmin(w.t);
    const hook = await receiver([200]);
    closers.push(hook.close);
    await admin.client.mutation(api.notifications.admin.configure, { url: hook.url, enabled: true, minSeverity: "warning" });
    const res = await w.get(`/api/v1/contents/${w.traps[0]}`, { key: w.keys.pro.key, ip: "203.0.113.9" });
    expect(res.status).toBe(200);
    await w.t.mutation(internal.monitoring.detection.detectKey, { apiKeyId: w.keys.pro.id });
    await settled(w.t);
    const types = hook.received.map((r) => r.headers["nak-webhook-event"]);
    expect(types).toContain("alert.created");
    expect(types).toContain("key.auto_revoked");
    const revoked = JSON.parse(hook.received.find((r) => r.headers["nak-webhook-event"] === "key.auto_revoked")!.body);
    expect(revoked.data).toMatchObject({ apiKeyId: w.keys.pro.id, keyName: "pro key" });
    expect(revoked.data.reason).toMatch(/^Automatic: /);
  });
});
