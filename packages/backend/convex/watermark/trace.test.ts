// Leak tracing over both layers: the false-attribution statistic, naming the right key through
// every transform, never naming a wrong one, and the failures (too short, no marks).
import { describe, expect, test } from "vitest";
import { MORE_PROSE, PROSE } from "../../bench/prose";
import { TRANSFORMS } from "../../bench/leakTransforms";
import { generateCatalogue } from "../demo/catalogue";
import { seededRandom } from "../lib/random";
import { markArticle, markText, MAX_MARKED_CHARS } from "./mark";
import { choicePoints, markVisible, skeletonOf } from "./visible";
import { embedWatermark } from "./zeroWidth";
import { ATTRIBUTION_THRESHOLD } from "../shared/attribution";
import { SPACE_FAMILY, VISIBLE_VERSION } from "./variants";
import {
  ALL_VERSIONS,
  articlesInText,
  charactersNeeded,
  choiceIndex,
  combineProbabilities,
  matchTail,
  readChoices,
  LONG_ARTICLE_WINDOW,
  pasteWords,
  RECOGNITION_CHARS,
  shingles,
  similarity,
  STRETCH,
  traceFragment,
  UNIFORM_SPACES,
  visibleEvidence,
  windowsAround,
} from "./trace";
import type { ArticleText } from "./mend";

const random = seededRandom(99);
const codes = Array.from({ length: 20 }, () => Math.floor(random() * 2 ** 48).toString(16).padStart(12, "0"));
const prose: ArticleText = { title: "Three ways of looking at a city", summary: "Bike lanes, kitchens and budgets.", body: [PROSE.NEWS, PROSE.ESSAY, PROSE.REPORT].join("\n\n") };
const transform = new Map(TRANSFORMS);

/** Prose of about `length` characters made of hand-written sentences in a seeded order: long, and unlike any other seed's. */
function longArticle(length: number, seed: number): string {
  const r = seededRandom(seed);
  const sentences = Object.values(MORE_PROSE).join(" ").split(/(?<=[.!?])\s+/);
  const out: string[] = [];
  let size = 0;
  while (size < length) {
    const paragraph = Array.from({ length: 5 }, () => sentences[Math.floor(r() * sentences.length)]).join(" ");
    out.push(paragraph);
    size += paragraph.length + 2;
  }
  return out.join("\n\n");
}

function piece(text: string, length: number, r: () => number) {
  const start = Math.floor(r() * Math.max(1, text.length - length));
  return text.slice(start, start + length);
}

