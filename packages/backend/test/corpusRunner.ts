/**
 * Scores detection on the labelled corpus (test/corpus.ts) with the real pipeline: a convex-test
 * deployment with the demo catalogue, real accounts and keys, access-log rows as the content API
 * writes them (statuses from the tier's limit, see `toAccessRows`) inserted at their times, and the
 * real detection scan (with the per-key runs it schedules) every scan interval, as the cron would.
 * Rows are inserted directly rather than sent over HTTP so that a day of traffic scores in seconds;
 * the monitoring tests drive the same generators through the real HTTP routes.
 * Runs under vitest (fake timers); used by `pnpm bench` and the corpus test.
 */
import { vi } from "vitest";
import { internal } from "../convex/_generated/api";
import { seedCatalogue } from "../convex/demo/seed";
import { newTest, signUp } from "../convex/test/setup";
import { MINUTE, SECOND } from "../convex/lib/time";
import { SCAN_LAG_MS } from "../convex/monitoring/detection";
import { getKey } from "../convex/apiKeys/lifecycle";
import { keyStatus } from "../convex/apiKeys/status";
import type { AlertType } from "../convex/shared/validators";
import { CORPUS, TRAFFIC_START, type Scenario } from "./corpus";
import { catalogueFromSlugs, toAccessRows } from "./traffic";
import type { AccessRow } from "../convex/monitoring/detectors";

export type ScenarioResult = {
  name: string;
  label: Scenario["label"];
  alertTypes: AlertType[];
  /** Minutes from the pattern becoming visible to the first alert of the labelled type. */
  minutesToAlert: number | null;
  /** Keys revoked by the end (for benign traffic: false revocations). */
  revokedKeys: number;
  keys: number;
};

const SLOT_MS = 10 * SECOND;

export async function runScenario(scenario: Scenario, { articles = 200 } = {}): Promise<ScenarioResult> {
  vi.useFakeTimers();
  try {
    vi.setSystemTime(TRAFFIC_START - 40 * 24 * 60 * MINUTE);
    const t = newTest();
    await t.run((ctx) => seedCatalogue(ctx, articles));
    const slugs = await t.run(async (ctx) =>
      (await ctx.db.query("articles").withIndex("by_trap_and_ordinal", (q) => q.eq("trap", false)).collect()).map((a) => a.slug),
    );
    const traps = await t.run(async (ctx) =>
      (await ctx.db.query("articles").withIndex("by_trap_and_ordinal", (q) => q.eq("trap", true)).collect()).map((a) => a.slug),
    );
    const catalogue = catalogueFromSlugs(slugs, traps);
    const accounts = scenario.build(catalogue);
    const rows: AccessRow[] = [];
    const keyIds: string[] = [];
    for (const account of [...accounts].sort((a, b) => a.signedUpOffsetMs - b.signedUpOffsetMs)) {
      vi.setSystemTime(TRAFFIC_START + account.signedUpOffsetMs);
      const user = await signUp(t, account.email);
      // Keys are created shortly before the traffic (they expire after 30 days by default).
      vi.setSystemTime(Math.max(TRAFFIC_START + account.signedUpOffsetMs, TRAFFIC_START - 60 * MINUTE));
      const created = await t.mutation(internal.apiKeys.internal.createApiKey, {
        userId: user.userId,
        name: account.account,
        subscriptionTier: account.tier,
      });
      keyIds.push(created.apiKeyId!);
      rows.push(...toAccessRows(account.requests, { tier: account.tier, apiKeyId: created.apiKeyId!, userId: user.userId, catalogue }));
    }
    rows.sort((a, b) => a.accessedAt - b.accessedAt);
    const visibleAt = scenario.visibleAt?.(accounts, catalogue) ?? null;
    const scanEvery = (scenario.scanEveryMinutes ?? 1) * MINUTE;
    const expected = scenario.label === "benign" ? null : scenario.label;

    const firstAlertOfType = async () => {
      if (expected === null) return null;
      const alerts = await t.run((ctx) =>
        ctx.db.query("scrapingAlerts").withIndex("by_alertType_and_createdAt", (q) => q.eq("alertType", expected)).first(),
      );
      return alerts?.createdAt ?? null;
    };

    // Insert rows in 10-second slots (created at the slot's end); scan on every interval boundary
    // that has rows older than the scan lag waiting.
    let next = 0;
    let scannedThrough = rows[0].accessedAt - 1;
    let caughtAt: number | null = null;
    let scanAt = rows[0].accessedAt - (rows[0].accessedAt % scanEvery) + scanEvery;
    const end = rows[rows.length - 1].accessedAt + SCAN_LAG_MS + scanEvery;
    while (scanAt <= end + scanEvery && caughtAt === null) {
      while (next < rows.length && rows[next].accessedAt < scanAt) {
        const slotEnd = rows[next].accessedAt - (rows[next].accessedAt % SLOT_MS) + SLOT_MS - 1;
        const slot: AccessRow[] = [];
        while (next < rows.length && rows[next].accessedAt <= slotEnd && rows[next].accessedAt < scanAt) slot.push(rows[next++]);
        vi.setSystemTime(slot[slot.length - 1].accessedAt);
        await t.run(async (ctx) => {
          for (const row of slot) await ctx.db.insert("contentAccessLog", row);
        });
      }
      const waiting = rows.some((r) => r.accessedAt > scannedThrough && r.accessedAt < scanAt - SCAN_LAG_MS);
      if (waiting) {
        vi.setSystemTime(scanAt);
        await t.mutation(internal.monitoring.detection.scan, {});
        await t.finishAllScheduledFunctions(vi.runAllTimers);
        scannedThrough = scanAt - SCAN_LAG_MS;
        caughtAt = await firstAlertOfType();
      }
      if (next >= rows.length && scannedThrough >= rows[rows.length - 1].accessedAt) break;
      scanAt += scanEvery;
    }

    const alerts = await t.run((ctx) => ctx.db.query("scrapingAlerts").withIndex("by_createdAt").collect());
    let revokedKeys = 0;
    for (const id of keyIds) {
      const key = await t.run((ctx) => getKey(ctx, id));
      if (key && keyStatus(key, Date.now()) === "revoked") revokedKeys++;
    }
    return {
      name: scenario.name,
      label: scenario.label,
      alertTypes: [...new Set(alerts.map((a) => a.alertType))],
      minutesToAlert: caughtAt !== null && visibleAt !== null ? Math.round(((caughtAt - visibleAt) / MINUTE) * 10) / 10 : null,
      revokedKeys,
      keys: keyIds.length,
    };
  } finally {
    vi.useRealTimers();
  }
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return Math.round(m * 10) / 10;
};

