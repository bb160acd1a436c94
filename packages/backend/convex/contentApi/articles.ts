/**
 * Reads of the catalogue for the content API: a page of listed articles, one article by slug
 * (trap articles included: they are unlisted, not hidden), and full-text search. Bounded reads
 * through indexes only.
 */
import type { DatabaseReader } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { API_PREFIX, encodeCursor } from "./request";

export type ArticleSummary = {
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  author: string;
  publishedAt: string;
  url: string;
};

export function toSummary(article: Doc<"articles">): ArticleSummary {
  return {
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    tags: article.tags,
    author: article.author,
    publishedAt: new Date(article.publishedAt).toISOString(),
    url: `${API_PREFIX}/contents/${article.slug}`,
  };
}

/** Listed articles in catalogue order after `afterOrdinal`, with the next page's cursor. */
export async function listArticles(db: DatabaseReader, limit: number, afterOrdinal = 0) {
  const rows = await db
    .query("articles")
    .withIndex("by_trap_and_ordinal", (q) => q.eq("trap", false).gt("ordinal", afterOrdinal))
    .take(limit + 1);
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1].ordinal) : null;
  return { data: page.map(toSummary), nextCursor };
}

export async function getArticle(db: DatabaseReader, slug: string) {
  return await db
    .query("articles")
    .withIndex("by_slug", (q) => q.eq("slug", slug))
    .unique();
}

/** Full-text search over titles and bodies of listed articles, title matches first. */
export async function searchArticles(db: DatabaseReader, q: string, limit: number) {
  const byTitle = await db
    .query("articles")
    .withSearchIndex("search_title", (s) => s.search("title", q).eq("trap", false))
    .take(limit);
  const byBody = await db
    .query("articles")
    .withSearchIndex("search_body", (s) => s.search("body", q).eq("trap", false))
    .take(limit);
  const seen = new Set<string>();
  const merged = [...byTitle, ...byBody].filter((a) => !seen.has(a.slug) && seen.add(a.slug));
  return merged.slice(0, limit).map(toSummary);
}