describe("the statistic", () => {
  test("matchTail is the exact tail of the weighted matches of a random key (checked by enumeration)", () => {
    const r = seededRandom(5);
    for (let trial = 0; trial < 40; trial++) {
      const points = Array.from({ length: 1 + Math.floor(r() * 7) }, () => ({ forms: [2, 3, 4][Math.floor(r() * 3)], matched: r() < 0.6 }));
      const weight = (forms: number) => Math.round(8 * Math.log2(forms));
      const observed = points.reduce((s, p) => s + (p.matched ? weight(p.forms) : 0), 0);
      // Enumerate every outcome of a random key: point i matches with probability 1/forms.
      let tail = 0;
      for (let mask = 0; mask < 1 << points.length; mask++) {
        let probability = 1;
        let score = 0;
        points.forEach((p, i) => {
          const hit = (mask >> i) & 1;
          probability *= hit ? 1 / p.forms : 1 - 1 / p.forms;
          score += hit ? weight(p.forms) : 0;
        });
        if (score >= observed) tail += probability;
      }
      expect(matchTail(points)).toBeCloseTo(observed === 0 ? 1 : tail, 12);
    }
    expect(matchTail(Array.from({ length: 20 }, () => ({ forms: 2, matched: true })))).toBeCloseTo(2 ** -20, 15);
  });

  test("two layers combine by Fisher's method, never below the product", () => {
    expect(combineProbabilities(1e-3, 1e-4)).toBeGreaterThan(1e-7);
    expect(combineProbabilities(1e-3, 1e-4)).toBeCloseTo(1e-7 * (1 - Math.log(1e-7)), 15);
    expect(combineProbabilities(1, 0.5)).toBe(0.5 * (1 - Math.log(0.5)));
  });

  test("Fisher's method at its edges: a zero is zero, two ones are one", () => {
    expect(combineProbabilities(0, 0.5)).toBe(0);
    expect(combineProbabilities(1, 1)).toBe(1);
    expect(combineProbabilities(0.5, 0.5)).toBeCloseTo(0.25 * (1 - Math.log(0.25)), 15);
  });

  test("the false-attribution probability is the union bound over the keys compared, each distinct code counted once", () => {
    const leak = piece(transform.get("all combined")!(markText(prose.body, codes[2])), 1200, seededRandom(3));
    const alone = traceFragment(leak, [prose], [codes[2]]).ranked[0];
    const p = alone.randomKeyMatchProbability;
    expect(p).toBeLessThan(1);
    expect(alone.falseAttributionProbability).toBe(p);
    for (const k of [5, 20]) {
      // The same code in upper case is the same key: it is compared once.
      const best = traceFragment(leak, [prose], [...codes.slice(0, k), codes[2].toUpperCase()]).ranked.find((c) => c.code === codes[2])!;
      expect(best.randomKeyMatchProbability).toBe(p);
      expect(best.falseAttributionProbability).toBe(Math.min(1, p * k));
    }
  });

  test("one in a million over the keys compared: a match named among 1 key is not named among 20", () => {
    // The shortest stripped fragment whose match is below 1e-6 for one key but not for twenty.
    const stripped = transform.get("all combined")!(markText(prose.body, codes[3]));
    let found = false;
    for (let length = 400; length <= 2400 && !found; length += 20) {
      const leak = stripped.slice(0, length);
      const p = traceFragment(leak, [prose], [codes[3]]).ranked[0].randomKeyMatchProbability;
      if (p >= ATTRIBUTION_THRESHOLD || p * 20 < ATTRIBUTION_THRESHOLD) continue;
      found = true;
      expect(traceFragment(leak, [prose], [codes[3]])).toMatchObject({ attributed: true, best: { code: codes[3] } });
      expect(traceFragment(leak, [prose], codes)).toMatchObject({ attributed: false, failure: "too_short" });
    }
    expect(found).toBe(true);
  });

  test("the layers' evidence combines exactly: both by Fisher's method, the invisible layer alone, the visible layer alone", () => {
    const served = markText(prose.body, codes[4]);
    const scoreOf = (text: string) => traceFragment(text, [prose], codes).ranked.find((c) => c.code === codes[4])!;
    const both = scoreOf(served.slice(0, 1500));
    expect(both.layer).toBe("both");
    expect(both.randomKeyMatchProbability).toBe(combineProbabilities(both.visible.randomMatchProbability, both.zeroWidth.randomMatchProbability));
    const visible = scoreOf(transform.get("ASCII-only (NFKD)")!(served).slice(0, 1500));
    expect(visible.zeroWidth.randomMatchProbability).toBe(1);
    expect(visible).toMatchObject({ layer: "visible", randomKeyMatchProbability: visible.visible.randomMatchProbability });
    // The key's invisible characters on the original words: its visible choices match only by chance.
    const invisible = scoreOf(embedWatermark(prose.body, codes[4]).slice(0, 1500));
    expect(invisible.visible.randomMatchProbability).toBeGreaterThan(1e-3);
    expect(invisible.layer).toBe("zero-width");
    expect(invisible.randomKeyMatchProbability).toBe(
      invisible.visible.randomMatchProbability < 1 ? combineProbabilities(invisible.visible.randomMatchProbability, invisible.zeroWidth.randomMatchProbability) : invisible.zeroWidth.randomMatchProbability,
    );
  });

  test("the visible evidence counts matches and bits exactly, whatever the code's case", () => {
    const observations = readChoices(transform.get("ASCII-only (NFKD)")!(markText(prose.body, codes[1])), choiceIndex([prose]));
    const bits = observations.reduce((sum, o) => sum + Math.log2(o.forms), 0);
    expect(visibleEvidence(observations, codes[1])).toEqual({ points: observations.length, matched: observations.length, bits, randomMatchProbability: matchTail(observations.map((o) => ({ forms: o.forms, matched: true }))) });
    expect(visibleEvidence(observations, codes[1].toUpperCase())).toEqual(visibleEvidence(observations, codes[1]));
    const other = visibleEvidence(observations, codes[2]);
    expect(other.matched).toBeLessThan(other.points);
    expect(other.bits).toBe(bits);
  });

  test("a context read twice counts once, and twice with different forms not at all (an edited or mixed copy)", () => {
    const index = choiceIndex([prose]);
    const a = markText(prose.body, codes[1]);
    const b = markText(prose.body, codes[2]);
    const once = readChoices(a, index);
    expect(readChoices(`${a}\n\n${a}`, index)).toEqual(once);
    const inA = new Map(once.map((o) => [o.context, o.observed]));
    const inB = new Map(readChoices(b, index).map((o) => [o.context, o.observed]));
    // A context one copy lacks (the space before a comma the other copy dropped) is read from the other.
    const agreed = [...new Set([...inA.keys(), ...inB.keys()])].filter((c) => !inA.has(c) || !inB.has(c) || inA.get(c) === inB.get(c));
    expect(agreed.length).toBeLessThan(new Set([...inA.keys(), ...inB.keys()]).size);
    expect(readChoices(`${a}\n\n${b}`, index).map((o) => o.context).sort()).toEqual(agreed.sort());
  });

  test("a short copy served to a key outside the candidates holds marks enough to read: 'no marks', not 'too short'", () => {
    const served = markText(prose.body, "abcdefabcdef");
    expect(traceFragment(served.slice(0, 400), [prose], codes)).toMatchObject({ attributed: false, failure: "no_marks" });
  });

  test("characters needed: the bits needed over the article's density, its title and summary counted", () => {
    const article: ArticleText = { title: "A short title", summary: "A summary, of sorts, about the city.", body: PROSE.NEWS };
    let bits = 0;
    for (const forms of choiceIndex([article]).values()) bits += Math.log2(forms);
    const length = article.title.length + article.summary.length + article.body.length;
    expect(charactersNeeded(article, 24)).toBe(Math.ceil((Math.log2(24 / ATTRIBUTION_THRESHOLD) / bits) * length));
    expect(charactersNeeded({ title: "", summary: "", body: "Code" }, 24)).toBe(Infinity);
  });

  test("a random key's false-attribution probability is calibrated: over many innocent keys, p < x happens about x of the time", () => {
    const r = seededRandom(8);
    const served = markText(prose.body, codes[0]);
    const stripped = transform.get("ASCII-only (NFKD)")!(served);
    const innocents = Array.from({ length: 400 }, () => Math.floor(r() * 2 ** 48).toString(16).padStart(12, "0"));
    const outcome = traceFragment(piece(stripped, 1500, r), [prose], innocents);
    const below = (x: number) => outcome.ranked.filter((c) => c.randomKeyMatchProbability <= x).length / innocents.length;
    expect(below(0.1)).toBeLessThan(0.2);
    expect(below(0.01)).toBeLessThan(0.04);
    expect(outcome.attributed).toBe(false);
  });
});

