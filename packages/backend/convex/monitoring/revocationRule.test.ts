/**
 * Detection's revocation rule (detection.ts detectForKey), driven directly: what one run of
 * `detectKey` returns and writes. A key that is gone or already revoked is left alone; a critical
 * finding revokes once (one audit event, one admin notification) however many criticals the run
 * has; a repeated finding within the cooldown raises nothing; long-horizon coverage counts, but
 * not from before an admin's unban.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { getKey } from "../apiKeys/lifecycle";
import { keyStatus } from "../apiKeys/status";
import { DAY, HOUR, MINUTE, SECOND } from "../lib/time";
import { signUpAdmin } from "../test/setup";
import { apiWorld, type World } from "../test/world";
import { revokeGroup, SCAN_LAG_MS } from "./detection";
import { SEQUENTIAL_WARNING_RUN } from "./thresholds";

const START = Date.UTC(2026, 9, 5, 8);
const NOTHING = { alerts: 0, revoked: false };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START - HOUR);
  vi.stubEnv("ADMIN_WEBHOOK_URL", "https://hooks.example.com/nak");
  vi.stubEnv("ADMIN_WEBHOOK_SECRET", "whsec_0123456789abcdef0123");
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** Fetches `slugs` with the enterprise key (no limit), one every `every` ms from `from`. */
async function fetchAll(w: World, slugs: string[], from: number, every: number) {
  for (const [i, slug] of slugs.entries()) {
    vi.setSystemTime(from + i * every);
    expect((await w.get(`/api/v1/contents/${slug}`, { key: w.keys.enterprise.key, ip: "198.51.100.40" })).status).toBe(200);
  }
  return from + (slugs.length - 1) * every;
}

/** One detection run for the enterprise key, once the last request is past the scan lag. */
async function detectAfter(w: World, lastAt: number) {
  vi.setSystemTime(lastAt + SCAN_LAG_MS + SECOND);
  return await w.t.mutation(internal.monitoring.detection.detectKey, { apiKeyId: w.keys.enterprise.id });
}

const events = (w: World, type: string) => w.t.run(async (ctx) => (await ctx.db.query("securityEvents").collect()).filter((e) => e.type === type));
const deliveries = (w: World, type: string) => w.t.run(async (ctx) => (await ctx.db.query("webhookDeliveries").collect()).filter((d) => d.eventType === type));
const alerts = (w: World) => w.t.run((ctx) => ctx.db.query("scrapingAlerts").collect());
const statusOf = async (w: World, keyId: string) => keyStatus((await w.t.run((ctx) => getKey(ctx, keyId)))!, Date.now());

/** A fixed shuffle (no walk in catalogue order) of the slugs. */
function shuffled(slugs: string[]) {
  const out = [...slugs];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("which keys a run looks at", () => {
  test("a key that does not exist, and a key without traffic, raise nothing", async () => {
    const w = await apiWorld({ articles: 5 });
    expect(await w.t.mutation(internal.monitoring.detection.detectKey, { apiKeyId: "k_gone" })).toEqual(NOTHING);
    expect(await w.t.mutation(internal.monitoring.detection.detectKey, { apiKeyId: w.keys.enterprise.id })).toEqual(NOTHING);
  });

  test("a key revoked before the run is left alone, even with critical traffic waiting", async () => {
    const w = await apiWorld({ articles: 100 });
    const last = await fetchAll(w, w.slugs.slice(0, 80), START, 2 * SECOND);
    await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.enterprise.id, reason: "rotating" });
    expect(await detectAfter(w, last)).toEqual(NOTHING);
    expect(await alerts(w)).toEqual([]);
    expect((await w.t.run((ctx) => getKey(ctx, w.keys.enterprise.id)))!.revokedBy).not.toBe("system");
  });
});

