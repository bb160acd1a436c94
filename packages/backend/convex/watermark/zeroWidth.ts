/**
 * The invisible layer of the per-key watermark (the visible layer is `visible.ts`): zero-width
 * characters woven between words. Pure module, no Convex import.
 *
 * Encoding. Each key has a 48-bit code. A payload is one sync character (U+2060 WORD JOINER)
 * followed by 41 base-3 digits written with U+200B / U+200C / U+200D, which carry the code and a
 * CRC-16 of it (64 bits; 3^41 > 2^64). Payloads repeat end to end as one cyclic stream, and the
 * stream is laid into the text one character at every second gap between plain words (every gap
 * in short texts such as titles). Prose has a gap every ~6 characters, so invisible characters
 * are ~8% of a served body (they were 25% with two per gap), and ~500 characters carry a whole
 * rotation of the payload, enough to read the code with no other clue (`extractWatermark`).
 * Shorter fragments still carry evidence for a candidate code: their run of stream characters
 * is either a piece of that code's cyclic stream or not (`zeroWidthEvidence`).
 *
 * Two carriers. Each stream symbol is written twice at its gap: as a zero-width character at the
 * start of the next word, and as a variation selector right after the last letter or digit of
 * the word before (`SELECTOR_CHARS`). The first is a format character (\p{Cf}), the second a
 * mark (\p{Mn}): tools that strip format characters, as many sanitisers and CMSs do, keep the
 * selectors, and tools that strip selectors keep the zero-width characters. Either alone reads as
 * the whole stream. Only an ASCII-only copy loses both (the visible layer survives it).
 *
 * Why these choices:
 * - These four characters are default-ignorable: browsers and editors draw nothing for them and
 *   keep them through copy and paste. Only gaps between plain words are used, so no word, URL,
 *   markdown token, code span or code block is touched, and `stripWatermark` restores the text.
 * - The characters are attached to the start of the next word, not to the space, so re-wrapping
 *   (spaces turned into newlines and back) keeps them in order.
 * - Extraction reads only runs that follow whitespace (or start the fragment): the ZWJ inside an
 *   emoji sequence or a ZWNJ inside a Persian word is not ours and is never read or stripped.
 *   Other format characters (U+FEFF, U+200E/F, U+2061–2064, U+180E) are skipped as if absent.
 * - Every payload is checksum-verified and the code is a majority vote, so a fragment mixing two
 *   watermarks, or damaged by an editor, yields the majority or null, never an unverified code.
 */

import { markupRanges, touchesMarkup } from "./markup";

const DATA_CHARS = ["\u200B", "\u200C", "\u200D"] as const;
const SYNC_CHAR = "\u2060";
const SYNC = 3;
const SYMBOL_OF: Record<string, number> = { "\u200B": 0, "\u200C": 1, "\u200D": 2, "\u2060": SYNC };
/**
 * The same symbols carried a second way: variation selectors VS2–VS5 (category Mn, default
 * ignorable: drawn as nothing), written right after the last letter or digit of the word before
 * a gap (before its closing punctuation). Tools that strip format characters (\p{Cf}: the
 * zero-width characters above, U+FEFF…) keep them; an ASCII-only copy loses both. They follow
 * only Latin letters and ASCII digits, with which VS2–VS5 form no standardized variant (VS1 does:
 * U+0030 U+FE00 is a slashed zero; ideographs have variants with VS1–VS3, emoji with VS15/VS16).
 */
const SELECTOR_CHARS = ["\uFE01", "\uFE02", "\uFE03", "\uFE04"] as const;
const SELECTOR_SYMBOL_OF: Record<string, number> = { "\uFE01": 0, "\uFE02": 1, "\uFE03": 2, "\uFE04": SYNC };
/** Characters a selector may follow: ASCII letters and digits, Latin letters with accents. */
const SELECTOR_BASE = /^[A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]$/;
/** Closing punctuation a plain word may end with, between its selector and the gap. */
const CLOSING = new Set([".", ",", ";", ":", "!", "?", ")", '"', "\u201D", "\u2019", "'"]);
// Format characters other tools insert; skipped so they neither break nor join our runs.
const TRANSPARENT = new Set(["\uFEFF", "\u200E", "\u200F", "\u2061", "\u2062", "\u2063", "\u2064", "\u180E"]);

