/**
 * Detection end to end: synthetic traffic through the real HTTP routes under fake time, the
 * detection scan and per-key runs as the cron would run them, alerts, automatic revocation,
 * unban, leak tracing and retention.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, components, internal } from "../_generated/api";
import { apiWorld, type World } from "../test/world";
import { signUpAdmin } from "../test/setup";
import { DAY, MINUTE, SECOND } from "../lib/time";
import type { Tier } from "../shared/tiers";
import type { AlertType } from "../shared/validators";
import {
  bulkScraper,
  catalogueFromSlugs,
  ipRotator,
  mobileUser,
  ordinaryReader,
  searchHeavyUser,
  sequentialScraper,
  sharedKey,
  steadyProBackend,
  TRAFFIC_START,
  trapProber,
  velocityAbuser,
  type SimulatedRequest,
} from "../../test/traffic";
import { SCAN_LAG_MS } from "./detection";
import { RETENTION_BATCH_ROWS } from "./retention";
import { hourNow, recordStatusNow, statusNow } from "../test/clockViews";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(TRAFFIC_START - DAY);
});
afterEach(() => vi.useRealTimers());

async function runDetection(w: World, at: number) {
  vi.setSystemTime(at);
  await w.t.mutation(internal.monitoring.detection.scan, {});
  await w.t.finishAllScheduledFunctions(vi.runAllTimers);
}

function pathOf(r: SimulatedRequest) {
  if (r.action === "get") return `/api/v1/contents/${r.slug}`;
  if (r.action === "search") return `/api/v1/search?q=${encodeURIComponent(r.query ?? "city")}`;
  return "/api/v1/contents?limit=20";
}

/** Sends the traffic with one key, running detection every `scanEvery` of simulated time. */
async function drive(w: World, tier: Tier, traffic: SimulatedRequest[], scanEvery = MINUTE) {
  let nextScan = traffic[0].at + scanEvery;
  const statuses: number[] = [];
  for (const r of traffic) {
    while (r.at >= nextScan) {
      await runDetection(w, nextScan);
      nextScan += scanEvery;
    }
    vi.setSystemTime(r.at);
    const res = await w.get(pathOf(r), { key: w.keys[tier].key, headers: { "x-forwarded-for": r.ip, "user-agent": r.userAgent } });
    statuses.push(res.status);
  }
  await runDetection(w, traffic[traffic.length - 1].at + SCAN_LAG_MS + SECOND);
  return statuses;
}

async function alertsOf(w: World, tier: Tier) {
  return await w.t.run((ctx) =>
    ctx.db.query("scrapingAlerts").withIndex("by_apiKeyId_and_createdAt", (q) => q.eq("apiKeyId", w.keys[tier].id)).collect(),
  );
}

async function keyStatusOf(w: World, tier: Tier) {
  const view = await w.owner.client.query(api.apiKeys.queries.get, { keyId: w.keys[tier].id });
  return { ...view, status: statusNow(view) };
}

const world = () => apiWorld({ articles: 200 });