describe("what a run with critical findings does", () => {
  test("two critical findings revoke the key once: one audit event, one admin notification", async () => {
    const w = await apiWorld({ articles: 100 });
    // A walk in catalogue order through 80% of it: a critical walk and critical bulk coverage.
    const last = await fetchAll(w, w.slugs.slice(0, 80), START, 2 * SECOND);
    expect(await detectAfter(w, last)).toEqual({ alerts: 2, revoked: true });
    const raised = await alerts(w);
    expect(raised.map((a) => [a.alertType, a.severity]).sort()).toEqual([["bulk_access", "critical"], ["sequential_access", "critical"]]);

    const revocations = await events(w, "api_key_revoked");
    expect(revocations).toHaveLength(1);
    const first = raised.find((a) => a._id === JSON.parse(revocations[0]!.details).alertId)!;
    const reason = `Automatic: ${JSON.parse(first.details).summary}`;
    expect(JSON.parse(revocations[0]!.details)).toMatchObject({ alertType: first.alertType, reason });
    expect((await w.t.run((ctx) => getKey(ctx, w.keys.enterprise.id)))!).toMatchObject({ revokedReason: reason, revokedBy: "system" });

    const notices = await deliveries(w, "key.auto_revoked");
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!.payload)).toMatchObject({ type: "key.auto_revoked", data: expect.objectContaining({ reason }) });
    expect(notices[0]!.payload).toContain(w.keys.enterprise.id);
  });

  test("a finding already raised within the cooldown raises nothing the next run", async () => {
    const w = await apiWorld({ articles: 100 });
    let last = await fetchAll(w, w.slugs.slice(0, SEQUENTIAL_WARNING_RUN), START, 30 * SECOND);
    expect(await detectAfter(w, last)).toEqual({ alerts: 1, revoked: false });
    last = await fetchAll(w, w.slugs.slice(SEQUENTIAL_WARNING_RUN, SEQUENTIAL_WARNING_RUN + 3), last + 30 * SECOND, 30 * SECOND);
    expect(await detectAfter(w, last)).toEqual(NOTHING);
    expect((await alerts(w)).map((a) => [a.alertType, a.severity])).toEqual([["sequential_access", "warning"]]);
    expect(await statusOf(w, w.keys.enterprise.id)).toBe("active");
  });
});

describe("long-horizon coverage", () => {
  test("a week's coverage revokes a slow harvester; after an admin's unban, coverage from before it no longer counts", async () => {
    const w = await apiWorld({ articles: 100 });
    const order = shuffled(w.slugs);
    // Day 1: 45% of the catalogue, one article every 3 minutes: nothing on its own.
    let last = await fetchAll(w, order.slice(0, 45), START, 3 * MINUTE);
    expect(await detectAfter(w, last)).toEqual(NOTHING);
    // Day 3 (day 1's rows are past the run's look-back): 35% more; the week's coverage is 80%.
    last = await fetchAll(w, order.slice(45, 80), START + 2 * DAY, 3 * MINUTE);
    expect(await detectAfter(w, last)).toEqual({ alerts: 1, revoked: true });
    const [bulk] = await alerts(w);
    expect(bulk).toMatchObject({ alertType: "bulk_access", severity: "critical" });
    expect(JSON.parse(bulk!.details).summary).toMatch(/week/i);

    const admin = await signUpAdmin(w.t);
    await admin.client.mutation(api.admin.keys.unban, { keyId: w.keys.enterprise.id, note: "customer explained" });
    // Two hours later (past the alert cooldown) one more new article: 81% since the start, 1 since the unban.
    last = await fetchAll(w, order.slice(80, 81), Date.now() + 2 * HOUR, MINUTE);
    expect(await detectAfter(w, last)).toEqual(NOTHING);
    expect(await statusOf(w, w.keys.enterprise.id)).toBe("active");
  });
});

describe("an account farm's group", () => {
  test("every live key of the group is revoked by the system with the alert; a revoked key keeps its revocation; a deleted one is skipped", async () => {
    const w = await apiWorld({ articles: 1 });
    await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.enterprise.id, reason: "mine" });
    const finding = {
      alertType: "coordinated_access" as const,
      severity: "critical" as const,
      summary: "4 accounts from one network split the catalogue",
      evidence: {
        windowStart: 0, windowEnd: 0, detectedAt: 0, rowsExamined: 0, thresholds: {},
        keyIds: [w.keys.free.id, "k_deleted", w.keys.pro.id, w.keys.enterprise.id],
      },
    };
    await w.t.run((ctx) => revokeGroup(ctx, finding, "alert_1"));
    for (const id of [w.keys.free.id, w.keys.pro.id]) {
      expect(await w.t.run((ctx) => getKey(ctx, id))).toMatchObject({ revokedReason: `Automatic: ${finding.summary}`, revokedBy: "system" });
    }
    expect(await w.t.run((ctx) => getKey(ctx, w.keys.enterprise.id))).toMatchObject({ revokedReason: "mine" });
    const audited = (await events(w, "api_key_revoked")).filter((e) => e.actor === "system");
    expect(audited.map((e) => e.apiKeyId).sort()).toEqual([w.keys.free.id, w.keys.pro.id].sort());
    for (const e of audited) expect(JSON.parse(e.details)).toMatchObject({ alertId: "alert_1", alertType: "coordinated_access" });
  });
});
