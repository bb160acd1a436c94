/**
 * A labelled corpus of generated traffic for scoring detection: scraper classes (each labelled
 * with the alert type it must raise) and honest heavy users (labelled benign), with variations of
 * rate, order, address and accounts. Each scenario also says when its pattern becomes visible
 * (the moment it crosses the threshold it should be caught by), so the report can measure the
 * time from visibility to alert. Pure and seeded; no test-framework imports.
 */
import type { AlertType } from "../convex/shared/validators";
import type { Tier } from "../convex/shared/tiers";
import { DAY, HOUR, MINUTE } from "../convex/lib/time";
import {
  BULK_MIN_DISTINCT_SLUGS,
  BULK_WARNING_FRACTION,
  COVERAGE_WARNING_FRACTION,
  IP_ROTATION_WARNING_IPS,
  KEY_SHARING_SUSTAINED_MINUTES,
  SEQUENTIAL_WARNING_RUN,
  VELOCITY_CRITICAL_MS,
  VELOCITY_SUSTAINED_MS,
} from "../convex/monitoring/thresholds";
import {
  TRAFFIC_START,
  accountFarm,
  bulkScraper,
  companyColleagues,
  developerClients,
  enterpriseSync,
  internalAddressReader,
  ipRotator,
  ipv6Rotator,
  mobileUser,
  ordinaryReader,
  searchHeavyUser,
  sequentialScraper,
  sharedKey,
  slicedWalkFarm,
  slowHarvester,
  slowWalker,
  steadyProBackend,
  trapProber,
  velocityAbuser,
  type AccountTraffic,
  type Catalogue,
  type SimulatedRequest,
} from "./traffic";

export type Scenario = {
  name: string;
  /** The alert type it must raise, or "benign" (must raise nothing, lose no key). */
  label: AlertType | "benign";
  /** The accounts (one key each) and their traffic. */
  build: (catalogue: Catalogue) => AccountTraffic[];
  /** When the pattern crosses the threshold it should be caught by (ms), for scrapers. */
  visibleAt?: (accounts: AccountTraffic[], catalogue: Catalogue) => number;
  /** Minutes between detection scans while driving it (benign day-long traffic uses 5). */
  scanEveryMinutes?: number;
};

const single = (tier: Tier, requests: SimulatedRequest[], email = "customer@example.com"): AccountTraffic[] => [
  { account: "customer", email, signedUpOffsetMs: -30 * DAY, tier, requests },
];
const merged = (accounts: AccountTraffic[]) => accounts.flatMap((a) => a.requests).sort((a, b) => a.at - b.at);

/** Time of the n-th distinct article fetched (by all accounts together). */
export function whenDistinct(accounts: AccountTraffic[], n: number): number {
  const seen = new Set<string>();
  for (const r of merged(accounts)) {
    if (r.action !== "get" || !r.slug) continue;
    seen.add(r.slug);
    if (seen.size >= n) return r.at;
  }
  return Number.POSITIVE_INFINITY;
}

/** Time the n-th distinct article is fetched within some sliding `windowMs`. */
export function whenDistinctWithin(accounts: AccountTraffic[], n: number, windowMs: number): number {
  const gets = merged(accounts).filter((r) => r.action === "get" && r.slug);
  const counts = new Map<string, number>();
  for (let to = 0, from = 0; to < gets.length; to++) {
    counts.set(gets[to].slug!, (counts.get(gets[to].slug!) ?? 0) + 1);
    while (gets[to].at - gets[from].at >= windowMs) {
      const left = counts.get(gets[from].slug!)! - 1;
      if (left === 0) counts.delete(gets[from].slug!);
      else counts.set(gets[from].slug!, left);
      from++;
    }
    if (counts.size >= n) return gets[to].at;
  }
  return Number.POSITIVE_INFINITY;
}

/** Coverage becomes visible at the earlier of the hour's threshold and the day's/week's. */
const coverageVisible = (a: AccountTraffic[], c: Catalogue) =>
  Math.min(whenDistinctWithin(a, bulkWindowThreshold(c), HOUR), whenDistinct(a, longThreshold(c)));

/** Time the fetched positions (all accounts together) first hold a run of n consecutive ones. */
export function whenRun(accounts: AccountTraffic[], catalogue: Catalogue, n: number): number {
  const have = new Set<number>();
  for (const r of merged(accounts)) {
    const ordinal = r.slug ? catalogue.ordinalOf(r.slug) : undefined;
    if (ordinal === undefined) continue;
    have.add(ordinal);
    let low = ordinal;
    let high = ordinal;
    while (have.has(low - 1)) low--;
    while (have.has(high + 1)) high++;
    if (high - low + 1 >= n) return r.at;
  }
  return Number.POSITIVE_INFINITY;
}

