// Admin search and filters over keys and customers: each access path, combined filters, and
// pagination that walks every row once.
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newTest, signUp, signUpAdmin, type TestConvex } from "../test/setup";
import type { Tier } from "../shared/tiers";
import { minuteNow } from "../test/clockViews";

const page = (numItems = 50, cursor: string | null = null) => ({ paginationOpts: { numItems, cursor } });

async function createKey(t: TestConvex, userId: string, name: string, tier: Tier) {
  const created = await t.mutation(internal.apiKeys.internal.createApiKey, { userId, name, subscriptionTier: tier });
  return { id: created.apiKeyId!, key: created.apiKey! };
}

async function world() {
  const t = newTest();
  const admin = await signUpAdmin(t, "admin@nak.test");
  const fran = await signUp(t, "fran@example.com");
  const frank = await signUp(t, "frank@corp.example");
  const gus = await signUp(t, "gus@example.com");
  const billing = await createKey(t, fran.userId, "Billing service", "free");
  const reports = await createKey(t, fran.userId, "Nightly reports", "free");
  const crawler = await createKey(t, frank.userId, "Crawler", "free");
  const gusKey = await createKey(t, gus.userId, "billing backup", "free");
  await admin.client.mutation(api.admin.keys.revoke, { keyId: crawler.id, reason: "abuse" });
  return { t, admin, fran, frank, gus, keys: { billing, reports, crawler, gusKey } };
}

const names = (rows: Array<{ key: { name: string } }>) => rows.map((r) => r.key.name).sort();

describe("admin key search", () => {
  test("finds keys by words of their name, case-insensitively", async () => {
    const { admin } = await world();
    const result = await admin.client.query(api.admin.search.keys, { ...page(), q: "billing" });
    expect(names(result.page)).toEqual(["Billing service", "billing backup"]);
  });

  test("finds a key by its prefix", async () => {
    const { admin, keys } = await world();
    const result = await admin.client.query(api.admin.search.keys, { ...page(), q: keys.reports.key.slice(0, 11) });
    expect(result.page.map((r) => r.key.id)).toEqual([keys.reports.id]);
  });

  test("finds an owner's keys by email prefix", async () => {
    const { admin } = await world();
    expect(names((await admin.client.query(api.admin.search.keys, { ...page(), q: "fran@" })).page)).toEqual(["Billing service", "Nightly reports"]);
    expect(names((await admin.client.query(api.admin.search.keys, { ...page(), q: "fra@" })).page)).toEqual([]);
    expect(names((await admin.client.query(api.admin.search.keys, { ...page(), q: "FRAN@EXAMPLE.COM" })).page)).toEqual(["Billing service", "Nightly reports"]);
    expect((await admin.client.query(api.admin.search.keys, { ...page(), q: "nobody@" })).page).toEqual([]);
  });

  test("filters by status and tier, alone and with a search", async () => {
    const { t, admin, gus } = await world();
    await t.mutation(internal.apiKeys.internal.createApiKey, { userId: gus.userId, name: "Gus pro", subscriptionTier: "pro" });
    const revoked = await admin.client.query(api.admin.search.keys, { ...page(), status: "revoked" });
    expect(names(revoked.page)).toEqual(["Crawler"]);
    const pro = await admin.client.query(api.admin.search.keys, { ...page(), tier: "pro" });
    expect(names(pro.page)).toEqual(["Gus pro"]);
    const activeFree = await admin.client.query(api.admin.search.keys, { ...page(), tier: "free", status: "active", asOf: minuteNow() });
    expect(names(activeFree.page)).toEqual(["Billing service", "Nightly reports", "billing backup"]);
    expect(names((await admin.client.query(api.admin.search.keys, { ...page(), q: "gus@", tier: "pro" })).page)).toEqual(["Gus pro"]);
    expect((await admin.client.query(api.admin.search.keys, { ...page(), q: "crawler", status: "active", asOf: minuteNow() })).page).toEqual([]);
  });

  test("returns the same rows as the plain list: owner, usage, never the key or its hash", async () => {
    const { admin, keys } = await world();
    const [row] = (await admin.client.query(api.admin.search.keys, { ...page(), q: "Nightly" })).page;
    expect(row.owner).toEqual({ email: "fran@example.com", name: "fran" });
    expect(JSON.stringify(row)).not.toContain(keys.reports.key);
    expect(row.key).not.toHaveProperty("key");
  });

  test("pages through every key once", async () => {
    const { admin } = await world();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result: { page: Array<{ key: { id: string } }>; isDone: boolean; continueCursor: string } = await admin.client.query(api.admin.search.keys, page(2, cursor));
      seen.push(...result.page.map((r) => r.key.id));
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });
});

describe("admin customer search", () => {
  async function customers(count: number) {
    const t = newTest();
    const admin = await signUpAdmin(t, "admin@nak.test");
    await t.run(async (ctx) => {
      for (let i = 0; i < count; i++) {
        const plan = (["free", "pro", "enterprise"] as const)[i % 3];
        const email = `${i % 2 === 0 ? "ann" : "bob"}${String(i).padStart(4, "0")}@example.com`;
        await ctx.db.insert("profiles", { authUserId: `u${i}`, email, name: `C${i}`, plan, role: "user", createdAt: Date.now() + i });
      }
    });
    return { t, admin };
  }

  async function all(admin: Awaited<ReturnType<typeof customers>>["admin"], args: Record<string, unknown>, numItems = 25) {
    const rows: Array<{ email: string; plan: string; role: string }> = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const result: { page: typeof rows; isDone: boolean; continueCursor: string } = await admin.client.query(api.admin.search.customers, { ...page(numItems, cursor), ...args });
      rows.push(...result.page);
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    return rows;
  }

  test("searches by email prefix, case-insensitively, across pages", async () => {
    const { admin } = await customers(120);
    const rows = await all(admin, { q: "ANN00" });
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.email.startsWith("ann00"))).toBe(true);
  });

  test("filters by plan, with and without a search, every page full but the last", async () => {
    const { admin } = await customers(120);
    const pro = await all(admin, { plan: "pro" }, 10);
    expect(pro).toHaveLength(40);
    expect(pro.every((r) => r.plan === "pro")).toBe(true);
    const first = await admin.client.query(api.admin.search.customers, { ...page(10), plan: "pro" });
    expect(first.page).toHaveLength(10);
    const proBob = await all(admin, { plan: "pro", q: "bob" });
    expect(proBob.every((r) => r.plan === "pro" && r.email.startsWith("bob"))).toBe(true);
    expect(proBob).toHaveLength(20);
  });

  test("filters by role", async () => {
    const { admin } = await customers(30);
    const admins = await all(admin, { role: "admin" });
    expect(admins.map((r) => r.email)).toEqual(["admin@nak.test"]);
    expect(await all(admin, { role: "admin", q: "ann" })).toEqual([]);
  });

  test("without filters lists everyone, newest first", async () => {
    const { admin } = await customers(12);
    const rows = await all(admin, {}, 5);
    expect(rows).toHaveLength(13);
    expect(rows[0].email).toBe("bob0011@example.com");
  });
});
