/**
 * A small world for content API tests: a catalogue, one customer with a key of each tier, and a
 * `get` helper that calls the real HTTP routes the way an API consumer would.
 */
import { internal } from "../_generated/api";
import { seedCatalogue } from "../demo/seed";
import type { Tier } from "../shared/tiers";
import { newTest, signUp, signUpAdmin, type TestConvex } from "./setup";

export type World = Awaited<ReturnType<typeof apiWorld>>;

export async function apiWorld({ articles = 60 } = {}) {
  const t = newTest();
  await t.run((ctx) => seedCatalogue(ctx, articles));
  const owner = await signUp(t, "owner@example.com");
  const keys = {} as Record<Tier, { key: string; id: string }>;
  for (const tier of ["free", "pro", "enterprise"] as const) {
    const created = await t.mutation(internal.apiKeys.internal.createApiKey, {
      userId: owner.userId,
      name: `${tier} key`,
      subscriptionTier: tier,
    });
    keys[tier] = { key: created.apiKey!, id: created.apiKeyId! };
  }
  const slugs = await t.run(async (ctx) =>
    (await ctx.db.query("articles").withIndex("by_trap_and_ordinal", (q) => q.eq("trap", false)).collect()).map((a) => a.slug),
  );
  const traps = await t.run(async (ctx) =>
    (await ctx.db.query("articles").withIndex("by_trap_and_ordinal", (q) => q.eq("trap", true)).collect()).map((a) => a.slug),
  );
  return { t, owner, keys, slugs, traps, get: (path: string, init?: RequestInit & { key?: string; ip?: string }) => get(t, path, init) };
}

/**
 * The scene of a leak: the world's pro key fetched one article (the third) and an admin is signed
 * up; `served` is that article's body exactly as the key received it (watermarked for it).
 */
/** `owners` customers with `perOwner` enterprise keys each (plaintext key, id, owner's email): the keys of a leak-tracing scene. */
export async function customersWithKeys(t: TestConvex, owners: number, perOwner: number, prefix = "customer") {
  const keys: Array<{ key: string; id: string; owner: string }> = [];
  for (let owner = 0; owner < owners; owner++) {
    const user = await signUp(t, `${prefix}${owner}@example.com`);
    for (let i = 0; i < perOwner; i++) {
      const created = await t.mutation(internal.apiKeys.internal.createApiKey, { userId: user.userId, name: `key ${owner}.${i}`, subscriptionTier: "enterprise" });
      keys.push({ key: created.apiKey!, id: created.apiKeyId!, owner: user.email });
    }
  }
  return keys;
}

export async function leakScene() {
  const w = await apiWorld({ articles: 10 });
  const admin = await signUpAdmin(w.t);
  const fetched = await get(w.t, `/api/v1/contents/${w.slugs[2]}`, { key: w.keys.pro.key });
  return { w, admin, served: fetched.body.data.body as string };
}

export async function get(t: Pick<TestConvex, "fetch">, path: string, init: RequestInit & { key?: string; ip?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key !== undefined) headers.set("authorization", `Bearer ${init.key}`);
  if (init.ip !== undefined) headers.set("x-forwarded-for", init.ip);
  if (!headers.has("user-agent")) headers.set("user-agent", "test-client/1.0");
  const res = await t.fetch(path, { method: "GET", ...init, headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, any> };
}
