/**
 * Tokens of prose for the visible watermark layer and the article fingerprints, read the same way
 * whatever a copy went through: each word gets a canonical form that survives format characters
 * removed, NFKD + ASCII-only, lower-casing, typographic quotes made plain and re-wrapping (word
 * text folded to lower-case ASCII, apostrophes dropped so "don’t", "don't" and "dont" agree).
 * Punctuation is kept as its own tokens; quotes and dashes are never relied on. Pure module.
 */

export type TokenKind = "word" | "num" | "punct" | "quote" | "other";

export type Token = {
  kind: TokenKind;
  /** Canonical text: lower-case ASCII word (no apostrophes), digits without separators, or the punctuation mark. */
  canon: string;
  /** Raw range in the text. */
  start: number;
  end: number;
  /**
   * Whitespace (or nothing) between the previous token and this one. Closing punctuation right
   * after a word is read as unspaced even when whitespace precedes it (`loose` says so): the
   * visible layer's space before punctuation is a choice, and no other reading may depend on it.
   */
  spaced: boolean;
  /** Closing punctuation after a word with whitespace between them ("word ,"). */
  loose?: boolean;
  /** The raw word starts with a capital letter (a lower-cased copy loses this: only the original's reading may rely on it). */
  capital?: boolean;
  /** The raw word holds an apostrophe ("we'll", not "well"); a copy may have lost it. */
  apostrophe?: boolean;
};

// A number (thousands separators and decimals kept inside), a word (inner apostrophes and format
// characters kept inside: a soft hyphen or zero-width joiner must not split it), one punctuation
// mark, a quote, or anything else.
const TOKEN =
  /(\p{N}+(?:,\p{N}{3})+(?:\.\p{N}+)?|\p{N}+(?:\.\p{N}+)?)|([\p{L}\p{M}\p{Cf}\p{N}]*[\p{L}\p{N}][\p{L}\p{M}\p{Cf}\p{N}]*(?:['’ʼ][\p{L}\p{M}\p{Cf}]+)*)|([,;:.!?%()$&/-])|(["“”„«»'‘’`])|(\S)/gu;

/**
 * Characters that carry no text: format characters and variation selectors (both kinds of the
 * invisible layer's carriers among them). A copy is read without them.
 */
export const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F]/gu;

/** Punctuation that closes what comes before it: whitespace before it, after a word, is a choice (`loose`). */
export const LOOSE_CLOSING = new Set([",", ".", ";", ":", "!", "?", ")"]);

/** Lower-case ASCII form of a word: NFKD, non-ASCII and apostrophes dropped. */
export function foldWord(word: string): string {
  if (/^[A-Za-z0-9']*$/.test(word)) return word.replace(/'/g, "").toLowerCase();
  return word
    .replace(INVISIBLE, "")
    .normalize("NFKD")
    .replace(/[^\x20-\x7E]/g, "")
    .replace(/'/g, "")
    .toLowerCase();
}

/**
 * Splits `text` into tokens with raw ranges.
 *
 * @example tokenize("Don’t stop.").map((t) => t.canon) // ["dont", "stop", "."]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    const spaced = start > last || tokens.length === 0;
    last = end;
    if (match[1] !== undefined) {
      tokens.push({ kind: "num", canon: match[1].replace(/,/g, ""), start, end, spaced });
    } else if (match[2] !== undefined) {
      const canon = foldWord(match[2]);
      // Folds to nothing (a word in a non-Latin script): an ASCII-only copy loses it entirely.
      tokens.push({ kind: canon && /[a-z0-9]/.test(canon) ? "word" : "other", canon, start, end, spaced, capital: /^\p{Lu}/u.test(match[2]), apostrophe: /['’ʼ]/.test(match[2]) });
    } else if (match[3] !== undefined) {
      const previous = tokens[tokens.length - 1];
      const loose = spaced && previous !== undefined && isWordy(previous) && LOOSE_CLOSING.has(match[3]) && /^\s+$/.test(text.slice(previous.end, start));
      tokens.push(loose ? { kind: "punct", canon: match[3], start, end, spaced: false, loose } : { kind: "punct", canon: match[3], start, end, spaced });
    } else if (match[4] !== undefined) {
      tokens.push({ kind: "quote", canon: '"', start, end, spaced });
    } else {
      tokens.push({ kind: "other", canon: "", start, end, spaced });
    }
  }
  return tokens;
}

// A full stop after these does not end a sentence.
const ABBREVIATIONS = new Set(["mr", "mrs", "ms", "dr", "st", "prof", "vs", "etc", "eg", "ie", "inc", "jr", "sr", "no", "fig", "approx", "dept", "gen", "gov", "sen", "rep", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]);

/** Whether token `i` ends a sentence (`.`, `!` or `?`, but not the dot of "Dr." or "U.S."). */
export function endsSentence(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (token.kind !== "punct") return false;
  if (token.canon === "!" || token.canon === "?") return true;
  if (token.canon !== ".") return false;
  const previous = tokens[i - 1];
  if (previous && !token.spaced && previous.kind === "word" && (previous.canon.length === 1 || ABBREVIATIONS.has(previous.canon))) return false;
  return true;
}

/** A word or a number: what the skeleton is made of. */
export const isWordy = (t: Token | undefined) => t !== undefined && (t.kind === "word" || t.kind === "num");

/** Forms of "I" and titles before a name, capitalised wherever they stand. */
const ALWAYS_CAPITAL = new Set(["i", "im", "ive", "ill", "id", "mr", "mrs", "ms", "dr"]);

/**
 * Whether token `i` is capitalised where a sentence does not start: part of a name or a title
 * ("Kennedy Center", "Pearl Harbor", "Windows 10"), which the visible layer never changes.
 */
export function isProperCased(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || !token.capital || ALWAYS_CAPITAL.has(token.canon)) return false;
  const previous = tokens[i - 1];
  if (previous === undefined || previous.kind === "quote") return false;
  if (previous.kind === "punct" && [":", "(", "-"].includes(previous.canon)) return false;
  return !endsSentence(tokens, i - 1);
}
