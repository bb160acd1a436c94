/**
 * Leak tracing for admins: pasted text → the article it comes from (fingerprints) → the keys that
 * fetched it → which key's copy it is (both watermark layers, `watermark/trace.ts`), with a
 * false-attribution probability. When no key can be named, the keys that fetched the article are
 * listed as candidates, never as an attribution. Recording a leak writes `contentLeaks` and a
 * `content_leak` event, and can revoke the key in the same step.
 */
import { v, type Infer } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { components } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { logSecurityEvent } from "../audit/events";
import { getKey } from "../apiKeys/keyRows";
import { revokeKey } from "../apiKeys/lifecycle";
import { findKeyByWatermark, findKeyRecord, type KeyRecord } from "../apiKeys/tombstones";
import { getUsageDoc } from "../apiKeys/usage";
import { keyRecordView, keyView, toKeyRecordView, toKeyView } from "../apiKeys/views";
import { doc } from "convex-helpers/validators";
import schema from "../schema";
import { leakReporter, MAX_LEAK_TEXT } from "../shared/validators";
import { ALL_VERSIONS, articlesInText, charactersNeeded, decodedCode, MIN_SHINGLES, shingles, traceFragment } from "../watermark/trace";
import { LEADING_THRESHOLD } from "../shared/attribution";
import { tokenize } from "../watermark/tokens";

const MAX_FOUND_ON = 500;
/** Access-log rows read to find who fetched the recognised articles (newest first), shared among them. */
const FETCH_ROWS = 6_000;
/** A key's own access-log rows read to find when it fetched an article (newest first). */
const KEY_ROWS = 2_000;
/** Articles read per full-text search of a short paste (two searches); a long paste's passages share twice this. */
const SEARCH_TAKE = 16;
/** Full-text searches per trace: one per passage of a long paste (a scraper's page), at most this many. */
const MAX_SEARCHES = 6;
/**
 * Bytes of articles a trace reads at most, most relevant first. Convex allows 16 MiB per query and
 * an article may hold up to 1 MiB; the access log and the keys need the rest.
 */
const RECOGNITION_BYTES = 8 * 1024 * 1024;

/** An article's size as Convex counts what a query reads (UTF-8), near enough. */
function articleBytes(article: Doc<"articles">): number {
  let bytes = 0;
  for (const field of [article.slug, article.title, article.summary, article.body, article.author, ...article.tags]) {
    bytes += field.length;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      // Two or three bytes per UTF-16 unit outside ASCII; a surrogate pair (two units) is four.
      if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
    }
  }
  return bytes;
}

/**
 * A key's watermark code and owner, live or deleted: leak tracing goes through here, and through
 * `apiKeys/tombstones.ts` (the one lookup that still names a key after its deletion).
 */
export async function lookupWatermark(
  ctx: QueryCtx,
  by: { code: string } | { apiKeyId: string },
): Promise<{ apiKeyId: string; userId: string; code: string; record: KeyRecord } | null> {
  const record = "code" in by ? await findKeyByWatermark(ctx, by.code) : await findKeyRecord(ctx, by.apiKeyId);
  if (!record) return null;
  const code =
    "code" in by
      ? by.code
      : record.deleted
        ? record.tombstone.watermarkCode
        : ((await getUsageDoc(ctx.db, record.apiKeyId))?.watermarkCode ?? record.key.watermarkCode ?? null);
  return code ? { apiKeyId: record.apiKeyId, userId: record.userId, code, record } : null;
}

