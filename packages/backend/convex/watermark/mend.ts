/**
 * A leaked copy mended before it is read: what copying did to the original's typography (an
 * ASCII-only filter, a PDF's line breaks, a page's HTML source), undone with the original in hand.
 * The tracer reads choices from the mended copy (`trace.ts`); the invisible layer is read from the
 * copy as it is.
 *
 * Pure module, no Convex import.
 */
import { markedPart } from "./mark";
import { hasTags, htmlText } from "./markup";
import { foldWord, INVISIBLE, isWordy, tokenize } from "./tokens";
import { SWAP_FAMILIES } from "./variants";

/** An article as the tracer reads it: the fields the API serves marked. */
export type ArticleText = { title: string; summary: string; body: string };

/** Where a run of the original's words, joined by separators with no ASCII form, splits (offsets in the joined canonical word). */
type Join = { cuts: number[]; separators: string[] };
type Typography = {
  /** Runs of words by the one word an ASCII-only copy makes of each (null: two runs split it differently). */
  joins: Map<string, Join | null>;
  /** Every word the article holds as it is: never split. */
  words: Set<string>;
  /** Punctuation NFKD spells out in ASCII ("…" → "..."), where the article never writes it so itself. */
  expansions: Array<[expanded: string, original: string]>;
  /** Whether the article holds HTML tags itself (then a copy's tags are read as the original's). */
  html: boolean;
  /** The article's hyphenated words and the forms of the list's choices, lower-case ("well-known", "co-operate"), and its suspended hyphens ("pre-" of "pre- and post-war"): a line may end at these. */
  hyphenated: Set<string>;
  suspended: Set<string>;
};
const typographyCache = new WeakMap<ArticleText, Typography>();
/** Every form of the list's choices, lower-case: a key's copy may show a hyphenated one ("co-operate", "e-mail") where the article does not. */
const CHOICE_FORMS = SWAP_FAMILIES.flatMap((family) => family.alternatives).map((form) => form.toLowerCase());

/** A separator NFKD + ASCII-only deletes: an em or en dash, a non-breaking hyphen, an arrow, a bullet. */
const deletedByAscii = (raw: string) => /[^ -~]/.test(raw) && foldWord(raw) === "";

