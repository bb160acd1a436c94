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
import { isWordy, type Token } from "./tokens";

/** Words swapped for equivalents: every alternative is a whole replacement for the others. */
export type SwapFamily = {
  id: string;
  /** Display forms; the first is the canonical one the fingerprints and contexts use. */
  alternatives: string[];
  /** Indexes of alternatives that may be replaced (default: all). */
  sources?: number[];
  /** The replacement starts at the end of the previous token (e.g. "45%" vs "45 percent"). */
  attach?: boolean;
  /**
   * Extra condition on the tokens around the match [start, end). `before` holds the skeleton words
   * of the sentence so far (canonical forms, no punctuation): the same in every key's copy, so a
   * condition on the words before a choice must read them there, not in `tokens`, where an
   * earlier choice ("hasn't" / "has not", "for now" / "for the time being", an optional comma) shows
   * one copy's form.
   */
  when?: (tokens: Token[], start: number, end: number, before: readonly string[]) => boolean;
};

/** The word before a choice in the skeleton ("" at the start of a sentence), and the one before that. */
const last = (before: readonly string[]) => before[before.length - 1] ?? "";
const last2 = (before: readonly string[]) => before[before.length - 2] ?? "";
/** The first token at or after `k` that is not a comma (a copy may lack an optional comma there). */
const commasFrom = (tokens: Token[], k: number) => {
  while (tokens[k]?.canon === ",") k++;
  return k;
};
const isWordAfterCommas = (tokens: Token[], k: number) => isWordy(tokens[commasFrom(tokens, k)]);
const isNumberToken = (t: Token | undefined) => t !== undefined && t.kind === "num";
const NUMBER_WORDS = new Set([
  "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
  "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
  "hundred", "dozen", "half", "a",
]);
export const isNumberish = (t: Token | undefined) => isNumberToken(t) || (t !== undefined && t.kind === "word" && NUMBER_WORDS.has(t.canon) && t.canon !== "a");
const SUBJECT_PRONOUNS = new Set(["i", "you", "we", "they", "he", "she", "it", "there", "that", "this"]);
const nextIsWord = (tokens: Token[], _start: number, end: number) => isWordy(tokens[end]);
// Past an optional comma: "they do not, it…" and "they don't it…" must read alike.
const notBeforePronoun = (tokens: Token[], _start: number, end: number) => {
  const next = tokens[commasFrom(tokens, end)];
  if (next === undefined || !isWordy(next)) return true;
  // "just 12" is the "only 12" choice: read alike.
  return !SUBJECT_PRONOUNS.has(next.canon) && next.canon !== "only" && !(next.canon === "just" && numberAt(tokens, commasFrom(tokens, end) + 1));
};
// A sum of money counts as a number ("around $4.2 billion"): "$" survives every copy.
// So does "a" before a round amount or a fraction ("roughly a billion tonnes", "about a third of").
const A_AMOUNTS = new Set(["hundred", "thousand", "million", "billion", "trillion", "dozen", "third", "quarter", "fifth"]);
const numberAt = (tokens: Token[], k: number) =>
  isNumberish(tokens[k]) || (tokens[k]?.canon === "$" && isNumberToken(tokens[k + 1])) || (tokens[k]?.canon === "a" && A_AMOUNTS.has(tokens[k + 1]?.canon ?? ""));
const beforeNumber = (tokens: Token[], _start: number, end: number) => numberAt(tokens, commasFrom(tokens, end));
/**
 * Where "about" or "around" before a number can only be an estimate: after a preposition, a verb
 * of measure or a sentence break ("for about 10 years", "cost around $5", "About 40 came"). After
 * other words it may be the preposition: "a film about 2 brothers", "walked around 3 houses".
 */
const ESTIMATE_AFTER = new Set([
  "for", "in", "of", "by", "to", "at", "from", "with", "within", "after", "before", "under", "than", "until", "since",
  "during", "into", "through", "throughout", "between", "per", "cost", "costs", "costing", "took", "take", "takes",
  "taking", "lasted", "last", "lasts", "weigh", "weighs", "weighed", "measured", "spent", "spend", "spends", "paid",
  "pay", "pays", "earned", "earn", "earns", "employs", "employed", "has", "have", "had", "having", "sold", "sells",
  "raised", "raises", "reached", "reaches", "numbered", "totalled", "totaled", "killed", "lost", "loses", "gained",
  "needs", "needed", "contains", "contained", "holds", "held", "now", "currently", "still", "already", "below", "above",
  "recorded", "counted", "estimated", "found", "saw", "attracted", "drew", "housed", "hosted", "built", "produced", "made",
  "sent", "received", "got", "gets", "carried", "served", "serves", "added", "won", "scored",
]);
const estimate = (article: boolean) => (tokens: Token[], start: number, end: number, before: readonly string[]) => {
  const at = commasFrom(tokens, end);
  // "some a billion" cannot stand: before "a billion" / "a third" the estimate has no "some" form.
  if (!numberAt(tokens, at) || tokens[at].canon === "half" || (tokens[at].canon === "a") !== article) return false;
  // A figure glued to letters is a name, not a count ("some 3D printers").
  const figure = tokens[at].canon === "$" ? at + 1 : at;
  const glued = tokens[figure + 1];
  if (glued !== undefined && !glued.spaced && glued.kind === "word") return false;
  // Commas are skipped: a copy may have dropped an optional one ("Meanwhile(,) about 40…").
  let k = start - 1;
  while (tokens[k]?.canon === ",") k--;
  const previous = tokens[k];
  if (previous === undefined || previous.kind === "quote" || (previous.kind === "punct" && previous.canon !== "%")) return true;
  const word = last(before);
  return ESTIMATE_AFTER.has(word) || CHANGE_VERBS.has(word) || INTRO_ENDINGS.has(word);
};
/** Words before "more than" / "less than" that do not go with "over" / "under" ("no more than 5", "much more than 10"). */
const COMPARATIVE_MODIFIERS = new Set([
  "no", "much", "far", "even", "any", "many", "still", "rather", "way", "lot", "nothing", "none", "little", "considerably",
  "significantly", "substantially", "vastly", "somewhat", "a", "yet", "slightly", "marginally", "only", "barely", "just",
]);
const comparedToNumber = (tokens: Token[], start: number, end: number, before: readonly string[]) =>
  beforeNumber(tokens, start, end) && !COMPARATIVE_MODIFIERS.has(last(before));
const afterDigits = (tokens: Token[], start: number) => isNumberToken(tokens[start - 1]) && !tokens[start - 1].canon.includes(".");
const sentenceInitial = (tokens: Token[], start: number) => {
  const previous = tokens[start - 1];
  return previous === undefined || (previous.kind === "punct" && [".", "!", "?"].includes(previous.canon));
};

/** Words before which a contracted form cannot stand ("what it is we want" is not "what it's we want"). */
const GAP_BEFORE = new Set(["what", "whatever", "where", "wherever", "how", "however", "who", "whoever", "which", "whichever", "as", "than", "so"]);
/** "it's", "who's", "that's" may stand for "… has": never before a participle that shows it. */
const HAS_AFTER = new Set(["been", "got", "gotten", "had"]);
const OBJECT_PRONOUNS = new Set(["it", "he", "she", "they", "this", "that", "you", "we", "i", "him", "her", "them"]);
const pronounContraction = (tokens: Token[], start: number, end: number, before: readonly string[]) =>
  nextIsWord(tokens, start, end) && !GAP_BEFORE.has(last(before)) && !HAS_AFTER.has(tokens[end].canon) &&
  // "What is it?" is not "What's it?": no contraction of a question word before a pronoun.
  !(["what", "who"].includes(tokens[start].canon) && OBJECT_PRONOUNS.has(tokens[end].canon));
/** Past participles after which "have" is the auxiliary ("I have seen" / "I've seen", never "I've a car"). */
const PARTICIPLES = new Set([
  "been", "had", "got", "gotten", "made", "done", "seen", "said", "found", "taken", "given", "known", "shown", "become",
  "come", "gone", "put", "set", "heard", "left", "lost", "kept", "held", "brought", "bought", "thought", "told", "won",
  "met", "paid", "sent", "spent", "built", "felt", "meant", "read", "run", "begun", "written", "grown", "chosen", "spoken",
  "driven", "broken", "fallen", "forgotten", "understood", "stood", "taught", "caught", "sold", "learnt", "always", "never",
  "already", "just", "also", "since", "long", "often", "ever",
]);
const auxiliaryHave = (tokens: Token[], start: number, end: number, before: readonly string[]) => {
  if (!pronounContraction(tokens, start, end, before)) return false;
  const next = tokens[end].canon;
  // "the herbs you have left" is "still have": "left" is the participle only before its object ("I have left the firm").
  // ("lots", "every", "each": the other forms of choices that start with a determiner: "a lot of", "each".)
  if (next === "left") return OF_DETERMINERS_AND_ARTICLES.has(tokens[end + 1]?.canon ?? "") || ["home", "lots", "every", "each"].includes(tokens[end + 1]?.canon ?? "");
  return PARTICIPLES.has(next) || /[a-z]{2,}(ed|en)$/.test(next);
};