const ownerView = v.union(v.object({ email: v.string(), name: v.string() }), v.null());
const fetchedView = v.union(v.object({ count: v.number(), firstAt: v.number(), lastAt: v.number() }), v.null());
const articleView = v.union(v.object({ slug: v.string(), title: v.string(), similarity: v.number() }), v.null());
const candidateView = v.object({
  apiKeyId: v.string(),
  keyName: v.union(v.string(), v.null()),
  ownerEmail: v.union(v.string(), v.null()),
  fetched: fetchedView,
  /** P(a random other key matches the fragment as well as this one): not an attribution. */
  randomKeyMatchProbability: v.number(),
});
const traceView = v.union(
  v.object({
    found: v.literal(false),
    failure: v.union(v.literal("too_short"), v.literal("no_marks"), v.literal("article_not_recognised")),
    reason: v.string(),
    article: articleView,
    /** How many articles the text holds passages of: a scraper's page may hold several, and their marks pool. */
    articlesRecognised: v.number(),
    /** Keys that fetched the recognised article, most likely first: candidates, not an attribution. */
    candidates: v.array(candidateView),
    /** How many keys' copies were compared (all keys that fetched the recognised articles). */
    keysCompared: v.number(),
    /**
     * The best candidate when its false-attribution probability is below LEADING_THRESHOLD (one in
     * a thousand) but not below the one in a million needed to name it: not an attribution.
     */
    leading: v.union(v.object({ apiKeyId: v.string(), falseAttributionProbability: v.number() }), v.null()),
    /**
     * About how many characters of the recognised article a fragment needs for its visible marks
     * alone to name one of these keys (invisible characters stripped), rounded up to 100; null when
     * no article was recognised or the article has no visible choice points.
     */
    charactersNeeded: v.union(v.number(), v.null()),
  }),
  v.object({
    found: v.literal(true),
    layer: v.union(v.literal("zero-width"), v.literal("visible"), v.literal("both")),
    apiKeyId: v.string(),
    key: v.union(keyView, v.null()),
    /** The key as evidence, named even after deletion (its tombstone). */
    record: keyRecordView,
    owner: ownerView,
    slug: v.union(v.string(), v.null()),
    article: articleView,
    /** How many articles the text holds passages of: a scraper's page may hold several, and their marks pool. */
    articlesRecognised: v.number(),
    /** When the named key fetched the article (from the bounded access-log read). */
    fetched: fetchedView,
    /** P(any of the keys compared would match as well): below ATTRIBUTION_THRESHOLD, else no name. */
    falseAttributionProbability: v.number(),
    randomKeyMatchProbability: v.number(),
    keysCompared: v.number(),
    evidence: v.object({ choicePoints: v.number(), choicesMatched: v.number(), invisibleCharacters: v.number(), invisibleMatched: v.number() }),
  }),
);
type TraceView = Infer<typeof traceView>;
type Fetches = Map<string, { count: number; firstAt: number; lastAt: number }>;
/** Per key, the versions of the choice list its copies of the articles were marked with. */
type Versions = Map<string, Set<number>>;

/** Distinct words of 5+ letters, in order. */
const searchWords = (text: string) => [...new Set(tokenize(text).filter((t) => t.kind === "word" && /^[a-z]{5,}$/.test(t.canon)).map((t) => t.canon))];

const halves = (words: string[]) => [words.slice(0, Math.ceil(words.length / 2)), words.slice(Math.ceil(words.length / 2))];

/**
 * Word groups for full-text search: the text cut into up to MAX_SEARCHES passages at paragraph
 * breaks (a scraper's page holds several articles), 16 words spread over each; a single passage is
 * searched by both halves of its words.
 */
function searchTerms(text: string): string[][] {
  const paragraphs = text.replace(/\p{Cf}/gu, "").split(/\n\s*\n/).filter((p) => p.trim().length > 0);
  const size = Math.max(1, Math.ceil(paragraphs.length / MAX_SEARCHES));
  const passages: string[] = [];
  for (let i = 0; i < paragraphs.length; i += size) passages.push(paragraphs.slice(i, i + size).join("\n\n"));
  const groups = passages.length === 1 ? halves(searchWords(passages[0])) : passages.map(searchWords);
  // At most 16 words spread over each group: a passage may hold two articles' text.
  return groups.filter((group) => group.length > 0).map((group) => group.filter((_, i) => i % Math.ceil(group.length / 16) === 0));
}


/**
 * Articles the text holds passages of: the best matches of full-text searches on its words
 * (bounded: at most MAX_SEARCHES searches of SEARCH_TAKE, and RECOGNITION_BYTES in all), then
 * recognised by shingle fingerprints, which survive every transform the watermark does
 * (`articlesInText`, which bounds the fingerprinting too).
 */
