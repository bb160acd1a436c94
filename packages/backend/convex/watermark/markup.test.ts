// Markup in customers' articles (markdown and HTML) is never changed by either watermark layer:
// what it covers, what it does not, and every key's served copy keeping it byte for byte (attack).
import { describe, expect, test } from "vitest";
import { PROSE } from "../../bench/prose";
import { seededRandom } from "../lib/random";
import { markText } from "./mark";
import { hasTags, htmlText, markupRanges, touchesMarkup } from "./markup";
import { markVisible } from "./visible";
import { embedWatermark } from "./zeroWidth";

const covered = (text: string, part: string) => {
  const from = text.indexOf(part);
  return markupRanges(text).some(([a, b]) => a <= from && b >= from + part.length);
};

describe("what is markup", () => {
  test.each([
    ["an HTML tag with its attributes", 'The <a href="/guide" title="Do not click, it is old">guide</a> helps.', '<a href="/guide" title="Do not click, it is old">'],
    ["a closing tag", "The <b>bold</b> word.", "</b>"],
    ["a named entity", "Fish &amp; chips, or &pound;5.", "&amp;"],
    ["a numeric entity", "It&#8217;s here&#x2014;now.", "&#x2014;"],
    ["an HTML comment", "Text <!-- do not, ever, publish --> more.", "<!-- do not, ever, publish -->"],
    ["a pre element", "See <pre>do not stop, it is fine.</pre> there.", "<pre>do not stop, it is fine.</pre>"],
    ["a style element", "<style>p { color: red; }</style> Red text.", "<style>p { color: red; }</style>"],
    ["an inline code span", "Run `do not stop, ever` now.", "`do not stop, ever`"],
    ["a fenced code block", "Before.\n```js\nit is not, ever;\n```\nAfter.", "```js\nit is not, ever;\n```"],
    ["a heading, whose text makes its anchor", "Intro.\n\n## How to analyze the center, today\n\nBody.", "## How to analyze the center, today"],
    ["an indented code line", "Before.\n\n    it is not, ever;\n\nAfter.", "    it is not, ever;"],
    ["a link destination with its title", 'Read [the guide](https://example.com/a_(bcd) "The centre, today") first.', '](https://example.com/a_(bcd) "The centre, today")'],
    ["a reference definition", "Read [the guide][note].\n\n[note]: https://example.com/centre \"Centre, today\"", '[note]: https://example.com/centre "Centre, today"'],
    ["an autolink", "Go to <https://example.com/centre>, now.", "<https://example.com/centre>"],
    ["a bare URL with its own parentheses", "See https://en.wikipedia.org/wiki/Centre_(geometry), then.", "https://en.wikipedia.org/wiki/Centre_(geometry)"],
    ["a web address", "Visit www.example.org/organize today.", "www.example.org/organize"],
    ["a plain http address", "Visit http://example.org/centre today.", "http://example.org/centre"],
    ["a URL with a parenthesis it never opened", "Go to https://example.com/x)y now.", "https://example.com/x)y"],
    ["an e-mail address", "Write to centre.desk@example.co.uk today.", "centre.desk@example.co.uk"],
  ])("%s", (_name, text, part) => {
    expect(covered(text, part)).toBe(true);
  });

  test.each([
    ["a tag with every kind of attribute", 'A <img src = "x.png" alt=\'A, b\' width=10 hidden/> here.', '<img src = "x.png" alt=\'A, b\' width=10 hidden/>'],
    ["tags named with digits and hyphens", "A <h2>title</h2> and <my-card>card</my-card>.", "<my-card>"],
    ["a tag with two spaces between attributes", 'A <a  href="/x"  title="Do, not">link</a>.', '<a  href="/x"  title="Do, not">'],
    ["a self-closing tag with a space before its slash", "A line<br />break, here.", "<br />"],
    ["an element holding code, with attributes", 'See <pre class="x">do not, ever</pre> there.', '<pre class="x">do not, ever</pre>'],
    ["an element holding code left open", "See <code>do not, ever, stop", "<code>do not, ever, stop"],
    ["a comment left open", "Text <!-- never closed, here", "<!-- never closed, here"],
    ["a multi-digit numeric entity", "It&#8217;s here.", "&#8217;"],
    ["an e-mail autolink", "Write to <centre.desk@example.com>, now.", "<centre.desk@example.com>"],
    ["a code span of two backticks holding one", "Type ``a ` b`` now.", "``a ` b``"],
    ["a link title in single quotes", "Read [it](https://example.com/p 'The centre, today') now.", "](https://example.com/p 'The centre, today')"],
    ["a link title in parentheses after two spaces", "Read [it](https://example.com/p  (The centre, today)) now.", "](https://example.com/p  (The centre, today))"],
    ["a link destination with a space before its parenthesis", "Read [it](https://example.com/p ) now.", "](https://example.com/p )"],
    ["a URL in parentheses with parentheses of its own", "(see https://en.wikipedia.org/wiki/Centre_(geometry)).", "https://en.wikipedia.org/wiki/Centre_(geometry)"],
    ["an empty heading", "Intro.\n#\nMore.", "#"],
    ["an indented line of code", "Run this:\n\n    if (done) { stop(); }\n\nThen rest.", "    if (done) { stop(); }"],
    ["an indented command in a text that reads as prose", "Run it like this.\n\n    npm run build -- --watch\n\nThen wait for it to finish.", "    npm run build -- --watch"],
    ["an indented line that opens in lower case", "Intro.\n\n    call it with Value and then Stop now.\n", "    call it with Value and then Stop now."],
    ["an indented line that does not end a sentence", "Intro.\n\n    Then the job runs. See the log for details\n", "    Then the job runs. See the log for details"],
    ["an indented sentence of five words", "Intro.\n\n    Stop the job right now.\n", "    Stop the job right now."],
    ["an indented sentence of five words, spaced wide", "Intro.\n\n    Stop  the  job  right  now.\n", "    Stop  the  job  right  now."],
    ["an indented line of six words that is code", "Intro.\n\n    Let total = a + b + c.\n", "    Let total = a + b + c."],
  ])("%s", (_name, text, part) => {
    expect(covered(text, part)).toBe(true);
  });

  test.each([
    ["a less-than sign and an ampersand in prose", "Compare 5 < 6 and AT&T, or a & b; it is fine."],
    ["a hash mark inside a line and a hashtag opening one", "#hashtag at the start, then issue #4 and C# in the middle."],
    ["a backtick run with no closing run", "Type ``` to start a fence in the middle of a line."],
    ["a single tilde opening a line", "~ a tilde line, then prose."],
    ["wide spaces inside a line", "Some    spaced    words, here."],
    ["a line indented by one space", " let x = 1; then prose, here."],
    ["an indented sentence of six words", "    The job stops here and now."],
    ["an indented paragraph of plain text", "    The council voted on Tuesday to expand the network, although members warned about cost."],
    ["a bracket and colon inside a line", "See [note]: it is here, and more."],
    ["a code span closed only by a run of another length", "Prose `a`` and more, here."],
  ])("not markup: %s", (_name, text) => {
    expect(markupRanges(text).map(([a, b]) => text.slice(a, b))).toEqual([]);
  });

  test("markup ends where its closing mark is: prose after a closed element, comment or fence is not markup", () => {
    const text = "<pre>x, y</pre > Prose, after. <code>z</code> Then, after. <!-- a --> More, after.\n```\ncode\n```\nLast, here.";
    for (const prose of ["Prose, after.", "Then, after.", "More, after.", "Last, here."]) expect(covered(text, prose)).toBe(false);
  });

  test("the punctuation that ends a sentence is not part of the URL before it, and prose is not markup", () => {
    const text = "Compare 5 < 6 and AT&T, or a & b; see https://example.com/a. Then (https://example.com/b), done.";
    const parts = markupRanges(text).map(([a, b]) => text.slice(a, b));
    expect(parts).toEqual(["https://example.com/a", "https://example.com/b"]);
  });

  test("a fence closes only on a fence of its character at least as long with nothing after it", () => {
    const text = "```\ncode, here\n```js\nstill code, here\n````\nProse, here.";
    const [[from, to]] = markupRanges(text);
    expect(text.slice(from, to)).toBe("```\ncode, here\n```js\nstill code, here\n````");
    expect(markupRanges("~~~\nopen, to the end")).toEqual([[0, 20]]);
    // Not by the other character, not by a shorter run; by the same run.
    const mixed = "```\na, b\n~~~\nc, d\n``\ne, f\n```\nProse, here.";
    expect(markupRanges(mixed).map(([a, b]) => mixed.slice(a, b))).toEqual(["```\na, b\n~~~\nc, d\n``\ne, f\n```"]);
    const long = "````\na, b\n```\nc, d\n````\nProse, here.";
    expect(markupRanges(long).map(([a, b]) => long.slice(a, b))).toEqual(["````\na, b\n```\nc, d\n````"]);
  });

  test("an insertion touches markup only strictly inside it; a replacement whenever it overlaps", () => {
    const ranges: Array<[number, number]> = [[10, 20]];
    expect([10, 11, 19, 20].map((at) => touchesMarkup(ranges, at, at))).toEqual([false, true, true, false]);
    expect(touchesMarkup(ranges, 5, 10)).toBe(false);
    expect(touchesMarkup(ranges, 5, 11)).toBe(true);
    expect(touchesMarkup(ranges, 19, 25)).toBe(true);
    expect(touchesMarkup(ranges, 20, 25)).toBe(false);
  });
});