/**
 * Contractions. A contracted form is only ever read as one where the original shows its
 * apostrophe (`visible.ts`), so "its", "well" and "ill" stay what they are; a copy that lost its
 * apostrophes ("its" for "it's") is still read at the original's choice points. "we're" is left
 * out: without its apostrophe it is "were", which starts "were not" / "weren't".
 */
const CONTRACTIONS: Array<[string, string]> = [
  ["do not", "don't"], ["does not", "doesn't"], ["did not", "didn't"], ["is not", "isn't"], ["are not", "aren't"],
  ["was not", "wasn't"], ["were not", "weren't"], ["has not", "hasn't"], ["have not", "haven't"], ["had not", "hadn't"],
  ["cannot", "can't"], ["could not", "couldn't"], ["would not", "wouldn't"], ["should not", "shouldn't"],
  ["will not", "won't"], ["must not", "mustn't"],
];
const PRONOUN_CONTRACTIONS: Array<[string, string]> = [
  ["they are", "they're"], ["you are", "you're"], ["I am", "I'm"], ["that is", "that's"],
  ["there is", "there's"], ["what is", "what's"], ["who is", "who's"], ["it is", "it's"], ["here is", "here's"],
  ["they will", "they'll"], ["you will", "you'll"], ["it will", "it'll"], ["that will", "that'll"], ["I will", "I'll"],
  ["we will", "we'll"], ["he will", "he'll"], ["she will", "she'll"], ["there will", "there'll"],
];
/** "have" contracts only as the auxiliary, before a participle. */
const HAVE_CONTRACTIONS: Array<[string, string]> = [
  ["I have", "I've"], ["we have", "we've"], ["they have", "they've"], ["you have", "you've"], ["could have", "could've"],
  ["would have", "would've"], ["should have", "should've"], ["might have", "might've"], ["must have", "must've"],
];
/** "you'd" may stand for "you had", "he's" for "he has": only the full form is ever replaced. */
const ONE_WAY_CONTRACTIONS: Array<[string, string]> = [
  ["you would", "you'd"], ["they would", "they'd"], ["I would", "I'd"], ["we would", "we'd"], ["he would", "he'd"],
  ["she would", "she'd"], ["he is", "he's"], ["she is", "she's"],
];

/** US and UK spellings of the same word, with the inflections that follow the same pattern. */
const IZE_STEMS = [
  "organ", "real", "recogn", "critic", "emphas", "priorit", "apolog", "minim", "maxim", "summar", "special", "categor",
  "util", "final", "mobil", "stabil", "modern", "standard", "character", "author", "civil", "normal", "optim", "memor",
  "familiar", "visual", "subsid", "legal", "penal", "privat", "jeopard", "capital", "central", "global", "hospital",
  "immun", "industrial", "local", "neutral", "personal", "polar", "popular", "public", "social", "sympath", "synchron",
  "symbol", "theor", "urban", "harmon", "colon", "digit", "monet", "scrutin", "democrat", "computer", "commercial",
  "custom", "dramat", "empath", "general", "marginal", "national", "rational", "revolution", "stigmat", "terror",
  "trivial", "weapon", "incentiv", "galvan", "antagon", "vandal", "fantas", "ideal", "equal", "internal", "external",
  "institutional", "conceptual", "crystall", "decentral", "demon", "destabil", "formal", "legitim", "liberal",
  "material", "militar", "moral", "ostrac", "pressur", "random", "sanit", "scandal", "traumat", "union", "hypothes",
  "energ", "steril", "fertil", "item", "euphem", "glamor", "homogen", "mechan", "metabol", "patron",
  "plagiar", "sensation", "tranquil", "victim", "western", "sensit", "vocal", "evangel", "human", "fossil", "catheter",
  "agon", "econom", "hypnot", "mesmer", "moistur", "natural", "pulver", "tantal", "vapor", "epitom", "eulog", "fratern",
  "magnet", "oxid", "radical", "romantic", "secular", "serial", "revital", "miniatur", "motor", "reorgan", "operational",
  "contextual", "compartmental", "politic", "immobil", "demobil", "desensit", "dehuman", "decriminal", "criminal",
  "winter", "bapt", "idol", "annual", "demoral", "immortal", "individual", "memorial", "monopol", "philosoph", "synthes",
  "verbal", "deput", "tender", "sermon", "fictional", "emotional", "professional", "regional",
];
const IZE_SUFFIXES: Array<[string, string]> = [["ize", "ise"], ["izes", "ises"], ["ized", "ised"], ["izing", "ising"], ["ization", "isation"], ["izations", "isations"], ["izer", "iser"], ["izers", "isers"], ["izational", "isational"], ["izable", "isable"]];
const OUR_STEMS = ["savio", "valo", "ardo", "colo", "favo", "hono", "neighbo", "behavio", "humo", "harbo", "rumo", "flavo", "vapo", "endeavo", "savo", "tumo", "armo", "odo", "labo", "vigo", "rigo", "fervo", "cando", "clamo", "parlo", "ranco", "splendo", "demeano"];
// Not "-ral": "humoral" is spelt so on both sides of the Atlantic.
const OUR_SUFFIXES = ["r", "rs", "red", "ring", "rful", "rable", "rite", "rites", "rhood", "rhoods"];
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
  ["among", "amongst"], ["burned", "burnt"], ["spelled", "spelt"], ["spoiled", "spoilt"], ["catalog", "catalogue"],
  ["catalogs", "catalogues"], ["cozy", "cosy"], ["mustache", "moustache"], ["sulfur", "sulphur"], ["yogurt", "yoghurt"],
  ["artifact", "artefact"], ["artifacts", "artefacts"], ["airplane", "aeroplane"], ["airplanes", "aeroplanes"],
  ["gynecology", "gynaecology"], ["hemorrhage", "haemorrhage"], ["leukemia", "leukaemia"],
  ["orthopedic", "orthopaedic"], ["anesthetic", "anaesthetic"], ["diarrhea", "diarrhoea"], ["estrogen", "oestrogen"],
  ["kidnaped", "kidnapped"], ["worshiped", "worshipped"], ["quarreled", "quarrelled"], ["rivaled", "rivalled"],
  ["tunneled", "tunnelled"], ["equaled", "equalled"], ["equaling", "equalling"], ["jeweler", "jeweller"],
  ["marveled", "marvelled"], ["pummeled", "pummelled"], ["shoveled", "shovelled"], ["sniveling", "snivelling"],
  ["instill", "instil"], ["instills", "instils"], ["distill", "distil"], ["appall", "appal"], ["appalls", "appals"],
  ["policymakers", "policy-makers"], ["policymaker", "policy-maker"], ["healthcare", "health-care"],
  ["cofounder", "co-founder"], ["cofounders", "co-founders"], ["preexisting", "pre-existing"], ["reelected", "re-elected"],
  ["reelection", "re-election"], ["startup", "start-up"], ["startups", "start-ups"], ["wellbeing", "well-being"],
  ["longstanding", "long-standing"], ["fundraising", "fund-raising"], ["firsthand", "first-hand"],
  ["kilometer", "kilometre"], ["kilometers", "kilometres"], ["centimeter", "centimetre"], ["centimeters", "centimetres"],
  ["millimeter", "millimetre"], ["millimeters", "millimetres"], ["nanometer", "nanometre"], ["nanometers", "nanometres"],
  ["saber", "sabre"], ["scepter", "sceptre"], ["epicenter", "epicentre"], ["centerpiece", "centrepiece"], ["centering", "centring"],
  ["math", "maths"], ["doughnut", "donut"], ["licorice", "liquorice"], ["mollusk", "mollusc"], ["omelet", "omelette"],
  ["molded", "moulded"], ["molding", "moulding"], ["moldy", "mouldy"], ["plowed", "ploughed"], ["plowing", "ploughing"],
  ["smolder", "smoulder"], ["smoldering", "smouldering"], ["smoldered", "smouldered"], ["graying", "greying"],
  ["grayer", "greyer"], ["skeptically", "sceptically"], ["judgmental", "judgemental"], ["acknowledgments", "acknowledgements"],
  ["likable", "likeable"], ["livable", "liveable"], ["sizable", "sizeable"], ["lovable", "loveable"], ["movable", "moveable"],
  ["specialty", "speciality"], ["specialties", "specialities"], ["medieval", "mediaeval"], ["paleontology", "palaeontology"],
  ["hemoglobin", "haemoglobin"], ["cesarean", "caesarean"], ["edema", "oedema"], ["anesthesia", "anaesthesia"],
  ["hematology", "haematology"], ["hemophilia", "haemophilia"], ["enthrall", "enthral"],
  ["counseling", "counselling"], ["counseled", "counselled"], ["reveler", "reveller"], ["revelers", "revellers"],
  ["cruelest", "cruellest"], ["leveling", "levelling"], ["paneled", "panelled"], ["penciled", "pencilled"],
  ["dueling", "duelling"], ["shriveled", "shrivelled"], ["unraveled", "unravelled"], ["unraveling", "unravelling"],
  ["grueling", "gruelling"], ["marshaled", "marshalled"], ["spilled", "spilt"], ["leaned", "leant"],
  // Closed and hyphenated compounds that style guides spell both ways (nouns and adjectives only: "set up" the verb is not "setup").
  ["childcare", "child-care"], ["coworker", "co-worker"], ["coworkers", "co-workers"], ["coauthor", "co-author"],
  ["coauthors", "co-authors"], ["coauthored", "co-authored"], ["bestseller", "best-seller"], ["bestsellers", "best-sellers"],
  ["bestselling", "best-selling"], ["layoffs", "lay-offs"], ["takeover", "take-over"], ["takeovers", "take-overs"],
  ["turnout", "turn-out"], ["shutdown", "shut-down"],
  ["nonexistent", "non-existent"], ["nonstop", "non-stop"], ["nonviolent", "non-violent"], ["noncommercial", "non-commercial"],
  ["reopen", "re-open"], ["reopened", "re-opened"], ["reopening", "re-opening"], ["reenter", "re-enter"], ["reentered", "re-entered"],
  ["reexamine", "re-examine"], ["reevaluate", "re-evaluate"], ["reestablish", "re-establish"], ["reestablished", "re-established"],
  ["reemerge", "re-emerge"], ["reemerged", "re-emerged"], ["prewar", "pre-war"], ["postwar", "post-war"],
  ["semifinal", "semi-final"], ["semifinals", "semi-finals"], ["quarterfinal", "quarter-final"], ["quarterfinals", "quarter-finals"],
  ["halftime", "half-time"], ["weeklong", "week-long"], ["yearlong", "year-long"], ["monthlong", "month-long"],
  ["hardworking", "hard-working"], ["longtime", "long-time"], ["fundraiser", "fund-raiser"], ["fundraisers", "fund-raisers"],
  ["ecommerce", "e-commerce"], ["onsite", "on-site"], ["multibillion", "multi-billion"], ["multiyear", "multi-year"],
  ["midterm", "mid-term"], ["midterms", "mid-terms"],
];