async function recogniseArticles(ctx: QueryCtx, text: string) {
  const byId = new Map<string, Doc<"articles">>();
  const groups = searchTerms(text);
  // About 40 articles read in all, however many passages: each is fingerprinted, which costs time.
  const take = Math.max(6, Math.floor((2 * SEARCH_TAKE) / groups.length));
  let bytes = 0;
  // Read one by one, so that long articles stop the reading at RECOGNITION_BYTES.
  const read = async (found: AsyncIterable<Doc<"articles">>, limit: number) => {
    let taken = 0;
    if (bytes >= RECOGNITION_BYTES) return;
    for await (const article of found) {
      // Convex counts every document a query returns, one read twice as well.
      bytes += articleBytes(article);
      byId.set(article._id, article);
      if (++taken >= limit || bytes >= RECOGNITION_BYTES) return;
    }
  };
  for (const terms of groups) {
    const query = terms.join(" ");
    await read(ctx.db.query("articles").withSearchIndex("search_body", (q) => q.search("body", query)), take);
    await read(ctx.db.query("articles").withSearchIndex("search_title", (q) => q.search("title", query)), groups.length > 2 ? 1 : 4);
  }
  const articles = [...byId.values()];
  const { recognised, best } = articlesInText(text, articles);
  const first = recognised[0] ?? best;
  return { articles: recognised.map((r) => articles[r.index]), best: first ? { article: articles[first.index], similarity: first.similarity } : null };
}

/** Who fetched these articles: per key, how often, when and marked with which list (bounded, newest rows first). */
async function fetchesOf(ctx: QueryCtx, slugs: string[]): Promise<{ fetches: Fetches; versions: Versions }> {
  const fetches: Fetches = new Map();
  const versions: Versions = new Map();
  for (const slug of slugs) {
    const rows = await ctx.db
      .query("contentAccessLog")
      .withIndex("by_contentSlug_and_accessedAt", (q) => q.eq("contentSlug", slug))
      .order("desc")
      .take(Math.floor(FETCH_ROWS / slugs.length));
    for (const row of rows) {
      if (row.action !== "get" || row.statusCode !== 200) continue;
      const version = row.watermarkVersion ?? 1;
      versions.set(row.apiKeyId, (versions.get(row.apiKeyId) ?? new Set()).add(version));
      const seen = fetches.get(row.apiKeyId);
      if (!seen) fetches.set(row.apiKeyId, { count: 1, firstAt: row.accessedAt, lastAt: row.accessedAt });
      else {
        seen.count++;
        seen.firstAt = Math.min(seen.firstAt, row.accessedAt);
        seen.lastAt = Math.max(seen.lastAt, row.accessedAt);
      }
    }
  }
  return { fetches, versions };
}

async function keyAndOwner(ctx: QueryCtx, apiKeyId: string, userId: string) {
  const record = await findKeyRecord(ctx, apiKeyId);
  const key = record && !record.deleted ? record.key : null;
  const name = record ? (record.deleted ? record.tombstone.name : record.key.name) ?? null : null;
  const owner = await ctx.runQuery(components.betterAuth.users.getById, { id: record?.userId ?? userId });
  return { key, record, name, owner: owner ? { email: owner.email, name: owner.name } : null };
}

const FAILURE_TEXT = {
  too_short: "No watermark found that names a key: the fragment is too short, it holds too few marks. Paste a longer fragment (about 1,200 characters of plain prose when invisible characters were stripped, a few hundred otherwise).",
  no_marks: "No watermark found: the fragment is long enough, but no key's marks are in it (the text may have been rewritten, or come from the original rather than a served copy).",
  article_not_recognised: "No watermark found, and the article was not recognised: this text matches no article of the catalogue.",
};

