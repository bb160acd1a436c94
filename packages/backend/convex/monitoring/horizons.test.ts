/**
 * Issue #13 end to end, through the real HTTP routes and the real detection scan under fake time:
 * slow harvesters and slow walks caught within two scan intervals of crossing their thresholds,
 * account farms caught as `coordinated_access` (every account and key named, critical revokes
 * them all), and honest heavy users (a proxy chain, an enterprise sync, colleagues behind one
 * proxy) left alone.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { getKey } from "../apiKeys/lifecycle";
import { keyStatus } from "../apiKeys/status";
import { apiWorld, type World } from "../test/world";
import { signUp, signUpAdmin } from "../test/setup";
import { DAY, MINUTE, SECOND } from "../lib/time";
import type { Tier } from "../shared/tiers";
import { SCAN_LAG_MS } from "./detection";
import { COVERAGE_WARNING_FRACTION, SEQUENTIAL_WARNING_RUN } from "./thresholds";
import {
  TRAFFIC_START,
  accountFarm,
  catalogueFromSlugs,
  companyColleagues,
  enterpriseSync,
  slowHarvester,
  slowWalker,
  type AccountTraffic,
  type SimulatedRequest,
} from "../../test/traffic";
import { whenDistinct, whenRun } from "../../test/corpus";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(TRAFFIC_START - DAY);
});
afterEach(() => vi.useRealTimers());

const world = () => apiWorld({ articles: 200 });

function pathOf(r: SimulatedRequest) {
  if (r.action === "get") return `/api/v1/contents/${r.slug}`;
  if (r.action === "search") return `/api/v1/search?q=${encodeURIComponent(r.query ?? "city")}`;
  return "/api/v1/contents?limit=20";
}

type Sender = { key: string; id: string; userId: string; forwardedFor?: (r: SimulatedRequest) => string };

/**
 * Sends each sender's requests in time order through the HTTP routes, running the detection scan
 * (and the per-key runs it schedules) on every `scanEvery` boundary that has rows waiting.
 */
async function drive(w: World, traffic: Array<{ sender: Sender; requests: SimulatedRequest[] }>, scanEvery = MINUTE) {
  const all = traffic.flatMap(({ sender, requests }) => requests.map((r) => ({ r, sender }))).sort((a, b) => a.r.at - b.r.at);
  let nextScan = all[0].r.at - (all[0].r.at % scanEvery) + scanEvery;
  let waiting = false;
  const statuses: number[] = [];
  const scan = async (at: number) => {
    vi.setSystemTime(at);
    await w.t.mutation(internal.monitoring.detection.scan, {});
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
  };
  for (const { r, sender } of all) {
    while (r.at >= nextScan) {
      if (waiting) await scan(nextScan);
      waiting = false;
      nextScan += scanEvery;
    }
    vi.setSystemTime(r.at);
    const res = await w.get(pathOf(r), {
      key: sender.key,
      headers: { "x-forwarded-for": sender.forwardedFor?.(r) ?? r.ip, "user-agent": r.userAgent },
    });
    statuses.push(res.status);
    waiting = true;
  }
  await scan(all[all.length - 1].r.at + SCAN_LAG_MS + SECOND);
  await scan(nextScan + scanEvery);
  return statuses;
}

async function alertsOf(w: World, apiKeyId: string) {
  return await w.t.run((ctx) =>
    ctx.db.query("scrapingAlerts").withIndex("by_apiKeyId_and_createdAt", (q) => q.eq("apiKeyId", apiKeyId)).collect(),
  );
}

/** The key's status (read directly: colleagues signed up long ago have no live session). */
async function statusOf(w: World, _client: World["owner"]["client"], keyId: string) {
  const key = await w.t.run((ctx) => getKey(ctx, keyId));
  return key ? keyStatus(key, Date.now()) : null;
}

const ownKey = (w: World, tier: Tier, forwardedFor?: Sender["forwardedFor"]): Sender => ({
  key: w.keys[tier].key,
  id: w.keys[tier].id,
  userId: w.owner.userId,
  forwardedFor,
});

/** One account per traffic entry: signed up (at its sign-up time), with one key of its tier. */
async function accountsFor(w: World, accounts: AccountTraffic[]) {
  const out: Array<{ sender: Sender; requests: SimulatedRequest[]; client: World["owner"]["client"] }> = [];
  for (const account of accounts) {
    vi.setSystemTime(TRAFFIC_START + account.signedUpOffsetMs);
    const user = await signUp(w.t, account.email);
    // The key is created shortly before the traffic (keys expire after 30 days by default).
    vi.setSystemTime(Math.max(TRAFFIC_START + account.signedUpOffsetMs, TRAFFIC_START - 60 * MINUTE));
    const created = await w.t.mutation(internal.apiKeys.internal.createApiKey, {
      userId: user.userId,
      name: account.account,
      subscriptionTier: account.tier,
    });
    out.push({ sender: { key: created.apiKey!, id: created.apiKeyId!, userId: user.userId }, requests: account.requests, client: user.client });
  }
  return out;
}