function spellingFamilies(): SwapFamily[] {
  const pairs: Array<[string, string]> = [...SPELLING_PAIRS];
  for (const stem of IZE_STEMS) for (const [us, uk] of IZE_SUFFIXES) pairs.push([stem + us, stem + uk]);
  for (const stem of OUR_STEMS) for (const suffix of OUR_SUFFIXES) pairs.push([stem + suffix, `${stem}u${suffix}`]);
  return pairs.map(([us, uk]) => ({ id: `spelling:${us}`, alternatives: [us, uk] }));
}

const KIND_DETERMINERS = new Set(["a", "the", "this", "that", "what", "some", "any", "every", "these", "those", "all", "many", "other", "same"]);
const OF_DETERMINERS_AND_ARTICLES = new Set(["the", "a", "an", "this", "that", "these", "those", "their", "its", "our", "my", "your", "his", "her", "some", "any"]);
const ASKING = new Set(["ask", "asks", "asked", "asking", "wonder", "wonders", "wondered", "wondering"]);
const WHILE_NOUN_BEFORE = new Set(["a", "the", "this", "that", "worth", "little", "long", "short", "while", "quite", "good"]);
const PEOPLE = new Set([
  "ones", "people", "someone", "anyone", "everyone", "person", "others", "residents", "workers", "researchers", "officials",
  "somebody", "anybody", "everybody", "man", "men", "woman", "women", "child", "children", "analyst", "analysts", "customer",
  "customers", "user", "users", "employee", "employees", "student", "students", "teacher", "teachers", "doctor", "doctors",
  "patient", "patients", "parent", "parents", "voter", "voters", "member", "members", "player", "players", "farmer", "farmers",
  "engineer", "engineers", "scientist", "scientists", "expert", "experts", "investor", "investors", "owner", "owners",
  "driver", "drivers", "journalist", "journalists", "reader", "readers", "writer", "writers", "leader", "leaders",
  "politician", "politicians", "consumer", "consumers", "citizen", "citizens", "candidate", "candidates", "friend", "friends",
  "neighbor", "neighbors", "neighbour", "neighbours", "colleague", "colleagues", "manager", "managers", "executive",
  "executives", "founder", "founders", "buyer", "buyers", "seller", "sellers", "tenant", "tenants", "landlord", "landlords",
  "passenger", "passengers", "visitor", "visitors", "tourist", "tourists", "nurse", "nurses", "planner", "planners",
  "economist", "economists", "worker", "resident", "researcher", "official", "critic", "critics", "supporter", "supporters",
  // People by role, trade or relation (a generic list, not drawn from any text the bench measures).
  "adult", "adults", "teenager", "teenagers", "boy", "boys", "girl", "girls", "kid", "kids", "baby", "babies", "mother",
  "mothers", "father", "fathers", "son", "sons", "daughter", "daughters", "husband", "husbands", "wife", "wives", "partners", "sibling", "siblings", "relative", "relatives", "individual", "individuals", "families", "family", "lawyer",
  "lawyers", "judges", "officer", "officers", "soldier", "soldiers", "pilots", "artist", "artists",
  "author", "authors", "musician", "musicians", "actor", "actors", "athlete", "athletes", "fan", "fans", "client", "clients",
  "shopper", "shoppers", "viewer", "viewers", "listener", "listeners", "subscriber", "subscribers", "applicant",
  "applicants", "migrant", "migrants", "refugee", "refugees", "volunteer", "volunteers", "lawmaker", "lawmakers", "senator",
  "senators", "minister", "ministers", "governor", "governors", "mayor", "mayors", "councillor", "councillors", "councilor",
  "councilors", "survivor", "survivors", "victim", "victims", "witnesses", "suspects", "prisoner",
  "prisoners", "employer", "employers", "entrepreneur", "entrepreneurs", "developer", "developers", "designer", "designers",
  "programmer", "programmers", "trader", "traders", "banker", "bankers", "chef", "chefs", "pupil", "pupils", "graduate",
  "graduates", "professor", "professors", "lecturer", "lecturers", "scholar", "scholars", "historian", "historians",
  "physician", "physicians", "surgeon", "surgeons", "dentist", "dentists", "therapist", "therapists", "caregiver",
  "caregivers", "carer", "carers", "guest", "guests", "protester", "protesters", "activist", "activists", "campaigner",
  "campaigners", "commuter", "commuters", "cyclist", "cyclists", "pedestrian", "pedestrians", "rider", "riders",
  "homeowner", "homeowners", "renter", "renters", "borrower", "borrowers", "lender", "lenders", "shareholder",
  "shareholders", "director", "directors", "inspector", "inspectors", "detective", "detectives", "firefighter",
  "firefighters", "paramedic", "paramedics", "coaches", "captain", "captains", "goalkeeper", "goalkeepers",
  "striker", "strikers", "defender", "defenders", "referees", "runner", "runners", "swimmer", "swimmers",
  "climber", "climbers", "hiker", "hikers", "traveler", "travelers", "traveller", "travellers", "diner", "diners",
  "pensioner", "pensioners", "retiree", "retirees", "veteran", "veterans", "youngster", "youngsters", "immigrant",
  "immigrants", "reporter", "reporters", "editor", "editors", "photographer", "photographers", "mechanic", "mechanics",
  "contractor", "contractors", "consultant", "consultants", "agent", "agents",
]);
const DISPUTES = new Set(["debate", "debates", "dispute", "disputes", "argument", "arguments", "row", "rows", "concern", "concerns", "worries", "fight", "fights", "battle", "battles", "clash", "clashes", "controversy"]);
const HAVE_FORMS = new Set(["has", "have", "had", "hasnt", "havent", "hadnt", "ive", "weve", "youve", "theyve"]);
/** After "have" ("has so far", "hasn't so far", "has not so far"): the contraction is a choice, so both read the same. */
const afterHave = (before: readonly string[]) => {
  const previous = last(before);
  return HAVE_FORMS.has(previous) || (previous === "not" && HAVE_FORMS.has(last2(before)));
};
const POSSESSIVE_DETERMINERS = new Set(["the", "this", "his", "her", "their", "its", "our", "my", "your"]);
const NEGATIVES = new Set(["never", "nothing", "no", "nobody", "none", "anything", "any", "anyone", "anybody", "anywhere", "ever"]);
const AUXILIARIES = new Set([
  "is", "was", "will", "would", "can", "could", "should", "may", "might", "must", "has", "had", "does", "did", "else",
  "knows", "knew", "wants", "wanted", "seems", "seemed", "cares", "cared", "isnt", "wasnt", "wont", "cant", "doesnt", "didnt",
  "hasnt", "hadnt", "couldnt", "wouldnt", "shouldnt", "mustnt", "cannot", "does", "did",
]);
/** Words before "start to" that make "start" the noun ("a good start to", "from start to finish"). */
const START_NOUN_AFTER = new Set([
  "from", "a", "an", "the", "this", "its", "their", "his", "her", "our", "my", "your", "whose", "good", "bad", "slow", "fast",
  "strong", "quick", "great", "false", "fresh", "new", "late", "early", "flying", "head", "promising", "positive", "perfect",
  "solid", "bright", "shaky", "poor", "rocky", "dream", "best", "worst", "winning", "running", "standing", "better", "worse",
]);
const verbStart = (tokens: Token[], start: number, end: number, before: readonly string[]) =>
  nextIsWord(tokens, start, end) && !START_NOUN_AFTER.has(last(before)) && !["finish", "end"].includes(tokens[end].canon);
