// Leak tracing end to end: keys fetch an article over the real HTTP route, a copy leaks through
// what copying does to text, and the admin's trace names the key, or lists candidates.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { seedCatalogue } from "../demo/seed";
import { getKey } from "../apiKeys/lifecycle";
import { customersWithKeys, get } from "../test/world";
import { newTest, signUp, signUpAdmin } from "../test/setup";
import { TRANSFORMS } from "../../bench/leakTransforms";
import { charactersNeeded, MAX_ARTICLES } from "../watermark/trace";
import { ATTRIBUTION_THRESHOLD, LEADING_THRESHOLD } from "../shared/attribution";
import { MAX_LEAK_TEXT } from "../shared/validators";
import { MORE_PROSE, PROSE } from "../../bench/prose";
import { recordArticlePosition } from "../monitoring/catalogue";
import { VISIBLE_VERSION } from "../watermark/variants";
import { markVisible } from "../watermark/visible";
import { embedWatermark } from "../watermark/zeroWidth";

const combined = new Map(TRANSFORMS).get("all combined")!;

/** `length` visible characters of a served text from `start`, with the invisible ones among them. */
function visibleSlice(served: string, start: number, length: number): string {
  let end = start;
  for (let seen = 0; end < served.length && seen < length; end++) if (!/[\p{Cf}\uFE00-\uFE0F]/u.test(served[end])) seen++;
  return served.slice(start, end);
}

/** Twenty keys of four customers, every one of which fetched the same article (some several times). */
async function leakWorld() {
  const t = newTest();
  await t.run((ctx) => seedCatalogue(ctx, 30));
  const slug = (await t.run((ctx) => ctx.db.query("articles").withIndex("by_trap_and_ordinal", (q) => q.eq("trap", false)).first()))!.slug;
  const keys = await customersWithKeys(t, 4, 5);
  const served: string[] = [];
  for (const [i, k] of keys.entries()) {
    for (let n = 0; n <= i % 3; n++) {
      const res = await get(t, `/api/v1/contents/${slug}`, { key: k.key });
      expect(res.status).toBe(200);
      if (n === 0) served.push(res.body.data.body as string);
    }
  }
  const admin = await signUpAdmin(t);
  return { t, slug, keys, served, admin };
}

/** Eight keys of two customers, every one of which fetched the same five hand-written articles (no shared passages). */
async function scraperWorld() {
  const t = newTest();
  await t.run((ctx) => seedCatalogue(ctx, 30));
  const slugs = await t.run(async (ctx) => {
    const out: string[] = [];
    for (const [i, [name, body]] of Object.entries(MORE_PROSE).entries()) {
      const article = { slug: `essay-${name.toLowerCase()}`, title: `An essay on ${name.toLowerCase()}`, summary: body.slice(0, 120), body, tags: ["essay"], author: "Staff", publishedAt: Date.UTC(2026, 10, 1 + i), ordinal: 100 + i, trap: false };
      await ctx.db.insert("articles", article);
      await recordArticlePosition(ctx.db, article);
      out.push(article.slug);
    }
    return out;
  });
  const keys = await customersWithKeys(t, 2, 4, "scraper");
  const served = new Map<string, string[]>();
  for (const k of keys) {
    const bodies: string[] = [];
    for (const slug of slugs) {
      const res = await get(t, `/api/v1/contents/${slug}`, { key: k.key });
      expect(res.status).toBe(200);
      bodies.push(res.body.data.body as string);
    }
    served.set(k.id, bodies);
  }
  const admin = await signUpAdmin(t);
  return { t, slugs, keys, served, admin };
}

