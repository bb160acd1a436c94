/**
 * What copying does to text, as the leak-tracing bench applies it: each transform takes a served
 * article body and returns what a leaker's tool would produce. Pure functions.
 */

/**
 * Text re-set in lines of `width` columns at its spaces. With `hyphenate` (a PDF or a print), a word
 * that does not fit is broken with a hyphen at the line's end.
 */
const rewrap = (text: string, width: number, hyphenate = false) => {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (!line || line.length + word.length + 1 <= width) {
      line = line ? `${line} ${word}` : word;
      continue;
    }
    const room = width - line.length - 2;
    if (hyphenate && room >= 3 && word.length - room >= 3 && /^[A-Za-z]+$/.test(word.slice(0, room))) {
      lines.push(`${line} ${word.slice(0, room)}-`);
      line = word.slice(room);
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.join("\n");
};

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " ", "&rsquo;": "’", "&lsquo;": "‘", "&ldquo;": "“", "&rdquo;": "”", "&mdash;": "—" };

export const TRANSFORMS: Array<[string, (text: string) => string]> = [
  ["as served", (t) => t],
  ["format chars removed", (t) => t.replace(/\p{Cf}/gu, "")],
  ["ASCII-only (NFKD)", (t) => t.normalize("NFKD").replace(/[^\t\n\r\x20-\x7F]/g, "")],
  ["whitespace re-wrapped", (t) => rewrap(t.replace(/\s+/g, " ").trim(), 64)],
  ["plain quotes/dashes", (t) => t.replace(/[“”„«»]/g, '"').replace(/[‘’ʼ]/g, "'").replace(/—/g, "--").replace(/–/g, "-").replace(/…/g, "...")],
  [
    "HTML round trip",
    (t) => {
      const html = t
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
        .join("\n");
      return html
        .replace(/<\/p>\s*/g, "\n\n")
        .replace(/<br>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&[a-z0-9#]+;/g, (e) => ENTITIES[e] ?? e)
        .replace(/[ \t]+/g, " ")
        .trim();
    },
  ],
  [
    "every 4th sentence dropped",
    (t) =>
      t
        .split(/(?<=[.!?]["”’]?)\s+/)
        .filter((_, i) => i % 4 !== 3)
        .join(" "),
  ],
  ["lower-cased", (t) => t.toLowerCase()],
];

const byName = new Map(TRANSFORMS);

/** A scraper's page holding the text, as "view source" shows it: paragraphs in tags, a link in each, characters escaped. */
const pageSource = (text: string) => {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p class="post-body">${escapeHtml(p).replace(/(\w+ \w+)\./, '<a href="https://mirror.example/p">$1</a>.')}</p>`);
  return `<div class="post">\n${paragraphs.join("\n")}\n</div>`;
};

/**
 * What other tools do, outside the list (bench only): non-ASCII characters replaced by
 * spaces without NFKD (the variation selectors become spaces too), an ASCII-only copy whose
 * spaces before punctuation were then tidied away, an ASCII-only copy set as a page (a PDF's
 * text: words broken across lines with hyphens), and one pasted as the HTML source of a page.
 */
export const OTHER_TRANSFORMS: Array<[string, (text: string) => string]> = [
  ["non-ASCII replaced by spaces", (t) => t.replace(/[^\t\n\r\x20-\x7E]/g, " ")],
  ["ASCII-only, spaces before punctuation tidied", (t) => byName.get("ASCII-only (NFKD)")!(t).replace(/\s+([,.;:!?)])/g, "$1")],
  ["ASCII-only, set as a page with hyphenated line ends", (t) => rewrap(byName.get("ASCII-only (NFKD)")!(t).replace(/\s+/g, " ").trim(), 60, true)],
  ["ASCII-only, pasted as its page's HTML source", (t) => pageSource(byName.get("ASCII-only (NFKD)")!(t))],
];
TRANSFORMS.push([
  "all combined",
  (t) => {
    let out = t;
    for (const name of ["HTML round trip", "plain quotes/dashes", "every 4th sentence dropped", "format chars removed", "ASCII-only (NFKD)", "lower-cased", "whitespace re-wrapped"]) {
      out = byName.get(name)!(out);
    }
    return out;
  },
]);
