/**
 * The per-key watermark of served articles, both layers: visible choices (`visible.ts`) and
 * invisible characters (`zeroWidth.ts`). The content API calls `markArticle` for every field it
 * serves; leak tracing is in `trace.ts`. Pure module, no Convex import.
 */
import { markVisible } from "./visible";
import { embedWatermark } from "./zeroWidth";

/**
 * Characters of a field that are marked. Marking is linear (about 1 µs per character, see
 * `pnpm bench`); a huge article is served unmarked after its first 50 000 characters (a long read
 * is ~30 000), so a request stays far inside Convex's 1 s limit whatever a customer stores.
 */
export const MAX_MARKED_CHARS = 50_000;

/** The part of a field that is marked: what a copy carries choices in, and what the tracer reads them from. */
export const markedPart = (field: string): string => field.slice(0, MAX_MARKED_CHARS);

/** One field with both layers: visible choices first, then invisible characters between words. */
export function markText(text: string, code: string): string {
  const head = markedPart(text);
  const marked = embedWatermark(markVisible(head, code), code);
  return head.length === text.length ? marked : marked + text.slice(head.length);
}

export type MarkableArticle = { title: string; summary: string; body?: string };
export type MarkedArticle<T extends MarkableArticle> = T extends { body: string } ? { title: string; summary: string; body: string } : { title: string; summary: string };

/**
 * The key's copy of an article's title, summary and (when given) body, for spreading over what
 * the API serves: `{ ...toSummary(article), ...markArticle(article, code) }`.
 *
 * @example
 *   const { title, summary, body } = markArticle(article, usage.watermarkCode);
 */
export function markArticle<T extends MarkableArticle>(article: T, code: string): MarkedArticle<T> {
  const marked: MarkableArticle = { title: markText(article.title, code), summary: markText(article.summary, code) };
  if (typeof article.body === "string") marked.body = markText(article.body, code);
  return marked as MarkedArticle<T>;
}
