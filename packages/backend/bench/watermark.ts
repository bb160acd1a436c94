/**
 * Leak tracing bench (pure modules): for each transform a leaked copy may go through, random
 * (key, article, fragment) trials with KEYS keys that all fetched the same articles, at fragment
 * lengths from 200 to 2500 characters: share traced to the right key, wrong attributions, and the
 * length needed for 95% and 99%. Then the cost of marking an article and tracing a fragment.
 */
import { generateCatalogue } from "../convex/demo/catalogue";
import { seededRandom } from "../convex/lib/random";
import { MAX_MARKED_CHARS, markArticle } from "../convex/watermark/mark";
import { MAX_LEAK_TEXT } from "../convex/shared/validators";
import type { ArticleText } from "../convex/watermark/mend";
import { articlesInText, charactersNeeded, choiceIndex, RECOGNITION_CHARS, shingles, traceFragment } from "../convex/watermark/trace";
import { OTHER_TRANSFORMS, TRANSFORMS } from "./leakTransforms";
import { FRESH_PROSE, HELD_OUT_PROSE, MORE_PROSE, PROSE, TYPESET_PROSE } from "./prose";

const KEYS = 24;
const ARTICLES = 60;
const TRIALS = 200;
const LENGTHS = [300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500];

/** `ranked800`: at 800 characters, the share of trials where the source was not named but ranked first among the candidates shown. */
type Row = { name: string; byLength: Map<number, number>; wrong: number; trials: number; ranked800: number; weaker: Map<number, { right: number; wrong: number }> };
/** For the product decision on #12: what naming the top candidate at a weaker threshold would give (the product names only below 1e-6). */
const WEAKER = 1e-4;

function runTable(articles: ArticleText[], codes: string[], trials: number, seed: number, transforms = TRANSFORMS): Row[] {
  const random = seededRandom(seed);
  // Every key's copy of every article, as served (the API marks title, summary and body).
  const served = articles.map((article) => codes.map((code) => markArticle(article, code).body));
  const rows: Row[] = [];
  for (const [name, transform] of transforms) {
    const copies = served.map((perKey) => perKey.map(transform));
    const row: Row = { name, byLength: new Map(), wrong: 0, trials: 0, ranked800: 0, weaker: new Map() };
    for (const length of LENGTHS) {
      let right = 0;
      let done = 0;
      const weaker = { right: 0, wrong: 0 };
      for (let attempt = 0; done < trials && attempt < trials * 20; attempt++) {
        const a = Math.floor(random() * articles.length);
        const k = Math.floor(random() * codes.length);
        const copy = copies[a][k];
        if (copy.length < length) continue;
        const start = Math.floor(random() * (copy.length - length + 1));
        const outcome = traceFragment(copy.slice(start, start + length), [articles[a]], codes);
        done++;
        if (outcome.attributed && outcome.best.code === codes[k]) right++;
        else if (outcome.attributed) row.wrong++;
        else if (length === 800 && outcome.ranked[0]?.code === codes[k]) row.ranked800++;
        const top = outcome.ranked[0];
        if (top && top.falseAttributionProbability < WEAKER) {
          if (top.code === codes[k]) weaker.right++;
          else weaker.wrong++;
        }
      }
      row.trials += done;
      row.byLength.set(length, done === 0 ? NaN : right / done);
      if (length === 800) row.ranked800 = done === 0 ? NaN : row.ranked800 / done;
      row.weaker.set(length, { right: done === 0 ? NaN : weaker.right / done, wrong: weaker.wrong });
    }
    rows.push(row);
  }
  return rows;
}

const percent = (share: number | undefined) => (share === undefined || Number.isNaN(share) ? "  n/a" : `${(100 * share).toFixed(1).padStart(5)}%`);
function needed(row: Row, goal: number) {
  const length = LENGTHS.find((l) => (row.byLength.get(l) ?? 0) >= goal && LENGTHS.filter((m) => m > l).every((m) => Number.isNaN(row.byLength.get(m)!) || row.byLength.get(m)! >= goal));
  return length === undefined ? `>${LENGTHS[LENGTHS.length - 1]}` : String(length);
}