describe("long horizons", () => {
  test("a harvester taking one new article every ~3 minutes is bulk_access within 2 scans of covering half the catalogue", async () => {
    const w = await world();
    const catalogue = catalogueFromSlugs(w.slugs, w.traps);
    const requests = slowHarvester({ catalogue, count: 110, everyMs: 3 * MINUTE, seed: 9 });
    // No hour holds enough distinct articles for the hour's threshold: only the day shows it.
    await drive(w, [{ sender: ownKey(w, "pro"), requests }]);
    const crossed = whenDistinct([{ account: "a", email: "", signedUpOffsetMs: 0, tier: "pro", requests }], Math.ceil(COVERAGE_WARNING_FRACTION * w.slugs.length));
    const bulk = (await alertsOf(w, w.keys.pro.id)).filter((a) => a.alertType === "bulk_access");
    expect(bulk.length).toBeGreaterThanOrEqual(1);
    expect(bulk[0].createdAt - crossed).toBeLessThanOrEqual(2 * MINUTE);
    expect(JSON.parse(bulk[0].details)).toMatchObject({ longHorizon: { subject: "key", horizon: "day" }, keyCoverage: { day: expect.any(Number) } });
  }, 120_000);

  test("a walk in catalogue order at one article every ~5 minutes is sequential_access within 2 scans of its 20th step", async () => {
    const w = await world();
    const catalogue = catalogueFromSlugs(w.slugs, w.traps);
    const requests = slowWalker({ catalogue, count: 25, everyMs: 5 * MINUTE, from: 40 });
    await drive(w, [{ sender: ownKey(w, "enterprise"), requests }]);
    const crossed = whenRun([{ account: "a", email: "", signedUpOffsetMs: 0, tier: "pro", requests }], catalogue, SEQUENTIAL_WARNING_RUN);
    const sequential = (await alertsOf(w, w.keys.enterprise.id)).filter((a) => a.alertType === "sequential_access");
    expect(sequential).toHaveLength(1);
    expect(sequential[0].createdAt - crossed).toBeLessThanOrEqual(2 * MINUTE);
  }, 120_000);
});

describe("account farms", () => {
  test("six free accounts from one network splitting the catalogue raise coordinated_access naming every account and key, lose every key, and an admin acts on the group at once", async () => {
    const w = await world();
    const catalogue = catalogueFromSlugs(w.slugs, w.traps);
    const farm = await accountsFor(w, accountFarm({ catalogue, accounts: 6, perAccount: 25, durationMs: 10 * 60 * MINUTE }));
    await drive(w, farm);
    const alerts = (await Promise.all(farm.map((f) => alertsOf(w, f.sender.id)))).flat().filter((a) => a.alertType === "coordinated_access");
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    const details = JSON.parse(alerts[0].details);
    expect(new Set(details.keyIds)).toEqual(new Set(farm.map((f) => f.sender.id)));
    expect(new Set(details.accounts.map((a: { userId: string }) => a.userId))).toEqual(new Set(farm.map((f) => f.sender.userId)));
    expect(details.sharedTraits).toEqual(expect.arrayContaining(["network", "user_agent"]));
    expect(alerts.some((a) => a.severity === "critical")).toBe(true);
    for (const f of farm) expect(await statusOf(w, f.client, f.sender.id)).toBe("revoked");

    // Customers cannot act on a group; an admin can, on every key at once, each audited.
    const alertId = alerts[0]._id;
    await expect(farm[0].client.mutation(api.admin.alerts.actOnGroup, { alertId, action: "unban" })).rejects.toThrow(/admin/i);
    const admin = await signUpAdmin(w.t, "security@example.com");
    expect(await admin.client.mutation(api.admin.alerts.actOnGroup, { alertId, action: "unban", note: "false positive" })).toEqual({ keys: farm.length, changed: farm.length });
    for (const f of farm) expect(await statusOf(w, f.client, f.sender.id)).toBe("active");
    expect(await admin.client.mutation(api.admin.alerts.actOnGroup, { alertId, action: "revoke" })).toEqual({ keys: farm.length, changed: farm.length });
    for (const f of farm) expect(await statusOf(w, f.client, f.sender.id)).toBe("revoked");
    const byAdmin = await w.t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "api_key_revoked")).collect());
    expect(byAdmin.filter((e) => e.actor === admin.userId)).toHaveLength(farm.length);
  }, 180_000);

  test("eight colleagues with their own accounts behind one company proxy raise nothing", async () => {
    const w = await world();
    const colleagues = await accountsFor(w, companyColleagues({ catalogue: catalogueFromSlugs(w.slugs, w.traps), people: 8, perPerson: 20 }));
    const statuses = await drive(w, colleagues, 5 * MINUTE);
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (const c of colleagues) {
      expect(await alertsOf(w, c.sender.id)).toEqual([]);
      expect(await statusOf(w, c.client, c.sender.id)).toBe("active");
    }
  }, 180_000);
});

describe("honest heavy users stay quiet", () => {
  test("a company proxy chain with varying internal addresses on the left never raises ip_rotation", async () => {
    const w = await world();
    const catalogue = catalogueFromSlugs(w.slugs, w.traps);
    let n = 0;
    const chain = () => `10.${(n >> 8) & 3}.${n & 255}.${1 + (n++ % 250)}, 198.51.100.77`;
    const requests = enterpriseSync({ catalogue, sliceFraction: 0.1, perMinute: 12, hours: 1, seed: 4 });
    const statuses = await drive(w, [{ sender: ownKey(w, "enterprise", chain), requests }], 5 * MINUTE);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await alertsOf(w, w.keys.enterprise.id)).toEqual([]);
    expect(await statusOf(w, w.owner.client, w.keys.enterprise.id)).toBe("active");
  }, 120_000);

  test("an enterprise backend keeping a popular quarter of the catalogue in sync for hours raises nothing", async () => {
    const w = await world();
    const requests = enterpriseSync({ catalogue: catalogueFromSlugs(w.slugs, w.traps), sliceFraction: 0.25, perMinute: 6, hours: 3 });
    const statuses = await drive(w, [{ sender: ownKey(w, "enterprise"), requests }], 5 * MINUTE);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await alertsOf(w, w.keys.enterprise.id)).toEqual([]);
    expect(await statusOf(w, w.owner.client, w.keys.enterprise.id)).toBe("active");
  }, 120_000);
});