/** 48-bit code + 16-bit CRC in base 3. */
const PAYLOAD_DIGITS = 41;
/** Characters of one payload in the stream: the sync character and the digits. */
export const WATERMARK_PAYLOAD_LENGTH = 1 + PAYLOAD_DIGITS;
/**
 * One stream character every this many gaps in long texts: ~1 invisible character per 12 visible
 * ones (~8% of the characters; two per gap made 25%). Texts with fewer than `WATERMARK_GAP_STRIDE × WATERMARK_PAYLOAD_LENGTH` gaps (titles,
 * summaries, short bodies) get one at every gap, and never more than one.
 */
export const WATERMARK_GAP_STRIDE = 2;
export const WATERMARK_CODE_PATTERN = /^[0-9a-f]{12}$/;

export type ExtractedWatermark = {
  /** The 12-hex-character code (the key's `apiKeyUsage.watermarkCode`). */
  code: string;
  /** Share of the complete payloads found that agree with `code` (0–1]. */
  confidence: number;
  /** Checksum-verified payloads that carry `code`. */
  copies: number;
};

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF). */
function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

function codeBytes(code: string): Uint8Array {
  const bytes = new Uint8Array(6);
  for (let i = 0; i < 6; i++) bytes[i] = parseInt(code.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The payload's characters: sync, then code and CRC as 41 base-3 digits, most significant first. */
function payloadFor(code: string): string {
  let value = (BigInt(`0x${code}`) << 16n) | BigInt(crc16(codeBytes(code)));
  const digits: string[] = [];
  for (let i = 0; i < PAYLOAD_DIGITS; i++) {
    digits.push(DATA_CHARS[Number(value % 3n)]);
    value /= 3n;
  }
  return SYNC_CHAR + digits.reverse().join("");
}

/** The code a run of 41 digits carries, or null when its checksum does not match. */
function decodeDigits(digits: number[]): string | null {
  let value = 0n;
  for (const digit of digits) value = value * 3n + BigInt(digit);
  if (value >> 64n !== 0n) return null;
  const code = (value >> 16n).toString(16).padStart(12, "0");
  return crc16(codeBytes(code)) === Number(value & 0xffffn) ? code : null;
}

function isWhitespace(char: string): boolean {
  return /\s/.test(char);
}

/**
 * Walks the text and reports our stream's symbols in order, one per gap, and every other
 * character. A gap's symbol is a run of our characters that follows whitespace (or starts the
 * text), or, when that was stripped, the variation selector after the last letter of the word
 * before the gap. Transparent characters are skipped: they neither start, end nor join a run.
 */
function scan(text: string, onOurs: (symbol: number) => void, onOther: (char: string) => void) {
  const chars = [...text];
  let previousWasSpaceOrStart = true;
  let previous = "";
  let inRun = false;
  let runIsOurs = false;
  // A selector's symbol, waiting to learn whether its gap still holds our zero-width character.
  let pending: number | null = null;
  let pendingAtGap = false;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (TRANSPARENT.has(char)) {
      onOther(char);
      continue;
    }
    const selector = SELECTOR_SYMBOL_OF[char];
    if (selector !== undefined && SELECTOR_BASE.test(previous) && endsWord(chars, i + 1)) {
      if (pending !== null) onOurs(pending);
      pending = selector;
      pendingAtGap = false;
      continue;
    }
    const symbol = SYMBOL_OF[char];
    if (symbol !== undefined) {
      if (!inRun) {
        inRun = true;
        runIsOurs = previousWasSpaceOrStart;
        if (runIsOurs) pending = null;
      }
      if (runIsOurs) onOurs(symbol);
      else onOther(char);
      continue;
    }
    if (pending !== null) {
      // Whitespace before closing punctuation (the visible layer's hair space) is not the gap.
      if (isWhitespace(char)) pendingAtGap ||= !closingFollows(chars, i + 1);
      else if (pendingAtGap) {
        onOurs(pending);
        pending = null;
      }
    }
    inRun = false;
    previousWasSpaceOrStart = isWhitespace(char);
    previous = char;
    onOther(char);
  }
  if (pending !== null) onOurs(pending);
}

/** Whether the next character after `from` that is neither whitespace nor transparent is closing punctuation. */
function closingFollows(chars: string[], from: number): boolean {
  for (let i = from; i < chars.length; i++) {
    if (TRANSPARENT.has(chars[i]) || isWhitespace(chars[i])) continue;
    return CLOSING.has(chars[i]);
  }
  return false;
}

/** Whether only closing punctuation (and transparent characters) lie between `from` and whitespace or the end. */
function endsWord(chars: string[], from: number): boolean {
  for (let i = from; i < chars.length; i++) {
    if (TRANSPARENT.has(chars[i]) || CLOSING.has(chars[i])) continue;
    return isWhitespace(chars[i]);
  }
  return true;
}

/**
 * Removes our invisible characters and nothing else (emoji joiners, ZWNJ inside words, other
 * format characters and other variation selectors stay).
 *
 * `stripWatermark(embedWatermark(t, c)) === t` for every text `t` that carries no watermark
 * characters of its own where we write them (right after whitespace; a selector VS2–VS5 right
 * after a word's last letter or digit), which includes all text without U+200B–D/U+2060/U+FE01–4.
 * For any other `t` the result is `stripWatermark(t)`: embedding first removes an older watermark,
 * so a re-served text never carries two keys' codes.
 *
 * @example
 *   stripWatermark(embedWatermark(body, code)) === body; // true
 */
export function stripWatermark(text: string): string {
  const kept: string[] = [];
  scan(
    text,
    () => {},
    (char) => kept.push(char),
  );
  return kept.join("");
}

// A plain word: letters/digits with inner apostrophes, dots and hyphens, optional opening
// quote or parenthesis and closing punctuation. Anything else (markdown, URLs, e-mail
// addresses, code, HTML, numbers with units) is not a gap we write next to.
const PLAIN_WORD = /^["“‘'(]?[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*\u200A?[.,;:!?)"”’']*$/u;
// A word with its closing punctuation, a hair space between them allowed: where the visible layer
// puts one (`HAIR_SPACE` before `LOOSE_CLOSING` marks in `variants.ts` and `tokens.ts`).
const WORD_RUN = /\S+(?:\u200A(?=[.,;:!?)])\S+)?/gu;
const NEXT_WORD_EXCLUDED = /^["“‘'(]?www\./i;
// HTML blocks and tables (code and headings are markup: `markup.ts`).
const SKIPPED_LINE = /^ {0,3}[<|]/;

/** Insertion points: the start of each plain word preceded by spaces and a plain word. */
function gapsOf(text: string): number[] {
  const gaps: number[] = [];
  // Code, tags and their attributes, entities, link addresses (`markup.ts`): never written into.
  const markup = markupRanges(text);
  let offset = 0;
  for (const line of text.split("\n")) {
    if (!SKIPPED_LINE.test(line)) {
      const tokens = [...line.matchAll(WORD_RUN)];
      for (let i = 1; i < tokens.length; i++) {
        const previous = tokens[i - 1];
        const next = tokens[i];
        const between = line.slice(previous.index + previous[0].length, next.index);
        if (!/^ +$/.test(between)) continue;
        if (!PLAIN_WORD.test(previous[0]) || !PLAIN_WORD.test(next[0])) continue;
        if (NEXT_WORD_EXCLUDED.test(next[0])) continue;
        if (touchesMarkup(markup, offset + next.index, offset + next.index)) continue;
        gaps.push(offset + next.index);
      }
    }
    offset += line.length + 1;
  }
  return gaps;
}

/** Whether the word ending at `end` is an ordered-list marker ("1." or "2)" opening a line), which a selector would break. */
function isListMarker(text: string, end: number): boolean {
  if (text[end] !== "." && text[end] !== ")") return false;
  let start = end;
  while (start > 0 && text[start - 1] >= "0" && text[start - 1] <= "9") start--;
  let indent = start;
  while (indent > 0 && text[indent - 1] === " ") indent--;
  return start < end && start - indent <= 3 && (indent === 0 || text[indent - 1] === "\n");
}

/**
 * Returns `text` with the key's watermark woven invisibly between its words. The visible text is
 * unchanged. Texts without any gap between two plain words (a single word, code only) are returned
 * without a watermark; short texts carry one character per gap (a title carries a piece of the
 * stream, which `zeroWidthEvidence` can test a candidate code against).
 *
 * @example
 *   const served = embedWatermark(article.body, usage.watermarkCode);
 *   extractWatermark(served.slice(1000, 1400))?.code === usage.watermarkCode; // true
 */
export function embedWatermark(text: string, code: string): string {
  const normalisedCode = code.toLowerCase();
  if (!WATERMARK_CODE_PATTERN.test(normalisedCode)) {
    throw new Error(`A watermark code is 12 hex characters, got "${code}"`);
  }
  const base = stripWatermark(text);
  const gaps = gapsOf(base);
  if (gaps.length === 0) return base;

  const payload = payloadFor(normalisedCode);
  const stride = gaps.length >= WATERMARK_GAP_STRIDE * payload.length ? WATERMARK_GAP_STRIDE : 1;
  const parts: string[] = [];
  let last = 0;
  let phase = 0;
  for (let g = 0; g < gaps.length; g += stride) {
    const gap = gaps[g];
    // The word before the gap: its last letter or digit, before closing punctuation, also carries the symbol.
    let end = gap;
    while (base[end - 1] === " ") end--;
    while (CLOSING.has(base[end - 1])) end--;
    if (base[end - 1] === "\u200A") end--;
    if (end > last && SELECTOR_BASE.test(base[end - 1]) && !isListMarker(base, end)) parts.push(base.slice(last, end), SELECTOR_CHARS[SYMBOL_OF[payload[phase]]], base.slice(end, gap), payload[phase]);
    else parts.push(base.slice(last, gap), payload[phase]);
    phase = (phase + 1) % payload.length;
    last = gap;
  }
  parts.push(base.slice(last));
  return parts.join("");
}

/**
 * Recovers the code from watermarked text or any fragment of it (≥ ~800 characters of prose).
 * Complete payloads are checksum-verified and vote; a tie or no verified payload gives null, so
 * the answer is never a guess.
 *
 * @example
 *   extractWatermark(pastedLeak); // { code: "3fa9c01b7e42", confidence: 1, copies: 4 } or null
 */
export function extractWatermark(text: string): ExtractedWatermark | null {
  const stream = streamOf(text);
  const syncs: number[] = [];
  stream.forEach((symbol, i) => {
    if (symbol === SYNC) syncs.push(i);
  });
  if (syncs.length === 0) return null;

  // Digit runs between syncs (and before the first / after the last) of exactly the payload's
  // length are whole payloads. With a single sync and no whole payload, the digits after it
  // (the payload's start) and those before it (the end of the previous repetition) make one.
  const candidates: number[][] = [];
  const bounds = [-1, ...syncs, stream.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    if (bounds[i + 1] - bounds[i] - 1 === PAYLOAD_DIGITS) {
      candidates.push(stream.slice(bounds[i] + 1, bounds[i + 1]));
    }
  }
  if (candidates.length === 0 && syncs.length === 1) {
    const head = stream.slice(0, syncs[0]);
    const tail = stream.slice(syncs[0] + 1);
    if (tail.length < PAYLOAD_DIGITS && head.length + tail.length >= PAYLOAD_DIGITS) {
      candidates.push([...tail, ...head.slice(head.length - (PAYLOAD_DIGITS - tail.length))]);
    }
  }

  const votes = new Map<string, number>();
  for (const candidate of candidates) {
    const code = decodeDigits(candidate);
    if (code !== null) votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return null;
  if (ranked.length > 1 && ranked[1][1] === ranked[0][1]) return null;
  const [code, copies] = ranked[0];
  return { code, confidence: copies / candidates.length, copies };
}

/** Our stream characters in a text, in order, as symbols (0–2 digits, 3 the sync). */
function streamOf(text: string): number[] {
  const stream: number[] = [];
  scan(
    text,
    (symbol) => stream.push(symbol),
    () => {},
  );
  return stream;
}

export type ZeroWidthEvidence = {
  /** Stream characters found in the text. */
  symbols: number;
  /** Of those, the ones in the pieces counted: runs of at least `MIN_RUN` that continue the candidate's cyclic stream. */
  matched: number;
  /**
   * Probability that a random other code's stream holds pieces as long (see `zeroWidthEvidence`).
   * 1 when nothing matched.
   */
  randomMatchProbability: number;
};

/** Shorter runs are not counted: by chance alone they are common. */
const MIN_RUN = 6;
/** Most pieces of one fragment counted (a fragment cut in more places than this keeps its longest pieces). */
const MAX_PIECES = 8;
/**
 * Payload positions every code shares, or nearly: the sync character, and the most significant
 * digit (0 or 1 for every 64-bit value, 0 two times in three). A match there is no evidence.
 */
const UNINFORMATIVE_POSITIONS = 2;

/**
 * The same union bound in closed form, for streams too long to count exactly: chance[k][a] is,
 * for k pieces each with any rotation of the payload and any length of at least MIN_RUN, the sum
 * of 3^-(informative positions) over the choices pinning at least `a` together; times the choice
 * of the pieces' starts, C(m, k), it bounds a random code's stream of any length m holding them.
 * It counts every set that `chanceGivenStream` counts, and more.
 */
function closedFormChance(): number[][] {
  const length = WATERMARK_PAYLOAD_LENGTH;
  const one = new Array<number>(length + 1).fill(0);
  for (let run = MIN_RUN; run <= length; run++) {
    for (let rotation = 0; rotation < length; rotation++) {
      let informative = run;
      for (let j = 0; j < run; j++) if ((rotation + j) % length < UNINFORMATIVE_POSITIONS) informative--;
      one[informative] += 3 ** -informative;
    }
  }
  const tails: number[][] = [[1]];
  let sums = [1];
  for (let k = 1; k <= MAX_PIECES; k++) {
    const next = new Array<number>(sums.length + length).fill(0);
    sums.forEach((weight, a) => one.forEach((w, b) => (next[a + b] += weight * w)));
    sums = next;
    const tail = new Array<number>(sums.length + 1).fill(0);
    for (let a = sums.length - 1; a >= 0; a--) tail[a] = tail[a + 1] + sums[a];
    tails.push(tail);
  }
  return tails;
}

/** Streams up to this long get the exact count of `chanceGivenStream`; longer ones the closed form (their evidence is overwhelming either way). */
const EXACT_UP_TO = 240;

/**
 * The same union bound, counted exactly for this stream: k disjoint pieces that fit in it, and
 * only the rotations a piece can have given where the stream's sync characters are (a piece
 * holding one has a single rotation; a piece without one cannot cover the payload's sync
 * position). tails[k][a] sums 3^-(informative positions) over those choices pinning at least a.
 * Dynamic programming over the stream's positions (streams up to EXACT_UP_TO long).
 */
function chanceGivenStream(stream: number[]): number[][] {
  const m = stream.length;
  const length = WATERMARK_PAYLOAD_LENGTH;
  const top = length; // informative totals at or above this share a bucket: disjoint pieces pin at most length − 2
  const width = top + 1;
  const cell = (i: number, k: number, a: number) => (i * (MAX_PIECES + 1) + k) * width + a;
  const counts = new Float64Array((m + 1) * (MAX_PIECES + 1) * width);
  counts[cell(0, 0, 0)] = 1;
  for (let i = 0; i < m; i++) {
    // Totals reachable so far: at most i informative positions in at most i / MIN_RUN pieces.
    const pieces = Math.min(MAX_PIECES, Math.floor(i / MIN_RUN));
    const highest = Math.min(top, i);
    for (let k = 0; k <= pieces; k++) for (let a = 0; a <= highest; a++) counts[cell(i + 1, k, a)] += counts[cell(i, k, a)];
    let sync = -1;
    for (let run = 1; run <= Math.min(length, m - i); run++) {
      if (stream[i + run - 1] === SYNC) {
        if (sync >= 0) break; // two syncs closer than a payload apart: no rotation fits
        sync = run - 1;
      }
      if (run < MIN_RUN) continue;
      // The piece's kinds of rotation: [informative positions, how many rotations] (at most two kinds).
      let first: number;
      let firstRotations: number;
      let second = 0;
      let secondRotations = 0;
      if (sync >= 0) {
        const rotation = (length - sync) % length;
        first = 0;
        for (let j = 0; j < run; j++) if ((rotation + j) % length >= UNINFORMATIVE_POSITIONS) first++;
        firstRotations = 1;
      } else if (run < length) {
        // Rotations 1 … length − run avoid the sync position; rotation 1 starts on the first digit.
        [first, firstRotations, second, secondRotations] = [run - 1, 1, run, length - run - 1];
      } else continue;
      const firstWeight = firstRotations * 3 ** -first;
      const secondWeight = secondRotations * 3 ** -second;
      for (let k = 0; k < pieces + 1 && k < MAX_PIECES; k++) {
        const from = cell(i, k, 0);
        const to = cell(i + run, k + 1, 0);
        for (let a = 0; a <= highest; a++) {
          const ways = counts[from + a];
          if (ways === 0) continue;
          counts[to + Math.min(top, a + first)] += ways * firstWeight;
          if (secondRotations > 0) counts[to + Math.min(top, a + second)] += ways * secondWeight;
        }
      }
    }
  }
  const tails: number[][] = [];
  for (let k = 0; k <= MAX_PIECES; k++) {
    const tail = new Array<number>(width + 1).fill(0);
    for (let a = top; a >= 0; a--) tail[a] = tail[a + 1] + counts[cell(m, k, a)];
    tails.push(tail);
  }
  return tails;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 0; i < k; i++) result = (result * (n - i)) / (i + 1);
  return result;
}

/**
 * How strongly the invisible characters of `text` point at `code`, for fragments too short to
 * decode on their own: the pieces of the text's stream that continue `code`'s own cyclic stream.
 * A fragment of a text served to `code` is one such piece, or several when sentences were cut out
 * of it (each piece then sits at its own rotation of the payload).
 *
 * The bound. Pieces are counted longest first, each on payload positions no earlier piece pinned,
 * so a random code matches k of them with probability 3^-(informative positions pinned). Summed
 * over every choice a random code could have had (the k pieces' places in the stream, their
 * rotations and lengths) that is a union bound (`chanceGivenStream`, or `closedFormChance` for
 * long streams); it is weighted by 2^k, so that reporting the best k stays a valid bound.
 *
 * @example zeroWidthEvidence(served.slice(0, 400), code).randomMatchProbability < 1e-9 // true
 */
export function zeroWidthEvidence(text: string, code: string): ZeroWidthEvidence {
  return zeroWidthReader(text)(code);
}

/** `zeroWidthEvidence` for many codes against one text: the text's stream is read once. */
export function zeroWidthReader(text: string): (code: string) => ZeroWidthEvidence {
  const stream = streamOf(text);
  let tails: number[][] | undefined;
  const exact = stream.length <= EXACT_UP_TO;
  const chance = (k: number, informative: number) => {
    tails ??= exact ? chanceGivenStream(stream) : closedFormChance();
    const tail = tails[k][Math.min(informative, tails[k].length - 1)];
    return exact ? tail : binomial(stream.length, k) * tail;
  };
  return (code) => evidenceFor(stream, code, chance);
}

type Piece = { length: number; informative: number };

function evidenceFor(stream: number[], code: string, chance: (k: number, informative: number) => number): ZeroWidthEvidence {
  const payload = [...payloadFor(code.toLowerCase())].map((char) => SYMBOL_OF[char]);
  // For each position, the longest run ending there over all rotations (alignments of the stream).
  const runEnding = new Array<number>(stream.length).fill(0);
  const rotationAt = new Array<number>(stream.length).fill(0);
  for (let rotation = 0; rotation < payload.length; rotation++) {
    let run = 0;
    for (let i = 0; i < stream.length; i++) {
      run = stream[i] === payload[(rotation + i) % payload.length] ? run + 1 : 0;
      if (run > runEnding[i]) {
        runEnding[i] = run;
        rotationAt[i] = rotation;
      }
    }
  }
  // Disjoint maximal runs, scanning from the end.
  const runs: Array<{ end: number; length: number; rotation: number }> = [];
  for (let i = stream.length - 1; i >= 0; ) {
    if (runEnding[i] >= MIN_RUN) {
      runs.push({ end: i, length: runEnding[i], rotation: rotationAt[i] });
      i -= runEnding[i];
    } else i--;
  }
  // Pieces: the parts of each run (longest first) on payload positions no earlier piece pinned.
  const pinned = new Set<number>();
  const pieces: Piece[] = [];
  for (const run of runs.sort((a, b) => b.length - a.length)) {
    let piece: number[] = [];
    const close = () => {
      if (piece.length >= MIN_RUN) {
        for (const position of piece) pinned.add(position);
        pieces.push({ length: piece.length, informative: piece.filter((p) => p >= UNINFORMATIVE_POSITIONS).length });
      }
      piece = [];
    };
    for (let j = run.end - run.length + 1; j <= run.end; j++) {
      const position = (run.rotation + j) % payload.length;
      if (pinned.has(position) || piece.includes(position)) close();
      if (!pinned.has(position)) piece.push(position);
    }
    close();
  }
  pieces.sort((a, b) => b.informative - a.informative);
  let best = { probability: 1, matched: 0 };
  let informative = 0;
  let matched = 0;
  for (let k = 1; k <= Math.min(pieces.length, MAX_PIECES); k++) {
    informative += pieces[k - 1].informative;
    matched += pieces[k - 1].length;
    const probability = 2 ** k * chance(k, informative);
    if (probability < best.probability) best = { probability, matched };
  }
  return { symbols: stream.length, matched: best.matched, randomMatchProbability: Math.min(1, best.probability) };
}