/** Time of the n-th distinct client address within a sliding `windowMs`. */
function whenDistinctIps(accounts: AccountTraffic[], n: number, windowMs: number): number {
  const requests = merged(accounts);
  for (let to = 0, from = 0; to < requests.length; to++) {
    while (requests[to].at - requests[from].at >= windowMs) from++;
    if (new Set(requests.slice(from, to + 1).map((r) => r.ip)).size >= n) return requests[to].at;
  }
  return Number.POSITIVE_INFINITY;
}

const first = (accounts: AccountTraffic[]) => merged(accounts)[0].at;
const bulkWindowThreshold = (c: Catalogue) => Math.max(BULK_MIN_DISTINCT_SLUGS, Math.ceil(BULK_WARNING_FRACTION * c.size));
const longThreshold = (c: Catalogue) => Math.max(BULK_MIN_DISTINCT_SLUGS, Math.ceil(COVERAGE_WARNING_FRACTION * c.size));

export const CORPUS: Scenario[] = [
  // ── sequential_access ──
  {
    name: "crawler walking the catalogue at 30/min",
    label: "sequential_access",
    build: (catalogue) => single("pro", sequentialScraper({ catalogue, count: 60 })),
    visibleAt: (a, c) => whenRun(a, c, SEQUENTIAL_WARNING_RUN),
  },
  {
    name: "slow walk, one article every ~3 minutes (enterprise)",
    label: "sequential_access",
    build: (catalogue) => single("enterprise", slowWalker({ catalogue, count: 40, everyMs: 3 * MINUTE })),
    visibleAt: (a, c) => whenRun(a, c, SEQUENTIAL_WARNING_RUN),
  },
  {
    name: "very slow descending walk skipping articles, one every ~6 minutes",
    label: "sequential_access",
    build: (catalogue) => single("pro", slowWalker({ catalogue, count: 30, everyMs: 6 * MINUTE, steps: [1, 2, 3], direction: "descending", seed: 3 })),
    visibleAt: (a) => merged(a)[SEQUENTIAL_WARNING_RUN - 1].at,
  },
  {
    name: "walk split between two workers on two addresses",
    label: "sequential_access",
    build: (catalogue) => single("pro", slowWalker({ catalogue, count: 50, everyMs: 40_000, workers: 2, from: 80 })),
    visibleAt: (a, c) => whenRun(a, c, SEQUENTIAL_WARNING_RUN),
  },
  // ── bulk_access ──
  {
    name: "bulk copier, half the catalogue at 60/min in random order",
    label: "bulk_access",
    build: (catalogue) => single("pro", bulkScraper({ catalogue, fraction: 0.5, perMinute: 60 })),
    visibleAt: coverageVisible,
  },
  {
    name: "very slow harvester, one new article every ~3 minutes (only the day shows it)",
    label: "bulk_access",
    build: (catalogue) => single("pro", slowHarvester({ catalogue, count: 130, everyMs: 3 * MINUTE, seed: 9 })),
    visibleAt: coverageVisible,
  },
  {
    name: "slow harvester, one new article a minute all day (enterprise)",
    label: "bulk_access",
    build: (catalogue) => single("enterprise", slowHarvester({ catalogue, count: 160 })),
    visibleAt: coverageVisible,
  },
  {
    name: "slow harvester at ~1 per 90 s from addresses within one /24 (pro)",
    label: "bulk_access",
    build: (catalogue) => single("pro", slowHarvester({ catalogue, count: 150, everyMs: 90_000, jitter: 0.5, rotateWithin24: true, seed: 5 })),
    visibleAt: coverageVisible,
  },
  {
    name: "trap article fetched by an otherwise ordinary client",
    label: "bulk_access",
    build: (catalogue) => single("pro", trapProber({ catalogue })),
    visibleAt: (a, c) => merged(a).find((r) => r.slug !== undefined && c.isTrap(r.slug))!.at,
  },
  // ── velocity_exceeded ──
  {
    name: "pro client far over its limit (320/min)",
    label: "velocity_exceeded",
    build: (catalogue) => single("pro", velocityAbuser({ catalogue, perMinute: 320, minutes: 8 })),
    visibleAt: (a) => first(a) + VELOCITY_CRITICAL_MS,
  },
  {
    name: "enterprise key at 700/min, over the unlimited baseline",
    label: "velocity_exceeded",
    build: (catalogue) => single("enterprise", velocityAbuser({ catalogue, perMinute: 700, minutes: 7, seed: 2 })),
    visibleAt: (a) => first(a) + VELOCITY_SUSTAINED_MS,
  },
  {
    name: "free key that keeps going after its daily quota",
    label: "velocity_exceeded",
    build: (catalogue) => single("free", velocityAbuser({ catalogue, perMinute: 4, minutes: 30 })),
    visibleAt: (a) => merged(a)[49].at,
  },
  // ── ip_rotation ──
  {
    name: "rotating IPv4 proxy pool, a new address per request",
    label: "ip_rotation",
    build: (catalogue) => single("enterprise", ipRotator({ catalogue, requests: 120 })),
    visibleAt: (a) => whenDistinctIps(a, IP_ROTATION_WARNING_IPS, 10 * MINUTE),
  },
  {
    name: "rotating IPv6 pool across /48s",
    label: "ip_rotation",
    build: () => single("pro", ipv6Rotator({ requests: 90 })),
    visibleAt: (a) => whenDistinctIps(a, IP_ROTATION_WARNING_IPS, 10 * MINUTE),
  },
  // ── api_key_sharing ──
  {
    name: "one key pasted into seven programs",
    label: "api_key_sharing",
    build: (catalogue) => single("enterprise", sharedKey({ catalogue, clients: 7, minutes: 15 })),
    visibleAt: (a) => first(a) + KEY_SHARING_SUSTAINED_MINUTES * MINUTE,
  },
  // ── coordinated_access ──
  {
    name: "six free accounts from one /24 splitting the catalogue",
    label: "coordinated_access",
    build: (catalogue) => accountFarm({ catalogue, accounts: 6, perAccount: 25, durationMs: 10 * HOUR }),
    visibleAt: (a, c) => whenDistinct(a, longThreshold(c)),
  },
  {
    name: "four accounts walking disjoint slices of 15 (patterned emails, one bot UA)",
    label: "coordinated_access",
    build: (catalogue) => slicedWalkFarm({ catalogue, accounts: 4, slice: 15, from: 120 }),
    visibleAt: (a, c) => whenRun(a, c, SEQUENTIAL_WARNING_RUN),
  },
  // ── benign ──
  { name: "ordinary reader over a day", label: "benign", build: (catalogue) => single("pro", ordinaryReader({ catalogue })), scanEveryMinutes: 5 },
  {
    name: "pro backend at 80% of its limit for an hour",
    label: "benign",
    build: (catalogue) => single("pro", steadyProBackend({ catalogue, minutes: 60 })),
    scanEveryMinutes: 5,
  },
  {
    name: "enterprise backend syncing a popular quarter of the catalogue for 8 hours",
    label: "benign",
    build: (catalogue) => single("enterprise", enterpriseSync({ catalogue, sliceFraction: 0.25, perMinute: 5, hours: 8 })),
    scanEveryMinutes: 5,
  },
  {
    name: "refresh loop over the latest 30 articles in catalogue order",
    label: "benign",
    build: (catalogue) => single("pro", steadyProBackend({ catalogue, minutes: 90, perMinute: 30, popular: "latest", order: "catalogue" })),
    scanEveryMinutes: 5,
  },
  {
    name: "search-heavy integration over 10 hours",
    label: "benign",
    build: (catalogue) => single("pro", searchHeavyUser({ catalogue, searches: 300, gets: 40, durationMs: 10 * HOUR })),
    scanEveryMinutes: 5,
  },
  {
    name: "mobile user changing networks 5 times a day",
    label: "benign",
    build: (catalogue) => single("free", mobileUser({ catalogue, requests: 24, ipChanges: 5 })),
    scanEveryMinutes: 5,
  },
  {
    name: "company proxy: varying internal addresses as the client address",
    label: "benign",
    build: (catalogue) => single("pro", internalAddressReader({ catalogue, requests: 150 })),
    scanEveryMinutes: 5,
  },
  {
    name: "eight colleagues with their own accounts behind one company proxy",
    label: "benign",
    build: (catalogue) => companyColleagues({ catalogue, people: 8, perPerson: 20 }),
    scanEveryMinutes: 5,
  },
  {
    name: "developer's laptop and staging app on one key",
    label: "benign",
    build: (catalogue) => single("pro", developerClients({ catalogue, minutes: 60 })),
    scanEveryMinutes: 5,
  },
];

export { TRAFFIC_START };
