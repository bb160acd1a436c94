/**
 * Admin search and pagination over customers and keys (convex/admin/search.ts), measured with
 * 1,000 and with 10,000 customers (one key each): per page, the documents read across the app and
 * the Better Auth component (convex/test/dbRecorder.ts) and the time in this process, for each
 * access path the keys and customers pages use. A page should cost the same at both sizes
 * (ratio near 1): every read is an index range or a search index, bounded by the page size.
 * Printed, never asserted.
 */
import { test } from "vitest";
import { api, components } from "../convex/_generated/api";
import { recordDatabase } from "../convex/test/dbRecorder";
import { newTest, signUpAdmin, type SignedUp } from "../convex/test/setup";
import { DAY } from "../convex/lib/time";
import type { MutationCtx } from "../convex/_generated/server";
import type { Tier } from "../convex/shared/tiers";

// ADMIN_BENCH_SIZES=50,500 for a quick run.
const SIZES = (process.env.ADMIN_BENCH_SIZES?.split(",").map(Number) ?? [1_000, 10_000]) as [number, number];
const PAGE = 50;
const BATCH = 250;
const WORDS = ["Billing", "Reports", "Crawler", "Mobile", "Backend"];
const KINDS = ["service", "app", "worker", "job"];

const pad = (i: number) => String(i).padStart(5, "0");
const planOf = (i: number): Tier => (i % 10 === 0 ? "enterprise" : i % 3 === 0 ? "pro" : "free");

/** n customers (Better Auth user + profile), one key each, written straight to the tables. */
async function world(n: number) {
  const t = newTest();
  const admin = await signUpAdmin(t, "admin@nak.test");
  const now = Date.now();
  for (let from = 0; from < n; from += BATCH) {
    await t.run(async (ctx) => {
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const email = `customer${pad(i)}@${i % 7 === 0 ? "corp.example" : "example.com"}`;
        const user = (await insertRow(ctx, "user", { name: `Customer ${i}`, email, emailVerified: true, createdAt: now - i, updatedAt: now - i })) as { _id: string };
        const plan = planOf(i);
        await ctx.db.insert("profiles", { authUserId: user._id, email, name: `Customer ${i}`, plan, role: "user", createdAt: now - i });
        const revoked = i % 17 === 0;
        await insertRow(ctx, "apikey", {
              configId: "default",
              name: `${WORDS[i % WORDS.length]} ${KINDS[i % KINDS.length]} ${i}`,
              start: `nak_pk_${pad(i)}`,
              prefix: "nak_pk_",
              key: `bench-hash-${i}`,
              referenceId: user._id,
              enabled: !revoked,
              expiresAt: now + 30 * DAY,
              createdAt: now - i,
              updatedAt: now - i,
              permissions: JSON.stringify({ contents: ["read"] }),
              tier: plan,
              ...(revoked ? { revokedAt: now - 1, revokedReason: "bench", revokedBy: "admin" as const } : {}),
        });
      }
    });
  }
  return { t, admin };
}

/**
 * Inserts a row in a Better Auth table through the component's adapter (no onCreate trigger: the
 * bench wants rows, not the product's creation side effects). The generated reference types
 * `model` from Better Auth's default tables only, without the api-key plugin's `apikey`.
 */
async function insertRow(ctx: { runMutation: MutationCtx["runMutation"] }, model: string, data: Record<string, unknown>) {
  return await ctx.runMutation(components.betterAuth.adapter.create, { input: { model, data } } as never);
}

type Figures = { docs: number; byTable: string; rows: number; ms: number };

async function measure(work: () => Promise<{ page: unknown[] }>): Promise<Figures> {
  const start = performance.now();
  const { result, record } = await recordDatabase(work);
  const ms = performance.now() - start;
  const tables = new Map<string, number>();
  for (const r of record.reads) tables.set(r.table, (tables.get(r.table) ?? 0) + 1);
  const byTable = [...tables].sort((a, b) => b[1] - a[1]).map(([t, c]) => `${t} ${c}`).join(", ");
  return { docs: record.reads.length, byTable, rows: result.page.length, ms };
}

type Case = { name: string; run: (admin: SignedUp, cursor: string | null) => Promise<{ page: unknown[]; continueCursor: string }> };