describe("copies stripped of every invisible character (attack)", () => {
  /** Right and wrong names over 800-character fragments of `transform`ed copies marked with list `version`. */
  function traceStripped(name: string, version: number) {
    const r = seededRandom(31);
    const apply = transform.get(name)!;
    const copies = codes.map((code) => apply(embedWatermark(markVisible(prose.body, code, Infinity, version), code)));
    let right = 0;
    let wrong = 0;
    for (let trial = 0; trial < 60; trial++) {
      const k = trial % codes.length;
      const outcome = traceFragment(piece(copies[k], 800, r), [prose], codes, () => [version]);
      if (outcome.attributed && outcome.best.code === codes[k]) right++;
      else if (outcome.attributed) wrong++;
    }
    return { right: right / 60, wrong };
  }

  test.each(["ASCII-only (NFKD)", "all combined"])("%s: 800 characters of prose name the key among 20, and never another", (name) => {
    const now = traceStripped(name, VISIBLE_VERSION);
    expect(now.wrong).toBe(0);
    expect(now.right).toBeGreaterThanOrEqual(0.95);
    // Without the hair spaces (version 1 of the list) the same fragments mostly could not be named.
    const before = traceStripped(name, 1);
    expect(before.wrong).toBe(0);
    expect(before.right).toBeLessThan(0.6);
  });
});

test("a stripped copy whose spaces before punctuation were then tidied away is read without them, not held against its key (attack)", () => {
  const served = markText(prose.body, codes[9]);
  const ascii = transform.get("ASCII-only (NFKD)")!(served);
  const tidied = ascii.replace(/\s+([,.;:!?)])/g, "$1");
  expect(tidied).not.toBe(ascii);
  const index = choiceIndex([prose]);
  // Untouched, a copy shows both forms; tidied, every one would read "no space".
  const kept = readChoices(ascii, index).filter((o) => o.family === SPACE_FAMILY);
  expect(new Set(kept.map((o) => o.observed)).size).toBe(2);
  const read = readChoices(tidied, index);
  expect(read.some((o) => o.family === SPACE_FAMILY)).toBe(false);
  const evidence = visibleEvidence(read, codes[9]);
  expect(evidence.matched).toBe(evidence.points);
  expect(traceFragment(tidied.slice(0, 2000), [prose], codes)).toMatchObject({ attributed: true, best: { code: codes[9] } });
  // Fewer than UNIFORM_SPACES alike are read as they are (a short fragment may show one form by chance).
  const counts = new Set<number>();
  for (let length = 40; length <= 1200; length += 10) counts.add(readChoices(tidied.slice(0, length), index).filter((o) => o.family === SPACE_FAMILY).length);
  expect([...counts].some((n) => n > 0 && n < UNIFORM_SPACES)).toBe(true);
  expect([...counts].every((n) => n < UNIFORM_SPACES)).toBe(true);
});

