/**
 * The visible layer of the per-key watermark: at every choice point of a text (the reviewed list
 * in `variants.ts`) the key's code picks one of the equivalent forms, so each key's copy differs
 * from every other key's in many places a reader does not notice, and a copy keeps them through
 * anything that keeps the words (format characters removed, ASCII-only, lower-cased, re-wrapped,
 * plain quotes, HTML round trips, dropped sentences).
 *
 * How a point is named. The text is read as a skeleton: its words, lower-case ASCII, with every
 * choice reduced to its canonical form and optional words and all punctuation left out, so every
 * key's copy has the same skeleton. A point's context is its family plus the skeleton words
 * around it within its sentence; the choice there is a keyed pseudo-random function of (code,
 * context). Choices are therefore independent bits per key, there is nothing to align, and a
 * fragment's points are found again by their contexts whatever was cut or dropped around them.
 *
 * Pure module, no Convex import.
 */
import { indentedLines, markupRanges, touchesMarkup } from "./markup";
import { endsSentence, INVISIBLE, isProperCased, isWordy, LOOSE_CLOSING, tokenize, type Token } from "./tokens";
import {
  CHANGE_VERBS,
  CLAUSE_STARTERS,
  RATE_UNITS,
  CLAUSE_SUBJECTS,
  DETERMINER_LIKE,
  familySince,
  HAIR_SPACE,
  INTRO_PHRASES,
  INTRO_PREPOSITIONS,
  INTRO_SUBORDINATORS,
  NOMINATIVE_PRONOUNS,
  NOT_CLAUSE_END,
  OF_DETERMINERS,
  SPACE_FAMILY,
  SWAP_FAMILIES,
  THAT_DETERMINERS,
  THAT_KEEPERS,
  THAT_SUBJECT_CONTRACTIONS,
  THAT_SUBJECTS,
  VISIBLE_VERSION,
  VERBS_BEFORE_THAT,
  WEEKDAYS,
  isNumberish,
  isReportingVerb,
  optionalOn,
  type SwapFamily,
} from "./variants";

/** A choice point: where it is, which forms it allows, which one the text shows. */
export type ChoicePoint = {
  family: string;
  /** Hash of family + surrounding skeleton words: the same in every key's copy. */
  context: number;
  /** Number of forms (2–4). */
  forms: number;
  /** The form the text shows (index into `renders`). */
  observed: number;
  /** Whether the text's form may be replaced by the others (one-way choices start only from some forms). */
  source: boolean;
  /** Raw range of the text that each form replaces, and each form's text for it. */
  start: number;
  end: number;
  renders: string[];
};

type SkeletonWord = { word: string; sentence: number; lastToken: number };
type Candidate = Omit<ChoicePoint, "context"> & { anchor: number; length: number };

// ---------------------------------------------------------------------------------------------
// Keyed choice: a 32-bit hash of the context mixed with the 48-bit code.

/** FNV-1a over a string's UTF-16 units. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two 32-bit words derived from a 12-hex-character code, for `choiceFor`. */
export function codeKey(code: string): [number, number] {
  const hi = parseInt(code.slice(0, 6), 16);
  const lo = parseInt(code.slice(6, 12), 16);
  return [fmix32(hi ^ 0x9e3779b9), fmix32(Math.imul(lo, 0x27d4eb2f) ^ 0x165667b1)];
}

/** The form (0 … forms-1) a key picks at a context. */
export function choiceFor(key: [number, number], context: number, forms: number): number {
  return fmix32(fmix32(context ^ key[0]) ^ key[1]) % forms;
}

// ---------------------------------------------------------------------------------------------
// Reading a text into skeleton and choice points.

type SwapEntry = { family: SwapFamily; index: number; form: number; canon: string[] };
const SWAPS_BY_FIRST = new Map<string, SwapEntry[]>();
SWAP_FAMILIES.forEach((family, index) => {
  family.alternatives.forEach((display, form) => {
    const canon = tokenize(display).map((t) => t.canon);
    const list = SWAPS_BY_FIRST.get(canon[0]) ?? [];
    list.push({ family, index, form, canon });
    SWAPS_BY_FIRST.set(canon[0], list);
  });
});
for (const list of SWAPS_BY_FIRST.values()) list.sort((a, b) => b.canon.length - a.canon.length);
/** Sentence openers by their first word, longest first. */
const INTRO_BY_FIRST = new Map<string, string[][]>();
for (const phrase of INTRO_PHRASES) INTRO_BY_FIRST.set(phrase[0], [...(INTRO_BY_FIRST.get(phrase[0]) ?? []), phrase].sort((a, b) => b.length - a.length));
/** Each swap family's canonical words, as the skeleton holds them. */
const CANONICAL_WORDS = SWAP_FAMILIES.map((family) => tokenize(family.alternatives[0]).filter((t) => t.kind === "word" || t.kind === "num"));

/**
 * A swap inside or right after a name or title is never made: "Kennedy Center", "Pearl Harbor",
 * "Labor Day", "The Whole Truth", "Windows 10 users" keep their spelling and their figures.
 */