describe("admin leak tracing", () => {
  test("the largest paste accepted, a page of passages of every article, traces within Convex's limits", async () => {
    const w = await leakWorld();
    const bodies = await w.t.run(async (ctx) => (await ctx.db.query("articles").collect()).map((a) => a.body));
    let page = "";
    for (let i = 0; page.length < MAX_LEAK_TEXT - 700; i++) page += `${bodies[i % bodies.length].slice(0, 600)}\n\n`;
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text: page.slice(0, MAX_LEAK_TEXT) });
    expect(traced.articlesRecognised).toBeGreaterThan(1);
    expect(traced.articlesRecognised).toBeLessThanOrEqual(MAX_ARTICLES);
    // One character more is refused with a clear error, not a timeout.
    await expect(w.admin.client.query(api.admin.leaks.trace, { text: "x".repeat(MAX_LEAK_TEXT + 1) })).rejects.toThrow(`Paste at most ${MAX_LEAK_TEXT} characters.`);
  });

  test("a catalogue of articles near Convex's 1 MiB document limit is traced within Convex's read limit, to the key that fetched the long read (attack)", async () => {
    // Twenty articles of 900 KB that share their words: reading every search hit would read 18 MB
    // (Convex allows 16 MiB per query) and fingerprinting them would take tens of seconds. Convex
    // ranks search hits by relevance, convex-test by insertion: the long read comes early here.
    const t = newTest();
    const sentences = Object.values(MORE_PROSE).join(" ").split(/(?<=[.!?])\s+/);
    const filler = (seed: number, length: number) => {
      const parts: string[] = [];
      for (let i = 0, size = 0; size < length; i++, size += parts[parts.length - 1].length + 1) parts.push(sentences[(i * 7 + seed * 13 + (i % 5) * seed) % sentences.length]);
      return parts.join(" ");
    };
    for (let i = 0; i < 20; i++) {
      const body = i === 3 ? `${filler(i, 20_000)}\n\n${PROSE.REPORT}\n\n${filler(i + 40, 880_000)}` : filler(i, 900_000);
      const article = { slug: `long-read-${i}`, title: `A long read, part ${i}`, summary: "Everything about the city.", body, tags: ["long"], author: "Staff", publishedAt: Date.UTC(2026, 10, 1), ordinal: i + 1, trap: false };
      await t.run(async (ctx) => {
        await ctx.db.insert("articles", article);
        await recordArticlePosition(ctx.db, article);
      });
    }
    const keys = await customersWithKeys(t, 1, 3, "reader");
    const served: string[] = [];
    for (const k of keys) {
      const res = await get(t, "/api/v1/contents/long-read-3", { key: k.key });
      expect(res.status).toBe(200);
      served.push(res.body.data.body as string);
    }
    const admin = await signUpAdmin(t);
    const from = served[1].search(/researchers\P{L}{1,9}found/u) - 100; // in the passage, past its first sentence
    expect(from).toBeGreaterThan(20_000);
    for (const leak of [served[1].slice(from, from + 1_500), combined(served[1].slice(from, from + 2_500))]) {
      const traced = await admin.client.query(api.admin.leaks.trace, { text: leak });
      expect(traced).toMatchObject({ found: true, apiKeyId: keys[1].id, slug: "long-read-3" });
    }
  }, 120_000);

  test("a scraper's page republishing short stripped passages of several articles is traced to its key by pooling them (attack)", async () => {
    const w = await scraperWorld();
    const leaker = w.keys[5];
    // Five 400-character passages, one per article, every transform applied. Alone, a passage is
    // almost always too short to name a key: for about 2% of key sets one of the five carries
    // enough (measured over 400 random key sets), and then it names the leaker, never another key.
    const passages = w.served.get(leaker.id)!.map((body) => combined(body).slice(300, 700));
    const aloneProbabilities: number[] = [];
    for (const passage of passages) {
      const alone = await w.admin.client.query(api.admin.leaks.trace, { text: passage });
      if (alone.found) {
        expect(alone.apiKeyId).toBe(leaker.id);
        aloneProbabilities.push(alone.falseAttributionProbability);
      } else {
        const own = alone.candidates.find((c) => c.apiKeyId === leaker.id)!;
        aloneProbabilities.push(Math.min(1, own.randomKeyMatchProbability * alone.keysCompared));
      }
    }
    expect(aloneProbabilities.filter((p) => p < 1e-6).length).toBeLessThanOrEqual(1);
    const page = passages.join("\n\nRead more on our site.\n\n");
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text: page });
    expect(traced).toMatchObject({ found: true, layer: "visible", apiKeyId: leaker.id, keysCompared: 8, articlesRecognised: 5 });
    // Pooled, the passages are stronger evidence than any one of them.
    if (traced.found) expect(traced.falseAttributionProbability).toBeLessThan(Math.min(1e-6, ...aloneProbabilities));
  });


  test("names the leaking key among 20 after every transform at once, with owner, article, when it fetched it and why", async () => {
    const w = await leakWorld();
    const leaker = 13;
    const leak = combined(w.served[leaker]);
    expect(leak).toMatch(/^[\t\n\r\x20-\x7E]*$/); // no invisible character left, all lower case ASCII
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text: leak });
    expect(traced).toMatchObject({
      found: true,
      layer: "visible",
      apiKeyId: w.keys[leaker].id,
      owner: { email: w.keys[leaker].owner },
      slug: w.slug,
      fetched: { count: 1 + (leaker % 3) },
      keysCompared: 20,
    });
    if (!traced.found) return;
    expect(traced.falseAttributionProbability).toBeLessThan(1e-6);
    expect(traced.evidence.choicesMatched).toBe(traced.evidence.choicePoints);
    expect(traced.fetched!.firstAt).toBeLessThanOrEqual(traced.fetched!.lastAt);
  });

  test("every fetch records the list version its copy was marked with, and a copy served before a list change is read with its own list", async () => {
    const w = await leakWorld();
    const rows = await w.t.run((ctx) => ctx.db.query("contentAccessLog").collect());
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect(row.watermarkVersion).toBe(VISIBLE_VERSION);
    // Key 5's fetches were logged before versions existed: its copy was marked with list 1.
    const leaker = 5;
    const { body, code } = await w.t.run(async (ctx) => {
      for (const row of rows.filter((r) => r.apiKeyId === w.keys[leaker].id)) await ctx.db.patch("contentAccessLog", row._id, { watermarkVersion: undefined });
      const article = await ctx.db.query("articles").withIndex("by_slug", (q) => q.eq("slug", w.slug)).unique();
      const usage = await ctx.db.query("apiKeyUsage").withIndex("by_apiKeyId", (q) => q.eq("apiKeyId", w.keys[leaker].id)).unique();
      return { body: article!.body, code: usage!.watermarkCode };
    });
    const oldCopy = embedWatermark(markVisible(body, code, Infinity, 1), code);
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text: combined(oldCopy) });
    expect(traced).toMatchObject({ found: true, apiKeyId: w.keys[leaker].id, keysCompared: 20 });
    if (!traced.found) return;
    expect(traced.evidence.choicesMatched).toBe(traced.evidence.choicePoints);
  });

  test("a stripped fragment too short to name its key shows it as the leading candidate once a wrong key would match as well less than 1 time in 1 000, and never another key", async () => {
    const w = await leakWorld();
    const leaker = 7;
    const leak = combined(w.served[leaker]);
    const seen = { leading: 0, named: 0 };
    for (let length = 200; length <= 1600; length += 50) {
      const traced = await w.admin.client.query(api.admin.leaks.trace, { text: leak.slice(0, length) });
      if (traced.found) {
        expect(traced.apiKeyId).toBe(w.keys[leaker].id);
        seen.named++;
        continue;
      }
      if (traced.leading === null) {
        // Not leading: either no candidate is that far ahead yet, or the best one is.
        expect((traced.candidates[0]?.randomKeyMatchProbability ?? 1) * traced.keysCompared).toBeGreaterThanOrEqual(LEADING_THRESHOLD);
        continue;
      }
      seen.leading++;
      expect(traced.leading.apiKeyId).toBe(w.keys[leaker].id);
      expect(traced.candidates[0].apiKeyId).toBe(w.keys[leaker].id);
      expect(traced.leading.falseAttributionProbability).toBeGreaterThanOrEqual(ATTRIBUTION_THRESHOLD);
      expect(traced.leading.falseAttributionProbability).toBeLessThan(LEADING_THRESHOLD);
    }
    // The leak passes through "leading" on its way from "too short" to "named".
    expect(seen.leading).toBeGreaterThan(0);
    expect(seen.named).toBeGreaterThan(0);
  });

  test("a fragment of 500 visible characters as served is traced through both layers", async () => {
    const w = await leakWorld();
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text: visibleSlice(w.served[4], 600, 500) });
    expect(traced).toMatchObject({ found: true, layer: "both", apiKeyId: w.keys[4].id });
  });

  test("without marks, the article is recognised and the keys that fetched it are listed as candidates, not named", async () => {
    const w = await leakWorld();
    const original = (await w.t.run((ctx) => ctx.db.query("articles").withIndex("by_slug", (q) => q.eq("slug", w.slug)).unique()))!;
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text: original.body.slice(200, 700) });
    expect(traced).toMatchObject({ found: false, failure: "too_short", article: { slug: w.slug, title: original.title }, keysCompared: 20, leading: null });
    if (traced.found) return;
    expect(traced.reason).toMatch(/too short/);
    // How much of this article it would take, for its 20 keys, once invisible characters are gone.
    expect(traced.charactersNeeded).toBe(Math.ceil(charactersNeeded(original, 20) / 100) * 100);
    expect(traced.charactersNeeded).toBeGreaterThan(500);
    expect(traced.candidates).toHaveLength(20);
    for (const [i, k] of w.keys.entries()) {
      expect(traced.candidates.find((c) => c.apiKeyId === k.id)).toMatchObject({ ownerEmail: k.owner, keyName: expect.any(String), fetched: { count: 1 + (i % 3) } });
    }
    const order = traced.candidates.map((c) => [c.randomKeyMatchProbability, -(c.fetched?.count ?? 0)]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  test("a long plain copy is long enough to carry marks: it says no marks were found", async () => {
    const w = await leakWorld();
    const original = (await w.t.run((ctx) => ctx.db.query("articles").withIndex("by_slug", (q) => q.eq("slug", w.slug)).unique()))!;
    expect(original.body.length).toBeGreaterThan(2500);
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text: original.body });
    expect(traced).toMatchObject({ found: false, failure: "no_marks", article: { slug: w.slug } });
  });

  test("text from no article of the catalogue is not recognised and lists nobody", async () => {
    const w = await leakWorld();
    const text = "Quarterly figures from the harbour authority show that container traffic rose again, led by refrigerated cargo and a new ferry line to the islands, which opened in March after years of delay.";
    const traced = await w.admin.client.query(api.admin.leaks.trace, { text });
    expect(traced).toMatchObject({ found: false, failure: "article_not_recognised", article: null, candidates: [], charactersNeeded: null });
  });

  test("recording without 'revoke' records the leak and leaves the key active", async () => {
    const w = await leakWorld();
    const leak = combined(w.served[2]);
    const recorded = await w.admin.client.mutation(api.admin.leaks.record, { text: leak, foundOn: "https://copycat.example/a", reportedBy: "manual", revoke: false });
    expect(recorded).toMatchObject({ apiKeyId: w.keys[2].id, slug: w.slug, revoked: false });
    const key = await w.t.run((ctx) => getKey(ctx, w.keys[2].id));
    expect(key).toMatchObject({ enabled: true });
    expect(key!.revokedAt).toBeUndefined();
  });

  test("only admins trace", async () => {
    const w = await leakWorld();
    const customer = await signUp(w.t, "nosy@example.com");
    await expect(customer.client.query(api.admin.leaks.trace, { text: w.served[0] })).rejects.toThrow();
  });
});
