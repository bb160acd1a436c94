/**
 * Cost of one detection cron run (the scan plus the per-key detector runs it schedules) with 0
 * and with 100,000 already-processed access-log rows, and with growing numbers of new rows.
 * The scan reads from its cursor, so the old rows should not matter: the ratio should be near 1.
 */
import { test, vi } from "vitest";
import { internal } from "../convex/_generated/api";
import { seedCatalogue } from "../convex/demo/seed";
import { newTest, signUp } from "../convex/test/setup";
import { DAY, MINUTE, SECOND } from "../convex/lib/time";
import { detectForKey, scanNewRows } from "../convex/monitoring/detection";
import { START as LIMITS_START, backlogAndRetention, describeFigures, scanOfDistinctKeys, unlimitedKeyAtFullSpeed, worstShare } from "../test/detectionLimits";

const START = Date.UTC(2026, 10, 22, 8);

async function world(oldRows: number) {
  vi.setSystemTime(START - 3 * DAY);
  const t = newTest();
  await t.run((ctx) => seedCatalogue(ctx, 200));
  const owner = await signUp(t, "bench@example.com");
  const keys: string[] = [];
  for (let i = 0; i < 4; i++) {
    const created = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: owner.userId, name: `k${i}`, subscriptionTier: "enterprise" });
    keys.push(created.apiKeyId!);
  }
  const slugs = (await t.run((ctx) => ctx.db.query("articles").take(200))).map((a) => a.slug);
  for (let done = 0; done < oldRows; done += 10_000) {
    await t.run(async (ctx) => {
      for (let i = done; i < Math.min(oldRows, done + 10_000); i++) {
        await ctx.db.insert("contentAccessLog", {
          apiKeyId: keys[i % keys.length], userId: owner.userId, contentSlug: slugs[(i * 7) % slugs.length], action: "get",
          statusCode: 200, ipAddress: `198.51.100.${i % 200}`, userAgent: "old", accessedAt: START - 2 * DAY + i,
        });
      }
    });
  }
  // The old rows were processed by earlier runs.
  vi.setSystemTime(START);
  await t.mutation(internal.monitoring.detection.scan, {});
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  return { t, keys, slugs, owner };
}

async function timeRun(w: Awaited<ReturnType<typeof world>>, newRows: number, at: number) {
  vi.setSystemTime(at);
  await w.t.run(async (ctx) => {
    for (let i = 0; i < newRows; i++) {
      await ctx.db.insert("contentAccessLog", {
        apiKeyId: w.keys[i % w.keys.length], userId: w.owner.userId, contentSlug: w.slugs[(i * 13) % w.slugs.length], action: "get",
        statusCode: 200, ipAddress: "203.0.113.1", userAgent: "new", accessedAt: at + i,
      });
    }
  });
  const now = at + newRows + 11 * SECOND;
  vi.setSystemTime(now);
  // One run = the scan plus the detector run it schedules for each key, each its own transaction.
  const start = performance.now();
  const scan = await w.t.run(async (ctx) => ({ result: await scanNewRows(ctx, now), metrics: await ctx.meta.getTransactionMetrics() }));
  let read = scan.metrics.documentsRead.used;
  for (const apiKeyId of scan.result.keys) {
    read += await w.t.run(async (ctx) => {
      await detectForKey(ctx, apiKeyId, now);
      return (await ctx.meta.getTransactionMetrics()).documentsRead.used;
    });
  }
  const ms = performance.now() - start;
  await w.t.finishAllScheduledFunctions(vi.runAllTimers); // the scheduled twins: nothing new to raise
  return { ms, read };
}

test("detection run cost vs old and new rows", async () => {
  // performance.now stays real: it measures; Date and timers are simulated.
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  const lines: string[] = [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const reads: Record<number, number> = {};
  const times: Record<number, number> = {};
  for (const old of [0, 100_000]) {
    const w = await world(old);
    const samples = [];
    for (let run = 0; run < 5; run++) samples.push(await timeRun(w, 200, START + (run + 1) * 5 * MINUTE));
    reads[old] = median(samples.map((s) => s.read));
    times[old] = median(samples.map((s) => s.ms));
    lines.push(`${String(old).padStart(7)} old rows, 200 new rows: ${reads[old]} documents read per run; ${times[old].toFixed(1)} ms in convex-test`);
  }
  lines.push(`ratio 100k/0 old rows: documents read ${(reads[100_000] / reads[0]).toFixed(2)}x; convex-test time ${(times[100_000] / times[0]).toFixed(1)}x (convex-test evaluates every index range by iterating the whole table, so its time grows with the table; a Convex deployment reads index ranges)`);
  const w = await world(0);
  let at = START + HOUR_OFFSET;
  for (const fresh of [100, 500, 1000, 2000]) {
    const { ms, read } = await timeRun(w, fresh, at);
    at += 2 * HOUR_OFFSET;
    lines.push(`${String(fresh).padStart(7)} new rows: ${read} documents read (${(read / fresh).toFixed(2)} per new row); ${ms.toFixed(1)} ms in convex-test`);
  }
  console.log(`\n## detection cron run (scan + per-key detectors; 4 keys, 200-article catalogue)\n${lines.join("\n")}`);
  vi.useRealTimers();
}, 600_000);

const HOUR_OFFSET = 2 * 60 * MINUTE;

test("detection under Convex's transaction limits (worst cases, full size)", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(LIMITS_START - DAY);
  // Each figure is printed as soon as it is measured (the full-size scenarios take minutes each).
  const lines = { push: (line: string) => console.log(`[limits] ${line}`) };
  console.log("\n## detection under transaction limits (convex-test transactionLimits: true; used / limit)");
  const unlimited = await unlimitedKeyAtFullSpeed({ rows: 20_000, catalogue: 10_000, bodyBytes: 50_000 });
  lines.push(`unlimited key, 20,000 requests in the hour over a 10,000-article catalogue (50 KB bodies), one detectKey run: ${describeFigures(unlimited.metrics)}; alerts ${unlimited.result.alerts}, revoked ${unlimited.result.revoked}`);
  const keys = await scanOfDistinctKeys({ keys: 10_000 });
  const worstScan = keys.scans.reduce((a, b) => (worstShare(b) > worstShare(a) ? b : a));
  lines.push(`10,000 distinct keys (${keys.scans.length} scan batches): worst scan ${describeFigures(worstScan)}`);
  lines.push(`  fan-out of 1,750 keys: ${describeFigures(keys.fanOut)}`);
  const backlog = await backlogAndRetention({ backlog: 100_000, old: 20_000 });
  lines.push(`100,000 unscanned rows: first scan (${backlog.scan.rows} rows) ${describeFigures(backlog.scan.metrics)}`);
  lines.push(`retention batch (${backlog.retention.removed} rows of 20,000 old): ${describeFigures(backlog.retention.metrics)}`);
  vi.useRealTimers();
}, 1_800_000);