function inName(tokens: Token[], start: number, end: number): boolean {
  for (let k = start - 1; k < end; k++) if (tokens[k]?.kind === "word" && isProperCased(tokens, k)) return true;
  return false;
}

/** Punctuation that may touch a word in prose: a word next to anything else is part of a link, a file name or code. */
const OPENING = new Set(["(", '"']);
const CLOSING = new Set([".", ",", ";", ":", "!", "?", ")", '"']);
/**
 * A swap glued to something that is not prose punctuation is never made: "example.org/organization",
 * "color_scheme", "math.floor", "anti-organization" keep their spelling (links and code would break).
 */
function glued(tokens: Token[], start: number, end: number): boolean {
  const before = tokens[start - 1];
  if (before !== undefined && !tokens[start].spaced && !OPENING.has(before.canon)) return true;
  const after = tokens[end];
  if (after === undefined || after.spaced) return false;
  if (!CLOSING.has(after.canon)) return true;
  // "math.floor", "example.org": a full stop with a word straight after it.
  const next = tokens[end + 1];
  return after.canon === "." && next !== undefined && !next.spaced && next.kind === "word";
}

/** A subject pronoun, or what a contracted one reads as in any copy ("they're", "theyre"). */
const isSubject = (t: Token | undefined, before: Token) =>
  t !== undefined &&
  t.kind === "word" &&
  (THAT_SUBJECTS.has(t.canon) || THAT_SUBJECT_CONTRACTIONS.has(t.canon) || ((THAT_DETERMINERS.has(t.canon) || DETERMINER_LIKE.has(t.canon)) && !before.canon.endsWith("ed") && !VERBS_BEFORE_THAT.has(before.canon)));
/** "some" before a figure is an estimate ("that some 10 people…" / "that about 10 people…"), not a determiner. */
const isSubjectAt = (tokens: Token[], k: number, before: Token) =>
  isSubject(tokens[k], before) && !(tokens[k].canon === "some" && (isNumberish(tokens[k + 1]) || tokens[k + 1]?.canon === "$"));

/** `before` is read only when a family's condition needs it (most tokens start no swap). */
function matchSwap(tokens: Token[], i: number, beforeOf: () => readonly string[]): { entry: SwapEntry; end: number } | null {
  let before: readonly string[] | null = null;
  for (const entry of SWAPS_BY_FIRST.get(tokens[i].canon) ?? []) {
    const end = i + entry.canon.length;
    if (end > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < entry.canon.length && ok; k++) {
      const token = tokens[i + k];
      ok = token.canon === entry.canon[k] && (token.kind !== "punct" || entry.canon[k] === "%" || !token.spaced);
      // Inside a multi-word form the tokens are separate words ("per cent"), joined parts stay joined ("e-mail").
      if (ok && k > 0 && token.kind === "word" && tokens[i + k - 1].kind === "word" && !token.spaced) ok = false;
    }
    if (!ok) continue;
    if (entry.family.when && !entry.family.when(tokens, i, end, (before ??= beforeOf()))) continue;
    return { entry, end };
  }
  return null;
}

/** Prepositions of an opening time phrase, and the names that end one ("In August", "By 2030", "In March 2019"). */
const TIME_OPENERS = new Set(["in", "on", "by", "since", "until", "during", "after", "before", "from"]);
const SEASONS = new Set(["spring", "summer", "autumn", "winter"]);
const DEMONSTRATIVES = new Set(["this", "that", "these", "those"]);
const isYearWord = (word: string | undefined) => word !== undefined && /^(1[0-9]|20)\d\d$/.test(word);
const isTimeName = (words: string[], k: number) =>
  k === 1
    ? (MONTHS.has(words[1]) && words[1] !== "may") || WEEKDAYS.has(words[1]) || SEASONS.has(words[1]) || isYearWord(words[1])
    : k === 2 && MONTHS.has(words[1]) && words[1] !== "may" && isYearWord(words[2]);
const MONTHS = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]);
const isDay = (t: Token | undefined) => t?.kind === "num" && /^\d{1,2}$/.test(t.canon) && Number(t.canon) >= 1 && Number(t.canon) <= 31;
const isYear = (t: Token | undefined) => t?.kind === "num" && /^\d{4}$/.test(t.canon) && !t.canon.includes(",");

/** Words after which a month and a day can only be a date ("on 1 March", "from March 1 to 5 April"). */
const DATE_AFTER = new Set(["on", "from", "by", "until", "till", "since", "before", "after", "between", "and", "to", "through", "of"]);
/**
 * A date without a year ends there: a word or a break follows ("March 1-5", "1 March/April" are not
 * dates). Not a figure: "on 1 March twelve students" would read "12 students" in one order and not
 * in the other (a figure reads the word before it).
 */
const endsDate = (t: Token | undefined) =>
  t === undefined || (t.spaced && t.kind === "word" && !isNumberish(t)) || (!t.spaced && [",", ".", ";", ":", ")", "!", "?"].includes(t.canon));

