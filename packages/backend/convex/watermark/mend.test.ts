// Mending a leaked copy before it is read: what an ASCII-only filter, a PDF's line breaks and a
// page's HTML source do to the original's typography, undone with the original in hand (attacks).
import { describe, expect, test } from "vitest";
import { PROSE, TYPESET_PROSE } from "../../bench/prose";
import { TRANSFORMS } from "../../bench/leakTransforms";
import { seededRandom } from "../lib/random";
import { markText } from "./mark";
import { mendCopy, type ArticleText } from "./mend";
import { choiceIndex, readChoices } from "./trace";

const random = seededRandom(99);
const codes = Array.from({ length: 20 }, () => Math.floor(random() * 2 ** 48).toString(16).padStart(12, "0"));
const transform = new Map(TRANSFORMS);

describe("typeset originals: what an ASCII-only copy does to their punctuation (attack)", () => {
  const ascii = transform.get("ASCII-only (NFKD)")!;
  const contexts = (text: string, article: ArticleText) => new Set(readChoices(text, choiceIndex([article])).map((o) => `${o.family}|${o.context}`));

  test.each([
    ["an em dash", "\u2014"],
    ["an en dash", "\u2013"],
    ["a non-breaking hyphen", "\u2011"],
    ["an arrow", "\u2192"],
  ])("words joined by %s, which an ASCII-only copy deletes, are split back and every choice point around them is read", (_name, separator) => {
    let n = 0;
    const body = PROSE.NEWS.replace(/, (?=[a-z])/g, (comma) => (n++ % 2 === 0 ? separator : comma));
    const article: ArticleText = { title: "", summary: "", body };
    const served = markText(body, codes[4]);
    const copy = ascii(served);
    expect(copy).not.toContain(separator);
    const expected = contexts(served, article);
    // The attack: read as it stands, the copy loses the choices whose context holds a joined word.
    const joined = contexts(copy, article);
    expect([...expected].filter((c) => !joined.has(c)).length).toBeGreaterThan(3);
    expect(contexts(mendCopy(copy, [article]), article)).toEqual(expected);
  });

  test("typeset prose: an ASCII-only copy is read at every choice point of the served copy but the quote-comma order its deleted curly quotes took with them", () => {
    const article: ArticleText = { title: "", summary: "", body: Object.values(TYPESET_PROSE).join("\n\n") };
    const served = markText(article.body, codes[6]);
    const kept = [...contexts(served, article)].filter((c) => !c.startsWith("quote-comma|"));
    const read = contexts(mendCopy(ascii(served), [article]), article);
    expect(kept.filter((c) => !read.has(c))).toEqual([]);
    const unread = contexts(ascii(served), article);
    expect(kept.filter((c) => !unread.has(c)).length).toBeGreaterThan(5);
  });

  test("ranges of numbers and an ellipsis spelt out in dots are read as the original's", () => {
    const article: ArticleText = { title: "", summary: "", body: "In 2015\u20132020 the council spent more than it had\u2026 and the shop opens for three hours a day\u2026" };
    expect(mendCopy("in 20152020 the council spent more than it had... and the shop", [article])).toBe("in 2015\u20132020 the council spent more than it had\u2026 and the shop");
    // An article that writes three dots itself keeps them as they are in a copy.
    const dotted: ArticleText = { title: "", summary: "", body: `${article.body} Wait...` };
    expect(mendCopy("it had... and", [dotted])).toBe("it had... and");
  });

  test("words a PDF or a print broke across lines with a hyphen are joined again; the article's own hyphenated words stay", () => {
    const article: ArticleText = { title: "", summary: "", body: [PROSE.NEWS, PROSE.ESSAY].join("\n\n") };
    const copy = ascii(markText(article.body, codes[2]));
    // Every fifth word of eight letters or more broken at a line's end, as a typesetter would.
    let n = 0;
    const broken = copy.replace(/\b([A-Za-z]{4})([A-Za-z]{4,})\b/g, (word, head: string, tail: string) => (n++ % 5 === 0 ? `${head}-\n${tail}` : word));
    expect(broken).not.toBe(copy);
    const expected = contexts(mendCopy(copy, [article]), article);
    const unread = contexts(broken, article);
    expect([...expected].filter((c) => !unread.has(c)).length).toBeGreaterThan(3);
    expect(contexts(mendCopy(broken, [article]), article)).toEqual(expected);
    // "bike-lane" is the article's own word: broken at its hyphen it is not joined into "bikelane".
    expect(mendCopy("expand the bike-\nlane network", [article])).toBe("expand the bike-\nlane network");
    expect(mendCopy("the cost could dou-\n  ble before", [article])).toBe("the cost could double before");
    // A form of a choice ("co-operate") and a suspended hyphen of the article stay as they are.
    expect(mendCopy("they co-\noperate", [article])).toBe("they co-\noperate");
    const suspended: ArticleText = { title: "", summary: "", body: "Both pre- and post-war housing." };
    expect(mendCopy("both pre-\nand post-war", [suspended])).toBe("both pre-\nand post-war");
    // A served copy's invisible characters do not hide it either.
    expect(mendCopy("both pre\uFE02-\n\u200Cand post-war", [suspended])).toBe("both pre\uFE02-\n\u200Cand post-war");
  });

  test("with several articles, each one's runs, words and hyphens count, whichever article holds them", () => {
    const dashed: ArticleText = { title: "", summary: "", body: "The school\u2014which once had four classrooms\u2014now teaches eleven. You can\u2014not must\u2014leave. The bike-lane plan." };
    const plain: ArticleText = { title: "", summary: "", body: "A plain article about cannot and nothing else at all." };
    for (const articles of [[dashed, plain], [plain, dashed]]) {
      expect(mendCopy("The schoolwhich once had four classroomsnow teaches", articles)).toBe("The school\u2014which once had four classrooms\u2014now teaches");
      // "cannot" is a whole word of one of them: never split.
      expect(mendCopy("you cannot mustleave", articles)).toBe("you cannot must\u2014leave");
      // "bike-lane" is one article's own compound.
      expect(mendCopy("the bike-\nlane plan", articles)).toBe("the bike-\nlane plan");
    }
  });

  test("a run the article writes more than once is split back; one written three times, two ways, stays ambiguous", () => {
    const twice: ArticleText = { title: "", summary: "", body: "It was over\u2014then it began. Later it was over\u2014then it ended." };
    expect(mendCopy("it was overthen it", [twice])).toBe("it was over\u2014then it");
    const thrice: ArticleText = { title: "", summary: "", body: "The sea\u2014son. The seas\u2014on. The sea\u2014son." };
    expect(mendCopy("the season", [thrice])).toBe("the season");
  });

  test("an HTML source of a copy (a scraper's page, from view-source) is read as the text it shows", () => {
    const article: ArticleText = { title: "", summary: "", body: [PROSE.NEWS, PROSE.ESSAY].join("\n\n") };
    const copy = ascii(markText(article.body, codes[5]));
    const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    const page =
      `<html><head><style>p { color: red; }</style><script>var said = "that, it is";</script></head><body><!-- scraped, do not edit -->\n` +
      copy.split(/\n{2,}/).map((p) => `<p class="text">${escape(p).replace(/(\w+ \w+)\./, '<a href="https://scraper.example/x">$1</a>.')}</p>`).join("\n") +
      "</body></html>";
    const expected = contexts(mendCopy(copy, [article]), article);
    const unread = contexts(page, article);
    expect([...expected].filter((c) => !unread.has(c)).length).toBeGreaterThan(3);
    expect(contexts(mendCopy(page, [article]), article)).toEqual(expected);
    // An article that is HTML itself: a copy's tags are its own, read as they are.
    const html: ArticleText = { title: "", summary: "", body: `<p>${PROSE.NEWS}</p>` };
    expect(mendCopy("<p>The city council voted", [html])).toBe("<p>The city council voted");
    // Read against several articles, one of them HTML: the copy's tags may be that one's.
    expect(mendCopy("<p>The city council voted", [article, html])).toBe("<p>The city council voted");
  });

  test("a copy with nothing to mend is returned as it is", () => {
    const article: ArticleText = { title: "Typeset", summary: "", body: Object.values(TYPESET_PROSE).join("\n\n") };
    const plain = "So I keep the file. Some come for the birds and Still, Stay, Seven, SAY: nothing here is glued or broken.";
    expect(mendCopy(plain, [article])).toBe(plain);
    expect(mendCopy("", [article])).toBe("");
  });

  test("a line-end hyphen with spaces after it, or invisible characters around it, is read like a bare one", () => {
    const article: ArticleText = { title: "", summary: "", body: PROSE.NEWS };
    expect(mendCopy("the cost could dou- \n ble before", [article])).toBe("the cost could double before");
    // A served copy's invisible characters do not hide the article's own compound.
    expect(mendCopy("the bike\uFE01-\n\u200Blane network", [article])).toBe("the bike\uFE01-\n\u200Blane network");
  });

  test("a joined word the article also holds whole, or that two runs join to and split differently, is left as it is", () => {
    const article: ArticleText = { title: "", summary: "", body: "You can\u2014not must\u2014leave early. You cannot stay. The sea\u2014son and the seas\u2014on." };
    expect(mendCopy("you cannot mustleave early", [article])).toBe("you cannot must\u2014leave early");
    expect(mendCopy("the season and", [article])).toBe("the season and");
    // Case and apostrophes of the copy are kept; only the separator comes back.
    const quoted: ArticleText = { title: "", summary: "", body: "It wasn\u2019t\u2014it couldn\u2019t be." };
    expect(mendCopy("It Wasn'tit couldn't be.", [quoted])).toBe("It Wasn't\u2014it couldn't be.");
  });
});

describe("long runs are mended in linear time (attack)", () => {
  // 200 000 letters with no hyphen: a pattern tried at every letter takes minutes, one tried at each
  // word's start milliseconds. The test's own time limit is the check.
  test("a copy and an article of one long run of letters", () => {
    // The article's run fits in its marked part (50 000 characters); the copy's is four times longer.
    const short = "a".repeat(45_000);
    const run = "a".repeat(200_000);
    const article: ArticleText = { title: "", summary: "", body: `${short}-b and pre- and post` };
    expect(mendCopy(`${short}-\nb`, [article])).toBe(`${short}-\nb`);
    expect(mendCopy(`${run}-\nb`, [article])).toBe(`${run}b`);
    expect(mendCopy(run, [{ title: "", summary: "", body: "x" }])).toBe(run);
  });
});

