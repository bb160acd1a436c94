/**
 * Per-request cost of the content API against a baseline that calls Better Auth's
 * `verifyApiKey` per request (what the hot path avoids: it writes the key row every time), side by side in one run:
 * time per request and documents read/written per request, and their ratio.
 *
 * Both sides run the same work after verification (log row, article read) inside one
 * convex-test transaction each; metrics come from `ctx.meta.getTransactionMetrics()`.
 */
import { test } from "vitest";
import { internal } from "../convex/_generated/api";
import type { MutationCtx } from "../convex/_generated/server";
import { createAuth } from "../convex/auth";
import { handleApiRequest } from "../convex/contentApi/handle";
import type { ApiRequest } from "../convex/contentApi/request";
import { getArticle } from "../convex/contentApi/articles";
import { seedCatalogue } from "../convex/demo/seed";
import { newTest, signUp } from "../convex/test/setup";

const REQUESTS = 100;

type Sample = { ms: number; read: number; written: number };

function summary(samples: Sample[]) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const mean = (f: (s: Sample) => number) => samples.reduce((sum, s) => sum + f(s), 0) / samples.length;
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], read: mean((s) => s.read), written: mean((s) => s.written) };
}

async function measure(t: ReturnType<typeof newTest>, work: (ctx: MutationCtx) => Promise<unknown>): Promise<Sample> {
  const start = performance.now();
  const metrics = await t.run(async (ctx) => {
    await work(ctx);
    return await ctx.meta.getTransactionMetrics();
  });
  return { ms: performance.now() - start, read: metrics.documentsRead.used, written: metrics.documentsWritten.used };
}

test("content API hot path vs Better Auth verifyApiKey per request", async () => {
  const t = newTest();
  await t.run((ctx) => seedCatalogue(ctx, 50));
  const owner = await signUp(t, "bench@example.com");
  const rows: string[] = [];
  for (const tier of ["pro", "enterprise"] as const) {
    const ours = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: owner.userId, name: `ours ${tier}`, subscriptionTier: tier });
    const base = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: owner.userId, name: `base ${tier}`, subscriptionTier: tier });
    const slug = (await t.run((ctx) => ctx.db.query("articles").first()))!.slug;
    const request: ApiRequest = {
      route: { action: "get", slug },
      apiKey: ours.apiKey!,
      ipAddress: "203.0.113.1",
      forwardedFor: "203.0.113.1",
      userAgent: "bench",
      method: "GET",
      pathWithQuery: `/api/v1/contents/${slug}`,
      signatureTimestamp: null,
      signature: null,
    };
    const oursSamples: Sample[] = [];
    const baseSamples: Sample[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      oursSamples.push(
        await measure(t, async (ctx) => {
          const res = await handleApiRequest(ctx, request);
          if (res.status !== 200) throw new Error(`ours: ${res.status} ${res.body}`);
        }),
      );
      baseSamples.push(
        await measure(t, async (ctx) => {
          const result = await createAuth(ctx).api.verifyApiKey({ body: { key: base.apiKey!, permissions: { contents: ["read"] } } });
          if (!result.valid || !result.key) throw new Error(`baseline: ${JSON.stringify(result.error)}`);
          const article = await getArticle(ctx.db, slug);
          await ctx.db.insert("contentAccessLog", {
            apiKeyId: result.key.id, userId: owner.userId, contentSlug: article!.slug, action: "get",
            statusCode: 200, ipAddress: "203.0.113.1", userAgent: "bench", accessedAt: Date.now(),
          });
        }),
      );
    }
    const o = summary(oursSamples);
    const b = summary(baseSamples);
    rows.push(
      `${tier.padEnd(10)} ours      ${o.median.toFixed(2).padStart(7)} ms (p95 ${o.p95.toFixed(2)})  reads ${o.read.toFixed(1).padStart(5)}  writes ${o.written.toFixed(1)}`,
      `${tier.padEnd(10)} baseline  ${b.median.toFixed(2).padStart(7)} ms (p95 ${b.p95.toFixed(2)})  reads ${b.read.toFixed(1).padStart(5)}  writes ${b.written.toFixed(1)}`,
      `${tier.padEnd(10)} ratio baseline/ours: time ${(b.median / o.median).toFixed(1)}x, reads ${(b.read / o.read).toFixed(1)}x, writes ${(b.written / o.written).toFixed(1)}x`,
    );
  }
  console.log(`\n## content API: ${REQUESTS} GET /api/v1/contents/{slug} per tier (median time per request)\n${rows.join("\n")}`);
}, 600_000);