function typographyOf(article: ArticleText): Typography {
  const cached = typographyCache.get(article);
  if (cached) return cached;
  const joins = new Map<string, Join | null>();
  const words = new Set<string>();
  // The part of each field a copy was marked in (`markText`): choices are read only there.
  const fields = [article.title, article.summary, article.body].map(markedPart);
  for (const field of fields) {
    const tokens = tokenize(field);
    for (const token of tokens) if (isWordy(token)) words.add(token.canon);
    for (let i = 0; i < tokens.length; i++) {
      if (!isWordy(tokens[i])) continue;
      let joined = tokens[i].canon;
      const join: Join = { cuts: [], separators: [] };
      let j = i;
      for (;;) {
        let k = j + 1;
        while (tokens[k]?.kind === "other" && !tokens[k].spaced && deletedByAscii(field.slice(tokens[k].start, tokens[k].end))) k++;
        if (k === j + 1 || !isWordy(tokens[k]) || tokens[k].spaced) break;
        join.cuts.push(joined.length);
        join.separators.push(field.slice(tokens[j].end, tokens[k].start));
        joined += tokens[k].canon;
        j = k;
      }
      if (join.cuts.length === 0) continue;
      const before = joins.get(joined);
      joins.set(joined, before === undefined || (before !== null && before.cuts.join() === join.cuts.join()) ? join : null);
      i = j;
    }
  }
  const all = fields.join("\n");
  // (Each word tried from its start only: linear however long a run of letters is.)
  const hyphenated = new Set([...CHOICE_FORMS, ...(all.match(/(?<![\p{L}\p{M}])[\p{L}\p{M}]+-[\p{L}\p{M}]+/gu) ?? []).map((word) => word.toLowerCase())]);
  const suspended = new Set([...all.matchAll(/(?<![\p{L}\p{M}])([\p{L}\p{M}]+)-(?=\s)/gu)].map((m) => m[1].toLowerCase()));
  const expansions: Array<[string, string]> = [];
  for (const char of new Set(all.match(/[^\t\n\r -~]/gu) ?? [])) {
    const expanded = char.normalize("NFKD");
    if (expanded !== char && /^[!-/:-@[-`{-~]{2,}$/.test(expanded) && !all.includes(expanded)) expansions.push([expanded, char]);
  }
  const result = { joins, words, expansions, hyphenated, suspended, html: hasTags(all) };
  typographyCache.set(article, result);
  return result;
}

/**
 * Undoes, with the articles in hand, what copying did to their typography, so a copy is read at the
 * same choice points as the original:
 * - an HTML source of a copy (a scraper's page, pasted from "view source") is read as the text it
 *   shows, unless the articles are HTML themselves;
 * - a word broken across lines with a hyphen (a PDF or a print, "impor-\ntant") is joined again, unless
 *   the hyphen is one of the article's own ("bike-\nlane", "pre-\nand post-war") or of a choice's form
 *   ("co-\noperate");
 * - punctuation NFKD spells out ("…" → "...") is read as the original's mark where the article never
 *   writes the spelt-out form itself;
 * - a separator with no ASCII form is deleted by an ASCII-only copy and the words on either side
 *   become one ("word—word" → "wordword", "2019–2023" → "20192023"), changing the skeleton and every
 *   context that holds them: each word of the copy that is such a run of theirs (and not a word they
 *   hold as it is) is split back with the original's separators.
 * Reads the articles only, never a candidate's code, so every key is still scored on the same
 * observations.
 *
 * @example mendCopy("four classroomsnow teaches eleven", [article]) // "four classrooms—now teaches eleven"
 */
export function mendCopy(text: string, articles: ArticleText[]): string {
  const typography = articles.map(typographyOf);
  const shown = typography.some((t) => t.html) || !hasTags(text) ? text : htmlText(text);
  let copy = shown.replace(/(?<![\p{L}\p{M}\p{Cf}])([\p{L}\p{M}\p{Cf}]+)-[ \t]*\r?\n[ \t]*([\p{L}\p{M}\p{Cf}]+)/gu, (broken, head: string, tail: string) => {
    const compound = `${head}-${tail}`.replace(INVISIBLE, "").toLowerCase();
    const hyphen = head.replace(INVISIBLE, "").toLowerCase();
    return typography.some((t) => t.hyphenated.has(compound) || t.suspended.has(hyphen)) ? broken : head + tail;
  });
  for (const { expansions } of typography) for (const [expanded, original] of expansions) copy = copy.split(expanded).join(original);
  let out = "";
  let copied = 0;
  for (const token of tokenize(copy)) {
    if (!isWordy(token) || typography.some((t) => t.words.has(token.canon))) continue;
    const join = typography.map((t) => t.joins.get(token.canon)).find((j) => j !== undefined);
    if (!join) continue;
    // Cut the raw word where its folded length reaches each cut (characters that fold to nothing stay on the left).
    const chars = [...copy.slice(token.start, token.end)];
    let pieces = "";
    let folded = 0;
    let cut = 0;
    for (let c = 0; c < chars.length; c++) {
      pieces += chars[c];
      folded += foldWord(chars[c]).length;
      // (Past the last cut, `join.cuts[cut]` is undefined and matches no length.)
      if (folded === join.cuts[cut] && c + 1 < chars.length && foldWord(chars[c + 1]) !== "") pieces += join.separators[cut++];
    }
    if (cut !== join.cuts.length) continue;
    out += copy.slice(copied, token.start) + pieces;
    copied = token.end;
  }
  return out + copy.slice(copied);
}
