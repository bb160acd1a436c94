/**
 * Convex limits on the content API, measured (printed, never asserted):
 *
 * 1. Hot documents per tier: a burst of 100 requests of one customer, each request's read and
 *    write sets recorded (app and components, see convex/test/dbRecorder.ts); per request, the
 *    documents another request of the burst writes and this one read (what Convex's optimistic
 *    concurrency control would retry on), and the expected conflict rate at 100 requests in one
 *    second with Convex's 4 automatic retries (model in `conflictModel`). convex-test runs
 *    transactions one at a time and does not simulate OCC: the conflict figures are the model's,
 *    fed with measured read/write sets and measured transaction times.
 * 2. Worst-case requests against Convex's per-transaction limits: a 1 MB article fetched with
 *    its watermark, the longest list and search pages; documents and bytes read and written,
 *    index ranges, functions scheduled (`ctx.meta.getTransactionMetrics()`), and time in this
 *    process as a stand-in for user time (Convex: 1 s per query or mutation).
 */
import { test } from "vitest";
import type { MutationCtx } from "../convex/_generated/server";
import { handleApiRequest } from "../convex/contentApi/handle";
import type { ApiRequest } from "../convex/contentApi/request";
import { apiWorld } from "../convex/test/world";
import { CONFLICT_RETRY } from "../convex/lib/conflictRetry";
import { conflictModel, pairConflictRate, recordDatabase, sharedDocuments, type DbRecord } from "../convex/test/dbRecorder";

const BURST = 100;
const RATE = 100;

test("hot documents and expected write conflicts per tier", async () => {
  const w = await apiWorld({ articles: 20 });
  const lines = [
    `tier        ok/refused  shared docs/request (max, tables)            pair q   tx ms   p(conflict)  attempts  P(fail after 4 retries)  failed of 100  P(503) with HTTP retries`,
  ];
  for (const tier of ["free", "pro", "enterprise"] as const) {
    const records: DbRecord[] = [];
    const times: number[] = [];
    let ok = 0;
    for (let i = 0; i < BURST; i++) {
      const start = performance.now();
      const { result, record } = await recordDatabase(() => w.get(`/api/v1/contents/${w.slugs[i % w.slugs.length]}`, { key: w.keys[tier].key, ip: "203.0.113.9" }));
      times.push(performance.now() - start);
      if (result.status === 200) ok++;
      records.push(record);
    }
    const shared = records.map((r) => sharedDocuments(r, records));
    const max = Math.max(...shared.map((s) => s.length));
    const mean = shared.reduce((sum, s) => sum + s.length, 0) / shared.length;
    const tables = [...new Set(shared.flat().map((s) => s.table))].join(", ") || "none";
    const q = pairConflictRate(records);
    const txMs = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    for (const d of [txMs, 10]) {
      const m = conflictModel({ ratePerSecond: RATE, transactionMs: d, pairConflict: q });
      const served = conflictModel({ ratePerSecond: RATE, transactionMs: d, pairConflict: q, callerRetries: CONFLICT_RETRY.retries });
      lines.push(
        `${tier.padEnd(11)} ${`${ok}/${BURST - ok}`.padEnd(11)} ${`max ${max}, mean ${mean.toFixed(2)} (${tables})`.padEnd(44)} ${q.toFixed(3).padStart(6)} ${d.toFixed(1).padStart(7)} ${m.perAttempt.toFixed(4).padStart(12)} ${m.expectedAttempts.toFixed(3).padStart(9)} ${m.failure.toExponential(2).padStart(24)} ${(m.failure * 100).toFixed(3).padStart(14)} ${served.failure.toExponential(2).padStart(25)}`,
      );
    }
  }
  console.log(
    `\n## hot documents: ${BURST} GET requests of one customer per tier, ${RATE} requests/s (rows: median measured transaction time, then 10 ms)\n` +
      `(q = share of request pairs where one's writes meet the other's reads; p = 1 − exp(−λ·q·d); fail = p^5; the HTTP action calls again up to ${CONFLICT_RETRY.retries} times on a conflict: P(503) = p^${5 * (1 + CONFLICT_RETRY.retries)}; convex-test does not simulate OCC)\n` +
      lines.join("\n"),
  );
}, 600_000);

type Figures = Awaited<ReturnType<typeof measure>>;

async function measure(w: Awaited<ReturnType<typeof apiWorld>>, request: ApiRequest) {
  const start = performance.now();
  const { status, metrics } = await w.t.run(async (ctx: MutationCtx) => {
    const res = await handleApiRequest(ctx, request);
    return { status: res.status, metrics: await ctx.meta.getTransactionMetrics() };
  });
  return { status, ms: performance.now() - start, metrics };
}

function row(name: string, f: Figures) {
  const m = f.metrics;
  const pct = (used: number, remaining: number) => `${((100 * used) / (used + remaining)).toFixed(2)}%`;
  return (
    `${name.padEnd(34)} ${String(f.status).padEnd(4)} docs r/w ${m.documentsRead.used}/${m.documentsWritten.used} ` +
    `bytes r/w ${m.bytesRead.used}/${m.bytesWritten.used} (${pct(m.bytesRead.used, m.bytesRead.remaining)} of read limit) ` +
    `index ranges ${m.databaseQueries.used} scheduled ${m.functionsScheduled.used} time ${f.ms.toFixed(0)} ms (${((100 * f.ms) / 1000).toFixed(0)}% of 1 s)`
  );
}

test("worst-case content API requests against Convex's transaction limits", async () => {
  const w = await apiWorld({ articles: 120 });
  const words = "The archive keeps every revision of the report, and the researchers quote it often. ";
  const body = words.repeat(Math.ceil(1_000_000 / words.length)).slice(0, 1_000_000);
  await w.t.run(async (ctx) => {
    const first = await ctx.db.query("articles").withIndex("by_slug", (q) => q.eq("slug", w.slugs[0])).unique();
    await ctx.db.patch("articles", first!._id, { body });
  });
  const base = { apiKey: w.keys.pro.key, ipAddress: "203.0.113.10", forwardedFor: "203.0.113.10", userAgent: "bench", method: "GET", signatureTimestamp: null, signature: null };
  const lines = [
    row("get 1 MB article (watermarked)", await measure(w, { ...base, route: { action: "get", slug: w.slugs[0] }, pathWithQuery: `/api/v1/contents/${w.slugs[0]}` })),
    row("get 1 MB article again (warm)", await measure(w, { ...base, route: { action: "get", slug: w.slugs[0] }, pathWithQuery: `/api/v1/contents/${w.slugs[0]}` })),
    row("list 100 (max page)", await measure(w, { ...base, route: { action: "list", limit: 100 }, pathWithQuery: "/api/v1/contents?limit=100" })),
    row("search 50 (max page)", await measure(w, { ...base, route: { action: "search", q: "the", limit: 50 }, pathWithQuery: "/api/v1/search?q=the&limit=50" })),
    row("invalid key", await measure(w, { ...base, apiKey: "nak_pk_" + "A".repeat(38), route: { action: "me" }, pathWithQuery: "/api/v1/me" })),
  ];
  console.log(
    `\n## worst-case requests vs Convex limits (16 MiB read/write, 32,000 docs read, 16,000 written, 4,096 index ranges, 1,000 scheduled, 1 s user time)\n` +
      `(time is wall time of the transaction in convex-test on this machine, an upper bound of user time)\n` +
      lines.join("\n"),
  );
}, 600_000);