async function traceText(ctx: QueryCtx, text: string): Promise<TraceView> {
  if (text.length > MAX_LEAK_TEXT) throw appError("invalid_argument", `Paste at most ${MAX_LEAK_TEXT} characters.`);
  const recognised = await recogniseArticles(ctx, text);
  const decoded = decodedCode(text);
  const { fetches, versions } = await fetchesOf(ctx, recognised.articles.map((a) => a.slug));
  const keys = new Map<string, { apiKeyId: string; userId: string; code: string; record: KeyRecord }>();
  for (const apiKeyId of [...fetches.keys()].slice(0, 200)) {
    const found = await lookupWatermark(ctx, { apiKeyId });
    if (found) keys.set(found.code, found);
  }
  if (decoded && !keys.has(decoded)) {
    const found = await lookupWatermark(ctx, { code: decoded });
    if (found) keys.set(found.code, found);
  }
  const article = recognised.best && recognised.articles.length > 0
    ? { slug: recognised.best.article.slug, title: recognised.best.article.title, similarity: recognised.best.similarity }
    : null;

  // A key with no fetch rows read (named by its invisible characters alone) may hold a copy of any version.
  const versionsOf = (code: string) => {
    const seen = versions.get(keys.get(code)?.apiKeyId ?? "");
    return seen ? [...seen] : ALL_VERSIONS;
  };
  const outcome = traceFragment(text, recognised.articles, [...keys.keys()], versionsOf);
  if (outcome.attributed) {
    const named = keys.get(outcome.best.code)!;
    const { key, owner } = await keyAndOwner(ctx, named.apiKeyId, named.userId);
    const fetched = fetches.get(named.apiKeyId) ?? (article ? await fetchesByKey(ctx, named.apiKeyId, article.slug) : null);
    return {
      found: true,
      layer: outcome.best.layer ?? "visible",
      apiKeyId: named.apiKeyId,
      key: key ? toKeyView(key) : null,
      record: toKeyRecordView(named.record),
      owner,
      slug: article?.slug ?? null,
      article,
      articlesRecognised: recognised.articles.length,
      fetched,
      falseAttributionProbability: outcome.best.falseAttributionProbability,
      randomKeyMatchProbability: outcome.best.randomKeyMatchProbability,
      keysCompared: keys.size,
      evidence: {
        choicePoints: outcome.best.visible.points,
        choicesMatched: outcome.best.visible.matched,
        invisibleCharacters: outcome.best.zeroWidth.symbols,
        invisibleMatched: outcome.best.zeroWidth.matched,
      },
    };
  }

  const failure = !article ? (shingles(text).size < MIN_SHINGLES ? "too_short" : "article_not_recognised") : outcome.failure;
  const byCode = new Map(outcome.ranked.map((r) => [r.code, r]));
  const candidates = await Promise.all(
    [...keys.values()].map(async ({ apiKeyId, userId, code }) => {
      const { name, owner } = await keyAndOwner(ctx, apiKeyId, userId);
      return {
        apiKeyId,
        keyName: name,
        ownerEmail: owner?.email ?? null,
        fetched: fetches.get(apiKeyId) ?? null,
        randomKeyMatchProbability: byCode.get(code)?.randomKeyMatchProbability ?? 1,
      };
    }),
  );
  candidates.sort((a, b) => a.randomKeyMatchProbability - b.randomKeyMatchProbability || (b.fetched?.count ?? 0) - (a.fetched?.count ?? 0));
  const top = outcome.ranked[0];
  const leading = top && top.falseAttributionProbability < LEADING_THRESHOLD ? { apiKeyId: keys.get(top.code)!.apiKeyId, falseAttributionProbability: top.falseAttributionProbability } : null;
  const needed = recognised.best ? charactersNeeded(recognised.best.article, Math.max(1, keys.size)) : Infinity;
  return {
    found: false,
    failure,
    reason: FAILURE_TEXT[failure],
    article,
    articlesRecognised: recognised.articles.length,
    candidates: candidates.slice(0, 50),
    keysCompared: keys.size,
    leading,
    charactersNeeded: Number.isFinite(needed) ? Math.ceil(needed / 100) * 100 : null,
  };
}