/**
 * A date at token i, US order (form 0: "November 1, 2026", "March 1") or day first (form 1: "1
 * November 2026", "1 March"). Without a year only after a word that makes it a date (read in the
 * skeleton, the same in every copy), and never "May" (a verb: "prices may 5…" cannot arise, but
 * nothing else tells them apart) nor "March" as a count ("march 5 miles" follows no such word).
 */
function matchDate(tokens: Token[], i: number, beforeOf: () => readonly string[]) {
  const [a, b, c, d] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  // "May" is also a verb: a month only when a day and a year follow.
  if (a.kind === "word" && MONTHS.has(a.canon) && isDay(b) && c?.canon === "," && !c.spaced && isYear(d)) {
    return { form: 0, month: a.canon, day: b.canon, year: d.canon as string | null, monthToken: i, dayToken: i + 1, end: i + 4 };
  }
  if (isDay(a) && b?.kind === "word" && MONTHS.has(b.canon) && isYear(c)) {
    return { form: 1, month: b.canon, day: a.canon, year: c.canon as string | null, monthToken: i + 1, dayToken: i, end: i + 3 };
  }
  const monthFirst = a.kind === "word" && MONTHS.has(a.canon) && isDay(b) && b.spaced && endsDate(c);
  const dayFirst = isDay(a) && b?.kind === "word" && MONTHS.has(b.canon) && b.spaced && endsDate(c);
  if (!monthFirst && !dayFirst) return null;
  const month = monthFirst ? a : b;
  const before = beforeOf();
  if (month.canon === "may" || !DATE_AFTER.has(before.at(-1) ?? "")) return null;
  // "between 1 and 3 March" is a range of days: its second day does not move ("between 1 and March 3").
  if (["and", "to", "through"].includes(before.at(-1) ?? "") && /^\d{1,2}$/.test(before.at(-2) ?? "")) return null;
  return monthFirst
    ? { form: 0, month: a.canon, day: b.canon, year: null, monthToken: i, dayToken: i + 1, end: i + 2 }
    : { form: 1, month: b.canon, day: a.canon, year: null, monthToken: i + 1, dayToken: i, end: i + 2 };
}

/** Matches the case of `original`'s first letter (sentence starts stay capitalised). */
function withCase(render: string, original: string): string {
  const first = original.trim()[0];
  const at = render.search(/\S/);
  if (first && first !== first.toLowerCase() && at >= 0) return render.slice(0, at) + render[at].toUpperCase() + render.slice(at + 1);
  return render;
}

/**
 * Every choice point of `text`, with its context. `source` says whether a marker may change it
 * (a one-way choice's target form is read but never changed). In "leak" mode every comma is read
 * as a possible choice, since a copy may have lost the comma that showed the rule applied; the
 * tracer keeps only the contexts the original article has. Cost is linear in the text's length.
 */
export function choicePoints(text: string, mode: "original" | "leak" = "original", version = VISIBLE_VERSION): ChoicePoint[] {
  const points = read(text, mode).points;
  return version >= VISIBLE_VERSION ? points : points.filter((p) => familySince(p.family) <= version);
}

/**
 * The skeleton's words: what every key's copy of `text` has in common, whatever was done to it
 * (the article fingerprints are shingles of these).
 *
 * @example skeletonOf("Meanwhile, about 45% of…") // ["meanwhile", "about", "45", "percent", "of", …]
 */
export function skeletonOf(text: string): string[] {
  return read(text, "leak", false).skeleton.map((w) => w.word);
}

