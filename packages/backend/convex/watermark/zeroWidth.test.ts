import { describe, expect, test } from "vitest";
import { seededRandom } from "../lib/random";
import fc from "fast-check";
import {
  WATERMARK_PAYLOAD_LENGTH,
  embedWatermark,
  extractWatermark,
  stripWatermark,
  zeroWidthEvidence,
  zeroWidthReader,
} from "./zeroWidth";

const CODE_A = "3fa9c01b7e42";
const CODE_B = "000000000001";
// Alternation, not a character class: a class holding U+200D reads as a joined sequence.
const OURS = /\u200B|\u200C|\u200D|\u2060|\uFE01|\uFE02|\uFE03|\uFE04/g;
const isZeroWidth = (char: string) => char === "\u200B" || char === "\u200C" || char === "\u200D" || char === "\u2060";
const isSelector = (char: string) => char >= "\uFE01" && char <= "\uFE04";
const isOurs = (char: string) => isZeroWidth(char) || isSelector(char);
/** A value computed on first use (inside a test) and kept. */
function once<T>(make: () => T): () => T {
  let value: { made: T } | undefined;
  return () => (value ??= { made: make() }).made;
}
const hexCode = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 12, maxLength: 12 });

// Ordinary English prose: common words of realistic lengths, sentences of 6–22 words with the
// odd comma, paragraphs of 3–6 sentences. Seeded, so failures reproduce.
const WORDS = (
  "the of and to in is that it for was on are as with his they at be this from have or by one " +
  "had not but what all were when we there can an your which their said if do will each about " +
  "how up out them then she many some so these would other into has more her two like him see " +
  "time could no make than first been its who now people my made over did down only way find " +
  "use may water long little very after words called just where most know get through back " +
  "much before go good new write our used me man too any day same right look think also around " +
  "another came come work three word must because does part even place well such here take why " +
  "things help put years different away again off went old number great tell men say small " +
  "every found still between name should home big give air line set own under read last never " +
  "us left end along while might next sound below saw something thought both few those always " +
  "looked show large often together asked house don't world going want school important until " +
  "form food keep children feet land side without boy once animals life enough took sometimes " +
  "four head above kind began almost live page got earth need far hand high year mother light " +
  "country father let night following picture being study second eyes soon times story boys " +
  "since white days paper hard near sentence better best across during today others however " +
  "sure means knew it's try told young miles sun ways thing whole hear example heard several " +
  "change answer room sea against top turned learn point city play toward five using himself " +
  "usually infrastructure authentication organisation well-known developers subscription"
).split(" ");

function prose(seed: number, paragraphs: number): string {
  const random = seededRandom(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)];
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    const count = 3 + Math.floor(random() * 4);
    for (let s = 0; s < count; s++) {
      const length = 6 + Math.floor(random() * 17);
      const words = Array.from({ length }, (_, i) => (i > 2 && i < length - 2 && random() < 0.08 ? `${pick()},` : pick()));
      words[0] = words[0][0].toUpperCase() + words[0].slice(1);
      sentences.push(`${words.join(" ")}${random() < 0.1 ? "?" : "."}`);
    }
    out.push(sentences.join(" "));
  }
  return out.join("\n\n");
}

const ARTICLE = `# Rate limiting on Convex, explained

Rate limits protect a service from bursts, but they also shape how customers build on it. In this
article we look at fixed windows, token buckets and the trade-offs between them. See
https://example.com/rate-limits for the full benchmark, or read [the docs](https://docs.example.com/limits "Docs").

## Fixed windows

A fixed window counts requests between two instants. Call \`limiter.check(key, { max: 100 })\` to
test a key, and remember that a burst at the edge of two windows can let through twice the limit.
The counter is stored in one document per key — reads are cheap, writes are contended.

- Every request increments the counter of the current window.
- When the window ends, the counter starts again from zero, so *nothing* is remembered.
- Email support@example.com if your team needs a higher limit than the plan gives.

\`\`\`ts
const result = await limiter.limit(ctx, "api", { key: apiKeyId });
if (!result.ok) return tooManyRequests(result.retryAfter);
\`\`\`

> Token buckets smooth bursts: tokens refill at a steady rate and each request spends one.
> They are fairer to clients that pause and resume, which is what most integrations do.

    indented code stays exactly as it was written by the author

| plan | limit |
|------|-------|
| pro  | 100 per minute |

Our customers 👩‍💻 read the counters on the usage page; a Persian reader writes می‌خواهم and the
joiner inside that word is theirs, not ours. Finally, www.example.com links stay clickable.
`;

/** A fragment of `marked` starting at raw index `start` and covering `visible` visible characters. */
function fragment(marked: string, start: number, visible: number): string {
  let end = start;
  let seen = 0;
  while (end < marked.length && seen < visible) {
    if (!isOurs(marked[end])) seen++;
    end++;
  }
  return marked.slice(start, end);
}

