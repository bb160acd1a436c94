/**
 * Leak tracing over both watermark layers, as pure functions: which article a fragment comes
 * from (shingle fingerprints of its skeleton), and which of the candidate keys' copies it is,
 * with a false-attribution probability computed from the statistics.
 *
 * The statistic. For a candidate code, each choice point of the fragment either shows the form
 * the code picks there or not. For any other key the picks are independent and uniform, so the
 * number of matches is a sum of Bernoulli(1/forms) variables; `randomKeyMatchProbability` is the
 * exact tail P(score ≥ observed) of that distribution (score = matches weighted by log2(forms)).
 * The zero-width layer gives its own tail (`zeroWidthEvidence`); two layers combine by Fisher's
 * method for two p-values (t·(1 − ln t)). A key is named only when the probability that any of
 * the keys compared would match as well (`falseAttributionProbability`, K × p, K = keys compared)
 * is below `ATTRIBUTION_THRESHOLD`.
 *
 * Pure module, no Convex import.
 */
import { markedPart } from "./mark";
import { mendCopy, type ArticleText } from "./mend";
import { choicePoints, choiceFor, codeKey, hash32, skeletonOf } from "./visible";
import { familySince, SPACE_FAMILY, VISIBLE_VERSION } from "./variants";
import { extractWatermark, zeroWidthReader } from "./zeroWidth";
import { ATTRIBUTION_THRESHOLD } from "../shared/attribution";

/** Words per shingle of the article fingerprints. */
export const SHINGLE_WORDS = 5;
/** Share of a fragment's shingles an article must hold to be recognised as its source. */
export const RECOGNITION_SHARE = 0.3;
/** Shingles a fragment needs before it can be recognised at all (~10 words). */
export const MIN_SHINGLES = 6;
/** Shingles of a long paste an article must hold to count as one of several in it (a passage of about 16 words). */
export const PASSAGE_SHINGLES = 12;
/** Most articles recognised in one pasted text (a scraper's page), ties included. */
export const MAX_ARTICLES = 8;

// ---------------------------------------------------------------------------------------------
// Fingerprints

/** Hashes of every run of `SHINGLE_WORDS` skeleton words: the same for every key's copy. */
export function shingles(text: string): Set<number> {
  const words = skeletonOf(text);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(hash32(words.slice(i, i + SHINGLE_WORDS).join(" ")));
  return out;
}

/** Share of the fragment's shingles found in the article (0–1). */
export function similarity(fragment: Set<number>, article: Set<number>): number {
  if (fragment.size === 0) return 0;
  let shared = 0;
  for (const h of fragment) if (article.has(h)) shared++;
  return shared / fragment.size;
}

/** The text an article's fingerprint covers: title, summary and body. */
const fingerprintText = (article: ArticleText) => `${article.title}.\n${article.summary}\n${article.body}`;

/**
 * Characters of one long article fingerprinted for one paste (four times the paste's length when
 * that is more): a longer article is fingerprinted only in windows where the paste's words are
 * found most (`windowsAround`).
 * Fingerprinting costs about 1 µs per character, and Convex stops a query after 1 s.
 */
export const LONG_ARTICLE_WINDOW = 24_000;
/** Characters of articles fingerprinted per trace in all, the most relevant articles first (about 0.3 s). */
export const RECOGNITION_CHARS = 300_000;
/** How far a window reaches on either side of a place found (the paste's longest paragraph when shorter). */
const WINDOW_RADIUS = 1_500;

/** Runs of three neighbouring words of a paste looked for in a long article: this many at most, spread over the paste. */
const PASTE_RUNS = 128;
/** Characters between two neighbouring words of a run in an article at most (short words and punctuation). */
const RUN_GAP = 40;

/**
 * The paste's words (numbered) and runs of three neighbouring ones (as numbers: see `runOf`) that
 * recognition looks for in a long article.
 */
export type PasteWords = { pattern: RegExp; ids: Map<string, number>; runs: Set<number> };
const runOf = (a: number, b: number, c: number) => (a * 1024 + b) * 1024 + c;

/**
 * A paste's words of five letters or more, and runs of three neighbouring ones: what a copy keeps
 * of its original's wording. A catalogue repeats its words, and even pairs of them, but rarely a
 * run of three. One pass of the pattern over an article costs about 15 ms per MB.
 */
