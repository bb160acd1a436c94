/**
 * Synthetic API traffic for the detectors' tests, the benchmarks and integration tests that drive
 * the real HTTP routes. Each generator returns request descriptions (`SimulatedRequest[]`, sorted
 * by time); `toAccessRows` turns them into access-log rows as the content API would write them
 * (status codes from a simulation of the tier's fixed-window limit).
 *
 * Everything is seeded: the same options give the same traffic. Lives outside convex/ so it is
 * never deployed; no test-framework imports (the bench uses it too).
 *
 * @example
 *   const catalogue = syntheticCatalogue(300);
 *   const rows = toAccessRows(sequentialScraper({ catalogue, count: 60 }), { tier: "pro", catalogue });
 *   detect(rows, contextFor(catalogue, "pro"));   // [{ alertType: "sequential_access", … }]
 */
import type { AccessAction } from "../convex/shared/validators";
import { TIER_CONFIG, windowBounds, type Tier } from "../convex/shared/tiers";
import { DAY, HOUR, MINUTE, SECOND } from "../convex/lib/time";
import type { AccessRow, DetectionContext } from "../convex/monitoring/detectors";
import { seededRandom } from "../convex/lib/random";

export type SimulatedRequest = {
  /** When the request is sent (ms). */
  at: number;
  /** The article for `get`. */
  slug?: string;
  action: AccessAction;
  ip: string;
  userAgent: string;
  /** The search text for `search`. */
  query?: string;
};

export type Catalogue = {
  /** Public slugs in catalogue order: `slugs[i]` has ordinal i + 1. */
  slugs: readonly string[];
  trapSlugs: readonly string[];
  size: number;
  ordinalOf: (slug: string) => number | undefined;
  isTrap: (slug: string) => boolean;
  /** The slug at a 1-based ordinal. */
  slugAt: (ordinal: number) => string;
};

export type GeneratorOptions = {
  /** Start of the traffic (ms); defaults to a fixed minute-aligned instant. */
  start?: number;
  catalogue?: Catalogue;
  seed?: number;
};

/** Default start: 2026-11-22 08:00 UTC. */
export const TRAFFIC_START = Date.UTC(2026, 10, 22, 8, 0, 0);

/** A catalogue over existing slugs (e.g. the demo data an integration test seeded). */
export function catalogueFromSlugs(publicSlugs: readonly string[], trapSlugs: readonly string[] = []): Catalogue {
  const ordinals = new Map(publicSlugs.map((slug, i) => [slug, i + 1]));
  const traps = new Set(trapSlugs);
  return {
    slugs: publicSlugs,
    trapSlugs,
    size: publicSlugs.length,
    ordinalOf: (slug) => ordinals.get(slug),
    isTrap: (slug) => traps.has(slug),
    slugAt: (ordinal) => publicSlugs[ordinal - 1],
  };
}

/** `size` public articles `article-001`… and `traps` honeypots `trap-1`… */
export function syntheticCatalogue(size = 300, traps = 5): Catalogue {
  const slugs = Array.from({ length: size }, (_, i) => `article-${String(i + 1).padStart(3, "0")}`);
  return catalogueFromSlugs(
    slugs,
    Array.from({ length: traps }, (_, i) => `trap-${i + 1}`),
  );
}

