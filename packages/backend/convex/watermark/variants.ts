/**
 * The reviewed list of choices the visible watermark layer may make in a text. Every entry keeps
 * the meaning and, as far as a reader can tell, the look: equivalent spellings (US/UK pairs that
 * style guides accept), equivalent words, contractions, optional commas and small words, number
 * and date forms ("November 1, 2026" / "1 November 2026", in `visible.ts`), and the order of a
 * comma and a closing quote. This is the only place choices are defined;
 * `visible.ts` finds them in a text and `visible.test.ts` checks that marking changes nothing else.
 *
 * Each choice is written so that it survives what copying does to text: no variant differs only
 * in case, in quote or dash style, in whitespace or in non-ASCII characters (a lower-cased ASCII
 * copy keeps every choice). Choices that are safe in one direction only (dropping an optional
 * comma is always fine, adding one is not) list the safe starting forms in `sources`.
 *
 * Pure data and small predicates; no Convex import.
 */
import type { Token } from "./tokens";

/** Words swapped for equivalents: every alternative is a whole replacement for the others. */
export type SwapFamily = {
  id: string;
  /** Display forms; the first is the canonical one the fingerprints and contexts use. */
  alternatives: string[];
  /** Indexes of alternatives that may be replaced (default: all). */
  sources?: number[];
  /** The replacement starts at the end of the previous token (e.g. "45%" vs "45 percent"). */
  attach?: boolean;
  /** Extra condition on the tokens around the match [start, end). */
  when?: (tokens: Token[], start: number, end: number) => boolean;
};

const isNumberToken = (t: Token | undefined) => t !== undefined && t.kind === "num";
const NUMBER_WORDS = new Set(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "half", "a"]);
const isNumberish = (t: Token | undefined) => isNumberToken(t) || (t !== undefined && t.kind === "word" && NUMBER_WORDS.has(t.canon) && t.canon !== "a");
const SUBJECT_PRONOUNS = new Set(["i", "you", "we", "they", "he", "she", "it", "there", "that", "this"]);
const nextIsWord = (tokens: Token[], _start: number, end: number) => tokens[end]?.kind === "word" || tokens[end]?.kind === "num";
const notBeforePronoun = (tokens: Token[], start: number, end: number) =>
  nextIsWord(tokens, start, end) ? !SUBJECT_PRONOUNS.has(tokens[end].canon) && tokens[end].canon !== "only" : true;
const beforeNumber = (tokens: Token[], _start: number, end: number) => isNumberish(tokens[end]);
const afterDigits = (tokens: Token[], start: number) => isNumberToken(tokens[start - 1]) && !tokens[start - 1].canon.includes(".");
const sentenceInitial = (tokens: Token[], start: number) => {
  const previous = tokens[start - 1];
  return previous === undefined || (previous.kind === "punct" && [".", "!", "?"].includes(previous.canon));
};

/** Contractions whose apostrophe-free form is not another word ("we're"/"were" is left out). */
const CONTRACTIONS: Array<[string, string]> = [
  ["do not", "don't"], ["does not", "doesn't"], ["did not", "didn't"], ["is not", "isn't"], ["are not", "aren't"],
  ["was not", "wasn't"], ["were not", "weren't"], ["has not", "hasn't"], ["have not", "haven't"], ["had not", "hadn't"],
  ["cannot", "can't"], ["could not", "couldn't"], ["would not", "wouldn't"], ["should not", "shouldn't"],
  ["will not", "won't"], ["must not", "mustn't"],
];
const PRONOUN_CONTRACTIONS: Array<[string, string]> = [
  ["they are", "they're"], ["you are", "you're"], ["I am", "I'm"], ["that is", "that's"], ["there is", "there's"],
  ["what is", "what's"], ["who is", "who's"], ["they will", "they'll"], ["you will", "you'll"], ["it will", "it'll"],
  ["that will", "that'll"],
];
/** "you'd" may stand for "you had": only the full form is ever replaced. */
const ONE_WAY_CONTRACTIONS: Array<[string, string]> = [["you would", "you'd"], ["they would", "they'd"]];