test("an article's choices are read only in the part of each field a copy was marked in", () => {
  const body = generateCatalogue({ count: 60 }).map((a) => a.body).join("\n\n");
  expect(body.length).toBeGreaterThan(2 * MAX_MARKED_CHARS);
  const marked = new Set(choicePoints(body.slice(0, MAX_MARKED_CHARS)).filter((p) => p.source).map((p) => p.context));
  const beyond = choicePoints(body).filter((p) => p.source && p.start >= MAX_MARKED_CHARS && !marked.has(p.context));
  expect(beyond.length).toBeGreaterThan(10);
  const index = choiceIndex([{ title: "", summary: "", body }]);
  expect(new Set(index.keys())).toEqual(marked);
});

describe("versions of the choice list", () => {
  const article: ArticleText = { title: "", summary: "", body: PROSE.ESSAY + "\n\n" + PROSE.NEWS };
  const leakOf = (code: string, version: number) => transform.get("all combined")!(embedWatermark(markVisible(article.body, code, Infinity, version), code)).slice(0, 1500);

  test("each copy is read with the list it was marked with: a family its copy did not have is not scored, one it had is", () => {
    const score = (o: ReturnType<typeof traceFragment>, code: string) => o.ranked.find((c) => c.code === code)!;
    // A copy served before the hair space existed: every choice it has matches under list 1.
    const old = leakOf(codes[4], 1);
    const asServed = traceFragment(old, [article], codes, () => [1]);
    expect(asServed).toMatchObject({ attributed: true, best: { code: codes[4] } });
    expect(score(asServed, codes[4]).visible.matched).toBe(score(asServed, codes[4]).visible.points);
    // A copy of list 2 read as if it were list 1 loses the evidence of its hair spaces.
    const current = leakOf(codes[4], 2);
    const right = score(traceFragment(current, [article], codes, () => [2]), codes[4]);
    const wrong = score(traceFragment(current, [article], codes, () => [1]), codes[4]);
    expect(right.visible.points).toBeGreaterThan(wrong.visible.points + 10);
    expect(right.visible.matched).toBe(right.visible.points);
    expect(right.randomKeyMatchProbability).toBeLessThan(wrong.randomKeyMatchProbability / 1000);
  });

  test("a key whose copies were marked with two versions is scored under each, and pays for the second try", () => {
    for (const version of [1, 2]) {
      const leak = leakOf(codes[6], version);
      const one = traceFragment(leak, [article], codes, () => [version]).ranked.find((c) => c.code === codes[6])!;
      const both = traceFragment(leak, [article], codes, () => [1, 2]).ranked.find((c) => c.code === codes[6])!;
      expect(both.randomKeyMatchProbability).toBeCloseTo(Math.min(1, 2 * one.randomKeyMatchProbability), 12);
      expect(both.visible).toEqual(one.visible);
    }
    // By default, and when its fetches name no version, a key is read with the current list.
    const leak = leakOf(codes[6], VISIBLE_VERSION);
    expect(traceFragment(leak, [article], codes)).toEqual(traceFragment(leak, [article], codes, () => [VISIBLE_VERSION]));
    expect(traceFragment(leak, [article], codes, () => [])).toEqual(traceFragment(leak, [article], codes, () => [VISIBLE_VERSION]));
    expect(ALL_VERSIONS).toEqual(Array.from({ length: VISIBLE_VERSION }, (_, k) => k + 1));
  });
});

const RELEASE_NOTES = [
  "Release notes for version twelve",
  "- Faster sync for large shared folders on slow networks",
  "- New export button in the document toolbar",
  "- Fixed a crash when opening empty files from the recent list",
  "- Search now finds words inside attached spreadsheets",
  "- Offline edits merge with changes made on other devices",
  "- Dark theme follows the system setting by default",
  "- Keyboard shortcuts for moving cards between columns",
  "- Import from plain text keeps headings and numbered lists",
  "- Comments show the name and photo of their author",
  "- Shared links expire after the date chosen by the owner",
  "- Printing keeps page breaks set in the editor",
  "- Smaller install size on phones and tablets",
  "- Team admins can see which members have not signed in this month",
  "- Faster start on older laptops with spinning disks",
].join("\n");

