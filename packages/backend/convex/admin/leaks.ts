/**
 * Leak tracing for admins: pasted text → the watermark's code → the key that fetched it, its
 * owner and the article; recording a leak writes `contentLeaks` and a `content_leak` event, and
 * can revoke the key in the same step.
 */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { components } from "../_generated/api";
import type { QueryCtx } from "../_generated/server";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { logSecurityEvent } from "../audit/events";
import { getKey, revokeKey } from "../apiKeys/lifecycle";
import { keyView, toKeyView } from "../apiKeys/views";
import { doc } from "convex-helpers/validators";
import schema from "../schema";
import { leakReporter } from "../shared/validators";
import { extractWatermark, stripWatermark } from "../watermark/zeroWidth";

/** Longest pasted text accepted (characters); a few hundred are enough to trace. */
export const MAX_LEAK_TEXT = 50_000;
const MAX_FOUND_ON = 500;

const ownerView = v.union(v.object({ email: v.string(), name: v.string() }), v.null());
const traceView = v.union(
  v.object({ found: v.literal(false), reason: v.string() }),
  v.object({
    found: v.literal(true),
    apiKeyId: v.string(),
    key: v.union(keyView, v.null()),
    owner: ownerView,
    slug: v.union(v.string(), v.null()),
    confidence: v.number(),
    copies: v.number(),
  }),
);

/** Distinct slugs a key fetched most recently (bounded), newest first. */
async function slugsFetchedBy(ctx: QueryCtx, apiKeyId: string) {
  const rows = await ctx.db
    .query("contentAccessLog")
    .withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", apiKeyId))
    .order("desc")
    .take(2_000);
  return [...new Set(rows.filter((r) => r.action === "get" && r.statusCode === 200).map((r) => r.contentSlug))].slice(0, 200);
}

/**
 * The article a fragment came from. The candidates are the articles the key itself fetched (its
 * access log), then, if the log no longer has it, a full-text search; a candidate counts only if
 * a passage of the fragment really is in it (the paste may carry text of its own around the leak).
 */
async function findSourceArticle(ctx: QueryCtx, apiKeyId: string, visible: string) {
  const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
  const lines = visible.split(/\n+/).map(normalise).filter((line) => line.length >= 60);
  // A passage from the middle of each substantial line: the edges may be cut mid-word.
  const probes = lines.map((line) => line.slice(10, 70));
  if (probes.length === 0) return null;
  const contains = (body: string) => probes.some((probe) => normalise(body).includes(probe));
  for (const slug of await slugsFetchedBy(ctx, apiKeyId)) {
    const article = await ctx.db
      .query("articles")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .unique();
    if (article && contains(article.body)) return article.slug;
  }
  const words = probes[0].split(" ").filter((w) => /^[A-Za-z]{5,}$/.test(w)).slice(0, 6).join(" ");
  if (!words) return null;
  const candidates = await ctx.db
    .query("articles")
    .withSearchIndex("search_body", (q) => q.search("body", words))
    .take(25);
  return candidates.find((a) => contains(a.body))?.slug ?? null;
}

async function traceText(ctx: QueryCtx, text: string) {
  if (text.length > MAX_LEAK_TEXT) throw appError("invalid_argument", `Paste at most ${MAX_LEAK_TEXT} characters.`);
  const watermark = extractWatermark(text);
  if (!watermark) {
    return { found: false as const, reason: "No watermark found. Paste a longer fragment (a few hundred characters) copied from the leaked page." };
  }
  const usage = await ctx.db
    .query("apiKeyUsage")
    .withIndex("by_watermarkCode", (q) => q.eq("watermarkCode", watermark.code))
    .unique();
  if (!usage) {
    return { found: false as const, reason: `The watermark ${watermark.code} belongs to no current key (it may have been deleted).` };
  }
  const key = await getKey(ctx, usage.apiKeyId);
  const owner = await ctx.runQuery(components.betterAuth.users.getById, { id: usage.userId });
  return {
    found: true as const,
    apiKeyId: usage.apiKeyId,
    key: key ? toKeyView(key, Date.now()) : null,
    owner: owner ? { email: owner.email, name: owner.name } : null,
    slug: await findSourceArticle(ctx, usage.apiKeyId, stripWatermark(text)),
    confidence: watermark.confidence,
    copies: watermark.copies,
  };
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
      userId: result.key?.ownerId,
      details: { leakId, slug: result.slug, foundOn: where, reportedBy, confidence: result.confidence },
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
        const key = await getKey(ctx, leak.apiKeyId);
        const owner = key ? await ctx.runQuery(components.betterAuth.users.getById, { id: key.referenceId }) : null;
        return { ...leak, keyName: key?.name ?? null, ownerEmail: owner?.email ?? null };
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