/** US and UK spellings of the same word, with the inflections that follow the same pattern. */
const IZE_STEMS = [
  "organ", "real", "recogn", "critic", "emphas", "priorit", "apolog", "minim", "maxim", "summar", "special", "categor",
  "util", "final", "mobil", "stabil", "modern", "standard", "character", "author", "civil", "normal", "optim", "memor",
  "familiar", "visual", "subsid", "legal", "penal", "privat", "jeopard", "capital", "central", "global", "hospital",
  "immun", "industrial", "local", "neutral", "personal", "polar", "popular", "public", "social", "sympath", "synchron",
  "symbol", "theor", "urban", "harmon", "colon", "digit", "monet", "scrutin", "democrat", "computer", "commercial",
];
const IZE_SUFFIXES: Array<[string, string]> = [["ize", "ise"], ["izes", "ises"], ["ized", "ised"], ["izing", "ising"], ["ization", "isation"], ["izations", "isations"]];
const OUR_STEMS = ["colo", "favo", "hono", "neighbo", "behavio", "humo", "harbo", "rumo", "flavo", "vapo", "endeavo", "savo", "tumo", "armo", "odo"];
const OUR_SUFFIXES = ["r", "rs", "red", "ring", "rful", "rable", "rite", "rites", "rhood", "rhoods", "ral"];
const SPELLING_PAIRS: Array<[string, string]> = [
  ["analyze", "analyse"], ["analyzed", "analysed"], ["analyzes", "analyses"], ["analyzing", "analysing"],
  ["paralyze", "paralyse"], ["paralyzed", "paralysed"], ["catalyze", "catalyse"],
  ["center", "centre"], ["centers", "centres"], ["centered", "centred"], ["theater", "theatre"], ["theaters", "theatres"],
  ["fiber", "fibre"], ["fibers", "fibres"], ["liter", "litre"], ["liters", "litres"], ["caliber", "calibre"],
  ["specter", "spectre"], ["somber", "sombre"], ["luster", "lustre"], ["meager", "meagre"],
  ["defense", "defence"], ["defenses", "defences"], ["offense", "offence"], ["offenses", "offences"], ["pretense", "pretence"],
  ["gray", "grey"], ["judgment", "judgement"], ["judgments", "judgements"], ["acknowledgment", "acknowledgement"],
  ["aging", "ageing"], ["mold", "mould"], ["molds", "moulds"], ["plow", "plough"], ["skeptic", "sceptic"],
  ["skeptical", "sceptical"], ["skepticism", "scepticism"], ["skeptics", "sceptics"], ["aluminum", "aluminium"],
  ["jewelry", "jewellery"], ["pajamas", "pyjamas"], ["maneuver", "manoeuvre"], ["maneuvers", "manoeuvres"],
  ["pediatric", "paediatric"], ["pediatrician", "paediatrician"], ["encyclopedia", "encyclopaedia"], ["fetus", "foetus"], ["anemia", "anaemia"],
  ["traveled", "travelled"], ["traveling", "travelling"], ["traveler", "traveller"], ["travelers", "travellers"],
  ["canceled", "cancelled"], ["canceling", "cancelling"], ["modeled", "modelled"], ["modeling", "modelling"],
  ["labeled", "labelled"], ["labeling", "labelling"], ["fueled", "fuelled"], ["fueling", "fuelling"],
  ["signaled", "signalled"], ["signaling", "signalling"], ["counselor", "counsellor"], ["counselors", "counsellors"],
  ["leveled", "levelled"], ["marvelous", "marvellous"], ["totaled", "totalled"], ["channeled", "channelled"],
  ["dialed", "dialled"], ["enrollment", "enrolment"], ["enrollments", "enrolments"], ["fulfill", "fulfil"], ["fulfills", "fulfils"],
  ["fulfillment", "fulfilment"], ["enroll", "enrol"], ["enrolls", "enrols"], ["installment", "instalment"],
  ["installments", "instalments"], ["skillful", "skilful"], ["willful", "wilful"], ["dreamed", "dreamt"], ["leaped", "leapt"],
  ["focused", "focussed"], ["benefited", "benefitted"], ["adviser", "advisor"], ["advisers", "advisors"],
  ["email", "e-mail"], ["emails", "e-mails"], ["okay", "OK"], ["cooperate", "co-operate"], ["cooperation", "co-operation"],
  ["cooperative", "co-operative"], ["coordinate", "co-ordinate"], ["coordination", "co-ordination"], ["coordinator", "co-ordinator"],
  ["nonprofit", "non-profit"], ["nonprofits", "non-profits"], ["toward", "towards"], ["afterward", "afterwards"], ["amid", "amidst"],
];

function spellingFamilies(): SwapFamily[] {
  const pairs: Array<[string, string]> = [...SPELLING_PAIRS];
  for (const stem of IZE_STEMS) for (const [us, uk] of IZE_SUFFIXES) pairs.push([stem + us, stem + uk]);
  for (const stem of OUR_STEMS) for (const suffix of OUR_SUFFIXES) pairs.push([stem + suffix, `${stem}u${suffix}`]);
  return pairs.map(([us, uk]) => ({ id: `spelling:${us}`, alternatives: [us, uk] }));
}