describe("tracing", () => {
  test.each(TRANSFORMS.map(([name]) => [name]))("names the right key among 20 from 1800 characters of hand-written prose: %s", (name) => {
    const r = seededRandom(name.length);
    for (let trial = 0; trial < 10; trial++) {
      const k = Math.floor(r() * codes.length);
      const served = markArticle(prose, codes[k]).body;
      const outcome = traceFragment(piece(transform.get(name)!(served), 1800, r), [prose], codes);
      expect(outcome.attributed).toBe(true);
      if (!outcome.attributed) continue;
      expect(outcome.best.code).toBe(codes[k]);
      expect(outcome.best.falseAttributionProbability).toBeLessThan(ATTRIBUTION_THRESHOLD);
      expect(outcome.best.layer).toBe(["ASCII-only (NFKD)", "all combined"].includes(name) ? "visible" : "both");
    }
  });

  test("never names a key whose copy it is not: the leaker is left out of the candidates (attack)", () => {
    const r = seededRandom(3);
    const catalogue = generateCatalogue({ count: 8 });
    for (let trial = 0; trial < 60; trial++) {
      const article = trial % 2 ? prose : catalogue[trial % catalogue.length];
      const leaker = "a1b2c3d4e5f6";
      const name = TRANSFORMS[trial % TRANSFORMS.length][0];
      const leak = piece(transform.get(name)!(markArticle(article, leaker).body), 500 + Math.floor(r() * 2500), r);
      const outcome = traceFragment(leak, [article], codes);
      expect(outcome.attributed).toBe(false);
    }
  });

  test("a fragment mixing two keys' copies never names a third key", () => {
    const r = seededRandom(4);
    for (let trial = 0; trial < 20; trial++) {
      const a = markArticle(prose, codes[1]).body;
      const b = markArticle(prose, codes[2]).body;
      const leak = `${piece(a, 900, r)} ${piece(b, 900, r)}`;
      const outcome = traceFragment(leak, [prose], codes);
      if (outcome.attributed) expect([codes[1], codes[2]]).toContain(outcome.best.code);
    }
  });

  test("the unmarked original is not anyone's copy: no marks, no name", () => {
    const outcome = traceFragment(prose.body.slice(0, 2500), [prose], codes);
    expect(outcome).toMatchObject({ attributed: false, failure: "no_marks" });
  });

  test("a short fragment with its marks stripped is too short, not 'no marks'", () => {
    const stripped = transform.get("all combined")!(markArticle(prose, codes[3]).body);
    expect(traceFragment(stripped.slice(100, 300), [prose], codes)).toMatchObject({ attributed: false, failure: "too_short" });
  });

  test("the invisible layer alone names the key when the visible text is the original's", () => {
    const served = embedWatermark(prose.body, codes[4]);
    const outcome = traceFragment(served.slice(300, 1000), [prose], codes);
    expect(outcome).toMatchObject({ attributed: true, best: { code: codes[4], layer: "zero-width" } });
  });

  test("text with few choice points degrades gracefully: it needs more characters, and says so", () => {
    // Release notes: list items without closing punctuation or interchangeable words.
    const terse: ArticleText = { title: "", summary: "", body: RELEASE_NOTES };
    const news: ArticleText = { title: "", summary: "", body: PROSE.NEWS };
    // Measured need for 20 keys (visible layer alone): news ~600 characters, bare list items 3 000+.
    expect(charactersNeeded(news, 20)).toBeLessThan(1000);
    expect(charactersNeeded(terse, 20)).toBeGreaterThan(3000);
    const stripped = transform.get("ASCII-only (NFKD)")!(markText(RELEASE_NOTES, codes[5]));
    const outcome = traceFragment(stripped, [terse], codes);
    expect(outcome).toMatchObject({ attributed: false, failure: "too_short" });
    // With its invisible characters the same short text is still traced.
    expect(traceFragment(markText(RELEASE_NOTES, codes[5]).slice(0, 600), [terse], codes)).toMatchObject({ attributed: true, best: { code: codes[5] } });
  });
});