export function pasteWords(text: string): PasteWords | null {
  const sequence = text.replace(/\p{Cf}/gu, "").toLowerCase().match(/[a-z]{5,}/g) ?? [];
  if (sequence.length === 0) return null;
  const all = [...new Set(sequence.slice(2).map((word, i) => `${sequence[i]} ${sequence[i + 1]} ${word}`))];
  const step = Math.ceil(all.length / PASTE_RUNS);
  const sampled = all.filter((_, i) => i % step === 0).map((run) => run.split(" "));
  const ids = new Map<string, number>();
  for (const word of sampled.length > 0 ? sampled.flat() : sequence) if (!ids.has(word)) ids.set(word, ids.size);
  const runs = new Set(sampled.map(([a, b, c]) => runOf(ids.get(a)!, ids.get(b)!, ids.get(c)!)));
  return { pattern: new RegExp(`(?<![a-z])(?:${[...ids.keys()].join("|")})(?![a-z])`, "gi"), ids, runs };
}

/** Whether `text[from, to)` holds a word of five letters or more (which would part two neighbours). */
function longWordBetween(text: string, from: number, to: number): boolean {
  let letters = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20;
    letters = c >= 0x61 && c <= 0x7a ? letters + 1 : 0;
    if (letters >= 5) return true;
  }
  return false;
}

/** Places of a long article are scored in stretches of this many characters. */
export const STRETCH = 256;

/**
 * The part of a long article a paste can come from: windows around the stretches of the article
 * where the paste's words and runs of three neighbouring words are found most, each weighted by
 * how rare it is in the article (a run found once says where the passage is; a word found
 * everywhere says little), merged, until `budget` characters. A single linear scan finds the
 * places; only the windows are fingerprinted.
 */