/** The report: per alert type, true positives, misses, wrong types, minutes to alert; benign. */
export function report(results: ScenarioResult[]): string {
  const lines: string[] = [];
  const types = [...new Set(results.filter((r) => r.label !== "benign").map((r) => r.label))];
  lines.push("alert type           scenarios  caught  missed  wrong type  median min to alert (max)");
  for (const type of types) {
    const of = results.filter((r) => r.label === type);
    const caught = of.filter((r) => r.alertTypes.includes(type as AlertType));
    const missed = of.filter((r) => r.alertTypes.length === 0);
    const wrong = of.filter((r) => r.alertTypes.length > 0 && !r.alertTypes.includes(type as AlertType));
    const minutes = caught.map((r) => r.minutesToAlert).filter((m): m is number => m !== null);
    lines.push(
      `${type.padEnd(20)} ${String(of.length).padStart(9)}  ${String(caught.length).padStart(6)}  ${String(missed.length).padStart(6)}  ${String(wrong.length).padStart(10)}  ${String(median(minutes)).padStart(6)} (${minutes.length ? Math.max(...minutes) : "-"})`,
    );
  }
  const benign = results.filter((r) => r.label === "benign");
  lines.push(
    `benign               ${String(benign.length).padStart(9)}  false alerts: ${benign.filter((r) => r.alertTypes.length > 0).length}, false revocations: ${benign.reduce((n, r) => n + r.revokedKeys, 0)} (keys)`,
  );
  const all = results.filter((r) => r.label !== "benign").map((r) => r.minutesToAlert).filter((m): m is number => m !== null);
  lines.push(`all scraper classes: median ${median(all)} minutes from visibility to alert (scan interval: 1 minute)`);
  lines.push("");
  for (const r of results) {
    const outcome =
      r.label === "benign"
        ? r.alertTypes.length === 0 && r.revokedKeys === 0 ? "quiet" : `FALSE ALERT ${r.alertTypes.join(",")} revoked ${r.revokedKeys}`
        : r.alertTypes.includes(r.label) ? `caught in ${r.minutesToAlert} min${r.alertTypes.length > 1 ? ` (also ${r.alertTypes.filter((t) => t !== r.label).join(",")})` : ""}` : r.alertTypes.length ? `WRONG TYPE ${r.alertTypes.join(",")}` : "MISSED";
    lines.push(`  [${r.label}] ${r.name}: ${outcome}`);
  }
  return lines.join("\n");
}

export async function runCorpus(scenarios: Scenario[] = CORPUS) {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) results.push(await runScenario(scenario));
  return results;
}