const SO_FAR_NOT_BEFORE = new Set(["lots", "from", "as", "away", "ahead", "behind", "beyond", "removed", "off", "out", "back", "down", "gone", "the", "a", "an", "that", "so", "too", "in", "into", "apart", "more"]);

/** Nouns of time after "each" / "every" ("every week" / "each week"). */
const TIME_NOUNS = new Set([
  "day", "week", "month", "year", "morning", "afternoon", "evening", "night", "time", "hour", "minute", "season", "summer",
  "winter", "spring", "autumn", "weekend", "quarter", "decade", "game", "match", "round", "visit", "meeting", "session",
]);
/** Units of time after "a" / "per" in a rate ("$5 a month", "twice a day", "10 miles per hour"). */
const RATE_TIMES = new Set(["year", "day", "week", "month", "minute", "second", "decade", "night"]);
const RATE_WORDS = new Set(["once", "twice", "times", "million", "billion", "trillion", "thousand", "hundred", "percent", "cent", "%"]);
/** Words after "a year" that make it a span, not a rate ("5 days a week ago" cannot stand, "in 2019 a year of…"). */
const NOT_RATE_AFTER = new Set(["ago", "earlier", "later", "before", "prior", "after", "of", "from", "since", "that", "when", "in", "or", "and"]);
/** "a"/"per" before a unit of time ends a rate: after an amount ("$5 billion", "20 hours", "5%") or "once/twice/times". */
const rateOf = (unitCheck: (canon: string) => boolean) => (tokens: Token[], _start: number, end: number, before: readonly string[]) => {
  const unit = tokens[end];
  if (unit === undefined || unit.kind !== "word" || !unitCheck(unit.canon)) return false;
  const glued = tokens[end + 1];
  const after = tokens[commasFrom(tokens, end + 1)];
  if ((glued !== undefined && glued.kind === "word" && !glued.spaced) || (after !== undefined && NOT_RATE_AFTER.has(after.canon))) return false;
  // Read in the skeleton: "3 percent", "3%" and "3 per cent" are all "3 percent" there, "twenty hours" is "20 hours".
  const previous = last(before);
  if (previous === "once" || previous === "twice") return true;
  const amount = last2(before);
  const isAmount = /^\d/.test(amount) || NUMBER_WORDS.has(amount);
  // "$5 billion a year", "5 percent a year", "3 times a day", "20 hours a week", "3 meals a day".
  return isAmount && amount !== "a" && (RATE_WORDS.has(previous) || /^[a-z]{3,}s$/.test(previous));
};
/** Verbs after which "which" may be the interrogative ("decide which", "know which way"): it stays. */
const WHICH_STAYS_AFTER = new Set([
  "know", "knows", "knew", "known", "decide", "decides", "decided", "choose", "chooses", "chose", "chosen", "tell",
  "tells", "told", "see", "sees", "saw", "seen", "ask", "asks", "asked", "wonder", "wonders", "wondered", "matter",
  "matters", "mattered", "show", "shows", "showed", "learn", "learned", "learnt", "determine", "determines", "determined",
  "pick", "picks", "picked", "guess", "unsure", "sure", "clear", "figure", "idea", "about", "regardless", "depending",
  "depends", "explain", "explains", "explained", "understand", "understands", "understood", "remember", "remembered",
  "forget", "forgot", "predict", "predicted", "identify", "identified", "specify", "specified", "including",
]);
/** "which" → "that" opening a defining relative clause: after a noun-like word, with no comma before it. */
const definingWhich = (tokens: Token[], start: number, end: number, before: readonly string[]) => {
  // No comma before it (", which" opens a non-defining clause; no rule makes that comma optional).
  const previous = last(before);
  const raw = tokens[start - 1];
  if (previous === "" || raw === undefined || (raw.kind !== "word" && raw.kind !== "num" && raw.canon !== "%") || !nextIsWord(tokens, start, end)) return false;
  // Nor where "that" would read as something else: after a reporting verb ("said that…" may drop it)
  // or a person ("students that" is the who/that choice).
  if (THAT_KEEPERS.has(previous) || WHICH_STAYS_AFTER.has(previous) || OF_DETERMINERS_AND_ARTICLES.has(previous) || REPORTING_VERBS.has(previous) || PEOPLE.has(previous)) return false;
  // After a verb form the "which" may be interrogative ("wondering which", "decided which").
  if (/(ing|ed)$/.test(previous)) return false;
  // Only as the clause's subject ("the cable which failed"): before a subject or determiner the
  // "that" would itself be optional ("the car that he bought"), and "in which case" is not a clause.
  const next = tokens[end].canon;
  // Nor before "is"/"will" ("that is" and "that will" are contractions' full forms) or an estimate.
  return (
    !THAT_SUBJECTS.has(next) && !THAT_DETERMINERS.has(next) && !THAT_SUBJECT_CONTRACTIONS.has(next) && !DETERMINER_LIKE.has(next) &&
    !["case", "way", "one", "ones", "point", "is", "will", "anymore", "about", "around", "roughly", "some", "approximately"].includes(next)
  );
};
/** A sentence-final adverb: the next token is a full stop, "!" or "?" ("…dense as well." / "…dense too."). */
const endsClause = (tokens: Token[], _start: number, end: number) => {
  const next = tokens[end];
  return next !== undefined && next.kind === "punct" && [".", "!", "?"].includes(next.canon);
};

/** Nouns a figure labels rather than counts ("Chapter 11 cases", "Year 10 students", "season 2 episodes"): the figure stays. */
const LABEL_NOUNS = new Set([
  "page", "pages", "chapter", "version", "room", "section", "article", "level", "grade", "route", "line", "platform", "gate",
  "flight", "bus", "number", "no", "season", "episode", "part", "phase", "stage", "step", "figure", "table", "item", "rule",
  "class", "size", "type", "model", "vol", "volume", "issue", "week", "day", "year", "group", "team", "match", "round",
  "game", "act", "scene", "verse", "unit", "apartment", "floor", "suite", "exit", "highway", "interstate", "channel",
  "track", "lot", "block", "district", "ward", "zone", "category", "tier", "batch", "series", "term", "box", "hole", "lane",
]);
/** Words before "near" that make it an adverb or a verb ("came near the", "we near the end", "so near the"). */
const NEAR_NOT_AFTER = new Set([
  "", "so", "too", "as", "how", "very", "came", "come", "comes", "coming", "drew", "draw", "draws", "drawing", "get", "got", "gets",
  "getting", "stay", "stayed", "stays", "be", "was", "were", "is", "are", "been", "being", "not", "nowhere", "anywhere", "far",
  "i", "you", "we", "they", "will", "would", "can", "could", "may", "might", "must", "should", "to", "did", "do", "does", "who",
  "which", "that", "and", "or",
]);
/** After a verb of change, in the skeleton ("rose rapidly", "will fall sharply"). */
const afterChange = (_tokens: Token[], _start: number, _end: number, before: readonly string[]) => CHANGE_VERBS.has(last(before));
const COMPARATIVES = new Set(["more", "less", "fewer", "higher", "lower", "larger", "smaller", "greater", "better", "worse", "bigger", "cheaper", "faster", "slower", "longer", "shorter", "older", "younger", "stronger", "weaker"]);
/**
 * Common verbs in their bare form: after "seem to", "hard to", "helped to" the next word must be one
 * of them, since "to" may be the preposition ("appeared to audiences", "helped to safety").
 */
