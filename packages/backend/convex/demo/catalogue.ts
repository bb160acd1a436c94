/**
 * A deterministic demo catalogue: several hundred realistic articles (plus a few unlisted trap
 * articles) generated from a seeded PRNG, so every run, test and demo sees the same content
 * without any network. Pure module.
 *
 * @example generateCatalogue({ count: 400 }).length // 405 (400 listed + 5 traps)
 */
import { DAY } from "../lib/time";
import { seededRandom } from "../lib/random";

export type DemoArticle = {
  slug: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  author: string;
  publishedAt: number;
  ordinal: number;
  trap: boolean;
};

const TOPICS = [
  { tag: "climate", subjects: ["coastal cities", "heat waves", "carbon markets", "glacier melt", "urban forests", "drought insurance"] },
  { tag: "technology", subjects: ["open-source databases", "edge computing", "battery chemistry", "chip supply chains", "privacy engineering", "API design"] },
  { tag: "health", subjects: ["sleep research", "rural clinics", "antibiotic resistance", "mental health apps", "nutrition labels", "vaccine logistics"] },
  { tag: "economy", subjects: ["small businesses", "housing costs", "remote work", "port congestion", "minimum wage studies", "pension funds"] },
  { tag: "science", subjects: ["deep-sea microbes", "exoplanet atmospheres", "quantum sensors", "bird migration", "soil chemistry", "volcanic forecasting"] },
  { tag: "culture", subjects: ["independent bookshops", "film restoration", "public libraries", "street food", "regional dialects", "music streaming royalties"] },
  { tag: "transport", subjects: ["night trains", "e-bike lanes", "cargo shipping", "regional airports", "bus rapid transit", "autonomous trucks"] },
  { tag: "education", subjects: ["school meals", "adult literacy", "exam reform", "teacher shortages", "vocational training", "university admissions"] },
];

const ANGLES = [
  "What {subject} can tell us about the next decade",
  "The quiet revolution in {subject}",
  "A closer look at {subject}",
  "Inside the fight over {subject}",
  "A field guide to {subject}",
  "The changing face of {subject}",
  "The hidden economics of {subject}",
  "Five myths about {subject}",
  "Lessons from a year of reporting on {subject}",
  "The people rethinking {subject}",
];

const AUTHORS = ["Amara Okafor", "Lukas Brandt", "Mei Tanaka", "Sofia Reyes", "Jonah Whitfield", "Priya Raman", "Tomás Ferreira", "Hannah Lindqvist"];
const PLACES = ["Lisbon", "Nairobi", "Osaka", "Winnipeg", "Valparaíso", "Tallinn", "Pune", "Glasgow", "Hobart", "Accra"];
const ROLES = ["a researcher", "a city planner", "an economist", "a nurse", "an engineer", "a teacher", "a farmer", "a historian"];
const VERBS = ["argues", "explains", "warns", "suspects", "insists", "notes", "points out", "estimates"];
const CONNECTORS = ["Meanwhile,", "Still,", "In practice,", "By contrast,", "For now,", "Even so,", "At the same time,", "Crucially,"];
const FINDINGS = [
  "the numbers have moved faster than most forecasts assumed",
  "the costs fall unevenly, and the poorest households pay first",
  "local experiments are outpacing national policy",
  "the data collected so far is patchy but consistent",
  "the biggest gains come from unglamorous maintenance work",
  "public trust depends on how openly decisions are explained",
  "small design choices compound into large differences over time",
  "the winners are rarely the ones who predicted the change",
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function slugify(text: string) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 72);
}

function paragraph(rand: () => number, subject: string): string {
  const sentences: string[] = [];
  const count = 4 + Math.floor(rand() * 3);
  for (let i = 0; i < count; i++) {
    const place = pick(rand, PLACES);
    const role = pick(rand, ROLES);
    const verb = pick(rand, VERBS);
    const finding = pick(rand, FINDINGS);
    const figure = 5 + Math.floor(rand() * 90);
    switch (Math.floor(rand() * 4)) {
      case 0:
        sentences.push(`In ${place}, ${role} ${verb} that ${finding}.`);
        break;
      case 1:
        sentences.push(`${pick(rand, CONNECTORS)} about ${figure} percent of the projects on ${subject} reviewed this year reported the same pattern.`);
        break;
      case 2:
        sentences.push(`"We keep relearning that ${finding}," ${role} in ${place} told us.`);
        break;
      default:
        sentences.push(`${pick(rand, CONNECTORS)} the debate about ${subject} now turns on who pays, who decides and how quickly results can be checked.`);
    }
  }
  return sentences.join(" ");
}

/** Generates `count` listed articles and `traps` unlisted honeypots, deterministically. */
export function generateCatalogue({ count = 400, traps = 5, seed = 20261122, now = Date.UTC(2026, 10, 1) } = {}): DemoArticle[] {
  const rand = seededRandom(seed);
  // Every (angle, subject) pair once, in a seeded order, so titles do not repeat.
  const pairs = TOPICS.flatMap((topic) => topic.subjects.flatMap((subject) => ANGLES.map((angle) => ({ topic, subject, angle }))));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  const articles: DemoArticle[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count + traps; i++) {
    const trap = i >= count;
    const { topic, subject, angle } = pairs[i % pairs.length];
    const title = trap
      ? `Archive notes on ${subject} (${1000 + i})`
      : angle.replace("{subject}", subject).replace(/^./, (c) => c.toUpperCase()) + (i >= pairs.length ? `, part ${Math.floor(i / pairs.length) + 1}` : "");
    let slug = slugify(title);
    for (let n = 2; seen.has(slug); n++) slug = `${slugify(title)}-${n}`;
    seen.add(slug);
    const paragraphs = Array.from({ length: 4 + Math.floor(rand() * 4) }, () => paragraph(rand, subject));
    const secondTag = pick(rand, TOPICS).tag;
    articles.push({
      slug,
      title,
      summary: paragraphs[0].split(". ")[0] + ".",
      body: paragraphs.join("\n\n"),
      tags: [...new Set([topic.tag, secondTag])],
      author: pick(rand, AUTHORS),
      publishedAt: now - Math.floor(rand() * 720) * DAY - Math.floor(rand() * DAY),
      ordinal: trap ? 0 : i + 1,
      trap,
    });
  }
  // The public ordinal follows publication order (oldest first), like a paginated archive.
  const listed = articles.filter((a) => !a.trap).sort((a, b) => a.publishedAt - b.publishedAt);
  listed.forEach((a, index) => (a.ordinal = index + 1));
  return [...listed, ...articles.filter((a) => a.trap)];
}