export function windowsAround(article: string, paste: PasteWords, radius: number, budget: number): Array<[number, number]> {
  // Every find: what (a word's number, or a run's, offset past every word's) and where.
  const found: number[] = [];
  const counts = new Map<number, number>();
  const find = (key: number, at: number) => {
    found.push(key, at);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const RUN = paste.ids.size;
  // The two words before this one while they are its neighbours (no other long word between).
  let w1 = -1;
  let at1 = 0;
  let w2 = -1;
  let at2 = 0;
  let end2 = 0;
  for (const match of article.matchAll(paste.pattern)) {
    const word = paste.ids.get(match[0]) ?? paste.ids.get(match[0].toLowerCase())!;
    const at = match.index;
    find(word, at);
    if (w2 >= 0 && (at - end2 > RUN_GAP || longWordBetween(article, end2, at))) w1 = w2 = -1;
    if (w1 >= 0 && paste.runs.has(runOf(w1, w2, word))) find(RUN + runOf(w1, w2, word), at1);
    w1 = w2;
    at1 = at2;
    w2 = word;
    at2 = at;
    end2 = at + match[0].length;
  }
  const scores = new Map<number, number>();
  for (let i = 0; i < found.length; i += 2) {
    const stretch = Math.floor(found[i + 1] / STRETCH);
    scores.set(stretch, (scores.get(stretch) ?? 0) + 1 / counts.get(found[i])!);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  // Disjoint and in order: a new window takes in those it overlaps or touches, and only what none
  // of them held counts against the budget.
  let windows: Array<[number, number]> = [];
  let covered = 0;
  for (const [stretch] of ranked) {
    const room = budget - covered;
    if (room <= 0) break;
    // The last window shrinks to what the budget has left.
    const reach = Math.min(radius, Math.floor(room / 2));
    const place = stretch * STRETCH + STRETCH / 2;
    let start = Math.max(0, place - reach);
    let end = Math.min(article.length, place + reach);
    const kept: Array<[number, number]> = [];
    let fresh = end - start;
    for (const [s, e] of windows) {
      if (e < start || s > end) {
        kept.push([s, e]);
        continue;
      }
      fresh -= Math.max(0, Math.min(e, end) - Math.max(s, start));
      start = Math.min(start, s);
      end = Math.max(end, e);
    }
    if (fresh <= 0) continue;
    windows = [...kept, [start, end] as [number, number]].sort((a, b) => a[0] - b[0]);
    covered += fresh;
  }
  return windows;
}

/**
 * Fingerprints of `articles` (in order of relevance) as far as one paste needs them: whole for
 * articles up to LONG_ARTICLE_WINDOW characters, around the paste's words for longer ones, and
 * none once RECOGNITION_CHARS have been fingerprinted.
 */
function fingerprintsFor(text: string, articles: ArticleText[]): { prints: Array<Set<number>>; charactersFingerprinted: number } {
  const allowance = Math.max(LONG_ARTICLE_WINDOW, 4 * text.length);
  // A window reaches a passage's length past the place found on either side: wherever in the
  // passage the place was. A paste's passages are its paragraphs (a scraper's page holds several).
  const radius = Math.min(WINDOW_RADIUS, STRETCH + 1.5 * Math.max(...text.split(/\n\s*\n/).map((p) => p.length)));
  let words: PasteWords | null | undefined;
  let spent = 0;
  const prints = articles.map((article) => {
    const whole = fingerprintText(article);
    const budget = Math.min(allowance, RECOGNITION_CHARS - spent);
    if (budget <= 0) return new Set<number>();
    if (whole.length <= budget) {
      spent += whole.length;
      return shingles(whole);
    }
    if (words === undefined) words = pasteWords(text);
    const print = new Set<number>();
    if (words === null) return print;
    for (const [start, end] of windowsAround(whole, words, radius, budget)) {
      spent += end - start;
      for (const h of shingles(whole.slice(start, end))) print.add(h);
    }
    return print;
  });
  return { prints, charactersFingerprinted: spent };
}

export type Recognition = { index: number; similarity: number };

/**
 * The articles a pasted text holds passages of, in the order they were picked: the article holding
 * most of the text's shingles, if that is at least RECOGNITION_SHARE of them (or PASSAGE_SHINGLES,
 * for a long paste), then, greedily, every article holding at least PASSAGE_SHINGLES of the
 * shingles no pick explains yet: a scraper's page republishes passages of several articles, and
 * their marks pool. Articles within 10% of a pick hold the same passage (catalogues repeat
 * sentences) and are kept with it. `best` is the article holding most, recognised or not.
 * `articles` come most relevant first (a search's order): the fingerprinting budget is theirs first
 * (`fingerprintsFor`), and `charactersFingerprinted` says how much of it was spent.
 *
 * @example articlesInText(leak, [a, b, c]) // { recognised: [{ index: 2, similarity: 0.48 }, { index: 0, similarity: 0.41 }], best: { index: 2, … } }
 */
export function articlesInText(
  text: string,
  articles: ArticleText[],
): { recognised: Recognition[]; best: Recognition | null; charactersFingerprinted: number } {
  const fragment = shingles(text);
  const { prints, charactersFingerprinted } = fingerprintsFor(text, articles);
  const shares = prints.map((print) => similarity(fragment, print));
  let best: Recognition | null = null;
  for (const [index, share] of shares.entries()) if (best === null || share > best.similarity) best = { index, similarity: share };
  const recognised: Recognition[] = [];
  if (fragment.size < MIN_SHINGLES) return { recognised, best, charactersFingerprinted };
  const remaining = new Set(fragment);
  const taken = new Set<number>();
  while (recognised.length < MAX_ARTICLES) {
    const gains = prints.map((print, index) => {
      if (taken.has(index)) return 0;
      let gain = 0;
      for (const h of remaining) if (print.has(h)) gain++;
      return gain;
    });
    const top = gains.reduce((at, gain, index) => (gain > gains[at] ? index : at), 0);
    const needed = recognised.length === 0 ? Math.min(PASSAGE_SHINGLES, Math.ceil(RECOGNITION_SHARE * fragment.size)) : PASSAGE_SHINGLES;
    if (gains.length === 0 || gains[top] < Math.max(MIN_SHINGLES, needed)) break;
    for (const index of [top, ...gains.keys()]) {
      if (taken.has(index) || gains[index] < 0.9 * gains[top] || recognised.length >= MAX_ARTICLES) continue;
      taken.add(index);
      recognised.push({ index, similarity: shares[index] });
    }
    for (const h of prints[top]) remaining.delete(h);
  }
  return { recognised, best, charactersFingerprinted };
}

// ---------------------------------------------------------------------------------------------
// Visible layer evidence

// Contexts per article object: tracing many fragments of one article reads it once.
const indexCache = new WeakMap<ArticleText, Map<number, number>>();

/** The contexts of an article's choice points (title, summary and body, as far as they are marked), with their number of forms. */
export function choiceIndex(articles: ArticleText[]): Map<number, number> {
  if (articles.length === 1 && indexCache.has(articles[0])) return indexCache.get(articles[0])!;
  const index = new Map<number, number>();
  for (const article of articles) {
    // Only the part of a field a copy was marked in (`markText`): beyond it every copy shows the
    // original, and reading it would only cost time.
    for (const field of [article.title, article.summary, article.body]) {
      for (const point of choicePoints(markedPart(field))) if (point.source) index.set(point.context, point.forms);
    }
  }
  if (articles.length === 1) indexCache.set(articles[0], index);
  return index;
}

/** A choice the fragment shows, and the family it belongs to (which list version added it: `familySince`). */
export type Observation = { context: number; family: string; forms: number; observed: number };

/**
 * Spaces before punctuation read from one fragment that all show the same form, from this many on,
 * were made uniform by a tool (a key's copy shows both forms about equally: all alike by chance
 * happens once in 2^(n−1)), and are not read.
 */
export const UNIFORM_SPACES = 8;

/**
 * The choices a leaked fragment shows at the original's choice points. A context seen twice with
 * different forms is dropped (the copy was edited there, or mixes two copies). So are the spaces
 * before punctuation when a tool evidently removed (or added) all of them. Both decisions read the
 * fragment only, never a candidate's code, so every key is still scored against the same
 * observations and the statistic stays exact.
 */
export function readChoices(text: string, index: Map<number, number>): Observation[] {
  const seen = new Map<number, Observation | null>();
  for (const point of choicePoints(text, "leak")) {
    const forms = index.get(point.context);
    if (forms === undefined || forms !== point.forms) continue;
    const before = seen.get(point.context);
    if (before === undefined) seen.set(point.context, { context: point.context, family: point.family, forms, observed: point.observed });
    else if (before !== null && before.observed !== point.observed) seen.set(point.context, null);
  }
  const observations = [...seen.values()].filter((o): o is Observation => o !== null);
  const spaces = observations.filter((o) => o.family === SPACE_FAMILY);
  const uniform = spaces.length >= UNIFORM_SPACES && spaces.every((o) => o.observed === spaces[0].observed);
  return uniform ? observations.filter((o) => o.family !== SPACE_FAMILY) : observations;
}

const WEIGHT_SCALE = 8;
const weightOf = (forms: number) => Math.round(WEIGHT_SCALE * Math.log2(forms));

/**
 * P(S ≥ observed) where S = Σ weight(forms_i)·X_i and X_i ~ Bernoulli(1/forms_i) independent:
 * the chance that a random other key matches at least as well. Exact, by dynamic programming.
 *
 * @example matchTail([{ forms: 2, matched: true }, { forms: 2, matched: true }]) // 0.25
 */
export function matchTail(points: Array<{ forms: number; matched: boolean }>): number {
  const total = points.reduce((sum, p) => sum + weightOf(p.forms), 0);
  const observed = points.reduce((sum, p) => sum + (p.matched ? weightOf(p.forms) : 0), 0);
  if (observed === 0) return 1;
  let distribution = new Float64Array(total + 1);
  distribution[0] = 1;
  let reach = 0;
  for (const p of points) {
    const w = weightOf(p.forms);
    const hit = 1 / p.forms;
    const next = new Float64Array(total + 1);
    for (let s = 0; s <= reach; s++) {
      const mass = distribution[s];
      if (mass === 0) continue;
      next[s] += mass * (1 - hit);
      next[s + w] += mass * hit;
    }
    reach += w;
    distribution = next;
  }
  let tail = 0;
  for (let s = observed; s <= total; s++) tail += distribution[s];
  return Math.min(1, tail);
}

export type VisibleEvidence = { points: number; matched: number; bits: number; randomMatchProbability: number };

/** The evidence of `observations` for `code`'s copy, as marked with list `version` (its families only). */
export function visibleEvidence(all: Observation[], code: string, version = VISIBLE_VERSION): VisibleEvidence {
  const key = codeKey(code.toLowerCase());
  const observations = all.filter((o) => familySince(o.family) <= version);
  const scored = observations.map((o) => ({ forms: o.forms, matched: choiceFor(key, o.context, o.forms) === o.observed }));
  return {
    points: scored.length,
    matched: scored.filter((s) => s.matched).length,
    bits: observations.reduce((sum, o) => sum + Math.log2(o.forms), 0),
    randomMatchProbability: matchTail(scored),
  };
}

/** Fisher's method for two independent p-values: P(U₁·U₂ ≤ a·b). */
export function combineProbabilities(a: number, b: number): number {
  const t = a * b;
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return Math.min(1, t * (1 - Math.log(t)));
}

// ---------------------------------------------------------------------------------------------
// Tracing

export type Layer = "zero-width" | "visible" | "both";
export type CandidateScore = {
  code: string;
  layer: Layer | null;
  visible: VisibleEvidence;
  zeroWidth: { symbols: number; matched: number; randomMatchProbability: number };
  /** P(a random other key matches the fragment at least as well as this one). */
  randomKeyMatchProbability: number;
  /** P(any of the keys compared matches at least as well): K × the above, at most 1. */
  falseAttributionProbability: number;
};
export type TraceOutcome =
  | { attributed: true; best: CandidateScore; ranked: CandidateScore[] }
  | { attributed: false; failure: "too_short" | "no_marks"; ranked: CandidateScore[]; bitsAvailable: number; bitsNeeded: number };

/** Every version of the choice list: what a key's copies may have been marked with when its fetches do not say. */
export const ALL_VERSIONS: readonly number[] = Array.from({ length: VISIBLE_VERSION }, (_, k) => k + 1);

/**
 * Scores every candidate code against a fragment of one of `articles` (the originals it was
 * recognised as) and names the best one if the statistics allow. `versionsOf` says which versions
 * of the choice list a key's copies were marked with (its fetches record them; default: the current
 * one). A key fetched under several is scored under each, and its best probability is multiplied by
 * their number: a random key given as many tries would do as well that much more often.
 *
 * @example traceFragment(leak, [original], codes) // { attributed: true, best: { code, layer: "visible", … } }
 */
export function traceFragment(text: string, articles: ArticleText[], codes: string[], versionsOf?: (code: string) => readonly number[]): TraceOutcome {
  const unique = [...new Set(codes.map((c) => c.toLowerCase()))];
  const observations = articles.length > 0 ? readChoices(mendCopy(text, articles), choiceIndex(articles)) : [];
  const keysCompared = Math.max(1, unique.length);
  const zeroWidthOf = zeroWidthReader(text);
  const ranked = unique
    .map((code): CandidateScore => {
      const zeroWidth = zeroWidthOf(code);
      const z = zeroWidth.randomMatchProbability;
      const named = [...new Set(versionsOf?.(code) ?? [])];
      const versions = named.length > 0 ? named : [VISIBLE_VERSION];
      let best: { visible: VisibleEvidence; p: number } | null = null;
      for (const version of versions) {
        const visible = visibleEvidence(observations, code, version);
        const v = visible.randomMatchProbability;
        const p = v < 1 && z < 1 ? combineProbabilities(v, z) : Math.min(v, z);
        if (best === null || p < best.p) best = { visible, p };
      }
      const { visible } = best!;
      const v = visible.randomMatchProbability;
      const p = Math.min(1, best!.p * versions.length);
      const layer: Layer | null = v < 1e-3 && z < 1e-3 ? "both" : v <= z && v < 1 ? "visible" : z < 1 ? "zero-width" : null;
      return { code, layer, visible, zeroWidth, randomKeyMatchProbability: p, falseAttributionProbability: Math.min(1, p * keysCompared) };
    })
    .sort((a, b) => a.randomKeyMatchProbability - b.randomKeyMatchProbability);
  const best = ranked[0];
  if (best && best.falseAttributionProbability < ATTRIBUTION_THRESHOLD) return { attributed: true, best, ranked };
  // Too short: even a perfect match on every choice point and invisible character seen could not
  // reach the threshold. Otherwise the marks were there to read and no candidate's were found.
  const bitsAvailable = observations.reduce((sum, o) => sum + Math.log2(o.forms), 0) + Math.log2(3) * (best?.zeroWidth.symbols ?? 0);
  const bitsNeeded = Math.log2(keysCompared / ATTRIBUTION_THRESHOLD);
  return { attributed: false, failure: bitsAvailable < bitsNeeded + 2 ? "too_short" : "no_marks", ranked, bitsAvailable, bitsNeeded };
}

/**
 * How many characters of `article` a fragment needs, on average, for the visible layer alone to
 * name one of `keysCompared` keys (the invisible layer, when it survives, needs far fewer):
 * the bits needed over the article's density of choices. Text with few choice points needs more.
 *
 * @example charactersNeeded(article, 20) // ≈ 1000 for news prose, 4000+ for terse technical text
 */
export function charactersNeeded(article: ArticleText, keysCompared: number): number {
  const length = article.title.length + article.summary.length + article.body.length;
  let bits = 0;
  for (const forms of choiceIndex([article]).values()) bits += Math.log2(forms);
  if (bits === 0) return Infinity;
  return Math.ceil((Math.log2(Math.max(1, keysCompared) / ATTRIBUTION_THRESHOLD) / bits) * length);
}

/** The code the invisible layer carries on its own (a whole payload read), if any. */
export function decodedCode(text: string): string | null {
  return extractWatermark(text)?.code ?? null;
}