const PEOPLE = new Set(["ones", "people", "someone", "anyone", "everyone", "person", "those", "others", "residents", "workers", "researchers", "officials"]);
const DISPUTES = new Set(["debate", "debates", "dispute", "disputes", "argument", "arguments", "row", "rows", "concern", "concerns", "worries", "fight", "fights", "battle", "battles", "clash", "clashes", "controversy"]);
const SO_FAR_NOT_BEFORE = new Set(["from", "as", "away", "ahead", "behind", "beyond", "removed", "off", "out", "back", "down", "gone", "the", "a", "an", "that", "so", "too", "in", "into", "apart", "more"]);

/** Every swap the visible layer may make. */
export const SWAP_FAMILIES: SwapFamily[] = [
  ...CONTRACTIONS.map(([full, short]) => ({ id: `contraction:${full}`, alternatives: [full, short], when: notBeforePronoun })),
  ...PRONOUN_CONTRACTIONS.map(([full, short]) => ({ id: `contraction:${full}`, alternatives: [full, short], when: nextIsWord })),
  ...ONE_WAY_CONTRACTIONS.map(([full, short]) => ({ id: `contraction:${full}`, alternatives: [full, short], sources: [0], when: nextIsWord })),
  { id: "percent", alternatives: [" percent", " per cent", "%"], attach: true, when: afterDigits },
  { id: "approximately", alternatives: ["about", "around", "roughly", "some", "approximately"], when: beforeNumber },
  { id: "more than", alternatives: ["more than", "over"], sources: [0], when: beforeNumber },
  { id: "although", alternatives: ["although", "though"], sources: [0], when: nextIsWord },
  { id: "for example", alternatives: ["for example", "for instance"] },
  { id: "each other", alternatives: ["each other", "one another"] },
  { id: "anyone", alternatives: ["anyone", "anybody"] },
  { id: "everyone", alternatives: ["everyone", "everybody"] },
  { id: "someone", alternatives: ["someone", "somebody"] },
  { id: "no one", alternatives: ["no one", "nobody"] },
  { id: "despite", alternatives: ["despite", "in spite of"] },
  { id: "even so", alternatives: ["even so", "nevertheless", "nonetheless"], when: sentenceInitial },
  { id: "nevertheless", alternatives: ["nevertheless", "nonetheless"] },
  { id: "for now", alternatives: ["for now", "for the moment", "for the time being"], when: sentenceInitial },
  { id: "by contrast", alternatives: ["by contrast", "in contrast"], when: sentenceInitial },
  { id: "rarely", alternatives: ["rarely", "seldom"] },
  { id: "perhaps", alternatives: ["perhaps", "maybe"], sources: [0] },
  { id: "nearly", alternatives: ["nearly", "almost"], when: (tokens, start) => tokens[start - 1]?.canon !== "not" },
  { id: "therefore", alternatives: ["therefore", "thus"], sources: [0] },
  { id: "mainly", alternatives: ["mainly", "mostly", "largely"] },
  { id: "how quickly", alternatives: ["how quickly", "how fast", "how rapidly"] },
  { id: "so far", alternatives: ["so far", "to date", "thus far"], sources: [0], when: (tokens, start, end) => tokens[start - 1]?.canon !== "ever" && !SO_FAR_NOT_BEFORE.has(tokens[end]?.canon ?? "") },
  {
    id: "about-over",
    alternatives: ["about", "over"],
    when: (tokens, start, end) => DISPUTES.has(tokens[start - 1]?.canon ?? "") && !isNumberish(tokens[end]),
  },
  { id: "who-that", alternatives: ["who", "that"], sources: [0], when: (tokens, start, end) => PEOPLE.has(tokens[start - 1]?.canon ?? "") && nextIsWord(tokens, start, end) },
  ...["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].map((word, i) => ({
    id: `numeral:${i + 2}`,
    alternatives: [String(i + 2), word],
    // Before a plural noun only ("3 years"), never in "5 percent", "3.5", "$5", "5-4" or "chapter 5.".
    when: (tokens: Token[], start: number, end: number) => {
      const next = tokens[end];
      const previous = tokens[start - 1];
      return (
        next?.kind === "word" && next.spaced && /^[a-z]{3,}s$/.test(next.canon) && !["percent", "per"].includes(next.canon) &&
        (previous === undefined || (previous.kind === "word" && previous.canon !== "one" && !NUMBER_WORDS.has(previous.canon)) || (previous.kind === "punct" && [",", ".", "(", ":"].includes(previous.canon)))
      );
    },
  })),
  ...spellingFamilies(),
];

