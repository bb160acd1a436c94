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

// ── long horizons, address variations and several accounts ─────────────────────────────────────

/**
 * A slow harvester: one new article (never fetched before) every `everyMs` (± `jitter`), in random
 * order, until `count` articles, from one address (or a few within one /24 with `rotateWithin24`).
 */
export function slowHarvester(
  options: GeneratorOptions & { count?: number; everyMs?: number; jitter?: number; rotateWithin24?: boolean } = {},
) {
  const { start, catalogue, random } = setup(options, 11);
  const targets = shuffled(catalogue.slugs, random).slice(0, options.count ?? catalogue.size);
  const every = options.everyMs ?? MINUTE;
  const jitter = options.jitter ?? 0.3;
  const userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
  let at = start;
  return targets.map((slug): SimulatedRequest => {
    at += Math.floor(every * (1 - jitter + 2 * jitter * random()));
    const ip = options.rotateWithin24 ? `77.88.21.${10 + Math.floor(random() * 200)}` : "77.88.21.11";
    return { at, action: "get", slug, ip, userAgent };
  });
}

/**
 * A walk through the catalogue in order, slowly: one article every `everyMs`, from `from`, with
 * step sizes drawn from `steps` (1 = the next article), optionally split between `workers` clients
 * on different addresses.
 */
export function slowWalker(
  options: GeneratorOptions & { from?: number; count?: number; everyMs?: number; steps?: readonly number[]; workers?: number; direction?: "ascending" | "descending" } = {},
) {
  const { start, catalogue, random, int } = setup(options, 12);
  const steps = options.steps ?? [1];
  const sign = options.direction === "descending" ? -1 : 1;
  let ordinal = options.from ?? (sign === 1 ? 1 : catalogue.size);
  const out: SimulatedRequest[] = [];
  const workers = options.workers ?? 1;
  let at = start;
  for (let i = 0; i < (options.count ?? 60) && ordinal >= 1 && ordinal <= catalogue.size; i++) {
    const worker = i % workers;
    if (i > 0) at += Math.floor((options.everyMs ?? 3 * MINUTE) * (0.8 + 0.4 * random()));
    out.push({
      at,
      action: "get",
      slug: catalogue.slugAt(ordinal),
      ip: `62.210.${40 + worker}.${17 + worker}`,
      userAgent: "python-httpx/0.27.0",
    });
    ordinal += sign * steps[int(steps.length)];
  }
  return byTime(out);
}

/** A proxy pool over IPv6: a new address in a different /48 for every request. */
export function ipv6Rotator(options: GeneratorOptions & { requests?: number; durationMs?: number } = {}) {
  const { start, random, int } = setup(options, 13);
  const requests = options.requests ?? 120;
  const duration = options.durationMs ?? 10 * MINUTE;
  const hex = () => int(0xffff).toString(16);
  return Array.from({ length: requests }, (_, i): SimulatedRequest => ({
    at: start + Math.floor((i * duration) / requests),
    action: random() < 0.5 ? "list" : "search",
    query: QUERIES[int(QUERIES.length)],
    ip: `2a0${1 + int(8)}:${hex()}:${hex()}::${hex()}`,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
  }));
}

/**
 * An enterprise backend keeping a popular slice (`sliceFraction` of the catalogue) in sync at a
 * steady `perMinute` for `hours`, from an egress pool of a few addresses in two cloud networks.
 */
export function enterpriseSync(options: GeneratorOptions & { sliceFraction?: number; perMinute?: number; hours?: number } = {}) {
  const { start, catalogue, random, int } = setup(options, 14);
  const slice = shuffled(catalogue.slugs, random).slice(0, Math.round(catalogue.size * (options.sliceFraction ?? 0.25)));
  const ips = ["34.120.7.10", "34.120.7.11", "34.120.7.12", "35.190.2.40", "35.190.2.41"];
  const userAgent = "acme-sync/4.1 (+https://acme.example/bot)";
  const perMinute = options.perMinute ?? 5;
  const out: SimulatedRequest[] = [];
  for (let m = 0; m < (options.hours ?? 8) * 60; m++) {
    for (let j = 0; j < perMinute; j++) {
      const at = start + m * MINUTE + Math.floor(((j + random() * 0.9) * MINUTE) / perMinute);
      out.push(
        j === 0 && m % 10 === 0
          ? { at, action: "list", ip: ips[int(ips.length)], userAgent }
          : { at, action: "get", slug: popularPick(slice, random), ip: ips[int(ips.length)], userAgent },
      );
    }
  }
  return byTime(out);
}

/** A reader whose requests reach us through a company proxy: internal addresses as the client. */
export function internalAddressReader(options: GeneratorOptions & { requests?: number; durationMs?: number } = {}) {
  const { start, catalogue, random, int } = setup(options, 15);
  const popular = shuffled(catalogue.slugs, random).slice(0, 30);
  const duration = options.durationMs ?? HOUR;
  return byTime(
    Array.from({ length: options.requests ?? 120 }, (): SimulatedRequest => ({
      at: start + int(duration),
      action: "get",
      slug: popularPick(popular, random),
      ip: `10.${int(4)}.${int(256)}.${1 + int(254)}`,
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/126.0",
    })),
  );
}