/** When one key fetched one article, from its own log (for a key named by the invisible layer alone). */
async function fetchesByKey(ctx: QueryCtx, apiKeyId: string, slug: string) {
  const rows = await ctx.db
    .query("contentAccessLog")
    .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", apiKeyId))
    .order("desc")
    .take(KEY_ROWS);
  const hits = rows.filter((r) => r.contentSlug === slug && r.action === "get" && r.statusCode === 200);
  if (hits.length === 0) return null;
  return { count: hits.length, firstAt: Math.min(...hits.map((r) => r.accessedAt)), lastAt: Math.max(...hits.map((r) => r.accessedAt)) };
}

export const trace = adminQuery({
  args: { text: v.string() },
  returns: traceView,
  handler: async (ctx, { text }) => await traceText(ctx, text),
});

export const record = adminMutation({
  args: { text: v.string(), foundOn: v.string(), reportedBy: leakReporter, revoke: v.boolean() },
  returns: v.object({ leakId: v.id("contentLeaks"), apiKeyId: v.string(), slug: v.union(v.string(), v.null()), revoked: v.boolean() }),
  handler: async (ctx, { text, foundOn, reportedBy, revoke }) => {
    const where = foundOn.trim().slice(0, MAX_FOUND_ON);
    if (!where) throw appError("invalid_argument", "Say where the leak was found (a URL or a site).");
    const result = await traceText(ctx, text);
    if (!result.found) throw appError("not_found", result.reason);
    const now = Date.now();
    const leakId = await ctx.db.insert("contentLeaks", {
      apiKeyId: result.apiKeyId,
      slug: result.slug ?? "",
      foundOn: where,
      foundAt: now,
      reportedBy,
      resolved: false,
      createdAt: now,
    });
    await logSecurityEvent(ctx, {
      type: "content_leak",
      severity: "critical",
      actor: ctx.viewer.userId,
      apiKeyId: result.apiKeyId,
      userId: result.record.ownerId,
      details: { leakId, slug: result.slug, foundOn: where, reportedBy, layer: result.layer, falseAttributionProbability: result.falseAttributionProbability },
    });
    let revoked = false;
    const key = await getKey(ctx, result.apiKeyId);
    if (revoke && key) {
      revoked = await revokeKey(ctx, key, `Content leak found on ${where}`, ctx.viewer.userId, { leakId });
    }
    return { leakId, apiKeyId: result.apiKeyId, slug: result.slug, revoked };
  },
});

const leakView = v.object({
  ...doc(schema, "contentLeaks").fields,
  keyName: v.union(v.string(), v.null()),
  ownerEmail: v.union(v.string(), v.null()),
});

export const list = adminQuery({
  args: { paginationOpts: paginationOptsValidator, resolved: v.optional(v.boolean()) },
  returns: paginationResultValidator(leakView),
  handler: async (ctx, { paginationOpts, resolved }) => {
    const leaks = ctx.db.query("contentLeaks");
    const result = await (resolved === undefined
      ? leaks.withIndex("by_foundAt")
      : leaks.withIndex("by_resolved_and_createdAt", (q) => q.eq("resolved", resolved))
    )
      .order("desc")
      .paginate(paginationOpts);
    const page = await Promise.all(
      result.page.map(async (leak) => {
        const record = await findKeyRecord(ctx, leak.apiKeyId);
        const owner = record ? await ctx.runQuery(components.betterAuth.users.getById, { id: record.userId }) : null;
        const name = record ? (record.deleted ? record.tombstone.name : record.key.name) : null;
        return { ...leak, keyName: name ?? null, ownerEmail: owner?.email ?? null };
      }),
    );
    return { ...result, page };
  },
});

export const resolve = adminMutation({
  args: { leakId: v.id("contentLeaks") },
  returns: v.null(),
  handler: async (ctx, { leakId }) => {
    const leak = await ctx.db.get("contentLeaks", leakId);
    if (!leak) throw appError("not_found", "No such leak.");
    if (leak.resolved) return null;
    await ctx.db.patch("contentLeaks", leakId, { resolved: true });
    await logSecurityEvent(ctx, {
      type: "content_leak_resolved",
      severity: "info",
      actor: ctx.viewer.userId,
      apiKeyId: leak.apiKeyId,
      details: { leakId },
    });
    return null;
  },
});