describe("every key's copy keeps the markup byte for byte (attack)", () => {
  const snippets = [
    '<p style="color:red;">',
    '<a href="https://example.com/color/center.html" title="Do not click, it is the center">',
    "&amp;",
    "&nbsp;",
    "[the analysis](https://example.com/guide/city-center-analyze)",
    "`do not stop, it is fine`",
    "<!-- do not publish, it is a draft -->",
    "<code>it is not, ever.</code>",
    "https://en.wikipedia.org/wiki/Theater_(structure)",
    "organize.desk@example.com",
    "\n\n## How to analyze the center, today\n\n",
  ];
  // News and essay prose with a piece of markup after every other sentence.
  const sentences = `${PROSE.NEWS} ${PROSE.ESSAY}`.split(/(?<=[.!?])\s+/);
  const text = sentences.map((s, i) => (i % 2 === 1 ? `${s} ${snippets[(i >> 1) % snippets.length]} and so on, for a while.` : s)).join(" ");
  const markupOf = (t: string) => markupRanges(t).map(([a, b]) => t.slice(a, b));
  const r = seededRandom(17);
  const codes = Array.from({ length: 30 }, () => Math.floor(r() * 2 ** 48).toString(16).padStart(12, "0"));

  test("the text holds every snippet as markup", () => {
    // A link's text is prose (it is marked); its destination is markup.
    for (const snippet of snippets) {
      const part = snippet.startsWith("[") ? snippet.slice(snippet.indexOf("]")) : snippet.trim();
      expect([part, markupOf(text).some((found) => found.includes(part))]).toEqual([part, true]);
    }
  });

  test.each([
    ["the visible layer", (t: string, code: string) => markVisible(t, code)],
    ["the invisible layer", (t: string, code: string) => embedWatermark(t, code)],
    ["both layers, as served", (t: string, code: string) => markText(t, code)],
  ])("%s changes the prose of 30 keys' copies and none of their markup", (_name, mark) => {
    const original = markupOf(text);
    let changed = 0;
    for (const code of codes) {
      const copy = mark(text, code);
      if (copy !== text) changed++;
      expect(markupOf(copy)).toEqual(original);
    }
    expect(changed).toBe(codes.length);
  });

  test("an indented paragraph of plain text is prose: both layers mark it, with no hair space on it (where list version 2 put none)", () => {
    const paragraph = `    ${PROSE.NEWS.split("\n")[0]}`;
    const visible = codes.map((code) => markVisible(paragraph, code));
    expect(visible.filter((copy) => copy !== paragraph).length).toBeGreaterThan(codes.length / 2);
    expect(visible.some((copy) => copy.includes("\u200A"))).toBe(false);
    expect(embedWatermark(paragraph, codes[0])).toMatch(/[\u200B-\u200D\u2060]/);
  });
});

