/**
 * Detection at its worst cases under Convex's per-transaction limits (convex-test with
 * `transactionLimits: true`): an unlimited key at full speed over a 10,000-article catalogue with
 * large bodies, a scan batch of distinct keys, a backlog of unscanned rows, retention of an old log.
 * Each scenario returns the transaction metrics of the scheduled functions it drives; the limits
 * test asserts headroom at a reasonable size and `pnpm bench` prints them at full size.
 * Test-only (outside convex/, never deployed); runs under vitest (import.meta.glob).
 */
import { convexTest } from "convex-test";
import rateLimiter from "@convex-dev/rate-limiter/test";
import type { TransactionMetrics } from "convex/server";
import schema from "../convex/schema";
import betterAuthSchema from "../convex/betterAuth/schema";
import { internal } from "../convex/_generated/api";
import { modules, signUp } from "../convex/test/setup";
import { DAY, HOUR, MINUTE, SECOND } from "../convex/lib/time";
import { detectForKey, scanNewRows, SCAN_LAG_MS } from "../convex/monitoring/detection";
import { pruneAccessLog } from "../convex/monitoring/retention";

const betterAuthModules = import.meta.glob([
  "../convex/betterAuth/**/*.ts",
  "!../convex/betterAuth/auth.ts",
  "!../convex/betterAuth/**/*.test.ts",
]);

/** convex-test with Convex's real per-transaction limits (16 MiB read, 4,096 queries, …). */
export function limitedTest() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  t.registerComponent("betterAuth", betterAuthSchema, betterAuthModules);
  rateLimiter.register(t);
  return t;
}
type LimitedTest = ReturnType<typeof limitedTest>;

export const START = Date.UTC(2026, 10, 22, 8);
/** Rows inserted per setup transaction (itself under the 16,000-writes limit). */
const INSERT_CHUNK = 5_000;

export type Figures = {
  [K in "bytesRead" | "bytesWritten" | "documentsRead" | "documentsWritten" | "databaseQueries" | "functionsScheduled"]: {
    used: number;
    limit: number;
  };
};

function figures(metrics: TransactionMetrics): Figures {
  const pick = (k: keyof Figures) => ({ used: metrics[k].used, limit: metrics[k].used + metrics[k].remaining });
  return {
    bytesRead: pick("bytesRead"),
    bytesWritten: pick("bytesWritten"),
    documentsRead: pick("documentsRead"),
    documentsWritten: pick("documentsWritten"),
    databaseQueries: pick("databaseQueries"),
    functionsScheduled: pick("functionsScheduled"),
  };
}

/** The largest share of any limit a transaction used (0..1). */
export function worstShare(f: Figures): number {
  return Math.max(...Object.values(f).map((m) => m.used / m.limit));
}

/** One line per metric: used / limit (percent). */
export function describeFigures(f: Figures): string {
  const fmt = (n: number) => n.toLocaleString("en");
  return Object.entries(f)
    .map(([name, m]) => `${name} ${fmt(m.used)} / ${fmt(m.limit)} (${((m.used / m.limit) * 100).toFixed(1)}%)`)
    .join("; ");
}

async function inChunks(t: LimitedTest, count: number, chunk: number, write: (db: any, i: number) => Promise<unknown>) {
  for (let done = 0; done < count; done += chunk) {
    await t.run(async (ctx) => {
      for (let i = done; i < Math.min(count, done + chunk); i++) await write(ctx.db, i);
    });
  }
}

/** A catalogue of `size` public articles with bodies of `bodyBytes`, and their positions. */
export async function seedLargeCatalogue(t: LimitedTest, size: number, bodyBytes: number) {
  const body = "Lorem ipsum dolor sit amet. ".repeat(Math.ceil(bodyBytes / 28)).slice(0, bodyBytes);
  const perChunk = Math.max(1, Math.floor((8 * 1024 * 1024) / (bodyBytes + 500)));
  await inChunks(t, size, perChunk, async (db, i) => {
    const article = {
      slug: `article-${i + 1}`, title: `Article ${i + 1}`, summary: "s", body, tags: ["t"], author: "a",
      publishedAt: START - DAY, ordinal: i + 1, trap: false,
    };
    await db.insert("articles", article);
    // A fresh table: insert the position directly (recordArticlePosition's lookup per article
    // makes convex-test, which scans a table per index range, quadratic at 10,000 articles).
    await db.insert("articlePositions", { slug: article.slug, ordinal: article.ordinal, trap: article.trap });
  });
  return Array.from({ length: size }, (_, i) => `article-${i + 1}`);
}

async function enterpriseKey(t: LimitedTest) {
  const { userId } = await signUp(t, "limits@example.com");
  const created = await t.mutation(internal.apiKeys.internal.createApiKey, { userId, name: "unlimited", subscriptionTier: "enterprise" });
  return { userId, apiKeyId: created.apiKeyId! };
}