const BARE_VERBS = new Set(
  (
    "be have do say make get go take see come know think find give tell work call try ask need feel become leave put mean keep let begin show " +
    "hear play run move live believe hold bring happen write provide sit stand lose pay meet include continue set learn change lead " +
    "understand watch follow stop create speak read allow add spend grow open walk win offer remember love consider appear buy wait " +
    "serve die send expect build stay fall cut reach kill remain suggest raise pass sell require report decide pull explain hope " +
    "develop carry break receive agree support hit produce eat cover catch draw choose cause point listen realise realize place close " +
    "involve increase reduce improve protect prevent ensure solve fix shape drive boost ease save feed define launch design finance " +
    "maintain restore spread identify determine lift secure attract avoid contain limit measure predict prove replace return share " +
    "test treat vary affect apply argue assess compare describe enter fail focus form join mark miss note pick prepare press push " +
    "recognise recognize reflect reject remove rise settle slow strengthen struggle survive throw trust weaken worry accept achieve " +
    "address adopt adapt assume attend block boil borrow calm check claim clean collect commit compete complete connect control " +
    "convince cope count damage deal deliver deny depend deserve destroy discover discuss drop earn encourage enjoy escape establish " +
    "estimate examine exist explore express extend face fit fly fund gain gather handle hide hire imagine indicate influence " +
    "introduce invest judge justify lack last lay lie link look manage matter mention operate organise organize own perform persuade " +
    "plan pose predict promote publish reach recover refer relate rely repeat represent resist respond rest restore reveal ride save " +
    "seek seem sign sleep smile solve sort spot start steal stick store study suffer suit supply surprise switch talk teach tend " +
    "thank touch train travel turn undermine unite use visit vote want warn wash waste wear welcome wish wonder worry yield"
  ).split(" "),
);
const isBareVerbAt = (tokens: Token[], k: number) => tokens[k]?.kind === "word" && tokens[k].spaced && BARE_VERBS.has(tokens[k].canon);
/** Spans of time after "the past" ("over the past decade", "in the past three years"). */
const SPANS = new Set([
  "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "century", "centuries", "hour",
  "hours", "minute", "minutes", "season", "seasons", "quarter", "quarters", "generation", "generations", "weekend", "weekends",
  "fortnight", "night", "nights",
]);
/** "over/for/in/during the past [number|few|several|couple of] span", not followed by "of" ("the past two minutes of the game" is not recent). */
const recentSpan = (tokens: Token[], _start: number, end: number, before: readonly string[]) => {
  if (last(before) !== "the" || !["over", "for", "in", "during", "within", "throughout", "across"].includes(last2(before))) return false;
  let k = end;
  if (numberAt(tokens, k) || ["few", "several"].includes(tokens[k]?.canon ?? "")) k += tokens[k].canon === "$" ? 2 : 1;
  else if (tokens[k]?.canon === "couple" && tokens[k + 1]?.canon === "of") k += 2;
  return SPANS.has(tokens[k]?.canon ?? "") && tokens[k + 1]?.canon !== "of";
};
/** Words before "only" that make it "sole" ("the only 2 players", "her only 3 goals") or a wish ("if only"). */
const ONLY_NOT_AFTER = new Set(["the", "a", "an", "this", "that", "these", "those", "their", "its", "our", "my", "your", "his", "her", "whose", "if", "one"]);
/** Ordinals of centuries, in figures and in words. */
const ORDINALS: Array<[string, string]> = [
  ["1st", "first"], ["2nd", "second"], ["3rd", "third"], ["4th", "fourth"], ["5th", "fifth"], ["6th", "sixth"], ["7th", "seventh"],
  ["8th", "eighth"], ["9th", "ninth"], ["10th", "tenth"], ["11th", "eleventh"], ["12th", "twelfth"], ["13th", "thirteenth"],
  ["14th", "fourteenth"], ["15th", "fifteenth"], ["16th", "sixteenth"], ["17th", "seventeenth"], ["18th", "eighteenth"],
  ["19th", "nineteenth"], ["20th", "twentieth"], ["21st", "twenty-first"],
];
/** Words ending in "s" that are not plural nouns, among them forms of other choices ("perhaps"/"maybe", "towards"/"toward", "thus far"/"so far"). */
const NOT_PLURAL = new Set(["percent", "per", "lots", "thus", "perhaps", "afterwards", "towards", "was", "has", "this", "its", "his", "hers", "ours", "yours", "theirs", "whereas", "besides", "always", "sometimes", "nowadays", "upwards", "downwards", "backwards", "forwards"]);
/** Small numbers and round tens, in figures or words before a plural noun ("3 years" / "three years"). */
const NUMERALS: Array<[string, string]> = [
  ["2", "two"], ["3", "three"], ["4", "four"], ["5", "five"], ["6", "six"], ["7", "seven"], ["8", "eight"], ["9", "nine"],
  ["10", "ten"], ["11", "eleven"], ["12", "twelve"], ["13", "thirteen"], ["14", "fourteen"], ["15", "fifteen"],
  ["16", "sixteen"], ["17", "seventeen"], ["18", "eighteen"], ["19", "nineteen"], ["20", "twenty"], ["30", "thirty"],
  ["40", "forty"], ["50", "fifty"], ["60", "sixty"], ["70", "seventy"], ["80", "eighty"], ["90", "ninety"],
];