const opts = (cursor: string | null) => ({ paginationOpts: { numItems: PAGE, cursor } });
const CASES: Case[] = [
  { name: "keys: newest first", run: (a, c) => a.client.query(api.admin.search.keys, opts(c)) },
  { name: "keys: name words \"billing\"", run: (a, c) => a.client.query(api.admin.search.keys, { ...opts(c), q: "billing" }) },
  { name: "keys: prefix nak_pk_0004", run: (a, c) => a.client.query(api.admin.search.keys, { ...opts(c), q: "nak_pk_0004" }) },
  { name: "keys: owner email customer00012@", run: (a, c) => a.client.query(api.admin.search.keys, { ...opts(c), q: "customer00012@" }) },
  { name: "keys: tier pro", run: (a, c) => a.client.query(api.admin.search.keys, { ...opts(c), tier: "pro" }) },
  { name: "keys: status revoked", run: (a, c) => a.client.query(api.admin.search.keys, { ...opts(c), status: "revoked" }) },
  { name: "customers: newest first", run: (a, c) => a.client.query(api.admin.search.customers, opts(c)) },
  { name: "customers: email customer00", run: (a, c) => a.client.query(api.admin.search.customers, { ...opts(c), q: "customer00" }) },
  { name: "customers: plan enterprise", run: (a, c) => a.client.query(api.admin.search.customers, { ...opts(c), plan: "enterprise" }) },
  { name: "customers: plan pro + email", run: (a, c) => a.client.query(api.admin.search.customers, { ...opts(c), plan: "pro", q: "customer0" }) },
  { name: "customers: role admin", run: (a, c) => a.client.query(api.admin.search.customers, { ...opts(c), role: "admin" }) },
];

/** First page, and the third page (after following the cursor twice). */
async function firstAndThird(admin: SignedUp, c: Case) {
  const first = await measure(() => c.run(admin, null));
  let cursor: string | null = null;
  for (let i = 0; i < 2; i++) {
    const r: { continueCursor: string } = await c.run(admin, cursor);
    cursor = r.continueCursor || null;
    if (!cursor) break;
  }
  const third = cursor ? await measure(() => c.run(admin, cursor)) : null;
  return { first, third };
}

test(`admin search and pagination with ${SIZES.join(" and ")} customers`, async () => {
  const results = new Map<number, Map<string, Awaited<ReturnType<typeof firstAndThird>>>>();
  const seeding: string[] = [];
  for (const n of SIZES) {
    const start = performance.now();
    const { admin } = await world(n);
    seeding.push(`${n} customers seeded in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const perCase = new Map<string, Awaited<ReturnType<typeof firstAndThird>>>();
    for (const c of CASES) {
      await c.run(admin, null); // warm-up (module load, first component call)
      perCase.set(c.name, await firstAndThird(admin, c));
    }
    results.set(n, perCase);
  }
  const [small, large] = SIZES;
  const fmt = (f: Figures | null) => (f ? `${String(f.docs).padStart(4)} docs ${f.ms.toFixed(0).padStart(4)} ms ${String(f.rows).padStart(3)} rows` : "   (one page only)        ");
  const lines = [`path (page of ${PAGE})                 ${`${small} customers: page 1`.padEnd(30)} ${`${large} customers: page 1`.padEnd(32)} ${`page 3`.padEnd(28)} docs ratio  reads at ${large} (page 1, by table)`];
  for (const c of CASES) {
    const a = results.get(small)!.get(c.name)!;
    const b = results.get(large)!.get(c.name)!;
    const ratio = (b.first.docs / Math.max(1, a.first.docs)).toFixed(2);
    lines.push(`${c.name.padEnd(34)} ${fmt(a.first).padEnd(30)} ${fmt(b.first).padEnd(32)} ${fmt(b.third).padEnd(28)} ${ratio.padStart(10)}  ${b.first.byTable}`);
  }
  console.log(
    `\n## admin search and pagination (docs = documents read in the app and the Better Auth component, per page; ms = time in this process)\n` +
      `(convex-test evaluates an index range by scanning its table in memory, so its ms grow with the table; Convex reads an index range in O(log n + rows): the docs column is the figure that carries over)\n` +
      `${seeding.join("; ")}\n` +
      lines.join("\n"),
  );
}, 3_600_000);