/**
 * An unlimited key at full speed for the whole detection window: `rows` requests in the last hour,
 * each for a different article of a `catalogue`-article catalogue with `bodyBytes` bodies, from a
 * rotating address. Returns the metrics of the per-key detection run.
 */
export async function unlimitedKeyAtFullSpeed(opts: { rows: number; catalogue: number; bodyBytes: number }) {
  const t = limitedTest();
  const slugs = await seedLargeCatalogue(t, opts.catalogue, opts.bodyBytes);
  const { userId, apiKeyId } = await enterpriseKey(t);
  const now = START + HOUR;
  await inChunks(t, opts.rows, INSERT_CHUNK, (db, i) =>
    db.insert("contentAccessLog", {
      apiKeyId, userId, contentSlug: slugs[i % slugs.length], action: "get", statusCode: 200,
      ipAddress: `45.${(i >> 8) & 255}.${i & 255}.7`, userAgent: "harvester/1.0",
      accessedAt: START + Math.floor((i * HOUR) / opts.rows),
    }),
  );
  const run = await t.run(async (ctx) => {
    const result = await detectForKey(ctx, apiKeyId, now);
    return { result, metrics: figures(await ctx.meta.getTransactionMetrics()) };
  });
  return run;
}

/**
 * `keys` distinct keys with one new row each, scanned: returns the metrics of the first scan
 * transaction, of the first fan-out transaction, and how many scans it took.
 */
export async function scanOfDistinctKeys(opts: { keys: number }) {
  const t = limitedTest();
  await inChunks(t, opts.keys, INSERT_CHUNK, (db, i) =>
    db.insert("contentAccessLog", {
      apiKeyId: `key_${i}`, userId: `user_${i % 100}`, contentSlug: "", action: "list", statusCode: 200,
      ipAddress: "203.0.113.1", userAgent: "ua", accessedAt: START + i,
    }),
  );
  const now = START + opts.keys + SCAN_LAG_MS + SECOND;
  const scans: Figures[] = [];
  let keysScheduled = 0;
  for (let more = true; more; ) {
    const step = await t.run(async (ctx) => {
      const result = await scanNewRows(ctx, now);
      return { result, metrics: figures(await ctx.meta.getTransactionMetrics()) };
    });
    scans.push(step.metrics);
    keysScheduled += step.result.keys.length;
    more = step.result.more;
  }
  // The fan-out of the rest of one batch's keys (the largest it gets: SCAN_BATCH_ROWS keys).
  const fanOut = await t.run(async (ctx) => {
    await ctx.runMutation(internal.monitoring.detection.fanOut, { apiKeyIds: Array.from({ length: 1_750 }, (_, i) => `key_${i}`) });
    return figures(await ctx.meta.getTransactionMetrics());
  });
  return { scans, fanOut, keysScheduled };
}

/**
 * A backlog of `backlog` unscanned rows on top of `old` scanned ones: the metrics of the first scan
 * (its cost follows the batch, not the log), and of a retention batch over the old rows.
 */
export async function backlogAndRetention(opts: { backlog: number; old: number }) {
  const t = limitedTest();
  const row = (i: number, accessedAt: number) => ({
    apiKeyId: `key_${i % 50}`, userId: "user_1", contentSlug: `article-${i % 400}`, action: "get" as const, statusCode: 200,
    ipAddress: "203.0.113.1", userAgent: "ua", accessedAt,
  });
  await inChunks(t, opts.old, INSERT_CHUNK, (db, i) => db.insert("contentAccessLog", row(i, START - 40 * DAY + i)));
  // The old rows were scanned by earlier runs.
  await t.run(async (ctx) => {
    const last = await ctx.db.query("contentAccessLog").withIndex("by_creation_time").order("desc").first();
    await ctx.db.insert("jobCursors", { name: "detection", lastCreationTime: last?._creationTime ?? 0, updatedAt: START });
  });
  await inChunks(t, opts.backlog, INSERT_CHUNK, (db, i) => db.insert("contentAccessLog", row(i, START + i)));
  const newest = await t.run(async (ctx) => (await ctx.db.query("contentAccessLog").withIndex("by_creation_time").order("desc").first())!._creationTime);
  const now = newest + SCAN_LAG_MS + MINUTE;
  const scan = await t.run(async (ctx) => {
    const result = await scanNewRows(ctx, now);
    return { rows: result.rows, metrics: figures(await ctx.meta.getTransactionMetrics()) };
  });
  const retention = await t.run(async (ctx) => {
    const result = await pruneAccessLog(ctx, START);
    return { removed: result.removed, metrics: figures(await ctx.meta.getTransactionMetrics()) };
  });
  return { scan, retention };
}