describe("embedWatermark and stripWatermark", () => {
  test("a realistic markdown article round-trips: stripping restores it exactly and the code is recovered", () => {
    const marked = embedWatermark(ARTICLE, CODE_A);
    expect(marked).not.toBe(ARTICLE);
    expect(stripWatermark(marked)).toBe(ARTICLE);
    const found = extractWatermark(marked);
    expect(found).toMatchObject({ code: CODE_A, confidence: 1 });
    expect(found!.copies).toBeGreaterThanOrEqual(1);
  });

  test("invisible characters are far below a quarter of the text: at every second gap of prose one zero-width character and, after a letter, one selector", () => {
    const text = prose(4, 12);
    const marked = embedWatermark(text, CODE_A);
    const zeroWidth = [...marked].filter(isZeroWidth).length;
    const selectors = [...marked].filter(isSelector).length;
    expect(zeroWidth / marked.length).toBeLessThan(0.09);
    expect(zeroWidth / marked.length).toBeGreaterThan(0.04);
    expect(selectors).toBeLessThanOrEqual(zeroWidth);
    expect((zeroWidth + selectors) / marked.length).toBeLessThan(0.16);
    expect(marked).not.toMatch(/(?:\u200B|\u200C|\u200D|\u2060){2}/);
    expect(marked).not.toMatch(/[\uFE01-\uFE04]{2}/);
  });

  test("the visible text is unchanged: removing every invisible character gives the original", () => {
    const text = prose(1, 6);
    expect(embedWatermark(text, CODE_A).replace(OURS, "")).toBe(text);
  });

  test("inserts only after a space and before a plain word, never inside a word", () => {
    const marked = embedWatermark(ARTICLE, CODE_A);
    for (const match of marked.matchAll(/(?:\u200B|\u200C|\u200D|\u2060)+/g)) {
      const before = marked[match.index - 1];
      const after = marked[match.index + match[0].length];
      if (before !== " ") {
        // Only the article's own joiners (emoji, Persian) sit elsewhere, and they are untouched.
        expect(ARTICLE).toContain(marked.slice(match.index - 2, match.index + match[0].length + 1));
        continue;
      }
      expect(after).toMatch(/["“‘'(\p{L}\p{N}]/u);
    }
  });

  test("leaves code blocks, inline code, URLs, e-mail addresses, headings and tables byte for byte", () => {
    const marked = embedWatermark(ARTICLE, CODE_A);
    for (const untouched of [
      "# Rate limiting on Convex, explained\n",
      "## Fixed windows\n",
      "https://example.com/rate-limits",
      "[the docs](https://docs.example.com/limits \"Docs\")",
      "`limiter.check(key, { max: 100 })`",
      "const result = await limiter.limit(ctx, \"api\", { key: apiKeyId });\nif (!result.ok) return tooManyRequests(result.retryAfter);",
      "    indented code stays exactly as it was written by the author",
      "| pro  | 100 per minute |",
      "support@example.com",
      " www.example.com",
    ]) {
      expect(marked).toContain(untouched);
    }
  });

  test("keeps the text's own emoji joiners and in-word ZWNJ, and never reads them as a watermark", () => {
    const text = "Team 👩‍💻 ships. می‌خواهم بروم.";
    expect(extractWatermark(text)).toBeNull();
    const marked = embedWatermark(ARTICLE, CODE_B);
    expect(marked).toContain("👩‍💻");
    expect(marked).toContain("می‌خواهم");
    expect(stripWatermark(marked)).toBe(ARTICLE);
  });

  test("strip(embed(t)) === t for any text without watermark characters after whitespace", () => {
    const unit = fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }) },
      { weight: 4, arbitrary: fc.constantFrom(" ", "  ", "\n", "\t", "```", "`", "# ", "a", "word", "👩‍💻", "\u200D", "\uFEFF") },
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 200 }).map((parts) => parts.join("")), hexCode, (text, code) => {
        fc.pre(stripWatermark(text) === text);
        expect(stripWatermark(embedWatermark(text, code))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  test("strip(embed(t)) === strip(t) for any text at all, including one already watermarked", () => {
    const unit = fc.oneof(
      fc.string({ unit: "binary", maxLength: 3 }),
      fc.constantFrom(" ", "\n", "a", "bc", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 200 }).map((parts) => parts.join("")), hexCode, (text, code) => {
        expect(stripWatermark(embedWatermark(text, code))).toBe(stripWatermark(text));
      }),
      { numRuns: 500 },
    );
  });

  test("re-embedding replaces the previous key's watermark instead of mixing two codes", () => {
    const twice = embedWatermark(embedWatermark(prose(2, 4), CODE_A), CODE_B);
    expect(twice).toBe(embedWatermark(prose(2, 4), CODE_B));
    expect(extractWatermark(twice)).toMatchObject({ code: CODE_B, confidence: 1 });
  });

  test("accepts an upper-case code and refuses anything but 12 hex characters", () => {
    expect(extractWatermark(embedWatermark(prose(3, 2), CODE_A.toUpperCase()))?.code).toBe(CODE_A);
    for (const bad of ["", "3fa9c01b7e4", "3fa9c01b7e421", "3fa9c01b7e4g", "nak_pk_abcde"]) {
      expect(() => embedWatermark("some text here", bad)).toThrow(/12 hex characters/);
    }
  });
});