function printTable(title: string, rows: Row[]) {
  console.log(`\n${title}`);
  console.log(`| transform | right @500 | right @800 | right @1200 | wrong (all trials) | trials | length for 95% | length for 99% | @800 not named, source ranked first | at ${WEAKER} instead: right @500 / @800, wrong (all lengths) |`);
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    console.log(`| ${row.name} | ${percent(row.byLength.get(500))} | ${percent(row.byLength.get(800))} | ${percent(row.byLength.get(1200))} | ${row.wrong} | ${row.trials} | ${needed(row, 0.95)} | ${needed(row, 0.99)} | ${percent(row.ranked800)} | ${percent(row.weaker.get(500)?.right)} / ${percent(row.weaker.get(800)?.right)}, ${[...row.weaker.values()].reduce((sum, w) => sum + w.wrong, 0)} |`);
  }
}

function timeIt(runs: number, work: () => void) {
  work();
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  return (performance.now() - start) / runs;
}

/**
 * A scraper's page: short passages of several hand-written articles, every transform combined,
 * pasted together. The articles are recognised in the page among all the prose and the catalogue
 * (`articlesInText`, as the leak page does) and the marks of every passage pool.
 */
function scraperPages(codes: string[]) {
  const prose = [...Object.values(MORE_PROSE), ...Object.values(HELD_OUT_PROSE), ...Object.values(FRESH_PROSE)].map((body, i): ArticleText => ({ title: `Essay ${i}`, summary: "", body }));
  const articles = [...generateCatalogue({ count: 20 }).filter((a) => !a.trap), ...prose];
  const combined = TRANSFORMS[TRANSFORMS.length - 1][1];
  const served = prose.map((article) => codes.map((code) => combined(markArticle(article, code).body)));
  const random = seededRandom(5);
  console.log("\nA scraper's page: passages of several hand-written articles (13 texts of other kinds), every transform combined, pasted together; the articles are recognised in the page among them and 20 catalogue articles, and their marks pool (100 trials per cell)");
  console.log("| passages × characters | page length | right | wrong | articles recognised right |\n|---|---:|---:|---:|---:|");
  for (const [count, length] of [[1, 400], [2, 400], [3, 400], [4, 400], [3, 300], [4, 300], [6, 200]]) {
    let right = 0;
    let wrong = 0;
    let recognisedRight = 0;
    for (let trial = 0; trial < 100; trial++) {
      const k = Math.floor(random() * codes.length);
      const chosen = new Set<number>();
      while (chosen.size < count) chosen.add(Math.floor(random() * prose.length));
      const passages = [...chosen].map((a) => {
        const copy = served[a][k];
        const start = Math.floor(random() * Math.max(1, copy.length - length));
        return copy.slice(start, start + length);
      });
      const page = passages.join("\n\nAdvertisement\n\n");
      const { recognised } = articlesInText(page, articles);
      const found = recognised.map((r) => articles[r.index]);
      if ([...chosen].every((a) => found.includes(prose[a]))) recognisedRight++;
      const outcome = traceFragment(page, found, codes);
      if (outcome.attributed && outcome.best.code === codes[k]) right++;
      else if (outcome.attributed) wrong++;
    }
    console.log(`| ${count} × ${length} | ${count * length} | ${right}% | ${wrong} | ${recognisedRight}% |`);
  }
}