describe("scrapers are caught through the real routes", () => {
  const cases: Array<[string, Tier, AlertType, (c: ReturnType<typeof catalogueFromSlugs>) => SimulatedRequest[]]> = [
    ["a sequential walk through the catalogue", "pro", "sequential_access", (catalogue) => sequentialScraper({ catalogue, count: 60 })],
    ["bulk coverage of the catalogue", "pro", "bulk_access", (catalogue) => bulkScraper({ catalogue, fraction: 0.5, perMinute: 60 })],
    ["a client hammering far over its limit", "pro", "velocity_exceeded", (catalogue) => velocityAbuser({ catalogue, perMinute: 320, minutes: 6 })],
    ["one key from many addresses", "enterprise", "ip_rotation", (catalogue) => ipRotator({ catalogue, requests: 120 })],
    ["one key used by several clients at once", "enterprise", "api_key_sharing", (catalogue) => sharedKey({ catalogue, clients: 7, minutes: 12 })],
  ];

  test.each(cases)("%s raises %s", async (_name, tier, expected, traffic) => {
    const w = await world();
    await drive(w, tier, traffic(catalogueFromSlugs(w.slugs, w.traps)));
    const alerts = await alertsOf(w, tier);
    expect(alerts.map((a) => a.alertType)).toContain(expected);
    const alert = alerts.find((a) => a.alertType === expected)!;
    const details = JSON.parse(alert.details);
    expect(details).toMatchObject({ summary: expect.any(String), thresholds: expect.any(Object), rowsExamined: expect.any(Number) });
    const events = await w.t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "scraping_alert")).collect());
    expect(events.length).toBeGreaterThanOrEqual(1);
    // 1,920 simulated requests (the velocity case) take ~27 s alone and overran 30 s under full-suite load.
  }, 120_000);

  test("a critical alert revokes the key, audits it, and the next request gets 403 key_revoked", async () => {
    const w = await world();
    const catalogue = catalogueFromSlugs(w.slugs, w.traps);
    await drive(w, "pro", sequentialScraper({ catalogue, count: 80 }));
    const alerts = await alertsOf(w, "pro");
    const critical = alerts.find((a) => a.severity === "critical");
    expect(critical).toBeDefined();
    expect(await keyStatusOf(w, "pro")).toMatchObject({ status: "revoked", revokedReason: expect.stringMatching(/^Automatic:/) });
    const revokedEvents = await w.t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "api_key_revoked")).collect());
    expect(revokedEvents).toHaveLength(1);
    expect(revokedEvents[0]).toMatchObject({ actor: "system", severity: "critical", apiKeyId: w.keys.pro.id });
    expect(JSON.parse(revokedEvents[0].details)).toMatchObject({ alertId: critical!._id, alertType: critical!.alertType });
    const next = await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.pro.key });
    expect(next).toMatchObject({ status: 403, body: { error: { code: "key_revoked" } } });
  });

  test("a fetch of an unlisted trap article is a critical signal on its own", async () => {
    const w = await world();
    await drive(w, "pro", trapProber({ catalogue: catalogueFromSlugs(w.slugs, w.traps) }));
    const alerts = await alertsOf(w, "pro");
    expect(alerts.some((a) => a.severity === "critical" && JSON.parse(a.details).trapSlugs?.length > 0)).toBe(true);
    expect((await keyStatusOf(w, "pro")).status).toBe("revoked");
  });

  test("alerts are deduplicated per key and type within the cooldown", async () => {
    const w = await world();
    const catalogue = catalogueFromSlugs(w.slugs, w.traps);
    // A slow walk stays a warning (not revoked), and detection runs many times over it.
    await drive(w, "enterprise", sequentialScraper({ catalogue, count: 30, perMinute: 3 }));
    const sequential = (await alertsOf(w, "enterprise")).filter((a) => a.alertType === "sequential_access");
    expect(sequential).toHaveLength(1);
    expect(sequential[0].severity).toBe("warning");
  });
});

describe("benign traffic is never flagged", () => {
  const benign: Array<[string, Tier, (c: ReturnType<typeof catalogueFromSlugs>) => SimulatedRequest[]]> = [
    ["an ordinary reader", "pro", (catalogue) => ordinaryReader({ catalogue })],
    ["a pro backend steadily at 80% of its limit on popular articles", "pro", (catalogue) => steadyProBackend({ catalogue, minutes: 20 })],
    ["a mobile user whose IP changes a few times a day", "free", (catalogue) => mobileUser({ catalogue, requests: 24 })],
    ["a search-heavy user", "pro", (catalogue) => searchHeavyUser({ catalogue, searches: 300, durationMs: 10 * 60 * MINUTE })],
  ];

  test.each(benign)("%s raises nothing and keeps its key", async (_name, tier, traffic) => {
    const w = await world();
    const statuses = await drive(w, tier, traffic(catalogueFromSlugs(w.slugs, w.traps)), 5 * MINUTE);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await alertsOf(w, tier)).toEqual([]);
    expect((await keyStatusOf(w, tier)).status).toBe("active");
    // The steady pro backend drives 20 minutes of traffic through the real request path (~20 s
    // alone, past the default 30 s while the whole suite shares 2 cores): a time budget, not a
    // timing assertion.
  }, 120_000);
});