describe("extractWatermark", () => {
  const text = prose(42, 12);
  // Built inside each test, not while the file is collected: a fault in embedding then fails tests.
  const marked = once(() => embedWatermark(text, CODE_A));

  test("the test prose is long and ordinary (about 6 characters per word)", () => {
    expect(text.length).toBeGreaterThan(4000);
    expect(text.length / text.split(/\s+/).length).toBeGreaterThan(4.5);
  });

  test("recovers the code on its own from every 700-character fragment of prose, wherever it starts", () => {
    for (let start = 0; start < marked().length - 700; start += 1) {
      const piece = fragment(marked(), start, 700);
      if (piece.replace(OURS, "").length < 700) break;
      expect(extractWatermark(piece)?.code, `fragment at ${start}`).toBe(CODE_A);
    }
  });

  test("every 300-character fragment is strong evidence for its own code and none for another", () => {
    for (let start = 0; start < marked().length - 300; start += 7) {
      const piece = fragment(marked(), start, 300);
      if (piece.replace(OURS, "").length < 300) break;
      expect(zeroWidthEvidence(piece, CODE_A).randomMatchProbability, `fragment at ${start}`).toBeLessThan(1e-4);
      expect(zeroWidthEvidence(piece, CODE_B).randomMatchProbability).toBeGreaterThan(1e-3);
    }
  });

  test("the evidence bound holds for random codes: a wrong code rarely reaches even 1e-3 (property)", () => {
    let strong = 0;
    fc.assert(
      fc.property(hexCode, fc.integer({ min: 0, max: 3000 }), (code, start) => {
        fc.pre(code !== CODE_A);
        if (zeroWidthEvidence(fragment(marked(), start, 500), code).randomMatchProbability < 1e-3) strong++;
      }),
      { numRuns: 300 },
    );
    expect(strong).toBeLessThanOrEqual(3);
  });

  test("recovers any code from random 700-character fragments of random prose (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), hexCode, fc.double({ min: 0, max: 1, noNaN: true }), (seed, code, at) => {
        const body = embedWatermark(prose(seed, 4), code);
        const start = Math.floor(at * Math.max(0, body.length - 800));
        const piece = fragment(body, start, 700);
        fc.pre(piece.replace(OURS, "").length === 700);
        const found = extractWatermark(piece);
        expect(found?.code).toBe(code);
        expect(found!.confidence).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  test("a 1100-character fragment usually holds a whole sync-to-sync payload, not only a rotation", () => {
    let copies = 0;
    let fragments = 0;
    for (let start = 0; start < marked().length - 1300; start += 37) {
      copies += extractWatermark(fragment(marked(), start, 1100))!.copies;
      fragments++;
    }
    expect(copies / fragments).toBeGreaterThanOrEqual(1);
  });

  test("survives re-wrapping: spaces become newlines, lines are re-filled to another width", () => {
    const piece = fragment(marked(), 1234, 900);
    const words = piece.split(/\s+/);
    const lines: string[] = [];
    let line = "";
    for (const word of words) {
      if (line.replace(OURS, "").length + word.replace(OURS, "").length > 58) {
        lines.push(line.trimEnd());
        line = "";
      }
      line += `${word} `;
    }
    lines.push(line.trimEnd());
    expect(extractWatermark(lines.join("\n"))?.code).toBe(CODE_A);
    // An editor that breaks lines at the zero-width space itself.
    expect(extractWatermark(piece.replace(/\u200B/g, "\u200B\n"))?.code).toBe(CODE_A);
  });

  test("ignores stray U+FEFF and other format characters inserted anywhere", () => {
    const random = seededRandom(7);
    const piece = [...fragment(marked(), 500, 800)]
      .map((char) => (random() < 0.1 ? `${char}${["\uFEFF", "\u200E", "\u2063"][Math.floor(random() * 3)]}` : char))
      .join("");
    expect(extractWatermark(`\uFEFF${piece}`)?.code).toBe(CODE_A);
  });

  test.each(["\uFEFF", "\u200E", "\u200F", "\u2061", "\u2062", "\u2063", "\u2064", "\u180E"])(
    "a format character %j after every space neither starts, ends nor joins a run",
    (format) => {
      // Right after the space, before our character: without being skipped it would make our run "not after whitespace".
      // Each carrier on its own (the other would otherwise make up for a fault in reading this one).
      const zeroWidthOnly = fragment(marked(), 500, 900).replace(/[\uFE01-\uFE04]/g, "");
      expect(extractWatermark(zeroWidthOnly.replace(/ /g, ` ${format}`))?.code).toBe(CODE_A);
      // Between a selector and its closing mark, or between the mark and the space.
      const selectorsOnly = fragment(marked(), 500, 900).replace(/\p{Cf}/gu, "");
      expect(extractWatermark(selectorsOnly.replace(/([\uFE01-\uFE04])/g, `$1${format}`).replace(/ /g, `${format} `))?.code).toBe(CODE_A);
    },
  );

  test("finds the code inside unwatermarked text before and after the fragment", () => {
    const leak = `Scraped from some-site.example:\n\n${fragment(marked(), 2000, 800)}\n\n${prose(9, 2)}`;
    expect(extractWatermark(leak)).toMatchObject({ code: CODE_A, confidence: 1 });
  });

  test("returns null for text without a watermark", () => {
    expect(extractWatermark(text)).toBeNull();
    expect(extractWatermark(ARTICLE)).toBeNull();
    expect(extractWatermark("")).toBeNull();
    expect(extractWatermark(stripWatermark(marked()))).toBeNull();
  });

  test("returns null for random text, including random invisible characters, or a checksum-valid code", () => {
    const unit = fc.oneof(fc.constantFrom(" ", "\u200B", "\u200C", "\u200D", "\u2060", "a"), fc.string({ maxLength: 2 }));
    let found = 0;
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 400 }).map((parts) => parts.join("")), (noise) => {
        const result = extractWatermark(noise);
        if (result !== null) {
          found++;
          // Any answer must be a payload that really verifies: re-embedding it reproduces it.
          expect(extractWatermark(embedWatermark(prose(1, 1), result.code))?.code).toBe(result.code);
        }
      }),
      { numRuns: 500 },
    );
    expect(found).toBe(0);
  });

  test("never confuses two keys: each text yields its own key's code, never the other's", async () => {
    const codes = ["3fa9c01b7e42", "3fa9c01b7e43"]; // adjacent codes: the hardest pair to tell apart
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 1500 }), (seed, start) => {
        const body = prose(seed, 5);
        for (const [code, other] of [codes, [...codes].reverse()]) {
          const piece = fragment(embedWatermark(body, code), start, 800);
          const found = extractWatermark(piece)?.code;
          expect(found).not.toBe(other);
          // Near the end of a short text the fragment may be too short to hold a payload.
          if (piece.replace(OURS, "").length === 800) expect(found).toBe(code);
        }
      }),
      { numRuns: 200 },
    );
  });

  test("a fragment mixing two keys' text returns the key with more copies", () => {
    const a = embedWatermark(prose(10, 12), CODE_A);
    const b = embedWatermark(prose(11, 6), CODE_B);
    const mixed = `${fragment(a, 100, 2600)} ${fragment(b, 100, 1200)}`;
    const found = extractWatermark(mixed);
    expect(found?.code).toBe(CODE_A);
    expect(found!.confidence).toBeLessThan(1);
  });

  test("a fragment mixing two keys' text returns one of them or null, never a third code (property)", () => {
    fc.assert(
      fc.property(
        hexCode,
        hexCode,
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 20, max: 600 }),
        fc.integer({ min: 20, max: 600 }),
        (codeA, codeB, startA, startB, lengthA, lengthB) => {
          const a = embedWatermark(prose(startA + 1, 5), codeA);
          const b = embedWatermark(prose(startB + 2, 5), codeB);
          const found = extractWatermark(fragment(a, startA, lengthA) + fragment(b, startB, lengthB));
          expect([codeA, codeB, undefined]).toContain(found?.code);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("two keys with equally many copies in one fragment give null rather than a guess", () => {
    const body = prose(12, 2);
    const a = embedWatermark(body, CODE_A);
    const b = embedWatermark(body, CODE_B);
    expect(extractWatermark(a)!.copies).toBe(extractWatermark(b)!.copies);
    expect(extractWatermark(`${a}\n\n${b}`)).toBeNull();
  });
});

describe("short texts", () => {
  test("a text with no gap between two plain words is returned unchanged and carries no watermark", () => {
    for (const text of ["", "Hello", "https://example.com/a", "`code` `only`", "```\nfenced code only\n```"]) {
      expect(embedWatermark(text, CODE_A)).toBe(text);
      expect(extractWatermark(embedWatermark(text, CODE_A))).toBeNull();
    }
  });

  test("a short text such as a title carries one character per gap: a piece of the stream that fits its code only", () => {
    const text = "The quiet revolution in coastal cities and their heat waves";
    const marked = embedWatermark(text, CODE_A);
    const invisible = [...marked].filter(isZeroWidth).length;
    expect(invisible).toBe(text.split(" ").length - 1);
    expect([...marked].filter(isSelector).length).toBe(invisible);
    expect(invisible).toBeLessThan(WATERMARK_PAYLOAD_LENGTH);
    expect(zeroWidthEvidence(marked, CODE_A)).toMatchObject({ symbols: invisible, matched: invisible });
    expect(zeroWidthEvidence(marked, CODE_B).matched).toBeLessThan(invisible);
    expect(stripWatermark(marked)).toBe(text);
  });

  test("a fragment too short to hold a payload returns null or the right code, never another", () => {
    const marked = embedWatermark(prose(5, 3), CODE_A);
    let nulls = 0;
    for (let start = 0; start < 1000; start += 13) {
      const found = extractWatermark(fragment(marked, start, 60));
      if (found === null) nulls++;
      else expect(found.code).toBe(CODE_A);
    }
    expect(nulls).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
describe("the second carrier: variation selectors survive a strip of format characters", () => {
  const text = prose(11, 10);
  // Built inside each test, not while the file is collected: a fault in embedding then fails tests.
  const served = once(() => embedWatermark(text, CODE_A));
  const withoutFormat = () => served().replace(/\p{Cf}/gu, "");
  const withoutSelectors = () => served().replace(/[\uFE00-\uFE0F]/gu, "");
  // What a tool that removes every format character leaves: the selectors.

  test("a copy with every format character removed (\\p{Cf}) still names its code (attack)", () => {
    expect(withoutFormat()).not.toMatch(/[\u200B-\u200D\u2060]/);
    expect(extractWatermark(withoutFormat())).toMatchObject({ code: CODE_A, confidence: 1 });
    for (let start = 0; start < withoutFormat().length - 900; start += 37) {
      expect(extractWatermark(fragment(withoutFormat(), start, 800))?.code, `fragment at ${start}`).toBe(CODE_A);
      expect(zeroWidthEvidence(fragment(withoutFormat(), start, 300), CODE_A).randomMatchProbability).toBeLessThan(1e-4);
    }
  });

  test("either carrier alone reads the same stream as both together", () => {
    const both = zeroWidthEvidence(served(), CODE_A);
    expect(zeroWidthEvidence(withoutSelectors(), CODE_A)).toEqual(both);
    // Every word of plain English prose ends in a letter or digit before its punctuation: the selectors carry every symbol.
    expect(zeroWidthEvidence(withoutFormat(), CODE_A)).toEqual(both);
    expect(extractWatermark(withoutSelectors())).toEqual(extractWatermark(served()));
  });

  test("a selector is written right after the last Latin letter or digit of the word before a gap, before its closing punctuation, and nowhere else", () => {
    const marked = embedWatermark("The fee is 10 dollars, paid in café bars (all day) and the λόγος of it, said “Ann.” Then every night too", CODE_A);
    const chars = [...marked];
    const selectors = chars.flatMap((c, i) => (isSelector(c) ? [i] : []));
    expect(selectors.length).toBeGreaterThan(6);
    for (const i of selectors) {
      expect(chars[i - 1]).toMatch(/^[A-Za-z0-9é]$/);
      expect(chars.slice(i + 1).join("")).toMatch(/^[.,;:!?)"”’']*[ \u200B-\u200D\u2060]/);
    }
    expect(marked).toMatch(/10[\uFE01-\uFE04] /);
    expect(marked).toMatch(/dollars[\uFE01-\uFE04], /);
    expect(marked).toMatch(/café[\uFE01-\uFE04] /);
    expect(marked).toMatch(/Ann[\uFE01-\uFE04]\.” /);
    // A word ending in a Greek letter gets none (VS after other scripts may select a glyph variant).
    expect(marked).not.toMatch(/λόγος[\uFE01-\uFE04]/);
  });

  test.each([".", ",", ";", ":", "!", "?", ")", '"', "”", "’", "'"])("a word closed by %s carries its selector before the mark, and a copy without format characters reads it", (mark) => {
    const text = `alpha beta${mark} gamma delta`;
    const marked = embedWatermark(text, CODE_A);
    const after = marked.slice(marked.indexOf("beta") + 4);
    expect(after[0]).toMatch(/^[\uFE01-\uFE04]$/);
    expect(after.slice(1).startsWith(`${mark} `)).toBe(true);
    const stripped = marked.replace(/\p{Cf}/gu, "");
    expect(zeroWidthEvidence(stripped, CODE_A)).toEqual(zeroWidthEvidence(marked, CODE_A));
    expect(stripWatermark(marked)).toBe(text);
  });

  test("Latin letters up to the end of Latin Extended-B carry a selector; the next block (IPA) does not", () => {
    expect(embedWatermark("the Łódź office and the ɐ sound here", CODE_A)).toMatch(/Łódź[\uFE01-\uFE04] /);
    expect(embedWatermark("the ȳ mark and more words here", CODE_A)).toMatch(/ȳ[\uFE01-\uFE04] /);
    expect(embedWatermark("the ɐ sound and more words here", CODE_A)).not.toMatch(/ɐ[\uFE01-\uFE04]/);
    expect(embedWatermark("the Àb and Øb and øb words", CODE_A)).toMatch(/Àb[\uFE01-\uFE04] .*Øb[\uFE01-\uFE04] .*øb[\uFE01-\uFE04] /);
  });

  test("a copy cut right after a selector (or after its closing mark) still reads that gap's symbol", () => {
    const marked = embedWatermark("alpha beta gamma delta epsilon", CODE_A).replace(/\p{Cf}/gu, "");
    const all = zeroWidthEvidence(marked, CODE_A).symbols;
    const cut = marked.slice(0, marked.indexOf("gamma") + "gamma".length + 1);
    expect(all).toBe(4);
    expect(zeroWidthEvidence(cut, CODE_A).symbols).toBe(3);
    expect(zeroWidthEvidence(`${cut}.`, CODE_A).symbols).toBe(3);
    expect(zeroWidthEvidence(cut.slice(0, -1), CODE_A).symbols).toBe(2);
  });

  test("an ordered list keeps its markers: no selector between a line's opening number and its '.' or ')'", () => {
    const list = "Steps to follow today:\n\n1. Open the settings page now\n2) Choose a new plan there\n   10. Save the changes again\nThe year 2026. Then more words here";
    const marked = embedWatermark(list, CODE_A);
    expect(marked).toMatch(/^1\. /m);
    expect(marked).toMatch(/^2\) /m);
    expect(marked).toMatch(/^ {3}10\. /m);
    // A number ending a sentence inside a line is not a marker: it carries a selector.
    expect(marked).toMatch(/2026[\uFE01-\uFE04]\. /);
    expect(stripWatermark(marked)).toBe(list);
  });

  test("variation selectors that are not ours are left alone and never read: emoji, ideographic variants, a slashed zero", () => {
    const own = "I love tea \u2764\uFE0F every day, \u845B\u{E0100} is a name, and 0\uFE00 is a slashed zero in this font today";
    const marked = embedWatermark(own, CODE_A);
    expect(stripWatermark(marked)).toBe(own);
    expect(marked).toContain("\u2764\uFE0F");
    expect(marked).toContain("0\uFE00");
    expect(zeroWidthEvidence(own, CODE_A).symbols).toBe(0);
  });

  test("when a gap's two carriers disagree, the zero-width character is read", () => {
    const marked = embedWatermark(text, CODE_A);
    const tampered = marked.replace(/[\uFE01-\uFE04]/g, (c) => String.fromCharCode(0xfe01 + ((c.charCodeAt(0) - 0xfe01 + 1) % 3)));
    expect(extractWatermark(tampered)).toEqual(extractWatermark(marked));
  });

  test("an ASCII-only copy keeps neither carrier: only the visible layer survives it", () => {
    const ascii = served().normalize("NFKD").replace(/[^\t\n\r\x20-\x7F]/g, "");
    expect(zeroWidthEvidence(ascii, CODE_A).symbols).toBe(0);
  });
});

// The wire format and the reader's exact rules (each held by a mutant that once survived).

const SYMBOL = { "\u200B": "0", "\u200C": "1", "\u200D": "2", "\u2060": "s" } as Record<string, string>;
const CHAR_OF = { "0": "\u200B", "1": "\u200C", "2": "\u200D", s: "\u2060" } as Record<string, string>;
/** The code's whole stream, sync first: 43 plain words have 42 gaps, one character each. */
function streamOfCode(code: string): string {
  const served = embedWatermark(Array.from({ length: 43 }, (_, i) => `word${i}`).join(" "), code);
  return [...served].filter(isOurs).map((char) => SYMBOL[char]).join("");
}
/** Plain words carrying the given stream symbols, one before each word after the first. */
function carrying(symbols: string): string {
  return ["start", ...[...symbols].map((symbol, i) => `${CHAR_OF[symbol]}w${i}`)].join(" ");
}
const invisibleBefore = (served: string, word: string) => isOurs(served[served.indexOf(word) - 1]);

describe("with the visible layer's hair spaces before closing punctuation", () => {
  // The visible layer may put U+200A between a word and its closing punctuation ("word\u200A,").
  const text = prose(23, 10);
  const spaced = text.replace(/(?<=[\p{L}\p{N}])([.,;:!?)])(?=\s|$)/gu, "\u200A$1");
  const served = once(() => embedWatermark(spaced, CODE_A));

  test("the hair space neither hides a gap nor moves a symbol: the same stream is written as without it", () => {
    expect(spaced).not.toBe(text);
    const plain = embedWatermark(text, CODE_A);
    expect(served().replace(/\u200A/g, "")).toBe(plain);
    // The selector stays on the word's last letter, before the hair space and the mark.
    expect(served()).toMatch(/[\uFE01-\uFE04]\u200A[.,;:!?)]/u);
    expect(served()).not.toMatch(/\u200A[\uFE01-\uFE04]/u);
    expect(zeroWidthEvidence(served(), CODE_A)).toEqual(zeroWidthEvidence(plain, CODE_A));
  });

  test("a selector before a hair space counts once, whether the hair space is kept, made a plain space or broken onto a new line", () => {
    const onlySelectors = served().replace(/\p{Cf}/gu, "");
    const both = zeroWidthEvidence(served(), CODE_A);
    for (const copy of [served(), served().replace(/\u200A/g, " "), served().replace(/\u200A/g, "\n")]) {
      expect(zeroWidthEvidence(copy, CODE_A)).toEqual(both);
      expect(extractWatermark(copy)).toMatchObject({ code: CODE_A, confidence: 1 });
    }
    for (const copy of [onlySelectors, onlySelectors.replace(/\u200A/g, " ")]) {
      expect(zeroWidthEvidence(copy, CODE_A)).toEqual(both);
    }
  });
});

describe("the wire format", () => {
  test("is stable: a copy served by an earlier version still decodes (sync, then code and CRC-16/CCITT-FALSE in 41 base-3 digits)", () => {
    // Fixed vectors: changing the alphabet, the checksum or the digit order would strand every copy already served.
    expect(streamOfCode("0123456789ab")).toBe("s00000112202012100200001022001212101002101");
    expect(streamOfCode("ffffffffffff")).toBe("s11112220022122120101211020120202110222000");
    expect(streamOfCode("000000000000")).toBe("s00000000000000000000000000000000011221100");
    expect(extractWatermark(carrying("s00000112202012100200001022001212101002101"))).toMatchObject({ code: "0123456789ab", copies: 1 });
  });

  test("one sync with the payload's end before it and its start after it is one whole payload; less is nothing", () => {
    const stream = streamOfCode(CODE_A);
    const digits = stream.slice(1);
    // The last 20 digits, the sync, the first 21: a rotation of the whole payload.
    expect(extractWatermark(carrying(`${digits.slice(21)}s${digits.slice(0, 21)}`))?.code).toBe(CODE_A);
    // Exactly 41 digits around the sync, the head longer than needed: still read from the right end.
    expect(extractWatermark(carrying(`2${digits.slice(21)}s${digits.slice(0, 21)}`))?.code).toBe(CODE_A);
    // Ten digits short: no payload, no guess.
    expect(extractWatermark(carrying(`${digits.slice(31)}s${digits.slice(0, 21)}`))).toBeNull();
  });

  test("the key with more verified copies wins whichever comes first in the text", () => {
    const one = streamOfCode(CODE_A);
    const three = streamOfCode(CODE_B).repeat(3);
    expect(extractWatermark(carrying(one + three))).toMatchObject({ code: CODE_B, copies: 3, confidence: 0.75 });
    expect(extractWatermark(carrying(three + one))).toMatchObject({ code: CODE_B, copies: 3, confidence: 0.75 });
  });

  test("evidence of one run is exact: twice the sum, over every piece a random code's stream could hold there, of its chance; whatever the code's case", () => {
    const run = streamOfCode(CODE_A).slice(5, 35);
    const evidence = zeroWidthEvidence(carrying(run), CODE_A);
    expect(evidence).toMatchObject({ symbols: 30, matched: 30 });
    expect(evidence.randomMatchProbability / (2 * unionBound(run, 1, 30))).toBeCloseTo(1, 9);
    expect(zeroWidthEvidence(carrying(run), CODE_A.toUpperCase())).toEqual(evidence);
    // The same run twice pins the same payload positions: counted once, and there are more places for it.
    const twice = zeroWidthEvidence(carrying(run + run), CODE_A);
    expect(twice).toMatchObject({ symbols: 60, matched: 30 });
    expect(twice.randomMatchProbability / (2 * unionBound(run + run, 1, 30))).toBeCloseTo(1, 9);
    expect(twice.randomMatchProbability).toBeGreaterThan(evidence.randomMatchProbability);
    // A fragment that begins with an invisible character counts it (the start of a text is a gap's end).
    const atStart = carrying(run).replace(/^start /, "");
    expect(zeroWidthEvidence(atStart, CODE_A)).toMatchObject({ symbols: 30, matched: 30 });
    // Runs shorter than six are chance: a five-character piece is no evidence.
    expect(zeroWidthEvidence(carrying(run.slice(0, 5)), CODE_A)).toMatchObject({ matched: 0, randomMatchProbability: 1 });
  });

  test("a stream too long to count exactly (over 240 characters) is bounded in closed form: C(m, k) × the per-piece sums, which count every piece that fits and more", () => {
    const run = streamOfCode(CODE_A).slice(5, 35);
    const long = run.repeat(9);
    const evidence = zeroWidthEvidence(carrying(long), CODE_A);
    expect(evidence).toMatchObject({ symbols: 270, matched: 30 });
    expect(evidence.randomMatchProbability / (2 * 270 * chanceOfOnePiece(30))).toBeCloseTo(1, 9);
    // Counted exactly, a shorter stream holding the same run is bounded lower.
    expect(2 * unionBound(run.repeat(2), 1, 30)).toBeLessThan(2 * 60 * chanceOfOnePiece(30));
  });

  test("a run holding the sync character pins 30 informative positions of its 32 (not the sync, not the first digit)", () => {
    const run = streamOfCode(CODE_A).slice(0, 32);
    const evidence = zeroWidthEvidence(carrying(run), CODE_A);
    expect(evidence.matched).toBe(32);
    expect(evidence.randomMatchProbability / (2 * unionBound(run, 1, 30))).toBeCloseTo(1, 9);
    // Scored as 31 or 32 informative positions, it would be stronger than the truth.
    expect(evidence.randomMatchProbability).toBeGreaterThan(2 * unionBound(run, 1, 31));
  });

  test("two pieces at unrelated rotations are scored together when that is stronger: 4 × the two-piece sum", () => {
    const stream = streamOfCode(CODE_A);
    const pieces = stream.slice(5, 13) + stream.slice(20, 28);
    const evidence = zeroWidthEvidence(carrying(pieces), CODE_A);
    expect(evidence.matched).toBe(16);
    const expected = Math.min(2 * unionBound(pieces, 1, 8), 4 * unionBound(pieces, 2, 16));
    expect(expected).toBe(4 * unionBound(pieces, 2, 16));
    expect(evidence.randomMatchProbability / expected).toBeCloseTo(1, 9);
  });

  test("a fragment with sentences cut out of it is still strong evidence: its pieces count together, each at its own rotation", () => {
    // Three pieces of the code's stream (14, 14 and 10 characters), the text between them cut out.
    const stream = streamOfCode(CODE_A).repeat(3);
    const pieces = stream.slice(2, 16) + stream.slice(59, 73) + stream.slice(116, 126);
    const evidence = zeroWidthEvidence(carrying(pieces), CODE_A);
    expect(evidence).toMatchObject({ symbols: 38, matched: 38 });
    expect(evidence.randomMatchProbability).toBeLessThan(1e-6);
    // Each piece alone is weak: the pieces are what make it strong.
    expect(zeroWidthEvidence(carrying(stream.slice(3, 17)), CODE_A).randomMatchProbability).toBeGreaterThan(1e-5);
  });

  test("the bound holds for wrong codes: at most a share α of them reach α (calibration over fragments with sentences cut out)", () => {
    const random = seededRandom(20261202);
    const served = embedWatermark(prose(7, 12), CODE_A);
    const sentences = served.split(/(?<=[.?])\s+/);
    const probabilities: number[] = [];
    // 200 fragments, 15 wrong codes each (the stream's bound is computed once per fragment).
    for (let trial = 0; trial < 200; trial++) {
      const start = Math.floor(random() * (sentences.length - 12));
      const kept = sentences.slice(start, start + 12).filter(() => random() < 0.7).join(" ");
      const evidenceFor = zeroWidthReader(kept.slice(0, 200 + Math.floor(random() * 600)));
      for (let c = 0; c < 15; c++) {
        const code = Array.from({ length: 12 }, () => "0123456789abcdef"[Math.floor(random() * 16)]).join("");
        probabilities.push(evidenceFor(code).randomMatchProbability);
      }
    }
    for (const alpha of [0.3, 0.1, 0.03, 0.01]) {
      expect(probabilities.filter((p) => p <= alpha).length / probabilities.length, `share at or below ${alpha}`).toBeLessThanOrEqual(alpha);
    }
  }, 120_000);
});

/** Σ 3^-I over every rotation and length (6 to 42) of one piece pinning I ≥ `atLeast` informative positions (not the sync or the first digit). */
function chanceOfOnePiece(atLeast: number): number {
  let sum = 0;
  for (let length = 6; length <= WATERMARK_PAYLOAD_LENGTH; length++) {
    for (let rotation = 0; rotation < WATERMARK_PAYLOAD_LENGTH; rotation++) {
      let informative = 0;
      for (let j = 0; j < length; j++) if ((rotation + j) % WATERMARK_PAYLOAD_LENGTH >= 2) informative++;
      if (informative >= atLeast) sum += 3 ** -informative;
    }
  }
  return sum;
}

/**
 * Brute force: the sum of 3^-I over every set of `k` disjoint pieces of `stream` (6 to 42 long, at
 * any rotation under which the stream's sync characters, and only they, fall on the payload's
 * sync) pinning I ≥ `atLeast` informative positions (not the sync or the first digit).
 */
function unionBound(stream: string, k: number, atLeast: number): number {
  const length = WATERMARK_PAYLOAD_LENGTH;
  const pieces: Array<{ start: number; end: number; informative: number }> = [];
  for (let start = 0; start < stream.length; start++) {
    for (let end = start + 6; end <= Math.min(stream.length, start + length); end++) {
      for (let rotation = 0; rotation < length; rotation++) {
        let informative = 0;
        let fits = true;
        for (let j = start; j < end; j++) {
          const position = (rotation + j - start) % length;
          if ((position === 0) !== (stream[j] === "s")) fits = false;
          if (position >= 2) informative++;
        }
        if (fits) pieces.push({ start, end, informative });
      }
    }
  }
  let sum = 0;
  const choose = (from: number, after: number, left: number, informative: number) => {
    if (left === 0) {
      if (informative >= atLeast) sum += 3 ** -informative;
      return;
    }
    for (let i = from; i < pieces.length; i++) if (pieces[i].start >= after) choose(i + 1, pieces[i].end, left - 1, informative + pieces[i].informative);
  };
  choose(0, 0, k, 0);
  return sum;
}

describe("where invisible characters go (markdown and code are left byte for byte)", () => {
  test.each([
    ["a line indented by one space is prose", " alpha beta gamma delta", "gamma", true],
    ["a line indented by four spaces is code", "    alpha beta gamma delta", "gamma", false],
    ["a heading of two hashes is a heading", "## alpha beta gamma delta", "gamma", false],
    ["seven hashes are not a heading", "####### alpha beta gamma delta", "gamma", true],
    ["a '<' or '|' inside a prose line does not make it HTML or a table", "alpha is < beta and gamma | delta here", "here", true],
    ["inline code at the start of a line is not a fence", "`x` alpha beta gamma\nsecond line words here", "words", true],
    ["a tilde at the start of a line is not a fence", "~approx alpha beta gamma\nsecond line words here", "words", true],
    ["a tab between words is not a gap", "alpha \tbeta gamma delta", "beta", false],
    ["a quoted word is a plain word", 'they said "hello there" today', '"hello', true],
    ["a link after a space is not", "visit www.example.com today and tomorrow", "www.", false],
    ["a link in brackets is not", "visit (www.example.com) today and tomorrow", "(www.", false],
    ["a word holding 'www.' further in is", "alpha beta xwww.site gamma", "xwww.site", true],
    ["a tab then a space is not a gap", "alpha\t beta gamma delta", "beta", false],
    ["two spaces are a gap", "alpha  beta gamma delta", "beta", true],
    ["a word opened by a hyphen is not plain", "alpha -beta gamma delta", "-beta", false],
    ["a word closed by a comma is plain", "alpha beta, gamma delta", "gamma", true],
    ["three backticks inside a line open no fence", "alpha beta ```gamma delta\nsecond line words here", "words", true],
  ])("%s", (_name, text, word, marked) => {
    expect(invisibleBefore(embedWatermark(text, CODE_A), word)).toBe(marked);
  });

  test("a fence closes only with at least as many of the same character", () => {
    const text = "~~~~\ncode alpha beta\n~~~\nstill code gamma delta\n````\nstill code epsilon zeta\n~~~~\nprose eta theta iota";
    const served = embedWatermark(text, CODE_A);
    for (const word of ["beta", "delta", "zeta"]) expect(invisibleBefore(served, word)).toBe(false);
    expect(invisibleBefore(served, "theta")).toBe(true);
  });

  test("inline code spans of several backticks are skipped, an unclosed backtick is not a span", () => {
    // Plain words inside a double-backtick span, a single backtick inside it that does not close it.
    const served = embedWatermark("run ``one two three `x` four five six`` now epsilon zeta", CODE_A);
    for (const word of ["three", "five"]) expect(invisibleBefore(served, word)).toBe(false);
    expect(invisibleBefore(served, "zeta")).toBe(true);
    expect(invisibleBefore(embedWatermark("an ` unclosed alpha beta", CODE_A), "beta")).toBe(true);
  });
});
