/**
 * The parts of an article that are markup, not prose: both watermark layers leave them exactly as
 * they are. Customers bring markdown and HTML as well as plain text, and a mark inside a tag, an
 * entity, a link's address, a code span or a heading would break what the reader sees or clicks
 * ("&amp;" with a hair space before its ";", "colour:red" in a style attribute, a hair space before
 * the ")" that closes a link, "don't" inside `code`, a heading whose anchor links no longer find).
 *
 * Pure module, no Convex import.
 */

/** A range [from, to) of the text. */
export type Range = [from: number, to: number];

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const INDENTED = /^(?: {4}|\t)[^\n]*$/gm;
// An indented line that reads as a paragraph of prose (plain text often indents its paragraphs): a
// sentence of six words or more, without the brackets and operators of code.
const PROSE_LINE = /^[\p{Lu}"“‘(][^{}<>;=]*[.!?]["”’)]?$/u;
const isProse = (line: string) => PROSE_LINE.test(line.trim()) && line.trim().split(/\s+/).length >= 6;
// A heading's text makes the anchor that links to it ("#analyze-the-data").
const HEADING = /^ {0,3}#{1,6}(?:[ \t][^\n]*)?$/gm;
// A run of backticks, then anything on the line up to a run of exactly as many ("``a ` b``").
const INLINE_CODE = /(?<!`)(`+)(?!`)[^\n]*?[^`\n]\1(?!`)/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// Elements whose content is code or kept verbatim: never prose to mark.
/** Elements named in `names` ("a|b") with their content, to their closing tag or the end of the text. */
const elements = (names: string) => new RegExp(`<(${names})\\b[^>]*>[\\s\\S]*?(?:<\\/\\1\\s*>|$)`, "gi");
const RAW_ELEMENT = elements("script|style|pre|code|kbd|samp|textarea");
// What a browser does not show as text at all.
const HIDDEN_ELEMENT = elements("script|style");
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/g;
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
// A markdown link's or image's destination and title: "](url "title")", one level of parentheses inside.
const LINK_DESTINATION = /\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[^\n]*$/gm;
const URL = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/gi;
// Bounded parts, tried only where a run of address characters starts: linear on any text (a base64
// image in an article is a long run of them).
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g;

/** A bare URL without the punctuation that ends its sentence (GFM's autolink rule): a ")" stays only when it closes one of the URL's own. */
function urlEnd(url: string): number {
  const opened = url.split("(").length - 1;
  let closed = url.split(")").length - 1;
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (".,:;!?*_~'\"".includes(last)) end--;
    else if (last === ")" && closed > opened) {
      end--;
      closed--;
    } else return end;
  }
}

/** Fenced code blocks, line by line: from an opening fence to the closing one (the same character, at least as long) or the end. */
function fencedBlocks(text: string): Range[] {
  const ranges: Range[] = [];
  let offset = 0;
  let open: { fence: string; from: number } | null = null;
  for (const line of text.split("\n")) {
    const fence = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (open === null) open = { fence, from: offset };
      else if (fence[0] === open.fence[0] && fence.length >= open.fence.length && /^\s*$/.test(line.slice(line.indexOf(fence) + fence.length))) {
        ranges.push([open.from, offset + line.length]);
        open = null;
      }
    }
    offset += line.length + 1;
  }
  if (open !== null) ranges.push([open.from, text.length]);
  return ranges;
}

/** Every line indented by four spaces or a tab: markdown's indented code, or an indented paragraph of plain text. */
export function indentedLines(text: string): Range[] {
  return [...text.matchAll(INDENTED)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * Every range of `text` that is markup: markdown code (fenced, indented unless it reads as prose,
 * inline) and headings, HTML
 * comments, tags with their attributes, elements that hold code (`pre`, `code`, `script`, `style`…),
 * entities, autolinks, link destinations and reference definitions, bare URLs and e-mail addresses.
 * Ranges may overlap. Linear in the text's length.
 *
 * @example markupRanges('See <a href="/x">it</a>.') // [[4, 17], [19, 23]]
 */
export function markupRanges(text: string): Range[] {
  const ranges = fencedBlocks(text);
  for (const [from, to] of indentedLines(text)) if (!isProse(text.slice(from, to))) ranges.push([from, to]);
  for (const pattern of [INLINE_CODE, HEADING, COMMENT, RAW_ELEMENT, TAG, AUTOLINK, ENTITY, LINK_DESTINATION, REFERENCE_DEFINITION, EMAIL]) {
    for (const m of text.matchAll(pattern)) ranges.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(URL)) ranges.push([m.index, m.index + urlEnd(m[0])]);
  return ranges;
}

/**
 * Whether a change of [start, end) touches markup: a replacement that overlaps a range, or an
 * insertion (start = end) strictly inside one (right before or after markup is prose).
 */
export function touchesMarkup(ranges: readonly Range[], start: number, end: number): boolean {
  // An insertion is the empty range [at, at): it overlaps a range exactly when from < at < to.
  return ranges.some(([from, to]) => start < to && end > from);
}

// ---------------------------------------------------------------------------------------------
// The text of an HTML source

const BLOCK_TAG = /<\/?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|section|article|header|footer|aside|main|nav|figure|figcaption|pre|hr)\b[^>]*>/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0", rsquo: "\u2019", lsquo: "\u2018", rdquo: "\u201D",
  ldquo: "\u201C", mdash: "\u2014", ndash: "\u2013", hellip: "\u2026", shy: "\u00AD", thinsp: "\u2009", hairsp: "\u200A",
  zwj: "\u200D", zwnj: "\u200C", copy: "\u00A9", reg: "\u00AE", trade: "\u2122", pound: "\u00A3", euro: "\u20AC",
  laquo: "\u00AB", raquo: "\u00BB", middot: "\u00B7", bull: "\u2022", deg: "\u00B0", times: "\u00D7",
};

/** An entity's character, or the entity as written when it names none (or a code point that does not exist). */
function decodeEntity(entity: string): string {
  const name = entity.slice(1, -1);
  if (name[0] !== "#") return NAMED_ENTITIES[name] ?? entity;
  const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/**
 * The text a browser shows for an HTML source: comments, scripts and styles dropped, block tags as
 * paragraph breaks, other tags removed, entities decoded (the common named ones and every numeric
 * one). For reading a pasted page source, not for rendering.
 *
 * @example htmlText("<p>Fish &amp; chips</p><p>It&#39;s <b>late</b>.</p>") // "\n\nFish & chips\n\n\n\nIt's late.\n\n"
 */
export function htmlText(html: string): string {
  return html
    .replace(COMMENT, "")
    .replace(HIDDEN_ELEMENT, "")
    .replace(BLOCK_TAG, "\n\n")
    .replace(TAG, "")
    .replace(ENTITY, decodeEntity);
}

/** Whether `text` holds an HTML tag. */
export const hasTags = (text: string) => new RegExp(TAG.source).test(text);