/** One account's traffic (a customer with one key). */
export type AccountTraffic = {
  account: string;
  email: string;
  /** Sign-up time relative to the traffic start (ms, usually negative). */
  signedUpOffsetMs: number;
  tier: Tier;
  requests: SimulatedRequest[];
};

/**
 * An account farm: `accounts` accounts signed up minutes apart with patterned emails, all from
 * one /24 and one user agent, splitting the catalogue between them, each at `perAccount` requests
 * (under a free account's daily quota by default) spread over `durationMs`.
 */
export function accountFarm(
  options: GeneratorOptions & { accounts?: number; perAccount?: number; durationMs?: number; tier?: Tier } = {},
): AccountTraffic[] {
  const { start, catalogue, random } = setup(options, 16);
  const accounts = options.accounts ?? 6;
  const perAccount = options.perAccount ?? 25;
  const duration = options.durationMs ?? 12 * HOUR;
  const order = shuffled(catalogue.slugs, random);
  return Array.from({ length: accounts }, (_, a): AccountTraffic => {
    const slice = order.slice(a * perAccount, (a + 1) * perAccount);
    return {
      account: `farm-${a + 1}`,
      email: `harvest.${String(a + 1).padStart(2, "0")}@mailbox.example`,
      signedUpOffsetMs: -2 * HOUR + a * 4 * MINUTE,
      tier: options.tier ?? "free",
      requests: slice.map((slug, i) => ({
        at: start + Math.floor(((i + random()) * duration) / perAccount) + a * 7 * SECOND,
        action: "get",
        slug,
        ip: `185.100.87.${20 + a}`,
        userAgent: "python-requests/2.32.3",
      })),
    };
  });
}

/**
 * A farm walking the catalogue in disjoint slices: account `a` walks positions
 * [from + a·slice, from + (a+1)·slice) in order, each slice shorter than the sequential threshold.
 */
export function slicedWalkFarm(options: GeneratorOptions & { accounts?: number; slice?: number; from?: number; everyMs?: number } = {}): AccountTraffic[] {
  const { start, catalogue } = setup(options, 17);
  const accounts = options.accounts ?? 4;
  const slice = options.slice ?? 15;
  const from = options.from ?? 1;
  const every = options.everyMs ?? 2 * MINUTE;
  return Array.from({ length: accounts }, (_, a): AccountTraffic => ({
    account: `walker-${a + 1}`,
    email: `walker${a + 1}@fastmail.example`,
    signedUpOffsetMs: -HOUR + a * MINUTE,
    tier: "free",
    requests: Array.from({ length: slice }, (_, i) => ({
      at: start + i * every + a * 11 * SECOND,
      action: "get" as const,
      slug: catalogue.slugAt(from + a * slice + i),
      ip: `91.132.${a + 1}.${50 + a}`,
      userAgent: "Mozilla/5.0 (compatible; SliceBot/1.0)",
    })),
  }));
}

/**
 * Colleagues behind one company proxy: `people` accounts (signed up over months, different names
 * at one company domain), one public address and one browser build, each reading popular articles.
 */
export function companyColleagues(options: GeneratorOptions & { people?: number; perPerson?: number; durationMs?: number } = {}): AccountTraffic[] {
  const { start, catalogue, random, int } = setup(options, 18);
  const popular = shuffled(catalogue.slugs, random).slice(0, 45);
  const names = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj"];
  const duration = options.durationMs ?? 8 * HOUR;
  return Array.from({ length: options.people ?? 8 }, (_, p): AccountTraffic => ({
    account: names[p % names.length],
    email: `${names[p % names.length]}@initech.example`,
    signedUpOffsetMs: -(30 + p * 17) * DAY,
    tier: "pro",
    requests: byTime(
      Array.from({ length: options.perPerson ?? 20 }, (): SimulatedRequest => ({
        at: start + int(duration),
        action: "get",
        slug: popularPick(popular, random),
        ip: "198.51.100.77",
        userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
      })),
    ),
  }));
}

/** A developer's own clients on one key: a laptop, CI and a staging app (different networks). */
export function developerClients(options: GeneratorOptions & { minutes?: number } = {}) {
  const { start, catalogue, random, int } = setup(options, 19);
  const popular = shuffled(catalogue.slugs, random).slice(0, 20);
  const clients = [
    { ip: "81.2.69.142", userAgent: "curl/8.7.1" },
    { ip: "52.14.88.3", userAgent: "node-fetch/3.3.2" },
  ];
  const out: SimulatedRequest[] = [];
  for (let m = 0; m < (options.minutes ?? 60); m++) {
    for (const client of clients) {
      if (random() < 0.6) out.push({ at: start + m * MINUTE + int(MINUTE), action: "get", slug: popularPick(popular, random), ...client });
    }
  }
  return byTime(out);
}