describe("admin triage", () => {
  async function revokedScraper() {
    const w = await world();
    await drive(w, "pro", sequentialScraper({ catalogue: catalogueFromSlugs(w.slugs, w.traps), count: 80 }));
    const admin = await signUpAdmin(w.t);
    return { w, admin };
  }

  test("an admin sees the alert with its evidence, resolves it and unbans the key, each audited", async () => {
    const { w, admin } = await revokedScraper();
    const page = await admin.client.query(api.admin.alerts.list, { paginationOpts: { numItems: 10, cursor: null }, resolved: false });
    const alert = page.page.find((a) => a.severity === "critical")!;
    expect(alert).toMatchObject({ keyName: "pro key", ownerEmail: "owner@example.com" });
    expect(recordStatusNow(alert.keyState!)).toBe("revoked");
    const evidence = await admin.client.query(api.admin.alerts.get, { alertId: alert._id });
    expect(evidence.requests.length).toBeGreaterThan(20);
    expect(evidence.requests[0]).toMatchObject({ action: "get", ipAddress: expect.any(String) });

    await admin.client.mutation(api.admin.alerts.resolve, { alertId: alert._id, note: "confirmed scraper" });
    await admin.client.mutation(api.admin.keys.unban, { keyId: w.keys.pro.id, note: "customer fixed their crawler" });
    expect((await keyStatusOf(w, "pro")).status).toBe("active");
    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.pro.key })).status).toBe(200);
    const audit = await admin.client.query(api.admin.auditLog.list, { paginationOpts: { numItems: 50, cursor: null } });
    const types = audit.page.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["api_key_unbanned", "alert_resolved", "api_key_revoked", "scraping_alert"]));
    expect(audit.page.find((e) => e.type === "api_key_unbanned")!.actor).toBe(admin.userId);

    // Traffic from before the unban is not held against the key again.
    await runDetection(w, Date.now() + MINUTE);
    expect((await keyStatusOf(w, "pro")).status).toBe("active");
  });
});

describe("leak tracing", () => {
  test("pasted text names the key, its owner and the article; recording writes the leak and can revoke", async () => {
    const w = await world();
    const admin = await signUpAdmin(w.t);
    const article = await w.get(`/api/v1/contents/${w.slugs[7]}`, { key: w.keys.enterprise.key });
    const leaked = `Seen on a forum:\n\n${article.body.data.body.slice(200, 600)}\n\n(reposted)`;

    const traced = await admin.client.query(api.admin.leaks.trace, { text: leaked });
    expect(traced).toMatchObject({ found: true, apiKeyId: w.keys.enterprise.id, slug: w.slugs[7], owner: { email: "owner@example.com" } });

    const recorded = await admin.client.mutation(api.admin.leaks.record, { text: leaked, foundOn: "https://forum.example/t/1", reportedBy: "manual", revoke: true });
    expect(recorded).toMatchObject({ apiKeyId: w.keys.enterprise.id, slug: w.slugs[7], revoked: true });
    const leaks = await w.t.run((ctx) => ctx.db.query("contentLeaks").collect());
    expect(leaks).toMatchObject([{ apiKeyId: w.keys.enterprise.id, slug: w.slugs[7], foundOn: "https://forum.example/t/1", reportedBy: "manual", resolved: false }]);
    const events = await w.t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "content_leak")).collect());
    expect(events).toHaveLength(1);
    expect((await keyStatusOf(w, "enterprise")).status).toBe("revoked");
  });

  test("text without a watermark gives a clear answer and records nothing", async () => {
    const w = await world();
    const admin = await signUpAdmin(w.t);
    const plain = (await w.t.run((ctx) => ctx.db.query("articles").first()))!.body.slice(0, 500);
    const traced = await admin.client.query(api.admin.leaks.trace, { text: plain });
    expect(traced).toMatchObject({ found: false, reason: expect.stringMatching(/No watermark found/) });
    await expect(admin.client.mutation(api.admin.leaks.record, { text: plain, foundOn: "x.example", reportedBy: "manual", revoke: false })).rejects.toThrow(/No watermark found/);
    expect(await w.t.run((ctx) => ctx.db.query("contentLeaks").collect())).toEqual([]);
  });
});