/** Every swap the visible layer may make. */
export const SWAP_FAMILIES: SwapFamily[] = [
  ...CONTRACTIONS.map(([full, short]) => ({ id: `contraction:${full}`, alternatives: [full, short], when: notBeforePronoun })),
  ...PRONOUN_CONTRACTIONS.map(([full, short]) => ({ id: `contraction:${full}`, alternatives: [full, short], when: pronounContraction })),
  ...HAVE_CONTRACTIONS.map(([full, short]) => ({ id: `contraction:${full}`, alternatives: [full, short], when: auxiliaryHave })),
  ...ONE_WAY_CONTRACTIONS.map(([full, short]) => ({ id: `contraction:${full}`, alternatives: [full, short], sources: [0], when: pronounContraction })),
  { id: "percent", alternatives: [" percent", " per cent", "%"], attach: true, when: afterDigits },
  { id: "approximately", alternatives: ["about", "around", "roughly", "some", "approximately"], when: estimate(false) },
  { id: "approximately a", alternatives: ["about", "around", "roughly", "approximately"], when: estimate(true) },
  { id: "more than", alternatives: ["more than", "over"], sources: [0], when: comparedToNumber },
  { id: "although", alternatives: ["although", "though"], sources: [0], when: nextIsWord },
  { id: "for example", alternatives: ["for example", "for instance"] },
  { id: "as though", alternatives: ["as though", "as if"], when: nextIsWord },
  // Beginning something, always with "to" after it (the sense of "start" that "begin" shares).
  // Not the noun: "a good start to the season", "from start to finish".
  { id: "start to", alternatives: ["start to", "begin to"], when: verbStart },
  { id: "starts to", alternatives: ["starts to", "begins to"], when: verbStart },
  { id: "started to", alternatives: ["started to", "began to"], when: nextIsWord },
  { id: "starting to", alternatives: ["starting to", "beginning to"], when: nextIsWord },
  { id: "compared with", alternatives: ["compared with", "compared to"], when: nextIsWord },
  { id: "kind of", alternatives: ["kind of", "sort of"], when: (tokens, start, end, before) => KIND_DETERMINERS.has(last(before)) && nextIsWord(tokens, start, end) },
  { id: "kinds of", alternatives: ["kinds of", "sorts of"], when: (tokens, start, end, before) => KIND_DETERMINERS.has(last(before)) && nextIsWord(tokens, start, end) },
  // Before a noun phrase or a gerund only: "rather than wait" has no "instead of" form.
  { id: "rather than", alternatives: ["rather than", "instead of"], when: (tokens, _start, end) => OF_DETERMINERS_AND_ARTICLES.has(tokens[end]?.canon ?? "") || /^[a-z]{3,}ing$/.test(tokens[end]?.kind === "word" ? tokens[end].canon : "") },
  { id: "particularly", alternatives: ["particularly", "especially"] },
  { id: "completely", alternatives: ["completely", "entirely"] },
  // The adjective only: "the whole of the city" and "on the whole" are nouns.
  {
    id: "whole",
    alternatives: ["whole", "entire"],
    when: (tokens, start, end, before) =>
      POSSESSIVE_DETERMINERS.has(last(before)) && last2(before) !== "on" && nextIsWord(tokens, start, end) &&
      tokens[end].canon !== "of" && tokens[end].canon !== "anymore" && !OF_DETERMINERS_AND_ARTICLES.has(tokens[end].canon),
  },
  { id: "often", alternatives: ["often", "frequently"], when: (tokens, start, end, before) => !["more", "so", "as", "every", "most", "less", "too"].includes(last(before)) && nextIsWord(tokens, start, end) },
  { id: "nowadays", alternatives: ["nowadays", "these days"], when: sentenceInitial },
  { id: "at first", alternatives: ["at first", "initially"], when: (tokens, start, end) => sentenceInitial(tokens, start) && !["glance", "sight", "hand", "light", "blush"].includes(tokens[commasFrom(tokens, end)]?.canon ?? "") },
  { id: "whether-if", alternatives: ["whether", "if"], when: (tokens, start, end, before) => ASKING.has(last(before)) && nextIsWord(tokens, start, end) && tokens[end].canon !== "or" },
  { id: "each other", alternatives: ["each other", "one another"] },
  { id: "anyone", alternatives: ["anyone", "anybody"] },
  { id: "everyone", alternatives: ["everyone", "everybody"] },
  { id: "someone", alternatives: ["someone", "somebody"] },
  // "no one answer" is not "nobody answer": "no one" is the pronoun only before a verb or a break.
  {
    id: "no one",
    alternatives: ["no one", "nobody"],
    when: (tokens, _start, end) => {
      const next = tokens[commasFrom(tokens, end)];
      if (next === undefined || !isWordy(next)) return true;
      return ["here", "there", "else", "really", "ever", "yet"].includes(next.canon) || AUXILIARIES.has(next.canon) || /^[a-z]{2,}(ed|[^s]s|t)$/.test(next.canon);
    },
  },
  { id: "despite", alternatives: ["despite", "in spite of"] },
  { id: "even so", alternatives: ["even so", "nevertheless", "nonetheless"], when: sentenceInitial },
  { id: "nevertheless", alternatives: ["nevertheless", "nonetheless"] },
  { id: "for now", alternatives: ["for now", "for the moment", "for the time being"], when: sentenceInitial },
  { id: "by contrast", alternatives: ["by contrast", "in contrast"], when: (tokens, start, end) => sentenceInitial(tokens, start) && !["to", "with"].includes(tokens[commasFrom(tokens, end)]?.canon ?? "") },
  { id: "rarely", alternatives: ["rarely", "seldom"] },
  // The conjunction only: "a while", "worth while", "all the while" are nouns.
  { id: "whilst", alternatives: ["while", "whilst"], when: (tokens, _start, end, before) => !WHILE_NOUN_BEFORE.has(last(before)) && isWordAfterCommas(tokens, end) },
  { id: "perhaps", alternatives: ["perhaps", "maybe"], sources: [0] },
  // Not "not nearly", "very nearly", "almost never", "almost nobody" (no "nearly" form reads right there).
  { id: "nearly", alternatives: ["nearly", "almost"], when: (tokens, _start, end, before) => !["not", "very", "so", "pretty", "too", "quite"].includes(last(before)) && !NEGATIVES.has(tokens[end]?.canon ?? "") },
  { id: "therefore", alternatives: ["therefore", "thus"], sources: [0] },
  { id: "mainly", alternatives: ["mainly", "mostly", "largely"] },
  { id: "how quickly", alternatives: ["how quickly", "how fast", "how rapidly"] },
  // Time, not distance ("they had walked so far", "the town is so far"): opening a sentence, after "have", or between commas.
  {
    id: "so far",
    alternatives: ["so far", "to date", "thus far"],
    sources: [0],
    when: (tokens, start, end, before) => {
      // Past an optional comma ("So far(,) the…", "has not so far(,) and…").
      const next = tokens[commasFrom(tokens, end)];
      if (next === undefined || SO_FAR_NOT_BEFORE.has(next.canon)) return false;
      if (sentenceInitial(tokens, start)) return isWordy(next);
      if (afterHave(before)) return true;
      return tokens[start - 1]?.canon === "," && tokens[end]?.canon === ",";
    },
  },
  {
    id: "about-over",
    alternatives: ["about", "over"],
    when: (tokens, _start, end, before) => DISPUTES.has(last(before)) && !isNumberish(tokens[end]),
  },
  // Defining clauses only: after a comma "who" opens a non-defining clause, which "that" cannot.
  { id: "who-that", alternatives: ["who", "that"], sources: [0], when: (tokens, start, end, before) => PEOPLE.has(last(before)) && tokens[start - 1]?.kind === "word" && nextIsWord(tokens, start, end) },
  // "over the past three years" / "over the last three years": a span up to now. One way: "the last
  // two minutes" may be the final ones.
  { id: "past-last", alternatives: ["past", "last"], sources: [0], when: recentSpan },
  // "only 45" / "just 45" (merely): not "the only 2" (the sole ones) nor "if only".
  { id: "only-just", alternatives: ["only", "just"], when: (tokens, _start, end, before) => numberAt(tokens, end) && !ONLY_NOT_AFTER.has(last(before)) },
  // The unit, not the device ("a gas meter"): only straight after an amount ("fell 25 metres", "a 100 square meters").
  ...[["meter", "metre"], ["meters", "metres"]].map(([us, uk]) => ({
    id: `spelling:${us}`,
    alternatives: [us, uk],
    when: (_tokens: Token[], _start: number, _end: number, before: readonly string[]) =>
      /^\d/.test(last(before)) || NUMBER_WORDS.has(last(before)) || ["square", "cubic", "million", "thousand", "hundred", "few", "several"].includes(last(before)),
  })),
  // "near the station" → "close to the station": the preposition only, before a determiner (not
  // "the near future", "draw near", the verb "we near the end"). One way: "close to the public" may be the verb "close".
  { id: "near", alternatives: ["near", "close to"], sources: [0], when: (tokens, _start, end, before) => OF_DETERMINERS_AND_ARTICLES.has(tokens[end]?.canon ?? "") && !OF_DETERMINERS_AND_ARTICLES.has(last(before)) && !NEAR_NOT_AFTER.has(last(before)) },
  // How fast or how far a figure moved, after a verb of change ("rose rapidly", "fell slightly", "grew considerably").
  { id: "quickly-rapidly", alternatives: ["quickly", "rapidly"], when: afterChange },
  { id: "slightly", alternatives: ["slightly", "marginally"], when: afterChange },
  { id: "sharply", alternatives: ["sharply", "steeply"], when: afterChange },
  { id: "considerably", alternatives: ["considerably", "substantially"], when: (tokens, start, end, before) => afterChange(tokens, start, end, before) || COMPARATIVES.has(tokens[end]?.canon ?? "") },
  { id: "usually", alternatives: ["usually", "typically"], when: (_tokens, _start, _end, before) => !["than", "as", "more", "less", "most", "unusually"].includes(last(before)) },
  // Epistemic "seem to" / "appear to" before a verb (not "appeared to the crowd", "seems to me", "appeared to audiences").
  ...[["seem", "appear"], ["seems", "appears"], ["seemed", "appeared"], ["seeming", "appearing"]].map(([seem, appear]) => ({
    id: `seem:${seem}`,
    alternatives: [`${seem} to`, `${appear} to`],
    when: (tokens: Token[], _start: number, end: number) => isBareVerbAt(tokens, end),
  })),
  // "difficult to say" → "hard to say". One way: "worked hard to finish" is effort, not difficulty; never "more hard".
  { id: "difficult to", alternatives: ["difficult to", "hard to"], sources: [0], when: (tokens, _start, end, before) => isBareVerbAt(tokens, end) && !["more", "most", "less", "least"].includes(last(before)) },
  // "helped to build" → "helped build": the verb forms only ("help" may be the noun: "financial help to pay").
  // One way: "helped people find" cannot gain a "to".
  ...["helps", "helped", "helping"].map((help) => ({
    id: `help to:${help}`,
    alternatives: [`${help} to`, help],
    sources: [0],
    when: (tokens: Token[], _start: number, end: number, before: readonly string[]) => isBareVerbAt(tokens, end) && !OF_DETERMINERS_AND_ARTICLES.has(last(before)),
  })),
  // Sentence openers with the same meaning.
  // (The comma after an opener is itself a choice: these look past it.)
  // With their comma only ("Similarly priced homes…" modifies the next word); their comma is never a choice (not in INTRO_PHRASES).
  { id: "similarly", alternatives: ["similarly", "likewise"], when: (tokens, start, end) => sentenceInitial(tokens, start) && tokens[end]?.canon === "," },
  { id: "fortunately", alternatives: ["fortunately", "luckily"], when: (tokens, start, end) => sentenceInitial(tokens, start) && ["for", ","].includes(tokens[end]?.canon ?? "") },
  { id: "to begin with", alternatives: ["to begin with", "to start with"], when: (tokens, start, end) => sentenceInitial(tokens, start) && isWordAfterCommas(tokens, end) },
  { id: "in the meantime", alternatives: ["in the meantime", "meanwhile"], sources: [0], when: sentenceInitial },
  // Immediately, not a direction ("walked straight away from the car").
  { id: "straight away", alternatives: ["straight away", "right away"], when: (tokens, _start, end) => tokens[end]?.canon !== "from" },
  // Centuries in figures or words ("the 19th century" / "the nineteenth century").
  ...ORDINALS.map(([figure, word]) => ({
    id: `century:${figure}`,
    alternatives: [figure, word],
    when: (tokens: Token[], _start: number, end: number, before: readonly string[]) =>
      ["the", "early", "late"].includes(last(before)) && ["century", "centuries"].includes(tokens[end]?.canon ?? "") && tokens[end].spaced,
  })),
  ...NUMERALS.map(([figure, word]) => ({
    id: `numeral:${figure}`,
    alternatives: [figure, word],
    // Before a plural noun only ("3 years"), never in "5 percent", "3.5", "$5", "5-4" or "chapter 5.".
    when: (tokens: Token[], start: number, end: number) => {
      const next = tokens[commasFrom(tokens, end)];
      const previous = tokens[start - 1];
      return (
        next?.kind === "word" && next.spaced && /^[a-z]{2,}[^s]s$/.test(next.canon) && !NOT_PLURAL.has(next.canon) &&
        (previous === undefined || (previous.kind === "word" && previous.canon !== "one" && !NUMBER_WORDS.has(previous.canon) && !LABEL_NOUNS.has(previous.canon)) || (previous.kind === "punct" && [",", ".", "(", ":", "%"].includes(previous.canon)))
      );
    },
  })),
  // Rates and frequencies.
  {
    id: "every-each",
    alternatives: ["every", "each"],
    when: (tokens, _start, end, before) =>
      TIME_NOUNS.has(tokens[end]?.canon ?? "") && tokens[end].spaced && !["not", "almost", "nearly", "virtually", "practically", "and", "about", "just"].includes(last(before)),
  },
  { id: "per-a", alternatives: ["per", "a"], when: rateOf((unit) => RATE_TIMES.has(unit)) },
  { id: "per-an", alternatives: ["per", "an"], when: rateOf((unit) => unit === "hour") },
  { id: "less than", alternatives: ["less than", "under"], sources: [0], when: comparedToNumber },
  // Cause and sequence.
  { id: "because of", alternatives: ["because of", "due to"], sources: [0], when: (tokens, _start, end) => OF_DETERMINERS_AND_ARTICLES.has(tokens[end]?.canon ?? "") },
  { id: "prior to", alternatives: ["prior to", "before"], sources: [0], when: (tokens, _start, end) => isWordAfterCommas(tokens, end) },
  { id: "start of", alternatives: ["start of", "beginning of"], when: (tokens, start, end, before) => last(before) === "the" && nextIsWord(tokens, start, end) },
  { id: "soon after", alternatives: ["soon after", "shortly after"], when: (tokens, start, end, before) => !["too", "so", "as", "very", "how"].includes(last(before)) && nextIsWord(tokens, start, end) },
  { id: "a lot of", alternatives: ["a lot of", "lots of"], when: (tokens, start, end, before) => !["quite", "such", "what", "not", "whole", "an", "awful"].includes(last(before)) && nextIsWord(tokens, start, end) },
  // "happen to be", "happened upon", "it so happens that", "as it happens" have no "occur" form.
  ...[["happen", "occur"], ["happens", "occurs"], ["happened", "occurred"], ["happening", "occurring"]].map(([happen, occur]) => ({
    id: `happen:${happen}`,
    alternatives: [happen, occur],
    when: (tokens: Token[], _start: number, end: number, before: readonly string[]) => {
      // Past a comma: an optional one may be missing from a copy ("as it happened(,) on Monday").
      const next = tokens[commasFrom(tokens, end)];
      // Not before "that" or a subject either: "it happened (that) we met" has no "occur" form.
      if (next !== undefined && (["to", "upon", "on", "across", "by", "that"].includes(next.canon) || THAT_SUBJECTS.has(next.canon))) return false;
      return !(last(before) === "it" && ["as", "so"].includes(last2(before))) && last(before) !== "so";
    },
  })),
  { id: "learned", alternatives: ["learned", "learnt"], when: (_tokens, _start, _end, before) => !["the", "a", "most", "more", "very", "highly", "learned", "and"].includes(last(before)) },
  { id: "proved", alternatives: ["proved", "proven"], when: (_tokens, _start, _end, before) => afterHave(before) || ["been", "having"].includes(last(before)) },
  // Not "as we'll." (the contraction reads "well" once its apostrophe is gone).
  { id: "as well", alternatives: ["as well", "too"], when: (tokens, start, end, before) => endsClause(tokens, start, end) && tokens[start + 1]?.apostrophe !== true && tokens[start - 1]?.canon !== "," && last(before) !== "" && !["might", "may", "could", "just", "would", "too", "very", "as", "so", "far", "much", "all"].includes(last(before)) },
  { id: "anymore", alternatives: ["anymore", "any more"], when: (tokens, start, end, before) => endsClause(tokens, start, end) && tokens[start - 1]?.canon !== "," && last(before) !== "" },
  { id: "which-that", alternatives: ["which", "that"], sources: [0], when: definingWhich },
  { id: "and so on", alternatives: ["and so on", "and so forth"] },
  // Titles before a name, with or without the full stop (US and UK usage): "Mr. Smith" / "Mr Smith".
  ...["Mr", "Mrs", "Ms", "Dr"].map((title) => ({
    id: `title:${title.toLowerCase()}`,
    alternatives: [`${title}.`, title],
    when: (tokens: Token[], _start: number, end: number) => tokens[end]?.kind === "word" && tokens[end].spaced,
  })),
  // Sentence openers with the same meaning.
  // (The comma after an opener is itself a choice, so these never look at it.)
  { id: "as a result", alternatives: ["as a result", "consequently"], when: (tokens, start, end) => sentenceInitial(tokens, start) && tokens[commasFrom(tokens, end)]?.canon !== "of" },
  { id: "in addition", alternatives: ["in addition", "additionally"], when: (tokens, start, end) => sentenceInitial(tokens, start) && tokens[commasFrom(tokens, end)]?.canon !== "to" },
  { id: "moreover", alternatives: ["moreover", "furthermore"], when: sentenceInitial },
  { id: "in short", alternatives: ["in short", "in brief"], when: (tokens, start, end) => sentenceInitial(tokens, start) && !["supply", "order"].includes(tokens[commasFrom(tokens, end)]?.canon ?? "") },
  { id: "at present", alternatives: ["at present", "at the moment"], when: sentenceInitial },
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
  "surprisingly", "unfortunately", "thankfully", "sadly", "clearly", "notably",
  "at the time", "years later", "later", "since then", "in the past", "in the future", "as a rule", "thus", "therefore", "consequently", "in comparison", "by comparison",
  "also", "besides", "in any case", "in any event", "at present", "for one thing", "on the whole", "all in all", "as usual",
  "by then", "by now", "even then", "in response", "in reality", "in effect", "in essence", "in total", "in brief",
  "to begin with", "initially", "originally", "previously", "subsequently", "afterwards", "afterward", "nowadays",
  "these days", "increasingly", "interestingly", "ironically", "curiously", "oddly", "strangely", "admittedly", "arguably",
  "certainly", "obviously", "naturally", "separately", "elsewhere", "once again", "on the other hand", "on the one hand",
  "in some cases", "in many cases", "in most cases", "for years", "for decades", "for the most part", "by and large",
  "at times", "sometimes", "often", "occasionally", "generally", "normally", "frequently", "specifically", "essentially",
  "basically", "effectively", "in sum", "in conclusion", "that said", "accordingly", "hence", "otherwise", "regardless",
  "on paper", "in public", "in private", "last month", "this month", "next year", "next week", "last night",
  "this morning", "earlier", "earlier this year", "later this year", "back then", "until recently", "more recently",
  "most recently", "more importantly", "most importantly", "first of all", "in the first place", "secondly", "thirdly",
  "in the meantime", "in the long run", "in the short term", "in the long term", "at the outset", "in practice",
  "in the years since", "on top of that", "in the same way", "at the end of the day", "to that end", "as it happens",
  "in this case", "in that case", "in such cases", "in both cases", "for their part", "for its part", "for his part",
  "for her part", "by the same token", "at the same time",
].map((phrase) => phrase.split(" "));
/** Last words of the sentence openers, before which "about 40" is an estimate ("Meanwhile about 40…"). */
const INTRO_ENDINGS = new Set(INTRO_PHRASES.map((phrase) => phrase[phrase.length - 1]));