describe("the text of an HTML source", () => {
  test("tags go, blocks become paragraph breaks, comments, scripts and styles go with their content", () => {
    const page = '<div><h2 id="t">Title</h2><!-- a, b --><p class="x">One <b>bold</b> <a href="/y">link</a>.</p><script>var a = "<p>";</script><style>p{}</style><p>Two<br/>lines</p></div>';
    expect(htmlText(page).replace(/\n+/g, "|")).toBe("|Title|One bold link.|Two|lines|");
  });

  test("entities are decoded, named and numeric; unknown names and impossible code points stay as written", () => {
    expect(htmlText("Fish &amp; chips &lt;3 &quot;hi&quot; it&#39;s &#x2014; &#8217; &rsquo;&hellip;&nbsp;x")).toBe("Fish & chips <3 \"hi\" it's \u2014 \u2019 \u2019\u2026\u00A0x");
    expect(htmlText("&bogus; &#0; &#x110000; &#X41;")).toBe("&bogus; &#0; &#x110000; A");
  });

  test("an unclosed script runs to the end; text without tags is unchanged", () => {
    expect(htmlText("Before<script>never closed, here")).toBe("Before");
    const prose = "Compare 5 < 6 and AT&T, or a & b; it is fine.";
    expect(hasTags(prose)).toBe(false);
    expect(htmlText(prose)).toBe(prose);
    expect(hasTags("a <br> b")).toBe(true);
  });
});

describe("long runs without the mark a pattern needs (a base64 image, a run of dots) are read in linear time (attack)", () => {
  // Each text is 200 000 characters: a quadratic pattern takes minutes on them (the e-mail pattern
  // took 40 s on the first three before it was anchored), a linear one milliseconds. No timing is
  // asserted: the test's own time limit is the check.
  const base64 = Array.from({ length: 200_000 }, (_, i) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[(i * 7919) % 64]).join("");
  test.each([
    ["letters and digits", base64],
    ["hyphens", "-".repeat(200_000)],
    ["an address's characters, then an at sign", `${"a".repeat(100_000)}@${"b.".repeat(50_000)}`],
    ["a URL ending in dots", `https://x.com/${".".repeat(200_000)}`],
    ["an entity's letters with no semicolon", `&${"a".repeat(200_000)}`],
  ])("%s", (_name, text) => {
    expect(Array.isArray(markupRanges(text))).toBe(true);
    expect(typeof htmlText(text)).toBe("string");
  });

  test("a URL ending in many dots keeps none of them", () => {
    const text = `see https://x.com/a${".".repeat(50_000)}`;
    expect(markupRanges(text).map(([a, b]) => text.slice(a, b))).toEqual(["https://x.com/a"]);
  });
});