function read(raw: string, mode: "original" | "leak", withPoints = true): { skeleton: SkeletonWord[]; points: ChoicePoint[] } {
  // A copy is read without invisible characters (a leaker's tools may have removed them anyway);
  // an original keeps its raw positions for marking.
  const text = mode === "leak" ? raw.replace(INVISIBLE, "") : raw;
  const tokens = tokenize(text);
  const apostrophe = (text.match(/’/g)?.length ?? 0) > (text.match(/'/g)?.length ?? 0) ? "’" : "'";
  const skeleton: SkeletonWord[] = [];
  const candidates: Candidate[] = [];
  // Comma observations after every word, kept only where a rule below makes the comma optional.
  const commas: Array<{ anchor: number; present: boolean; start: number; end: number; insertAt: number }> = [];
  let sentence = 0;
  let skipUntil = -1; // tokens already consumed by an optional-word rule

  const emit = (word: string, lastToken: number) => skeleton.push({ word, sentence, lastToken });

  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i];
    if (i < skipUntil) {
      i++;
      continue;
    }
    if (token.kind === "punct" && token.canon !== "%") {
      if (endsSentence(tokens, i)) sentence++;
      i++;
      continue;
    }
    if (!isWordy(token) && token.canon !== "%") {
      i++;
      continue;
    }

    // "on" before a weekday ("left on Monday" / "left Monday"): the word after decides.
    if (WEEKDAYS.has(tokens[i + 1]?.canon ?? "") && optionalOn(tokens, i)) {
      i++;
      continue;
    }
    // "in order to" / "to"
    if (token.canon === "in" && tokens[i + 1]?.canon === "order" && tokens[i + 2]?.canon === "to") {
      i += 2;
      continue;
    }

    const anchor = skeleton.length;
    let last = i;
    const beforeOf = () => sentenceSoFar(skeleton, sentence);
    const date = matchDate(tokens, i, beforeOf);
    const swap = date ? null : matchSwap(tokens, i, beforeOf);
    if (date) {
      // "November 1, 2026" / "1 November 2026": the skeleton holds month, day, year either way.
      emit(date.month, date.end - 1);
      emit(date.day, date.end - 1);
      if (date.year !== null) emit(date.year, date.end - 1);
      const start = tokens[i].start;
      const end = tokens[date.end - 1].end;
      const original = text.slice(start, end);
      const monthText = text.slice(tokens[date.monthToken].start, tokens[date.monthToken].end);
      const dayText = text.slice(tokens[date.dayToken].start, tokens[date.dayToken].end);
      const yearText = date.year === null ? "" : text.slice(tokens[date.end - 1].start, end);
      const renders = date.year === null ? [`${monthText} ${dayText}`, `${dayText} ${monthText}`] : [`${monthText} ${dayText}, ${yearText}`, `${dayText} ${monthText} ${yearText}`];
      renders[date.form] = original;
      candidates.push({ family: "date", anchor, length: date.year === null ? 2 : 3, forms: 2, observed: date.form, source: true, start, end, renders });
      last = date.end - 1;
      i = date.end;
    } else if (swap) {
      const { entry, end } = swap;
      const family = entry.family;
      const canonical = CANONICAL_WORDS[entry.index];
      for (const t of canonical) emit(t.canon, end - 1);
      if (canonical.length === 0) emit(family.id, end - 1);
      const start = family.attach ? tokens[i - 1].end : tokens[i].start;
      const original = text.slice(start, tokens[end - 1].end);
      // A contracted form is one only where the original shows the apostrophe ("its" is not "it's").
      const contracted = family.alternatives[entry.form].includes("'");
      if (mode === "leak" || !contracted || /['’ʼ]/.test(original)) candidates.push({
        family: family.id,
        anchor,
        length: Math.max(1, canonical.length),
        forms: family.alternatives.length,
        observed: entry.form,
        source: (family.sources ?? family.alternatives.map((_, k) => k)).includes(entry.form) && !inName(tokens, i, end) && (family.attach === true || !glued(tokens, i, end)),
        start,
        end: tokens[end - 1].end,
        renders: family.alternatives.map((form, k) =>
          k === entry.form ? original : withCase(form.replace(/'/g, apostrophe), original),
        ),
      });
      last = end - 1;
      i = end;
    } else if (token.kind === "punct") {
      i++; // a "%" that is not a form of "percent"
      continue;
    } else {
      emit(token.canon, i);
      last = i;
      i++;
      // Number with a thousands separator ("1,200" / "1200"): one-way, separator dropped.
      if (token.kind === "num" && token.canon.length === 4 && /^\d{4}$/.test(token.canon)) {
        const raw = text.slice(token.start, token.end);
        const present = raw.includes(",");
        candidates.push({ family: "thousands", anchor, length: 1, forms: 2, observed: present ? 0 : 1, source: present, start: token.start, end: token.end, renders: [present ? raw : `${raw[0]},${raw.slice(1)}`, raw.replace(",", "")] });
      }
      if (WEEKDAYS.has(token.canon)) {
        const on = tokens[i - 2];
        const present = optionalOn(tokens, i - 2);
        candidates.push({
          family: "on", anchor, length: 1, forms: 2, observed: present ? 0 : 1, source: present,
          start: present ? on.start : token.start, end: token.start, renders: [present ? text.slice(on.start, token.start) : "on ", ""],
        });
      }
      if (token.canon === "to") {
        const present = tokens[i - 3]?.canon === "in" && tokens[i - 2]?.canon === "order";
        candidates.push({
          family: "in-order-to", anchor, length: 1, forms: 2, observed: present ? 0 : 1, source: present,
          start: present ? tokens[i - 3].start : token.start, end: token.start, renders: [present ? text.slice(tokens[i - 3].start, token.start) : "in order ", ""],
        });
      }
    }

    // Optional words after the unit just read.
    const next = tokens[last + 1];
    const after = tokens[last + 2];
    const here = tokens[last];
    if (isReportingVerb(tokens, last)) {
      const present = next?.canon === "that" && next.kind === "word" && isWordy(after);
      candidates.push({
        family: "that", anchor: skeleton.length - 1, length: 1, forms: 2, observed: present ? 0 : 1, source: present,
        start: here.end, end: present ? next.end : here.end, renders: [present ? text.slice(here.end, next.end) : " that", ""],
      });
      if (present) skipUntil = last + 2;
    } else if (here.kind === "word" && !THAT_KEEPERS.has(here.canon) && (isSubjectAt(tokens, last + 1, here) || (next?.canon === "that" && next.kind === "word" && isSubjectAt(tokens, last + 2, here)))) {
      // "the plan that they chose" / "the plan they chose": one-way, "that" dropped before a subject.
      const present = next.canon === "that" && isSubjectAt(tokens, last + 2, here) && isWordy(tokens[last + 3]);
      if (present || isWordy(after)) {
        // A contracted subject must show its apostrophe in the original ("that well" has no subject "we will").
        const real = present && (THAT_SUBJECTS.has(after.canon) || THAT_DETERMINERS.has(after.canon) || after.apostrophe === true);
        candidates.push({
          family: "that", anchor: skeleton.length - 1, length: 1, forms: 2, observed: present ? 0 : 1, source: mode === "leak" || real,
          start: here.end, end: present ? next.end : here.end, renders: [present ? text.slice(here.end, next.end) : " that", ""],
        });
        if (present) skipUntil = last + 2;
      }
    } else if (CHANGE_VERBS.has(here.canon) && here.kind === "word") {
      // "fell by 12 percent" / "fell 12 percent": "by" may go before any amount (not a year: "fall by 2030" is a deadline),
      // and come back only before a rate ("12 percent", "3 points").
      const amount = (at: number) => {
        const start = tokens[at]?.canon === "$" && !tokens[at + 1]?.spaced ? at + 1 : at;
        const t = tokens[start];
        if (t?.kind !== "num" || /^(1[89]|20)\d\d$/.test(t.canon)) return null;
        return start;
      };
      const present = next?.canon === "by" && next.kind === "word" && amount(last + 2) !== null;
      const at = present ? amount(last + 2) : amount(last + 1);
      if (at !== null) {
        const unit = tokens[at + 1];
        const rate = unit !== undefined && RATE_UNITS.has(unit.canon);
        candidates.push({
          family: "by", anchor: skeleton.length - 1, length: 1, forms: 2, observed: present ? 0 : 1, source: present || rate,
          start: here.end, end: present ? next.end : here.end, renders: [present ? text.slice(here.end, next.end) : " by", ""],
        });
        if (present) skipUntil = last + 2;
      }
    } else if (here.canon === "all" || here.canon === "both" || here.canon === "half" || here.canon === "outside") {
      const present = next?.canon === "of" && OF_DETERMINERS.has(after?.canon ?? "");
      if (present || OF_DETERMINERS.has(next?.canon ?? "")) {
        candidates.push({
          family: "of", anchor: skeleton.length - 1, length: 1, forms: 2, observed: present ? 0 : 1, source: true,
          start: here.end, end: present ? next.end : here.end, renders: [present ? text.slice(here.end, next.end) : " of", ""],
        });
        if (present) skipUntil = last + 2;
      }
    } else if (here.canon === "whether" && next?.canon === "or" && after?.canon === "not" && isWordy(tokens[last + 3])) {
      candidates.push({
        family: "whether-or-not", anchor: skeleton.length - 1, length: 1, forms: 2, observed: 0, source: true,
        start: here.end, end: after.end, renders: [text.slice(here.end, after.end), ""],
      });
      skipUntil = last + 3;
    } else if (here.canon === "whether") {
      candidates.push({ family: "whether-or-not", anchor: skeleton.length - 1, length: 1, forms: 2, observed: 1, source: false, start: here.end, end: here.end, renders: [" or not", ""] });
    }

    // A comma and a closing quote, in either order (`growth," she said` / `growth", she said`).
    if (next && after && !next.spaced && !after.spaced) {
      const closing = (q: Token) => q.kind === "quote" && (tokens[last + 3] === undefined || tokens[last + 3].spaced);
      if (next.canon === "," && closing(after)) {
        const quote = text.slice(after.start, after.end);
        candidates.push({ family: "quote-comma", anchor: skeleton.length - 1, length: 1, forms: 2, observed: 0, source: true, start: next.start, end: after.end, renders: [`,${quote}`, `${quote},`] });
      } else if (next.kind === "quote" && after.canon === "," && (tokens[last + 3] === undefined || tokens[last + 3].spaced)) {
        const quote = text.slice(next.start, next.end);
        candidates.push({ family: "quote-comma", anchor: skeleton.length - 1, length: 1, forms: 2, observed: 1, source: true, start: next.start, end: after.end, renders: [`,${quote}`, `${quote},`] });
      }
    }
    const comma = next?.canon === "," ? next : next?.kind === "quote" && after?.canon === "," ? after : null;
    commas.push({ anchor: skeleton.length - 1, present: comma !== null, start: comma?.start ?? here.end, end: comma?.end ?? here.end, insertAt: here.end });
  }

  if (!withPoints) return { skeleton, points: [] };
  if (mode === "original") {
    markOptionalCommas(skeleton, tokens, commas, candidates);
  } else {
    // A leak is read for every comma that could be one of the original's choices.
    for (const c of commas) {
      candidates.push({ family: "comma", anchor: c.anchor, length: 1, forms: 2, observed: c.present ? 0 : 1, source: false, start: c.start, end: c.end, renders: [",", ""] });
    }
  }
  candidates.push(...spacesBeforePunctuation(text, tokens, skeleton, mode, candidates));
  if (mode === "original") {
    // Markup is never changed (a leak is read everywhere: only the original's sources count).
    const markup = markupRanges(text);
    for (const c of candidates) if (c.source && touchesMarkup(markup, c.start, c.end)) c.source = false;
  }
  return { skeleton, points: candidates.map((c) => ({ ...withoutAnchor(c), context: contextOf(skeleton, c.family, c.anchor, c.length) })) };
}

/**
 * A hair space (U+200A) or nothing between a word and the closing punctuation after it ("word," /
 * "word\u200A,"). Drawn as a sliver or nothing, never a line break (no break is allowed before
 * closing punctuation), it survives what strips the invisible layer: NFKD turns it into a plain
 * space, which ASCII-only filters, whitespace collapsing, lower-casing and HTML keep ("word ,").
 * Marked only where the original has no whitespace there, the punctuation ends the word (whitespace,
 * the end, a quote or another closing mark follows), no other choice touches either side, and not
 * in an ordered-list marker or after an abbreviation's dot (nor, like every choice, in markup: code, tags,
 * links; see `read`). A leak is read at every such punctuation mark.
 */
function spacesBeforePunctuation(text: string, tokens: Token[], skeleton: SkeletonWord[], mode: "original" | "leak", others: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  // Positions another choice decides. An optional comma may stay or go: the space before it is
  // marked only where it stays (`markVisible`).
  const taken = new Set<number>();
  // Never on an indented line, prose or code (where list version 2 put them; markup is left alone anyway).
  const indented = mode === "original" ? indentedLines(text) : [];
  if (mode === "original") {
    for (const c of others) {
      if (!c.source || (c.family === "comma" && c.observed === 0)) continue;
      for (let at = c.start; at < c.end; at++) taken.add(at);
      if (c.start === c.end || c.renders.some((form) => !/[\p{L}\p{N}]$/u.test(form))) taken.add(c.end);
    }
  }
  let anchor = -1;
  for (let i = 1; i < tokens.length; i++) {
    while (anchor + 1 < skeleton.length && skeleton[anchor + 1].lastToken < i) anchor++;
    const token = tokens[i];
    if (anchor < 0 || token.kind !== "punct" || !LOOSE_CLOSING.has(token.canon) || !isWordy(tokens[i - 1])) continue;
    if (token.canon === "." && !endsSentence(tokens, i)) continue;
    const point: Candidate = {
      family: SPACE_FAMILY, anchor, length: 1, forms: 2, observed: token.loose ? 1 : 0, source: false,
      start: token.start, end: token.start, renders: ["", HAIR_SPACE],
    };
    if (mode === "original") {
      const next = tokens[i + 1];
      const at = token.start;
      point.source =
        // The mark ends the word: whitespace, the end, a closing quote or another closing mark follows ("word.”", "word).").
        !token.loose && (next === undefined || next.spaced || next.kind === "quote" || LOOSE_CLOSING.has(next.canon)) &&
        !isListMarker(text, tokens[i - 1]) &&
        !taken.has(at) &&
        !indented.some(([from, to]) => at >= from && at < to);
    }
    out.push(point);
  }
  return out;
}

/** A number opening its line before "." or ")": a markdown ordered-list marker. */
function isListMarker(text: string, before: Token): boolean {
  if (before.kind !== "num") return false;
  const lineStart = text.lastIndexOf("\n", before.start - 1) + 1;
  return /^\s*$/.test(text.slice(lineStart, before.start));
}

/** The last two skeleton words of the current sentence: what every copy has before the next choice. */
function sentenceSoFar(skeleton: SkeletonWord[], sentence: number): string[] {
  const words: string[] = [];
  for (let k = skeleton.length - 1; k >= 0 && words.length < 2 && skeleton[k].sentence === sentence; k--) words.unshift(skeleton[k].word);
  return words;
}

function withoutAnchor(c: Candidate): Omit<ChoicePoint, "context"> {
  const { anchor: _anchor, length: _length, ...rest } = c;
  return rest;
}

/** Family, the anchor's place in its window, and up to two skeleton words either side in its sentence. */
function contextOf(skeleton: SkeletonWord[], family: string, anchor: number, length: number): number {
  const sentence = skeleton[anchor]?.sentence;
  let from = anchor;
  while (from > 0 && from > anchor - 2 && skeleton[from - 1].sentence === sentence) from--;
  let to = anchor + length - 1;
  while (to + 1 < skeleton.length && to < anchor + length + 1 && skeleton[to + 1].sentence === sentence) to++;
  let key = `${family}|${anchor - from}|`;
  for (let k = from; k <= to; k++) key += k === from ? skeleton[k].word : ` ${skeleton[k].word}`;
  return hash32(key);
}

const RELATIVE_OPENERS = new Set(["who", "whom", "whose", "which"]);
/** Words that open a parenthesis after a comma: relative pronouns, appositive articles, interjected adverbs. */
const PARENTHESIS_OPENERS = new Set(["who", "whom", "whose", "which", "where", "when", "a", "an", "however", "though", "meanwhile", "too", "also", "perhaps", "say", "including", "especially", "particularly", "like", "unlike", "not", "now", "then", "in", "at", "for", "as", "of", "according", "despite"]);

/**
 * Decides where a comma is a choice: after a listed sentence opener ("Meanwhile, …"), after a
 * short opening phrase ("In Lisbon, …", one-way), before "and/but" joining two clauses (one-way),
 * and the serial comma of a list of parallel items ("who pays, who decides, and …").
 * Every word gets a comma observation when reading a leak; only these are marked.
 */
function markOptionalCommas(
  skeleton: SkeletonWord[],
  tokens: Token[],
  commas: Array<{ anchor: number; present: boolean; start: number; end: number; insertAt: number }>,
  candidates: Candidate[],
) {
  const byAnchor = new Map(commas.map((c) => [c.anchor, c]));
  const marked = new Set<number>();
  const add = (anchor: number, symmetric: boolean) => {
    const comma = byAnchor.get(anchor);
    if (!comma || marked.has(anchor)) return;
    const nextWord = skeleton[anchor + 1];
    if (!nextWord || nextWord.sentence !== skeleton[anchor].sentence) return;
    // Something other than the comma between the two words (a dash, a bracket) is not ours to touch.
    let k = skeleton[anchor].lastToken + 1;
    for (; k < tokens.length && !isWordy(tokens[k]); k++) {
      if (tokens[k].canon !== ",") return;
    }
    // A comma before "that" or "which" decides how the clause reads (", which failed" is not "which failed").
    if (tokens[k]?.canon === "that" || tokens[k]?.canon === "which") return;
    // Nor after a verb a pronoun may contract with ("we will," never becomes "we'll,"): its reading depends on the comma.
    if (["will", "is", "am", "are", "have", "would"].includes(skeleton[anchor].word)) return;
    // Nor before a figure: whether "40" may be "forty" depends on the word before it ("twelve, 40 years").
    if (isNumberish(tokens[k])) return;
    // Nor before "on Monday": without the comma that "on" could go, and ", Monday," reads differently.
    if (tokens[k]?.canon === "on" && WEEKDAYS.has(tokens[k + 1]?.canon ?? "")) return;
    if (!comma.present && !symmetric) return;
    marked.add(anchor);
    candidates.push({
      family: "comma", anchor, length: 1, forms: 2, observed: comma.present ? 0 : 1, source: true,
      start: comma.present ? comma.start : comma.insertAt, end: comma.present ? comma.end : comma.insertAt, renders: [",", ""],
    });
  };
  const hasComma = (anchor: number) => byAnchor.get(anchor)?.present === true;
  // The comma before "and" may close a parenthesis the sentence opened with an earlier comma
  // ("The chief, who joined last year, and the board…"): then it stays.
  const closesParenthesis = (from: number, anchor: number) => {
    for (let k = skeleton[anchor].lastToken; k > skeleton[from].lastToken - 1 && k >= 0; k--) {
      if (tokens[k].canon !== ",") continue;
      const opener = tokens[k + 1];
      if (opener === undefined) return false;
      if (RELATIVE_OPENERS.has(opener.canon) || /^[a-z]{3,}(ing|ed)$/.test(opener.canon)) return true;
      // A comma among the first four words usually ends an opening phrase ("Meanwhile, a group…, and…").
      let words = 0;
      for (let a = from; a <= anchor && skeleton[a].lastToken < k; a++) words++;
      return words > 4 && PARENTHESIS_OPENERS.has(opener.canon);
    }
    return false;
  };
  const commaBefore = (from: number, anchor: number) => {
    for (let a = from; a < anchor; a++) if (hasComma(a)) return true;
    // Any other comma token before it in the sentence (after a number, a quote…) counts too.
    for (let k = skeleton[anchor].lastToken; k >= 0 && k > skeleton[from].lastToken - 1; k--) if (tokens[k].canon === ",") return true;
    return false;
  };

  for (let s = 0; s < skeleton.length; ) {
    let e = s;
    while (e < skeleton.length && skeleton[e].sentence === skeleton[s].sentence) e++;
    const words = skeleton.slice(s, e).map((w) => w.word);
    // Sentence openers from the list; adding a comma only before a clause-starting word.
    const phrase = (INTRO_BY_FIRST.get(words[0]) ?? []).find((p) => p.every((w, k) => words[k] === w));
    if (phrase && phrase.length < words.length) {
      add(s + phrase.length - 1, CLAUSE_STARTERS.has(words[phrase.length]));
    } else if (INTRO_PREPOSITIONS.has(words[0])) {
      for (let k = 1; k <= 6 && k < words.length - 1; k++) {
        if (hasComma(s + k)) {
          // A short opening phrase ("In Lisbon, a…") loses its comma; a longer one only before a clause.
          if (k <= 4 || CLAUSE_STARTERS.has(words[k + 1])) add(s + k, false);
          break;
        }
        // No comma yet: an opening time ("In August the heat…", "By 2030 the city…", "On Monday the
        // council…") ends the phrase for certain before an article or pronoun (not before "this", as
        // in "In August this year", nor a date's "the 5th").
        if (TIME_OPENERS.has(words[0]) && isTimeName(words, k) && CLAUSE_STARTERS.has(words[k + 1]) && !DEMONSTRATIVES.has(words[k + 1]) && !/^\d/.test(words[k + 2] ?? "") && k + 2 < words.length) {
          add(s + k, true);
          break;
        }
        // No comma yet: a short phrase of plain words ending before a subject pronoun as written
        // ("Within a month it failed") may gain one. Not after a verb form ("After seeing she…").
        if (k <= 4 && /(ing|ed)$/.test(words[k])) break;
        const subject = tokens[skeleton[s + k].lastToken + 1];
        if (k <= 4 && subject?.kind === "word" && NOMINATIVE_PRONOUNS.has(subject.canon) && skeleton[s + k + 1]?.word === subject.canon && k + 2 < words.length) {
          add(s + k, true);
          break;
        }
      }
    } else if (INTRO_SUBORDINATORS.has(words[0])) {
      // A short opening clause ("When the rain stopped, we left"): its comma may be dropped.
      for (let k = 1; k <= 6 && k < words.length - 1; k++) {
        if (hasComma(s + k)) {
          if (k >= 2 && CLAUSE_STARTERS.has(words[k + 1])) add(s + k, false);
          break;
        }
      }
    }
    for (let k = 1; k + 2 < words.length; k++) {
      const anchor = s + k;
      if ((words[k + 1] === "and" || words[k + 1] === "but") && CLAUSE_STARTERS.has(words[k + 2]) && hasComma(anchor) && !closesParenthesis(s, anchor)) {
        add(anchor, false);
      } else if ((words[k + 1] === "and" || words[k + 1] === "but") && k >= 2 && hasComma(anchor) && !commaBefore(s, anchor)) {
        // The first comma of its sentence cannot close a parenthesis or end a list item: ", and" may lose it.
        add(anchor, false);
      } else if ((words[k + 1] === "and" || words[k + 1] === "but") && k >= 2 && k + 3 < words.length && !NOT_CLAUSE_END.has(words[k])) {
        // "…, and they left" / "… and they left": a subject pronoun (as written, not a contraction's reading) starts a clause.
        const subject = tokens[skeleton[anchor + 1].lastToken + 1];
        if (subject?.kind === "word" && CLAUSE_SUBJECTS.has(subject.canon) && isWordy(tokens[skeleton[anchor + 1].lastToken + 2])) add(anchor, true);
      }
      if (words[k + 1] === "and" || words[k + 1] === "or") {
        // The last item of a list: back to the previous comma, 1–3 words. The list is real when
        // the item before it is parallel ("who pays, who decides and …") or a third item precedes.
        let b = k;
        while (b > 0 && k - b < 4 && !hasComma(s + b - 1)) b--;
        if (b === 0 || !hasComma(s + b - 1)) continue;
        const length = k - b + 1;
        const parallel = length >= 2 && b - length >= 0 && words[b - length] === words[b];
        if (!parallel && length > 3) continue;
        let listBefore = false;
        for (let j = 2; j <= 4 && b - j >= 1 && !listBefore; j++) listBefore = hasComma(s + b - j);
        if (parallel || listBefore) add(anchor, true);
      }
    }
    s = e;
  }
}

/**
 * `text` with the choices `code` makes at each of its choice points (in the first `limit`
 * characters: a bounded cost for huge texts). Only the listed ranges change, each to one of its
 * listed forms.
 *
 * @example markVisible("Meanwhile, about 45 percent agree.", "3fa9c01b7e42") // "Meanwhile around 45% agree."
 */
export function markVisible(text: string, code: string, limit = Infinity, version = VISIBLE_VERSION): string {
  const head = text.length > limit ? text.slice(0, text.lastIndexOf(" ", limit) + 1 || limit) : text;
  const key = codeKey(code.toLowerCase());
  const points = choicePoints(head, "original", version).filter((p) => p.source).sort((a, b) => a.start - b.start || a.end - b.end);
  const forms = points.map((point) => choiceFor(key, point.context, point.forms));
  // Where a comma is dropped, there is no space before it to mark.
  const dropped = new Set(points.filter((point, k) => point.end > point.start && point.renders[forms[k]] === "").map((point) => point.start));
  const parts: string[] = [];
  let last = 0;
  for (const [k, point] of points.entries()) {
    if (point.start < last) continue; // overlapping points: the first one wins
    const form = forms[k];
    if (form === point.observed || (point.family === SPACE_FAMILY && dropped.has(point.start))) continue;
    parts.push(head.slice(last, point.start), point.renders[form]);
    last = point.end;
  }
  parts.push(text.slice(last));
  return parts.join("");
}