/**
 * Verbs after which "that" may be left out ("argues that the costs…" → "argues the costs…").
 * Only dropped, never added: a text without "that" offers no choice there.
 */
export const REPORTING_VERBS = new Set(
  [
    "say", "says", "said", "think", "thinks", "thought", "believe", "believes", "believed", "know", "knows", "knew",
    "hope", "hopes", "hoped", "feel", "feels", "felt", "suspect", "suspects", "suspected", "argue", "argues", "argued",
    "insist", "insists", "insisted", "suggest", "suggests", "suggested", "claim", "claims", "claimed", "admit", "admits",
    "admitted", "agree", "agrees", "agreed", "realize", "realizes", "realized", "realise", "realises", "realised", "find",
    "finds", "found", "show", "shows", "showed", "shown", "learn", "learns", "learned", "learnt", "relearn", "relearning",
    "learning", "expect", "expects", "expected", "assume", "assumes", "assumed", "fear", "fears", "feared", "note",
    "notes", "noted", "estimate", "estimates", "estimated", "warn", "warns", "warned", "explain", "explains", "explained",
    "report", "reports", "reported", "conclude", "concludes", "concluded", "notice", "notices", "noticed", "recall",
    "recalls", "recalled", "discover", "discovers", "discovered", "reckon", "reckons", "mean", "means", "meant", "out",
    "so", "now", "confirm", "confirms", "confirmed", "predict", "predicts", "predicted",
  ],
);
/** "out" reports only as "point out"; "so"/"now" take an optional "that" as conjunctions. */
export function isReportingVerb(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (token.kind !== "word" || !REPORTING_VERBS.has(token.canon)) return false;
  if (token.canon === "out") return ["point", "points", "pointed", "pointing"].includes(tokens[i - 1]?.canon ?? "");
  return true;
}

/**
 * Sentence openers after which a comma is optional both ways ("Meanwhile, the…" / "Meanwhile the…").
 * "However", "still", "yet", "so", "then" and "now" are left out: their meaning changes with the comma.
 */
export const INTRO_PHRASES: string[][] = [
  "meanwhile", "in practice", "by contrast", "in contrast", "for now", "even so", "at the same time", "crucially",
  "importantly", "in fact", "of course", "for example", "for instance", "in addition", "additionally", "instead",
  "nevertheless", "nonetheless", "moreover", "furthermore", "indeed", "overall", "in short", "in other words",
  "as a result", "after all", "above all", "in the end", "at first", "eventually", "recently", "today", "yesterday",
  "last year", "this year", "last week", "this week", "in particular", "in general", "in theory", "on average",
  "so far", "to date", "until now", "traditionally", "historically", "ultimately", "typically", "usually", "finally",
  "first", "second", "third", "lastly", "in the meantime", "for the moment", "for the time being", "at the moment",
  "in recent years", "over time", "in time", "on balance", "in turn", "to be sure", "predictably", "unsurprisingly",
  "surprisingly", "fortunately", "unfortunately", "thankfully", "luckily", "sadly", "clearly", "notably",
  "at the time", "years later", "later", "since then", "in the past", "in the future", "as a rule", "thus", "therefore", "consequently", "similarly", "likewise", "in comparison", "by comparison",
].map((phrase) => phrase.split(" "));

/** Prepositions that open a short introductory phrase whose comma may be dropped ("In Lisbon, a…"). */
export const INTRO_PREPOSITIONS = new Set(["in", "on", "at", "after", "before", "during", "since", "by", "for", "with", "without", "under", "across", "throughout", "despite", "within", "outside", "inside", "from", "until", "over", "among", "like", "unlike", "beyond", "amid"]);

/** Words that start an independent clause after ", and" / ", but" (the comma may be dropped). */
export const CLAUSE_STARTERS = new Set(["the", "a", "an", "it", "they", "we", "he", "she", "i", "you", "this", "that", "these", "those", "there", "most", "many", "some", "its", "their", "our", "his", "her"]);

/** Determiners after which "all of" / "both of" may lose or gain their "of". */
export const OF_DETERMINERS = new Set(["the", "these", "those", "this", "their", "its", "our", "my", "your", "his", "her"]);

export const WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

/** Names of the families of optional tokens (the swaps carry their own ids). */
export const OPTIONAL_FAMILIES = ["comma", "that", "of", "on", "whether-or-not", "in-order-to", "quote-comma", "thousands", "date"] as const;