/** Prepositions that open a short introductory phrase whose comma may be dropped ("In Lisbon, a…"). */
export const INTRO_PREPOSITIONS = new Set(["prior", "in", "on", "at", "after", "before", "during", "since", "by", "for", "with", "without", "under", "across", "throughout", "despite", "within", "outside", "inside", "from", "until", "over", "among", "like", "unlike", "beyond", "amid"]);

/** Words that start an independent clause after ", and" / ", but" (the comma may be dropped). */
export const CLAUSE_STARTERS = new Set(["the", "a", "an", "it", "they", "we", "he", "she", "i", "you", "this", "that", "these", "those", "there", "most", "many", "some", "its", "their", "our", "his", "her"]);

/** Determiners after which "all of" / "both of" / "half of" / "outside of" may lose or gain their "of". */
export const OF_DETERMINERS = new Set(["the", "these", "those", "this", "their", "its", "our", "my", "your", "his", "her"]);

/** Verbs of change after which "by" before an amount is optional ("fell by 12 percent" / "fell 12 percent"). */
export const CHANGE_VERBS = new Set([
  "rose", "rise", "rises", "rising", "risen", "fell", "fall", "falls", "falling", "fallen", "dropped", "drop", "drops",
  "dropping", "climbed", "climb", "climbs", "climbing", "grew", "grow", "grows", "growing", "grown", "increased",
  "increase", "increases", "increasing", "decreased", "decrease", "decreases", "declined", "decline", "declines",
  "declining", "jumped", "jump", "jumps", "slipped", "slid", "gained", "gain", "gains", "shrank", "shrink", "shrinks",
  "soared", "plunged", "tumbled", "surged", "dipped", "cut",
]);
/** Units after an amount that make "by" safe to add ("rose 12 percent" → "rose by 12 percent", never "fell 10 metres" → "fell by 10 metres"). */
export const RATE_UNITS = new Set(["percent", "per", "points", "percentage", "%"]);