describe("recognising the article", () => {
  test("finds the source among catalogue articles and hand-written prose through every transform", () => {
    const articles: ArticleText[] = [...generateCatalogue({ count: 40 }), prose];
    const r = seededRandom(6);
    for (const [name, apply] of TRANSFORMS) {
      for (const target of [3, 17, 40]) {
        const leak = piece(apply(markArticle(articles[target], codes[0]).body), 500, r);
        // Catalogue articles on one subject share whole sentences: the source is among those recognised.
        const { recognised } = articlesInText(leak, articles);
        expect(recognised.map((x) => x.index), name).toContain(target);
      }
    }
  });

  test("text from elsewhere is not recognised", () => {
    const articles = generateCatalogue({ count: 20 });
    expect(articlesInText(PROSE.ESSAY, articles).recognised).toEqual([]);
    expect(articlesInText("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", articles).recognised).toEqual([]);
    // Nor a long essay made of many hand-written texts (no passage of any article).
    expect(articlesInText(Object.values(MORE_PROSE).join("\n\n"), articles).recognised).toEqual([]);
  });

  test("recognition thresholds: at least six shingles; a short paste, a passage of 30% of it; a long paste, 12 shingles per article", () => {
    const news: ArticleText = { title: "", summary: "", body: PROSE.NEWS };
    const report: ArticleText = { title: "", summary: "", body: PROSE.REPORT };
    const words = (text: string, from: number, count: number) => skeletonOf(text).slice(from, from + count).join(" ");
    const foreign = (count: number) => words(PROSE.ESSAY, 0, count);
    const indexes = (text: string) => articlesInText(text, [news, report]).recognised.map((r) => r.index);
    expect(shingles(words(PROSE.NEWS, 20, 10)).size).toBe(6);
    expect(indexes(words(PROSE.NEWS, 20, 10))).toEqual([0]);
    expect(indexes(words(PROSE.NEWS, 20, 9))).toEqual([]);
    // 33 shingles, 7 of them the article's (21%): not recognised; 12 of 32 (37%): recognised.
    expect(indexes(`${words(PROSE.NEWS, 20, 11)}. ${foreign(26)}`)).toEqual([]);
    expect(indexes(`${words(PROSE.NEWS, 20, 16)}. ${foreign(20)}`)).toEqual([0]);
    // A long page: a second article counts with 12 shingles of its own (16 words), not with 8.
    const long = words(PROSE.REPORT, 0, 150);
    expect(indexes(`${long}. ${words(PROSE.NEWS, 20, 12)}`)).toEqual([1]);
    expect(indexes(`${long}. ${words(PROSE.NEWS, 20, 17)}`)).toEqual([1, 0]);
  });

  test("the best article is the one holding most; a near-tie holds the same passage and is kept, a distant one is not", () => {
    const report: ArticleText = { title: "", summary: "", body: PROSE.REPORT };
    const reprint: ArticleText = { title: "", summary: "", body: `${PROSE.REPORT}\n\nReprinted with permission.` };
    const quoting: ArticleText = { title: "", summary: "", body: `${PROSE.REPORT.split(". ")[0]}. ${PROSE.ESSAY}` };
    const news: ArticleText = { title: "", summary: "", body: PROSE.NEWS };
    const found = articlesInText(markText(PROSE.REPORT, codes[6]), [news, quoting, report, reprint]);
    expect(found.best).toEqual({ index: 2, similarity: 1 });
    expect(found.recognised.map((r) => r.index).sort()).toEqual([2, 3]);
  });

  test("a page of passages from several articles recognises each of them and nothing else, through every transform", () => {
    const prose = Object.values(MORE_PROSE).map((body): ArticleText => ({ title: "", summary: "", body }));
    const articles: ArticleText[] = [...generateCatalogue({ count: 30 }), ...prose];
    const first = articles.length - prose.length;
    const sources = [first, first + 1, first + 3, first + 4];
    for (const [name, apply] of TRANSFORMS) {
      const page = sources.map((i) => apply(markArticle(articles[i], codes[1]).body).slice(200, 500)).join("\n\nAdvertisement\n\n");
      const { recognised } = articlesInText(page, articles);
      expect(recognised.map((x) => x.index).sort(), name).toEqual(sources);
    }
  });

  test("fingerprints: one shingle per run of five skeleton words; an empty fragment shares nothing", () => {
    expect(shingles("One two three four five six seven.").size).toBe(3);
    expect(shingles("One two three four.").size).toBe(0);
    expect(similarity(new Set(), new Set([1, 2]))).toBe(0);
  });

  test("an article's choice index is its own (read once per article), and several articles pool theirs", () => {
    const news: ArticleText = { title: "", summary: "", body: PROSE.NEWS };
    const report: ArticleText = { title: "", summary: "", body: PROSE.REPORT };
    const a = choiceIndex([news]);
    const b = choiceIndex([report]);
    expect(choiceIndex([news])).toBe(a);
    expect([...b.keys()].some((context) => !a.has(context))).toBe(true);
    expect(choiceIndex([news, report])).toEqual(new Map([...a, ...b]));
  });

  test("a passage deep inside an article near Convex's 1 MiB limit is recognised while fingerprinting a bounded part of it (attack)", () => {
    // Customers store long articles: fingerprinting a whole 1 MB article costs about a second,
    // which one trace cannot spend (Convex stops a query after 1 s), let alone for every article searched.
    const filler = longArticle(900_000, 3);
    const at = 600_000;
    const source: ArticleText = { title: "A long read", summary: "", body: `${filler.slice(0, at)}\n\n${PROSE.REPORT}\n\n${filler.slice(at)}` };
    const others = [1, 2].map((seed): ArticleText => ({ title: `Another long read ${seed}`, summary: "", body: longArticle(900_000, 10 + seed) }));
    const articles = [others[0], source, others[1], { title: "", summary: "", body: PROSE.NEWS }];
    const whole = shingles(source.body);
    for (const [name, apply] of TRANSFORMS) {
      const leak = apply(markText(PROSE.REPORT, codes[2])).slice(100, 900);
      const found = articlesInText(leak, articles);
      expect(found.recognised.map((r) => r.index), name).toEqual([1]);
      // The fragment's shingles are found as completely as in a whole fingerprint of the source.
      expect(found.best?.similarity, name).toBeCloseTo(similarity(shingles(leak), whole), 10);
      expect(found.charactersFingerprinted, name).toBeLessThanOrEqual(RECOGNITION_CHARS);
      expect(found.charactersFingerprinted, name).toBeLessThanOrEqual(3 * LONG_ARTICLE_WINDOW + PROSE.NEWS.length + 3); // and the short one whole
    }
  });

  test("a page of passages from far-apart places of one long article, and a long passage of it, are recognised as fully as a whole fingerprint would", () => {
    const parts = generateCatalogue({ count: 160 }).filter((a) => !a.trap).map((a) => a.body);
    const long: ArticleText = { title: "The whole catalogue in one", summary: "", body: parts.join("\n\n") };
    const whole = shingles(long.body);
    const served = markText(long.body, codes[4]);
    const r = seededRandom(12);
    for (const [name, apply] of TRANSFORMS) {
      const copy = apply(served);
      const page = Array.from({ length: 5 }, () => piece(copy, 600, r)).join("\n\nAdvertisement\n\n");
      const passage = piece(copy.slice(0, 40_000), 8_000, r);
      for (const text of [page, passage]) {
        const found = articlesInText(text, [long]);
        expect(found.recognised.map((x) => x.index), name).toEqual([0]);
        // Windows hold what is at the passages' places. A whole fingerprint also counts shingles found
        // elsewhere: in this catalogue of templated sentences, two sentences a dropped one joined
        // may sit together somewhere else too.
        const full = similarity(shingles(text), whole);
        expect(found.best!.similarity, name).toBeGreaterThanOrEqual(full - (/sentence|combined/.test(name) ? 0.1 : 0.01));
      }
    }
  });

  test("articles short enough are fingerprinted whole, and the per-trace budget goes to the most relevant first", () => {
    const articles = generateCatalogue({ count: 12 }).filter((a) => !a.trap);
    const whole = articles.reduce((sum, a) => sum + `${a.title}.\n${a.summary}\n${a.body}`.length, 0);
    const leak = markArticle(articles[0], codes[3]).body.slice(0, 600);
    expect(articlesInText(leak, articles).charactersFingerprinted).toBe(whole);
    // A catalogue of long articles: only as many as the budget allows are read, in the order given (search relevance).
    const long = Array.from({ length: 40 }, (_, i): ArticleText => ({ title: `Long ${i}`, summary: "", body: longArticle(200_000, 100 + i) }));
    const source: ArticleText = { title: "Source", summary: "", body: `${longArticle(200_000, 99)}\n\n${PROSE.NEWS}` };
    const first = articlesInText(PROSE.NEWS.slice(0, 800), [source, ...long]);
    expect(first.recognised.map((r) => r.index)).toEqual([0]);
    expect(first.charactersFingerprinted).toBeLessThanOrEqual(RECOGNITION_CHARS);
  });

  test("windows of a long article: around the stretches holding the paste's rarest words and runs, in any case, merged, within the budget", () => {
    const centre = (stretch: number) => stretch * STRETCH + STRETCH / 2;
    const filler = (stretches: number) => "x ".repeat((stretches * STRETCH) / 2);
    // "Harbour" once (stretch 4) before "harbours" all over the first three stretches; "the" and "and" are too short.
    const harbours = `${"harbours ".repeat(80)}`.padEnd(3 * STRETCH, " ");
    const article = `${harbours}${filler(1)}${"Harbour".padEnd(STRETCH, " ")}${filler(4)}`;
    const words = pasteWords("The harbour froze; harbours and all.")!;
    expect(windowsAround(article, words, 50, 100)).toEqual([[centre(4) - 50, centre(4) + 50]]);
    // The last window shrinks to the budget left; the common word's stretches come after.
    expect(windowsAround(article, words, 50, 160)).toEqual([[centre(0) - 30, centre(0) + 30], [centre(4) - 50, centre(4) + 50]]);
    // Windows that overlap or touch are one, and what they share counts once against the budget.
    expect(windowsAround(article, words, 128, 10_000)).toEqual([[0, 3 * STRETCH], [4 * STRETCH, 5 * STRETCH]]);
    expect(windowsAround(article, pasteWords("nowhere to be found")!, 50, 1_000)).toEqual([]);
    expect(pasteWords("a b c. 1234 --")).toBeNull();
    // Soft hyphens (a format character) inside a pasted word do not hide it.
    expect(windowsAround(article, pasteWords("har\u00ADbour")!, 50, 100)).toEqual([[centre(4) - 50, centre(4) + 50]]);
    // A run of three neighbouring words found once says where the passage is, even where each word is everywhere.
    const repeated = `${"cable ferry harbour ".repeat(300)}`.padEnd(24 * STRETCH, " ") + `${"ferry cable harbour".padEnd(STRETCH, " ")}${filler(2)}`;
    expect(windowsAround(repeated, pasteWords("the ferry, cable and harbour")!, 20, 40)).toEqual([[centre(24) - 20, centre(24) + 20]]);
    // Neighbours only: another long word between breaks the run, short words and punctuation do not.
    const runs = `${filler(3)}${"ferry cable zebra harbour".padEnd(STRETCH, " ")}${filler(3)}${"ferry cable, a big harbour".padEnd(STRETCH, " ")}${filler(2)}`;
    expect(windowsAround(runs, pasteWords("ferry cable harbour")!, 20, 40)).toEqual([[centre(7) - 20, centre(7) + 20]]);
    // Neighbours are at most 40 characters apart.
    // (A tie with the run in stretch 7 goes to stretch 3; without its run, stretch 3 scores less.)
    const gap = (length: number) => `${filler(3)}${`ferry cable${" a".repeat(length).slice(0, length - 1)} harbour`.padEnd(STRETCH, " ")}${filler(3)}${"ferry cable harbour".padEnd(STRETCH, " ")}${filler(2)}`;
    expect(windowsAround(gap(40), pasteWords("ferry cable harbour")!, 20, 40)).toEqual([[centre(3) - 20, centre(3) + 20]]);
    expect(windowsAround(gap(41), pasteWords("ferry cable harbour")!, 20, 40)).toEqual([[centre(7) - 20, centre(7) + 20]]);
    // Equal scores: the earlier stretch first. A window that touches another on either side joins it.
    const tie = `${filler(2)}${"alpha".padEnd(STRETCH, " ")}${"bravo charlie".padEnd(STRETCH, " ")}${filler(2)}`;
    expect(windowsAround(tie, pasteWords("alpha and charlie")!, 50, 100)).toEqual([[centre(2) - 50, centre(2) + 50]]);
    expect(windowsAround(tie, pasteWords("alpha, bravo and charlie")!, 128, 1_000)).toEqual([[2 * STRETCH, 4 * STRETCH]]);
    // At most 128 runs of three neighbouring words of a long paste are looked for, spread over it.
    const many = Array.from({ length: 600 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(" ");
    expect(pasteWords(many)!.runs.size).toBeLessThanOrEqual(128);
    expect(pasteWords(many)!.pattern.source.split("|").length).toBe(pasteWords(many)!.ids.size);
    expect(pasteWords(many)!.ids.size).toBeLessThanOrEqual(3 * 128);
    // Run 580 is among them (every 5th is taken), run 581 is not.
    expect(["wordiw", "wordjw", "wordkw"].every((w) => pasteWords(many)!.ids.has(w))).toBe(true);
    expect(pasteWords(many)!.ids.has("wordlw")).toBe(false);
  });

  test("marking does not change what the fingerprints see", () => {
    const served = markVisible(PROSE.REPORT, codes[7]);
    expect(articlesInText(served, [{ title: "", summary: "", body: PROSE.REPORT }]).best?.similarity).toBe(1);
  });
});
