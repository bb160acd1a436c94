// The visible layer: what marking may change (only listed choice points, only to listed forms),
// that every key's copy differs, and that the choices read back through what copying does.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { HELD_OUT_PROSE, MORE_PROSE, PROSE } from "../../bench/prose";
import { TRANSFORMS } from "../../bench/leakTransforms";
import { generateCatalogue } from "../demo/catalogue";
import { seededRandom } from "../lib/random";
import { MAX_MARKED_CHARS, markArticle, markText } from "./mark";
import { choiceIndex, readChoices, visibleEvidence } from "./trace";
import { tokenize } from "./tokens";
import { HAIR_SPACE, OPTIONAL_FAMILIES, SPACE_FAMILY, SWAP_FAMILIES } from "./variants";
import { choiceFor, choicePoints, codeKey, markVisible, skeletonOf, type ChoicePoint } from "./visible";

const random = seededRandom(12);
const codes = Array.from({ length: 20 }, () => Math.floor(random() * 2 ** 48).toString(16).padStart(12, "0"));
const catalogue = generateCatalogue({ count: 6 }).map((a) => a.body);
const TEXTS = [...Object.values(PROSE), ...catalogue];
const hexCode = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 12, maxLength: 12 });

const SWAP_FORMS = new Map(SWAP_FAMILIES.map((f) => [f.id, f.alternatives.map((a) => a.toLowerCase())]));
const OPTIONAL_FORMS: Record<string, RegExp> = {
  comma: /^,?$/,
  that: /^(\s+that)?$/i,
  of: /^(\s+of)?$/,
  by: /^(\s+by)?$/,
  on: /^(on\s+)?$/i,
  "whether-or-not": /^(\s+or\s+not)?$/,
  "in-order-to": /^(in\s+order\s+)?$/i,
  "quote-comma": /^(,["”’']|["”’'],)$/,
  thousands: /^\d,?\d{3}$/,
  date: /^([A-Z][a-z]+ \d{1,2}(, \d{4})?|\d{1,2} [A-Z][a-z]+( \d{4})?)$/,
  space: /^\u200A?$/,
};

/** Whether `render` is one of the listed forms of its family. */
function isListed(point: ChoicePoint, render: string): boolean {
  const swap = SWAP_FORMS.get(point.family);
  if (swap) return swap.includes(render.replace(/’/g, "'").toLowerCase());
  return OPTIONAL_FORMS[point.family]?.test(render) ?? false;
}

/**
 * Explains `marked` as `original` with each marked point replaced by one of its forms, and returns
 * the forms used; throws where the texts differ anywhere else.
 */
function explain(original: string, marked: string): Array<{ point: ChoicePoint; render: string }> {
  const points: ChoicePoint[] = [];
  let end = 0;
  for (const p of choicePoints(original).filter((p) => p.source).sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (p.start < end) continue;
    points.push(p);
    end = p.end;
  }
  // Point by point, trying each form (longest first: "among" is a prefix of "amongst") and backing
  // off when the rest does not follow ("said that that is" → "said that is" drops either "that").
  const from = (i: number, m: number, o: number): Array<{ point: ChoicePoint; render: string }> | string => {
    if (i === points.length) return marked.slice(m) === original.slice(o) ? [] : "differs after the last choice point";
    const fixed = original.slice(o, points[i].start);
    if (marked.slice(m, m + fixed.length) !== fixed) return `differs outside choice points near ${JSON.stringify(original.slice(o, o + 40))}`;
    let failure = `no listed form at ${JSON.stringify(original.slice(points[i].start - 20, points[i].end + 20))}`;
    for (const render of [...points[i].renders].sort((a, b) => b.length - a.length)) {
      if (!marked.startsWith(render, m + fixed.length)) continue;
      const rest = from(i + 1, m + fixed.length + render.length, points[i].end);
      if (typeof rest !== "string") return [{ point: points[i], render }, ...rest];
      failure = rest;
    }
    return failure;
  };
  const used = from(0, 0, 0);
  if (typeof used === "string") throw new Error(used);
  return used;
}

describe("marking", () => {
  test("a marked text differs from the original only at listed choice points, each time to a listed form", () => {
    for (const text of TEXTS) {
      for (const code of codes.slice(0, 6)) {
        const marked = markVisible(text, code);
        const used = explain(text, marked);
        expect(used.length).toBeGreaterThan(0);
        for (const { point, render } of used) {
          expect(isListed(point, render), `${point.family}: ${JSON.stringify(render)}`).toBe(true);
          for (const form of point.renders) expect(isListed(point, form), `${point.family}: ${JSON.stringify(form)}`).toBe(true);
        }
      }
    }
  });

  test("random English-like prose: marking changes only listed points (property)", () => {
    const words = "the a of and to in that is was for on are with as it by at from not this which but have be or an they said had all both about three percent meanwhile however argues colour organise don't do not more than 1,200 e-mail Monday whether or not in order to who people it's its well we'll they he she I have seen while among started when within rather than whole kind often asked if as though".split(" ");
    const sentence = (r: () => number) => {
      const n = 5 + Math.floor(r() * 14);
      const out = Array.from({ length: n }, () => words[Math.floor(r() * words.length)] + (r() < 0.1 ? "," : ""));
      out[0] = out[0][0].toUpperCase() + out[0].slice(1);
      return `${out.join(" ")}.`;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), hexCode, (seed, code) => {
        const r = seededRandom(seed);
        const text = Array.from({ length: 6 }, () => sentence(r)).join(" ");
        const marked = markVisible(text, code);
        for (const { point, render } of explain(text, marked)) expect(isListed(point, render)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test("random English-like prose: every key's copy has the original's skeleton, however its choices sit next to each other (property)", () => {
    // Choices next to choices, in any order, with optional commas between: a guard that looked at a
    // neighbouring choice (an optional comma, a contraction, an opener with several forms, a
    // numeral) would read one copy differently from another.
    const phrases = [
      "about 47 percent of them", "for now", "meanwhile", "even so", "the cable which failed", "has not so far", "hasn't so far",
      "a lot of people", "lots of money", "every week", "each year", "paid $5 a month", "twice a day", "10 miles per hour",
      "because of the rain", "prior to the vote", "at the start of the year", "soon after the war", "it happened in May",
      "nobody knows", "no one came", "twelve students", "40 years", "less than 10 minutes", "more than 3 percent",
      "in addition", "as a result", "moreover", "at present", "said that they", "the whole town", "learned fast",
      "has proved hard", "was good too", "not anymore", "the organization", "recognized", "kilometers", "on Monday",
      "depends on Friday", "the Kennedy Center", "we will", "it is", "they do not", "and so on", "whilst", "among them",
      "over the past three years", "only 45", "just twelve", "near the city", "close to the public", "the 19th century",
      "from 1 March", "on June 5", "in August", "in 2019", "roughly a billion", "about a third", "25 metres", "defenders who asked",
      "the analysts, who", "I have left the firm", "you have left", "between 1 and 3 March",
      "rose quickly", "fell slightly", "grew considerably", "usually", "seemed to be", "appears to show", "difficult to say",
      "helped to build", "helps explain", "similarly", "fortunately", "to begin with", "in the meantime", "straight away", "currently",
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), hexCode, (seed, code) => {
        const r = seededRandom(seed);
        const sentence = () => {
          const out = Array.from({ length: 2 + Math.floor(r() * 5) }, () => phrases[Math.floor(r() * phrases.length)] + (r() < 0.2 ? "," : ""));
          out[0] = out[0][0].toUpperCase() + out[0].slice(1);
          return `${out.join(" ")}${r() < 0.2 ? "?" : "."}`;
        };
        const text = Array.from({ length: 6 }, sentence).join(" ");
        const marked = markVisible(text, code);
        expect(skeletonOf(marked)).toEqual(skeletonOf(text));
        for (const { point, render } of explain(text, marked)) expect(isListed(point, render)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("the skeleton is the same in every key's copy of prose the list was not written against", () => {
    for (const text of [...Object.values(MORE_PROSE), ...Object.values(HELD_OUT_PROSE)]) {
      const skeleton = skeletonOf(text);
      for (const code of codes.slice(0, 8)) expect(skeletonOf(markText(text, code))).toEqual(skeleton);
    }
  });

  test.each([
    ["'about' and 'around' as prepositions are not estimates", "The film is about 2 brothers. We talked about 45 ideas and walked around 45 houses.", /film is (around|roughly|some|approximately)|talked (around|roughly|some|approximately)|walked (about|roughly|some|approximately)/],
    ["a figure glued to letters is a name, not a count", "They bought some 3D printers.", /(about|around|roughly|approximately) 3D/],
    ["'no more than', 'much less than' keep their comparison", "We allowed no more than 45 people, much more than 45 cars and no less than 45 bikes.", /no over|much over|no under|much under/],
    ["'whole' as a noun is not 'entire'", "On the whole the plan is fine, and the whole of the city agreed.", /entire/],
    ["'at first glance' is an idiom", "At first glance the plan looks fine.", /Initially glance/],
    ["'in contrast to' keeps its preposition", "In contrast to the old plan, this one works.", /By contrast to/],
    ["'no one answer' is not 'nobody answer'", "There is no one answer to that question.", /nobody answer/],
    ["'start' as a noun is not 'begin'", "It was a good start to the season, from start to finish.", /begin to/],
    ["'so far' of distance is not 'to date'", "They had walked so far that night. The town is so far.", /to date|thus far/],
    ["'very nearly' and 'almost never' keep their word", "Almost nobody came; it was very nearly empty, and that almost never happens.", /very almost|nearly (nobody|no one|never)/],
    ["names keep their spelling", "We met at the Kennedy Center near Pearl Harbor, then the Department of Defense closed for Labor Day.", /Centre|Harbour|Defence|Labour/],
    ["figures after a name are part of it", "Sales of Windows 10 licences rose.", /Windows ten/],
    ["a question word is not contracted before a pronoun", "What is it? Who is he?", /What's it|Who's he/],
    ["'on' that belongs to its verb stays before a weekday", "It depends on Monday, and we rely on Friday.", /depends Monday|rely Friday/],
    ["'happen to', 'as it happens', 'so happens' have no 'occur' form", "It happened to him. As it happens, I know. It so happens that I know.", /occur/],
    ["'learned' and 'proven' as adjectives stay", "The learned judge used a proven method.", /learnt judge|proved method/],
    ["'might as well' and 'far too' are idioms", "You might as well go. It was far too.", /might too|far as well/],
    ["an interrogative or non-defining 'which' stays", "I know which car he bought. In which case we go. The cable, which failed, was old.", /know that|In that case|, that failed/],
    ["'a year' that is not a rate stays", "In 2019 a year of drought began, 45 days a week ago.", /per (year|week)/],
    ["'due to' is never made from a 'due to' that means 'expected'", "He is due to arrive, and the money due to the firm was paid.", /because of/],
    ["'quite a lot of' and 'each and every' are idioms", "Quite a lot of money went there each and every year, and not every day.", /quite lots|Quite lots|each and each|not each/],
    ["'as a result of' and 'in addition to' keep their preposition", "As a result of the storm we left. In addition to wages, prices rose.", /Consequently of|Additionally to/],
    ["'those who' stays", "Those who left early missed it.", /Those that/],
    ["a figure that labels keeps its form", "After the chapter 11 filings, year 10 students and season 2 episodes came back.", /eleven|ten students|two episodes/],
    ["a non-defining 'who' (after a comma) is never 'that'", "My neighbours, who live in Paris, came over, and the analysts, who met on Monday, agreed.", /, that (live|met)/],
    ["'have left' meaning 'still have' is never contracted", "Serve it with whatever herbs you have left, and the money we have left.", /you've left|we've left/],
    ["'the last' meaning 'the final' is never 'the past'", "In the last two minutes of the game they scored, and the last few pages were torn.", /the past/],
    ["'only' and 'just' that are not 'merely' keep their word", "The only 2 players left were just 25 minutes late, and if only 3 came, not just 4.", /The just|if just/],
    ["'close to' that is the verb and 'near' that is not the preposition stay", "The museum will close to the public. We near the end, so near the finish; the near future came near the city.", /will near|We close to|so close to|came close to|close to future/],
    ["a meter that is a device keeps its spelling", "They fitted a gas meter and read the meters, then walked 25 metres.", /metre and|the metres/],
    ["'to' that is a preposition keeps its verb ('appeared to audiences', 'helped to safety')", "The film appeared to audiences in 1990, the crew helped to safety the men, and they worked hard to finish.", /seemed to audiences|helped safety|worked difficult/],
    ["'more difficult' is never 'more hard'", "It was more difficult to say than before.", /more hard/],
    ["an opener that modifies the next word stays", "Similarly priced homes sold fast. Fortunately placed, the firm grew.", /Likewise priced|Luckily placed/],
    ["'straight away from' is a direction", "They walked straight away from the car.", /right away/],
    ["a month that is a verb or a name is not a date", "They march 5 miles a day, and the August 4 band may 5 times play.", /5 march|4 August|5 may/],
    ["links, file names and code keep their spelling", "See https://example.org/organization/center, color_scheme, math.floor and anti-organization rules.", /organisation|centre|colour|maths/],
  ])("choices that would change the meaning are never made: %s", (_name, text, forbidden) => {
    for (const code of codes) expect(markVisible(text, code)).not.toMatch(forbidden);
  });

  test("every key's copy differs from every other key's copy", () => {
    for (const text of [PROSE.NEWS, PROSE.ESSAY, PROSE.REPORT, catalogue[0]]) {
      const copies = codes.map((code) => markVisible(text, code));
      expect(new Set(copies).size).toBe(codes.length);
    }
  });

  test("keys choose independently: two keys agree on about half of the two-form choices", () => {
    const index = choiceIndex([{ title: "", summary: "", body: catalogue.join("\n\n") + PROSE.NEWS }]);
    const observations = readChoices(markVisible(catalogue.join("\n\n") + PROSE.NEWS, codes[0]), index).filter((o) => o.forms === 2);
    expect(observations.length).toBeGreaterThan(150);
    for (const other of codes.slice(1)) {
      const share = visibleEvidence(observations, other).matched / observations.length;
      expect(share).toBeGreaterThan(0.35);
      expect(share).toBeLessThan(0.65);
    }
  });

  test("the skeleton (words every copy shares) is the same in every key's copy and through every transform that keeps all sentences", () => {
    for (const text of [PROSE.NEWS, PROSE.REPORT, catalogue[1]]) {
      const skeleton = skeletonOf(text);
      for (const code of codes.slice(0, 4)) {
        const served = markText(text, code);
        for (const [name, transform] of TRANSFORMS) {
          if (name.includes("dropped") || name === "all combined") continue;
          expect(skeletonOf(transform(served)), name).toEqual(skeleton);
        }
      }
    }
  });

  test("no two forms of a listed choice differ only in case, quotes, whitespace or non-ASCII characters", () => {
    for (const family of SWAP_FAMILIES) {
      const canon = family.alternatives.map((a) => tokenize(a).map((t) => t.canon).join(" "));
      expect(new Set(canon).size, family.id).toBe(family.alternatives.length);
      for (const form of family.alternatives) expect(form, family.id).toMatch(/^[\x20-\x7E]+$/);
    }
    expect(OPTIONAL_FAMILIES.every((f) => f in OPTIONAL_FORMS)).toBe(true);
  });

  test.each([
    ["a comma is not added where a phrase does not end", "In particular cases the rule holds for every member."],
    ["the comma after 'however' stays (it changes the meaning)", "However, the plan failed in the end."],
    ["the comma after 'still' stays", "Still, the plan failed in the end."],
    ["'over' a span of years is not 'more than'", "Over 45 years the city grew slowly."],
    ["'she'd' is never expanded (it may mean 'she had')", "She'd gone home before the rain started."],
    ["'don't you' is never expanded", "Don't you think the council should wait?"],
    ["'to date' as a verb is left alone", "I want to date her before the summer ends."],
    ["'were' and 'its' are never read as contractions", "They were sure its cost would fall."],
    ["numbers in codes, versions and money are left alone", "Version 5.2 costs $5 and chapter 3 is free."],
    ["'May' the verb and dates without a year are left alone", "Prices may rise; on May 4 nothing changed in 2026."],
    ["'well' and 'ill' are never read as 'we'll' and 'I'll'", "The well ran dry and the old man fell ill."],
    ["'it's' before 'been' may mean 'it has': never expanded", "It's been a long year for the council."],
    ["a contraction cannot end a gap ('what it is they want')", "Few know what it is they want from the council."],
    ["'have' as a main verb is never contracted", "They have a car. We have no boat."],
    ["'that' after a preposition is not optional ('after that they left')", "They waited and after that they left the city."],
    ["a demonstrative 'that' stays", "She liked that book more than this one."],
    ["'that' of a result clause or after 'the fact' stays", "It rained so much that the river rose. The fact that the city grew is clear."],
    ["'while' as a noun is never 'whilst'", "They waited for a while before the vote."],
    ["'and' joining pronouns gets no comma", "Between you and I the plan was fine."],
    ["'by' before a year is a deadline; 'by' is added only before a rate", "Emissions will fall by 2030 under the plan. The climber fell 25 feet."],
    ["the comma closing a parenthesis stays before 'and'", "The chief, who joined last year, and the board met."],
    ["'that' after a verb that needs it stays", "She liked that its roof was red. He added that the costs would rise."],
  ])("one-way and unsafe choices: %s", (_name, text) => {
    // Hair spaces before punctuation are a choice of their own (tested below): every other character stays.
    for (const code of codes) expect(markVisible(text, code).replaceAll(HAIR_SPACE, "")).toBe(text);
  });

  test("expected choices are made: the listed forms appear across keys", () => {
    const seen = new Set(codes.map((code) => markVisible("Meanwhile, about 45 percent of the people who voted said that the colour was wrong, and we organise what they don't agree with.", code)));
    const all = [...seen].join("\n");
    const dates = new Set(codes.map((code) => markVisible("The vote on November 1, 2026 was close, and the count on 3 December 2026 closer.", code))).values();
    const allDates = [...dates].join("\n");
    for (const form of ["November 1, 2026", "1 November 2026", "December 3, 2026", "3 December 2026"]) expect(allDates).toContain(form);
    for (const form of ["Meanwhile about", "around 45", "roughly 45", "45%", "45 per cent", "people that", "said the colour", "color", "organize", "do not", "wrong and"]) {
      expect(all).toContain(form);
    }
    const more = [...new Set(codes.map((code) => markVisible("It is clear that the plan that we have seen is good, and it will work. When the rain stopped, we went home while they waited among the trees.", code)))].join("\n");
    const swaps = [...new Set(codes.map((code) => markVisible("Within a month they started to move, as though the whole town was particularly tired of the kind of rain we get.", code)))].join("\n");
    const business = [...new Set(codes.map((code) => markVisible("Shares fell by 12 percent and sales rose 5 percent to around $4.2 billion, said an analyst who follows the sector. Prices could be known within minutes, and traders learned fast.", code)))].join("\n");
    for (const form of ["fell 12 percent", "rose by 5 percent", "about $4.2", "analyst that follows", "minutes and traders"]) expect(business).toContain(form);
    for (const form of ["Within a month, they", "began to", "as if", "entire town", "especially tired", "sort of rain"]) expect(swaps).toContain(form);
    for (const form of ["It's clear", "clear the plan", "plan we", "we've seen", "good and it", "it'll work", "stopped we", "whilst they", "amongst the"]) {
      expect(more).toContain(form);
    }
    const rates = [...new Set(codes.map((code) => markVisible("We met every week and paid $45 million a month, 10 miles per hour, less than 45 minutes after it happened because of the rain. Prior to the vote, at the start of the year, soon after the war, a lot of people learned that it has proved hard, and the cable which failed was old as well.", code)))].join("\n");
    for (const form of ["each week", "per month", "an hour", "under 45", "it occurred", "due to the rain", "Before the vote", "the beginning of", "shortly after", "lots of", "learnt", "has proven", "that failed", "old too."]) expect(rates).toContain(form);
    const openers = [...new Set(codes.map((code) => markVisible("As a result, we left. In addition, prices rose. Moreover, wages fell. In short, it failed. At present, the 12 students walk 40 kilometers, fruit and so on, and nobody goes there anymore. The organizational change was recognizable.", code)))].join("\n");
    for (const form of ["Consequently", "Additionally", "Furthermore", "In brief", "At the moment", "twelve students", "forty kilometers", "kilometres", "and so forth", "any more", "organisational", "recognisable"]) expect(openers).toContain(form);
    const titles = [...new Set(codes.map((code) => markVisible("Yesterday Mr. Smith met Dr Jones, and Ms. Lee spoke with Mrs Patel on Main Dr. near the Dr. Seuss museum.", code)))].join("\n");
    for (const form of ["Mr Smith", "Mr. Smith", "Dr. Jones", "Dr Jones", "Ms Lee", "Mrs. Patel"]) expect(titles).toContain(form);
    expect(titles).not.toMatch(/Main Dr |Main Dr\.\./);
    const fifth = [...new Set(codes.map((code) => markVisible("From 1 March the rules change. Over the past three years only 45 tenants and defenders who asked were heard near the city, in the 19th century and on June 5, 25 metres away, and it weighed roughly a billion tonnes.", code)))].join("\n");
    const sixth = [...new Set(codes.map((code) => markVisible("Prices rose quickly and fell slightly, then grew considerably. It usually rains. The results seem to show a trend. It is difficult to say. The fund helped to build schools. Similarly, the city grew. Fortunately, it held. To begin with, we met. In the meantime the work went on. We left straight away. At present the plan holds.", code)))].join("\n");
    for (const form of ["rose rapidly", "fell marginally", "grew substantially", "typically rains", "appear to show", "hard to say", "helped build", "Likewise", "Luckily", "To start with", "Meanwhile", "right away", "At the moment"]) expect(sixth).toContain(form);
    for (const form of ["From March 1 the", "the last three years", "just 45 tenants", "defenders that asked", "the nineteenth century", "on 5 June", "close to the city", "25 meters", "around a billion"]) expect(fifth).toContain(form);
  });
});

describe("a hair space before closing punctuation (list version 2)", () => {
  const spacesIn = (text: string) => [...text.matchAll(/\u200A/g)].length;

  test("is written only between a word and the closing mark that ends it, never left before anything else", () => {
    for (const text of TEXTS) {
      const copies = codes.slice(0, 6).map((code) => markVisible(text, code));
      for (const copy of copies) {
        expect(copy.match(/.\u200A./gsu)?.every((m) => /^[\p{L}\p{N}]\u200A[.,;:!?)]$/u.test(m)) ?? true).toBe(true);
        // The mark ends the word: whitespace, the end, a closing quote or another closing mark follows.
        expect(copy).not.toMatch(/\u200A[.,;:!?)](?![\s"”’'.,;:!?)]|$)/u);
      }
      // Keys differ here: about half of the marks get one in each copy.
      const counts = copies.map(spacesIn);
      expect(Math.min(...counts)).toBeGreaterThan(0);
      expect(new Set(copies).size).toBe(copies.length);
    }
  });

  test("is never put in an ordered-list marker, after an abbreviation's dot or an initial, inside a number or in code", () => {
    const text = [
      "1. Open the lid.\n2) Pour the water.",
      "Dr. Lee met Mr. Ito in the U.S. at 10:30 and paid 3.5 percent, e.g. a fee.",
      "Run `npm test;` first:",
      "```",
      "const x = f(a);",
      "return x;",
      "```",
      "    indented(code);",
      "Then wait.",
    ].join("\n");
    const kept = ["1. Open", "2) Pour", "10:30", "3.5", "`npm test;`", "const x = f(a);\nreturn x;", "    indented(code);"];
    const seen = new Set<string>();
    for (const code of codes) {
      const marked = markVisible(text, code);
      for (const part of kept) expect(marked, part).toContain(part);
      // Titles may lose their dot (a choice of version 1); they never gain a space before it.
      expect(marked).not.toMatch(/(Dr|Mr|U\.S|e\.g)\u200A\./u);
      for (const m of marked.matchAll(/\S*\u200A\S*/gu)) seen.add(m[0].replace("\u200A", "_"));
    }
    // The marks that end words of prose do get them.
    for (const word of ["lid_.", "water_.", "fee_.", "wait_."]) expect(seen).toContain(word);
  });

  test("where an optional comma is dropped, no hair space is left behind, and where it stays it may carry one", () => {
    const text = "Meanwhile, the council met. In Lisbon, a crowd waited, and the mayor spoke.";
    const copies = codes.map((code) => markVisible(text, code));
    expect(copies.some((c) => c.startsWith("Meanwhile\u200A,"))).toBe(true);
    expect(copies.some((c) => c.startsWith("Meanwhile the"))).toBe(true);
    for (const copy of copies) expect(copy).not.toMatch(/\u200A(?![.,;:!?)])/u);
  });

  test("survives what strips the invisible layer: NFKD makes it a plain space that ASCII-only, collapsed whitespace, lower case and HTML keep (attack)", () => {
    const text = PROSE.ESSAY;
    const index = choiceIndex([{ title: "", summary: "", body: text }]);
    const served = markText(text, codes[3]);
    const ascii = new Map(TRANSFORMS).get("all combined")!(served);
    expect(ascii).toMatch(/[a-z0-9] [.,;:!?)]/);
    const spaces = readChoices(ascii, index).filter((o) => o.family === SPACE_FAMILY);
    expect(spaces.length).toBeGreaterThan(10);
    const evidence = visibleEvidence(readChoices(ascii, index), codes[3]);
    expect(evidence.matched).toBe(evidence.points);
  });

  test("a copy marked with version 1 of the list has none, and reads the same as before at every version-1 point", () => {
    for (const text of TEXTS) {
      const v1 = markVisible(text, codes[0], Infinity, 1);
      expect(v1).not.toContain("\u200A");
      expect(markVisible(text, codes[0]).replaceAll("\u200A", "")).toBe(v1);
      expect(choicePoints(text, "original", 1).every((p) => p.family !== SPACE_FAMILY)).toBe(true);
    }
  });
});

/** Space points of `text` on an optional comma that `code`'s copy drops: such a copy cannot show them. */
function spacesOnDroppedCommas(text: string, code: string): number {
  const points = choicePoints(text).filter((p) => p.source);
  const key = codeKey(code);
  const dropped = new Set(points.filter((p) => p.family === "comma" && p.renders[choiceFor(key, p.context, p.forms)] === "").map((p) => p.start));
  return new Set(points.filter((p) => p.family === SPACE_FAMILY && dropped.has(p.start)).map((p) => p.context)).size;
}

describe("reading the choices back", () => {
  test.each(TRANSFORMS.map(([name]) => [name]))("every choice of every text reads back after: %s", (name) => {
    const transform = new Map(TRANSFORMS).get(name)!;
    for (const text of [PROSE.NEWS, PROSE.ESSAY, PROSE.REPORT, catalogue[2]]) {
      const index = choiceIndex([{ title: "", summary: "", body: text }]);
      for (const code of codes.slice(0, 5)) {
        const observations = readChoices(transform(markText(text, code)), index);
        const evidence = visibleEvidence(observations, code);
        expect(evidence.matched, `${name}`).toBe(evidence.points);
        // The copy shows every point but the spaces before the commas it dropped.
        const shown = index.size - spacesOnDroppedCommas(text, code);
        // Dropping every fourth sentence loses their points; nothing else loses any.
        expect(evidence.points).toBeGreaterThanOrEqual(name.includes("dropped") || name === "all combined" ? shown * 0.5 : shown * 0.9);
      }
    }
  });
});

describe("cost", () => {
  test("a huge article is marked in its first MAX_MARKED_CHARS characters only; the rest is served as stored", () => {
    const huge = `${PROSE.NEWS}\n\n`.repeat(Math.ceil((MAX_MARKED_CHARS * 1.5) / PROSE.NEWS.length));
    const marked = markText(huge, codes[0]);
    expect(marked.endsWith(huge.slice(MAX_MARKED_CHARS))).toBe(true);
    expect(marked.slice(0, 2000)).not.toBe(huge.slice(0, 2000));
  });

  test("marks title, summary and body; fields that are not given are not invented", () => {
    const article = { title: "Meanwhile, the colour of money", summary: "About 45 percent agree.", body: PROSE.NEWS };
    const marked = markArticle(article, codes[1]);
    expect(Object.keys(marked).sort()).toEqual(["body", "summary", "title"]);
    expect(Object.keys(markArticle({ title: "t", summary: "s" }, codes[1])).sort()).toEqual(["summary", "title"]);
  });
});