export const WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
/** Verbs whose "on" is their own ("depends on Monday", "rely on Friday"): it is never dropped before a weekday. */
export const ON_VERBS = new Set([
  "depend", "depends", "depended", "depending", "rely", "relies", "relied", "relying", "focus", "focused", "focuses",
  "focusing", "focussed", "count", "counts", "counted", "counting", "agree", "agrees", "agreed", "based", "decide",
  "decides", "decided", "comment", "commented", "insist", "insisted", "bet", "bets", "hinge", "hinges", "hinged", "hang",
  "hangs", "hung", "build", "builds", "built", "dwell", "dwelt", "reflect", "reflected", "report", "reported", "act", "acted",
]);
/** Whether the "on" at `i` before a weekday may go ("left on Monday" / "left Monday"). */
export const optionalOn = (tokens: Token[], i: number) =>
  tokens[i]?.canon === "on" && (tokens[i - 1]?.kind === "word" || tokens[i - 1]?.kind === "num" || tokens[i - 1]?.canon === "%") && !ON_VERBS.has(tokens[i - 1].canon);

/**
 * Words that may follow an optional "that" ("the plan that they chose" / "the plan they chose",
 * "the book that the author wrote" / "the book the author wrote"): subjects and determiners, which a
 * demonstrative "that" cannot precede. Contracted subjects are listed by their canons.
 */
export const THAT_SUBJECTS = new Set(["i", "we", "they", "he", "she", "you", "it", "there"]);
/** Words that read like a determiner because another form of their choice is one ("nobody" / "no one", "lots of" / "a lot of"). */
export const DETERMINER_LIKE = new Set(["nobody", "lots"]);
export const THAT_DETERMINERS = new Set(["the", "a", "an", "his", "her", "their", "our", "my", "your", "its", "this", "these", "those", "some", "many", "most", "every", "each", "no", "any"]);
/**
 * Before a determiner, "that" is dropped only after a noun or adjective: after a verb the
 * determiner would read as its object ("he added that the costs…" is not "he added the costs…").
 * Verbs are recognised by their "-ed" ending or by this list of common ones.
 */
export const VERBS_BEFORE_THAT = new Set([
  "see", "sees", "hear", "hears", "add", "adds", "accept", "accepts", "ensure", "ensures", "stress", "stresses",
  "understand", "understands", "remember", "remembers", "forget", "forgets", "imagine", "imagines", "read", "reads",
  "write", "writes", "doubt", "doubts", "deny", "denies", "recognise", "recognises", "recognize", "recognizes", "prove",
  "proves", "reveal", "reveals", "indicate", "indicates", "demonstrate", "demonstrates", "announce", "announces",
  "acknowledge", "acknowledges", "decide", "decides", "guess", "wish", "bet", "promise", "promises", "say", "says",
  "said", "think", "thought", "know", "knew", "known", "seen", "heard", "understood", "told", "tell", "tells", "shown",
  "mean", "means", "meant", "felt", "feel", "feels", "found", "find", "finds", "made", "make", "makes", "get", "got",
  "is", "was", "are", "were", "be", "been", "am", "seem", "seems", "appear", "appears", "argue", "argues", "show", "shows",
  "suggest", "suggests", "claim", "claims", "note", "notes", "report", "reports", "confirm", "confirms", "predict",
  "predicts", "warn", "warns", "explain", "explains", "believe", "believes", "hope", "hopes", "expect", "expects",
]);
export const THAT_SUBJECT_CONTRACTIONS = new Set([
  "im", "ive", "ill", "id", "weve", "well", "wed", "theyre", "theyve", "theyll", "theyd", "hes", "hell", "hed", "shes",
  "shell", "shed", "youre", "youve", "youll", "youd", "itll", "theres", "therell",
]);
/**
 * Words after which "that" before a subject is not optional: prepositions and conjunctions ("after
 * that they left" is not "after they left"), "not that", "in order that", "such that", and nouns
 * whose "that" clause reads wrong without it ("the fact that").
 */
export const THAT_KEEPERS = new Set([
  "after", "before", "since", "of", "in", "on", "at", "for", "with", "by", "from", "about", "like", "than", "despite",
  "given", "except", "but", "and", "or", "nor", "not", "such", "that", "be", "into", "through", "over", "under", "during",
  "without", "upon", "onto", "toward", "towards", "against", "beyond", "behind", "between", "among", "amongst", "around",
  "across", "along", "via", "per", "unlike", "including", "regarding", "concerning", "to", "if", "because", "order",
  "only", "just", "save", "lest", "fact", "idea", "notion", "belief", "news", "evidence", "possibility", "assumption",
  "sense", "like", "do", "does", "did", "done", "this", "these", "those", "what", "when", "where", "how", "why", "who",
  "which", "then", "than", "as", "even", "though", "although", "while", "whilst", "unless", "until", "once", "so",
  "now", "much", "many", "few", "little", "extent", "point", "degree", "hope", "fear", "claim", "view", "sign", "signs",
  "proof", "hint", "suggestion", "rule", "requirement", "condition", "conclusion", "impression", "feeling", "knowledge",
  "awareness", "realisation", "realization", "recognition", "chance", "risk", "danger", "worry", "concern", "doubt",
  "certainty", "theory", "thesis", "argument", "reason", "grounds", "basis", "insistence", "promise", "warning",
  // Verbs that take a "that" clause but not a bare one ("she liked that they came" is not "she liked they came").
  "like", "likes", "liked", "love", "loves", "loved", "hate", "hates", "hated", "prefer", "prefers", "preferred",
  "appreciate", "appreciates", "appreciated", "welcome", "welcomes", "welcomed", "mind", "minds", "minded", "dislike",
  "dislikes", "disliked", "enjoy", "enjoys", "enjoyed", "regret", "regrets", "regretted", "resent", "resents", "resented",
]);
/** Subjects that show where a short opening phrase ends ("Within a month it failed" / "Within a month, it failed"). */
export const NOMINATIVE_PRONOUNS = new Set(["he", "she", "they", "we", "i"]);

/** Subordinators opening a sentence whose comma may be dropped when the clause is short ("When the rain stopped, we…"). */
export const INTRO_SUBORDINATORS = new Set(["when", "if", "while", "although", "though", "because", "once", "unless", "whenever"]);
/** Subjects that show ", and" / ", but" join two clauses ("…, and they left"): the comma may be added or dropped. */
export const CLAUSE_SUBJECTS = new Set(["it", "they", "we", "he", "she", "i"]);
/** Words before "and" that show it joins pronouns or phrases, not clauses ("you and I", "between them and us"). */
export const NOT_CLAUSE_END = new Set(["you", "me", "him", "her", "us", "them", "it", "i", "we", "they", "he", "she", "between", "both", "of", "to", "in", "on", "at", "for", "with", "by", "from", "the", "a", "an", "and", "or", "but"]);

/** The family of a hair space or nothing before closing punctuation (`visible.ts` finds its points). */
export const SPACE_FAMILY = "space";
/** Names of the families of optional tokens (the swaps carry their own ids). */
export const OPTIONAL_FAMILIES = ["comma", "that", "of", "by", "on", "whether-or-not", "in-order-to", "quote-comma", "thousands", "date", SPACE_FAMILY] as const;

/**
 * The version of the choice list copies are marked with now. A copy is read back with the list it
 * was marked with: every served fetch records this number (`contentAccessLog.watermarkVersion`;
 * rows from before it existed are version 1) and the tracer scores a key only on the families its
 * copies had. A family is only ever added, with the version that added it: changing what an
 * existing family does would change the copies already served, so that is a new family too.
 *
 * 1. The families of `variants.ts`, numbers, dates, optional words and commas, quote-comma order.
 * 2. A hair space (U+200A) before closing punctuation (`SPACE_FAMILY`): between a word and the `,` `.` `;` `:` `!` `?` or `)` that ends it.
 */
export const VISIBLE_VERSION = 2;
/** The hair space a key's copy may show between a word and its closing punctuation. */
export const HAIR_SPACE = "\u200A";
const FAMILY_SINCE: Readonly<Record<string, number>> = { [SPACE_FAMILY]: 2 };
/** The list version that added `family`. */
export const familySince = (family: string): number => FAMILY_SINCE[family] ?? 1;