export async function benchWatermark() {
  const random = seededRandom(20261201);
  const codes = Array.from({ length: KEYS }, () => Math.floor(random() * 2 ** 48).toString(16).padStart(12, "0"));
  const catalogue: ArticleText[] = generateCatalogue({ count: ARTICLES }).filter((a) => !a.trap);
  console.log(`${KEYS} keys, all of which fetched the same ${catalogue.length} catalogue articles; ${TRIALS} random (key, article, fragment) trials per transform and length (${LENGTHS.join(", ")} characters). A key is named only when the false-attribution probability over the ${KEYS} keys compared is below 1e-6.`);
  printTable("Demo catalogue", runTable(catalogue, codes, TRIALS, 1));
  const prose: ArticleText[] = [{ title: "Hand-written prose", summary: "", body: [PROSE.NEWS, PROSE.ESSAY, PROSE.REPORT].join("\n\n") }];
  printTable("Hand-written prose, not from the catalogue (news, essay, British report joined: 3 000 characters; 100 trials per cell)", runTable(prose, codes, 100, 2));

  const more: ArticleText[] = [{ title: "More hand-written prose", summary: "", body: Object.values(MORE_PROSE).join("\n\n") }];
  printTable(`More hand-written prose of other kinds (science, fiction, business, history, how-to: ${more[0].body.length} characters; 100 trials per cell)`, runTable(more, codes, 100, 3));

  const heldOut: ArticleText[] = [{ title: "Held-out and fresh prose", summary: "", body: [...Object.values(HELD_OUT_PROSE), ...Object.values(FRESH_PROSE)].join("\n\n") }];
  printTable(`Held-out and fresh prose, never used to choose the list (sports, review, travel, opinion, policy, recipe, interview, medical: ${heldOut[0].body.length} characters; 100 trials per cell)`, runTable(heldOut, codes, 100, 4));

  const typeset: ArticleText[] = [{ title: "Typeset prose", summary: "", body: Object.values(TYPESET_PROSE).join("\n\n") }];
  printTable(`Typeset prose, never used to choose the list (a travel feature and a column with em dashes between words, ranges, currency signs, curly quotes, an ellipsis: ${typeset[0].body.length} characters; 100 trials per cell)`, runTable(typeset, codes, 100, 6));
  const sets: Array<[string, ArticleText[], number]> = [["demo catalogue", catalogue, TRIALS], ["news, essay, report", prose, 100], ["second set", more, 100], ["held-out and fresh", heldOut, 100], ["typeset", typeset, 100]];
  for (const [name, articles, trials] of sets) printTable(`Other tools, outside the issue's list: ${name}`, runTable(articles, codes, trials, 5, OTHER_TRANSFORMS));

  scraperPages(codes);

  console.log("\nDensity of the visible layer (bits of choice per 100 characters) and the characters a fragment needs, on average, for the visible layer alone to name one of the keys compared:");
  console.log("| text | characters | bits per 100 characters | needed for 24 keys | needed for 1 000 keys |\n|---|---:|---:|---:|---:|");
  const density = (body: string) => {
    const text: ArticleText = { title: "", summary: "", body };
    let bits = 0;
    for (const forms of choiceIndex([text]).values()) bits += Math.log2(forms);
    return { bits: (100 * bits) / body.length, needed24: charactersNeeded(text, KEYS), needed1000: charactersNeeded(text, 1000) };
  };
  for (const [name, body] of [...Object.entries(PROSE), ...Object.entries(MORE_PROSE), ...Object.entries(HELD_OUT_PROSE).map(([n, b]) => [`${n} (held out)`, b]), ...Object.entries(FRESH_PROSE).map(([n, b]) => [`${n} (fresh)`, b]), ...Object.entries(TYPESET_PROSE).map(([n, b]) => [`${n} (typeset)`, b])]) {
    const d = density(body);
    console.log(`| ${name.toLowerCase()} | ${body.length} | ${d.bits.toFixed(2)} | ${d.needed24} | ${d.needed1000} |`);
  }
  // Each catalogue article on its own (its sentences repeat, and a repeated sentence makes the same choices): the median article.
  const perArticle = catalogue.map((a) => density(a.body)).sort((x, y) => x.bits - y.bits);
  const median = perArticle[Math.floor(perArticle.length / 2)];
  console.log(`| catalogue article (median of ${perArticle.length}) | ${Math.round(catalogue.reduce((sum, a) => sum + a.body.length, 0) / catalogue.length)} | ${median.bits.toFixed(2)} | ${median.needed24} | ${median.needed1000} |`);

  const article = catalogue[0];
  const markUs = 1000 * timeIt(200, () => markArticle(article, codes[0]));
  const huge = { title: article.title, summary: article.summary, body: `${article.body}\n\n`.repeat(Math.ceil(1_000_000 / article.body.length)) };
  const hugeMs = timeIt(3, () => markArticle(huge, codes[1]));
  const served = markArticle(article, codes[2]).body;
  const fragment = served.slice(400, 1200);
  const traceMs = timeIt(50, () => traceFragment(fragment, [{ ...article }], codes));
  const stripped = TRANSFORMS[TRANSFORMS.length - 1][1](served).slice(0, 1200);
  const traceStrippedMs = timeIt(50, () => traceFragment(stripped, [{ ...article }], codes));
  // The largest paste a trace reads: a page of passages of many articles, against 200 keys (a query has a second).
  const candidates = catalogue.slice(0, 44);
  let page = "";
  for (let i = 0; page.length < MAX_LEAK_TEXT; i++) page += `${markArticle(candidates[i % candidates.length], codes[3]).body.slice(0, 600)}\n\n`;
  page = page.slice(0, MAX_LEAK_TEXT);
  const many = Array.from({ length: 200 }, (_, i) => (0x100000000000 + i * 7919).toString(16).slice(0, 12));
  const pageMs = timeIt(5, () => traceFragment(page, articlesInText(page, candidates).recognised.map((r) => candidates[r.index]), many));
  // Long reads near Convex's 1 MiB document limit: recognition fingerprints only around the paste's rarest words.
  const longReads = Array.from({ length: 20 }, (_, i): ArticleText => {
    const body = `${huge.body.slice(i * 997, 400_000 + i * 997)}\n\n${candidates[i].body}\n\n${huge.body.slice(0, 500_000)}`;
    return { title: `Long read ${i}`, summary: "", body };
  });
  const longFragment = markArticle(candidates[7], codes[4]).body.slice(200, 1_700);
  let longRecognised: ReturnType<typeof articlesInText> | null = null;
  const longMs = timeIt(3, () => (longRecognised = articlesInText(longFragment, longReads)));
  const oneWholeMs = timeIt(1, () => shingles(longReads[0].body));
  console.log("\n| cost | figure |\n|---|---:|");
  console.log(`| recognise a 1 500-character fragment among ${longReads.length} articles of ${(longReads[0].body.length / 1e6).toFixed(1)} MB (${longRecognised!.charactersFingerprinted} characters fingerprinted, at most ${RECOGNITION_CHARS}; recognised: ${longRecognised!.recognised.map((r) => r.index).join(", ") || "none"}, source 7) | ${longMs.toFixed(0)} ms |`);
  console.log(`| fingerprint one of those articles whole (what recognition did for every article read until the ninth session) | ${oneWholeMs.toFixed(0)} ms |`);
  console.log(`| trace the largest paste (${MAX_LEAK_TEXT} characters, passages of ${candidates.length} articles read) against 200 keys | ${pageMs.toFixed(0)} ms |`);
  console.log(`| mark one catalogue article (title + summary + ${article.body.length}-character body), both layers | ${markUs.toFixed(0)} µs |`);
  console.log(`| mark a ${(huge.body.length / 1e6).toFixed(1)} MB article (marked part capped at ${MAX_MARKED_CHARS} characters) | ${hugeMs.toFixed(1)} ms |`);
  console.log(`| trace one 800-character fragment as served against ${KEYS} keys (article read included) | ${traceMs.toFixed(2)} ms |`);
  console.log(`| trace one 1200-character fragment, all transforms combined, against ${KEYS} keys | ${traceStrippedMs.toFixed(2)} ms |`);
  const zeroWidth = [...served].filter((c) => /[\u200B-\u200D\u2060]/.test(c)).length;
  const selectors = [...served].filter((c) => /[\uFE01-\uFE04]/.test(c)).length;
  console.log(`| invisible characters in a served body | ${((100 * (zeroWidth + selectors)) / served.length).toFixed(1)}% of its characters: ${((100 * zeroWidth) / served.length).toFixed(1)}% zero-width, ${((100 * selectors) / served.length).toFixed(1)}% variation selectors (was 25%, all zero-width) |`);
}
