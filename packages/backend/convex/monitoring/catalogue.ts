/**
 * Catalogue positions for detection: a small `articlePositions` row per article (slug, position,
 * trap flag), written with the article and read by the detection job in bounded lookups, so that
 * detection never reads article bodies (a run over 2,000 distinct 50 KB articles would read
 * 100 MB; Convex allows 16 MiB per transaction).
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { paginationOptsValidator } from "convex/server";

export type ArticlePosition = { slug: string; ordinal: number; trap: boolean };

/**
 * Records (or corrects) an article's position. Call it wherever an article is inserted or its slug,
 * ordinal or trap flag changes.
 *
 * @example await recordArticlePosition(ctx.db, { slug: "a", ordinal: 1, trap: false });
 */
export async function recordArticlePosition(db: MutationCtx["db"], article: ArticlePosition) {
  const existing = await db
    .query("articlePositions")
    .withIndex("by_slug", (q) => q.eq("slug", article.slug))
    .unique();
  const row = { slug: article.slug, ordinal: article.ordinal, trap: article.trap };
  if (existing === null) await db.insert("articlePositions", row);
  else if (existing.ordinal !== row.ordinal || existing.trap !== row.trap) await db.patch("articlePositions", existing._id, row);
}

/** Articles in the public catalogue (traps excluded): the highest public position. */
export async function publicCatalogueSize(db: QueryCtx["db"]) {
  const last = await db
    .query("articlePositions")
    .withIndex("by_trap_and_ordinal", (q) => q.eq("trap", false))
    .order("desc")
    .first();
  return last?.ordinal ?? 0;
}

/**
 * Positions of the given slugs: one small indexed read each, at most `cap` reads (Convex allows
 * 4,096 index ranges per transaction). Slugs beyond the cap are left out (unknown to the caller).
 */
export async function positionsOf(db: QueryCtx["db"], slugs: Iterable<string>, cap: number) {
  const found = new Map<string, ArticlePosition>();
  let looked = 0;
  let capped = false;
  for (const slug of slugs) {
    if (looked >= cap) {
      capped = true;
      break;
    }
    looked++;
    const row = await db
      .query("articlePositions")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .unique();
    if (row !== null) found.set(slug, { slug: row.slug, ordinal: row.ordinal, trap: row.trap });
  }
  return { found, looked, capped };
}

/** Articles backfilled per transaction: article bodies are large (up to ~1 MB), so few at a time. */
export const BACKFILL_BATCH = 50;

/**
 * Writes the positions of articles stored before `articlePositions` existed, a page at a time,
 * rescheduling itself until done. `npx convex run monitoring/catalogue:backfill` once after deploy.
 */
export const backfill = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  returns: v.object({ recorded: v.number(), done: v.boolean() }),
  handler: async (ctx, { cursor }) => {
    const page = await ctx.db
      .query("articles")
      .paginate({ ...paginationOpts(cursor ?? null) });
    for (const article of page.page) await recordArticlePosition(ctx.db, article);
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.monitoring.catalogue.backfill, { cursor: page.continueCursor });
    return { recorded: page.page.length, done: page.isDone };
  },
});

function paginationOpts(cursor: string | null): typeof paginationOptsValidator.type {
  return { numItems: BACKFILL_BATCH, cursor };
}