describe("usage history and retention", () => {
  test("the scan counts every request into hourly buckets the usage chart reads", async () => {
    const w = await world();
    const catalogue = catalogueFromSlugs(w.slugs, w.traps);
    const traffic = ordinaryReader({ catalogue, gets: 30, durationMs: 3 * 60 * MINUTE });
    await drive(w, "pro", traffic, 10 * MINUTE);
    await w.get("/api/v1/search?q=x", { key: w.keys.free.key }); // a 403 of another key
    await runDetection(w, Date.now() + MINUTE);
    const history = await w.owner.client.query(api.apiKeys.liveHistory.history, { keyId: w.keys.pro.id, range: "24h", hour: hourNow() });
    expect(history.buckets).toHaveLength(24);
    expect(history.buckets.reduce((n, b) => n + b.requests, 0)).toBe(traffic.length);
  });

  test("old rows are rolled up into daily usage and deleted in bounded batches, losing no counts", async () => {
    const w = await world();
    const rows = RETENTION_BATCH_ROWS + 40;
    await w.t.run(async (ctx) => {
      for (let i = 0; i < rows; i++) {
        await ctx.db.insert("contentAccessLog", {
          apiKeyId: w.keys.pro.id, userId: w.owner.userId, contentSlug: w.slugs[i % 50], action: "get",
          statusCode: i % 10 === 0 ? 429 : 200, ipAddress: "203.0.113.1", userAgent: "ua", accessedAt: Date.now() - (i % 3) * DAY,
        });
      }
    });
    await runDetection(w, Date.now() + MINUTE); // the scan passes the rows first
    vi.setSystemTime(Date.now() + 40 * DAY);
    await w.t.mutation(internal.monitoring.retention.run, {});
    expect(await w.t.run(async (ctx) => (await ctx.db.query("contentAccessLog").collect()).length)).toBe(40);
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await w.t.run(async (ctx) => (await ctx.db.query("contentAccessLog").collect()).length)).toBe(0);
    const daily = await w.t.run((ctx) => ctx.db.query("dailyKeyUsage").collect());
    expect(daily).toHaveLength(3);
    expect(daily.reduce((n, d) => n + d.requests, 0)).toBe(rows);
    expect(daily.reduce((n, d) => n + d.rateLimited, 0)).toBe(Math.ceil(rows / 10));
  });

  test("retention never deletes rows the detection scan has not examined", async () => {
    const w = await world();
    await w.t.run((ctx) =>
      ctx.db.insert("contentAccessLog", {
        apiKeyId: w.keys.pro.id, userId: w.owner.userId, contentSlug: "", action: "list",
        statusCode: 200, ipAddress: "203.0.113.1", userAgent: "ua", accessedAt: Date.now(),
      }),
    );
    vi.setSystemTime(Date.now() + 40 * DAY);
    await w.t.mutation(internal.monitoring.retention.run, {});
    expect(await w.t.run(async (ctx) => (await ctx.db.query("contentAccessLog").collect()).length)).toBe(1);
  });

  test("the crons schedule detection every minute and retention hourly", async () => {
    const crons = (await import("../crons")).default as unknown as { crons: Record<string, { name: string; schedule: unknown }> };
    expect(crons.crons["detect scraping"]).toMatchObject({ name: "monitoring/detection:scan", schedule: { type: "interval", minutes: 1 } });
    expect(crons.crons["access log retention"]).toMatchObject({ name: "monitoring/retention:run", schedule: { type: "interval", hours: 1 } });
    expect(components).toBeDefined();
  });
});