function setup(options: GeneratorOptions, defaultSeed: number) {
  const random = seededRandom(options.seed ?? defaultSeed);
  return {
    start: options.start ?? TRAFFIC_START,
    catalogue: options.catalogue ?? syntheticCatalogue(),
    random,
    int: (n: number) => Math.floor(random() * n),
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A random public-looking IPv4 address (first octet 11–222, so never 10/8 or 127/8). */
function randomIp(random: () => number): string {
  const octet = () => Math.floor(random() * 256);
  return `${11 + Math.floor(random() * 212)}.${octet()}.${octet()}.${1 + Math.floor(random() * 254)}`;
}

/** Zipf-like choice: earlier items are much more popular. */
function popularPick<T>(items: readonly T[], random: () => number): T {
  return items[Math.min(items.length - 1, Math.floor(items.length * random() ** 2))];
}

const QUERIES = ["rate limits", "convex", "api keys", "pricing", "webhooks", "search", "auth", "usage", "limits", "caching"];

function byTime(requests: SimulatedRequest[]): SimulatedRequest[] {
  return requests.sort((a, b) => a.at - b.at);
}

/** Several traffic lists as one, sorted by time (e.g. a scraper hiding in ordinary traffic). */
export function mergeTraffic(...lists: SimulatedRequest[][]): SimulatedRequest[] {
  return byTime(lists.flat());
}

// ── benign ──────────────────────────────────────────────────────────────────────────────────────

/** A person reading: a few dozen gets of popular articles in random order over a day, from one browser. */
export function ordinaryReader(options: GeneratorOptions & { gets?: number; durationMs?: number } = {}) {
  const { start, catalogue, random, int } = setup(options, 1);
  const popular = shuffled(catalogue.slugs, random).slice(0, 40);
  const ip = "203.0.113.10";
  const userAgent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15";
  const duration = options.durationMs ?? DAY;
  const out: SimulatedRequest[] = [];
  for (let i = 0; i < (options.gets ?? 36); i++) {
    out.push({ at: start + int(duration), action: "get", slug: popularPick(popular, random), ip, userAgent });
  }
  for (let i = 0; i < 6; i++) out.push({ at: start + int(duration), action: "list", ip, userAgent });
  for (let i = 0; i < 3; i++) {
    out.push({ at: start + int(duration), action: "search", query: QUERIES[int(QUERIES.length)], ip, userAgent });
  }
  return byTime(out);
}

/**
 * A customer's backend on the pro tier using 80% of its limit (80 requests/min) for an hour,
 * re-fetching a popular set of ~30 articles, from two servers behind one subnet. With
 * `popular: "latest"` and `order: "catalogue"` it refreshes the first 30 articles in catalogue
 * order every cycle (a "latest news" sync).
 */
export function steadyProBackend(
  options: GeneratorOptions & {
    perMinute?: number;
    minutes?: number;
    popularCount?: number;
    popular?: "random" | "latest";
    order?: "random" | "catalogue";
  } = {},
) {
  const { start, catalogue, random, int } = setup(options, 2);
  const count = options.popularCount ?? 30;
  const popular =
    options.popular === "latest" ? catalogue.slugs.slice(0, count) : shuffled(catalogue.slugs, random).slice(0, count);
  const ips = ["198.51.100.20", "198.51.100.21"];
  const userAgent = "acme-content-sync/2.3 (node-fetch/3.3.2)";
  const perMinute = options.perMinute ?? 80;
  const out: SimulatedRequest[] = [];
  let cursor = 0;
  for (let m = 0; m < (options.minutes ?? 60); m++) {
    for (let j = 0; j < perMinute; j++) {
      const at = start + m * MINUTE + Math.floor(((j + random() * 0.9) * MINUTE) / perMinute);
      const ip = ips[int(ips.length)];
      if (j % 10 === 9) {
        out.push({ at, action: "list", ip, userAgent });
        continue;
      }
      const slug = options.order === "catalogue" ? popular[cursor++ % popular.length] : popular[int(popular.length)];
      out.push({ at, action: "get", slug, ip, userAgent });
    }
  }
  return byTime(out);
}

/** A phone app user reading through the day; the phone changes network `ipChanges` times. */
export function mobileUser(options: GeneratorOptions & { requests?: number; ipChanges?: number; durationMs?: number } = {}) {
  const { start, catalogue, random, int } = setup(options, 3);
  const duration = options.durationMs ?? DAY;
  const changes = options.ipChanges ?? 5;
  const ips = Array.from({ length: changes + 1 }, () => randomIp(random));
  const popular = shuffled(catalogue.slugs, random).slice(0, 50);
  const userAgent = "NewsReader/5.1 (iPhone; iOS 18.1; Scale/3.00)";
  const out: SimulatedRequest[] = [];
  for (let i = 0; i < (options.requests ?? 40); i++) {
    const offset = int(duration);
    const ip = ips[Math.floor((offset / duration) * ips.length)];
    out.push(
      random() < 0.8
        ? { at: start + offset, action: "get", slug: popularPick(popular, random), ip, userAgent }
        : { at: start + offset, action: "list", ip, userAgent },
    );
  }
  return byTime(out);
}

/** A search-heavy integration: hundreds of searches within limits, and a few gets of results. */
export function searchHeavyUser(options: GeneratorOptions & { searches?: number; gets?: number; durationMs?: number } = {}) {
  const { start, catalogue, random, int } = setup(options, 4);
  const duration = options.durationMs ?? HOUR;
  const searches = options.searches ?? 600;
  const ip = "192.0.2.44";
  const userAgent = "search-widget/1.4 (+https://shop.example)";
  const out: SimulatedRequest[] = [];
  for (let i = 0; i < searches; i++) {
    const at = start + Math.floor(((i + random() * 0.9) * duration) / searches);
    out.push({ at, action: "search", query: `${QUERIES[int(QUERIES.length)]} ${int(100)}`, ip, userAgent });
  }
  for (let i = 0; i < (options.gets ?? 20); i++) {
    out.push({ at: start + int(duration), action: "get", slug: catalogue.slugs[int(catalogue.size)], ip, userAgent });
  }
  return byTime(out);
}

// ── scraping ────────────────────────────────────────────────────────────────────────────────────

/** A crawler walking the catalogue in order from `from`, `count` articles, paging the list as it goes. */
export function sequentialScraper(
  options: GeneratorOptions & { from?: number; count?: number; perMinute?: number; direction?: "ascending" | "descending" } = {},
) {
  const { start, catalogue } = setup(options, 5);
  const count = options.count ?? 60;
  const step = options.direction === "descending" ? -1 : 1;
  const from = options.from ?? (step === 1 ? 1 : catalogue.size);
  const interval = MINUTE / (options.perMinute ?? 30);
  const ip = "45.83.12.7";
  const userAgent = "python-requests/2.32.3";
  const out: SimulatedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor(i * interval);
    if (i % 20 === 0) out.push({ at, action: "list", ip, userAgent });
    out.push({ at: at + 1, action: "get", slug: catalogue.slugAt(from + step * i), ip, userAgent });
  }
  return byTime(out);
}

/** A crawler fetching a `fraction` of the catalogue in random order. */
export function bulkScraper(options: GeneratorOptions & { fraction?: number; perMinute?: number } = {}) {
  const { start, catalogue, random } = setup(options, 6);
  const targets = shuffled(catalogue.slugs, random).slice(0, Math.round(catalogue.size * (options.fraction ?? 0.5)));
  const interval = MINUTE / (options.perMinute ?? 90);
  const ip = "91.214.44.120";
  const userAgent = "Mozilla/5.0 (compatible; ContentHarvester/0.9)";
  return targets.map((slug, i): SimulatedRequest => ({ at: start + Math.floor(i * interval), action: "get", slug, ip, userAgent }));
}

/** A client ignoring its limit: `perMinute` gets of a few popular articles for `minutes` minutes. */
export function velocityAbuser(options: GeneratorOptions & { perMinute?: number; minutes?: number } = {}) {
  const { start, catalogue, random, int } = setup(options, 7);
  const popular = shuffled(catalogue.slugs, random).slice(0, 10);
  const perMinute = options.perMinute ?? 400;
  const ip = "185.220.101.33";
  const userAgent = "Go-http-client/1.1";
  const out: SimulatedRequest[] = [];
  for (let m = 0; m < (options.minutes ?? 10); m++) {
    for (let j = 0; j < perMinute; j++) {
      const at = start + m * MINUTE + Math.floor((j * MINUTE) / perMinute);
      out.push({ at, action: "get", slug: popular[int(popular.length)], ip, userAgent });
    }
  }
  return out;
}

/** A client behind a rotating proxy pool: a new address (from anywhere) for every request. */
export function ipRotator(options: GeneratorOptions & { requests?: number; durationMs?: number } = {}) {
  const { start, random, int } = setup(options, 8);
  const requests = options.requests ?? 300;
  const duration = options.durationMs ?? 10 * MINUTE;
  const userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36";
  return Array.from({ length: requests }, (_, i): SimulatedRequest => {
    const at = start + Math.floor((i * duration) / requests);
    return random() < 0.5
      ? { at, action: "search", query: QUERIES[int(QUERIES.length)], ip: randomIp(random), userAgent }
      : { at, action: "list", ip: randomIp(random), userAgent };
  });
}

const SHARED_USER_AGENTS = [
  "curl/8.7.1",
  "python-requests/2.32.3",
  "PostmanRuntime/7.39.0",
  "Mozilla/5.0 (X11; Linux x86_64) Firefox/127.0",
  "axios/1.7.2",
  "Go-http-client/2.0",
  "okhttp/4.12.0",
  "insomnia/9.2.0",
  "Wget/1.24.5",
  "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
];

/** One key pasted into `clients` different programs on different networks, all running at once. */
export function sharedKey(
  options: GeneratorOptions & { clients?: number; minutes?: number; perClientPerMinute?: number } = {},
) {
  const { start, catalogue, random, int } = setup(options, 9);
  const popular = shuffled(catalogue.slugs, random).slice(0, 25);
  const out: SimulatedRequest[] = [];
  for (let c = 0; c < (options.clients ?? 4); c++) {
    const ip = `${31 + c * 17}.${40 + c}.${7 * c}.${10 + c}`;
    const userAgent = SHARED_USER_AGENTS[c % SHARED_USER_AGENTS.length];
    for (let m = 0; m < (options.minutes ?? 30); m++) {
      for (let j = 0; j < (options.perClientPerMinute ?? 3); j++) {
        const at = start + m * MINUTE + int(MINUTE);
        out.push(
          random() < 0.8
            ? { at, action: "get", slug: popularPick(popular, random), ip, userAgent }
            : { at, action: "list", ip, userAgent },
        );
      }
    }
  }
  return byTime(out);
}

/** An ordinary-looking client that also fetches one unlisted trap article. */
export function trapProber(options: GeneratorOptions & { trap?: number } = {}) {
  const { start, catalogue } = setup(options, 10);
  const reader = ordinaryReader({ ...options, durationMs: HOUR });
  const { ip, userAgent } = reader[0];
  return mergeTraffic(reader, [
    { at: start + 30 * MINUTE, action: "get", slug: catalogue.trapSlugs[options.trap ?? 0], ip, userAgent },
  ]);
}

// ── rows and context ────────────────────────────────────────────────────────────────────────────

/**
 * The access-log rows the content API would write for these requests: 429 once the tier's
 * fixed-window limit is used up (refused requests do not count against it), 404 for slugs the
 * catalogue does not know, 200 otherwise.
 */
export function toAccessRows(
  requests: readonly SimulatedRequest[],
  options: { tier: Tier; apiKeyId?: string; userId?: string; catalogue?: Catalogue },
): AccessRow[] {
  const limit = TIER_CONFIG[options.tier].limit;
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return [...requests]
    .sort((a, b) => a.at - b.at)
    .map((request): AccessRow => {
      let statusCode = 200;
      if (limit !== null) {
        const { start } = windowBounds(limit, request.at);
        if (start !== windowStart) {
          windowStart = start;
          used = 0;
        }
        if (used >= limit.max) statusCode = 429;
        else used++;
      }
      const slug = request.action === "get" ? (request.slug ?? "") : "";
      const known =
        options.catalogue === undefined ||
        options.catalogue.ordinalOf(slug) !== undefined ||
        options.catalogue.isTrap(slug);
      if (statusCode === 200 && request.action === "get" && !known) statusCode = 404;
      return {
        apiKeyId: options.apiKeyId ?? "key_test",
        userId: options.userId ?? "user_test",
        contentSlug: slug,
        action: request.action,
        statusCode,
        ipAddress: request.ip,
        userAgent: request.userAgent,
        accessedAt: request.at,
      };
    });
}

/** The detection context for a catalogue; `now` defaults to a second after the last row. */
export function contextFor(catalogue: Catalogue, tier: Tier, rows: readonly AccessRow[] = [], now?: number): DetectionContext {
  return {
    tier,
    catalogueSize: catalogue.size,
    ordinalOf: catalogue.ordinalOf,
    isTrap: catalogue.isTrap,
    now: now ?? (rows.length > 0 ? rows[rows.length - 1].accessedAt + SECOND : TRAFFIC_START),
  };
}
