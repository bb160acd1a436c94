/**
 * Every number the scraping detectors use, in one place, each with the reason for its value.
 * Pure module. Where a tier's limit gives a natural scale (TIER_CONFIG in shared/tiers.ts), the
 * thresholds are multiples of it; enterprise keys have no limit, so they get an absolute baseline.
 *
 * The benign traffic these numbers were checked against (test/traffic.ts, the labelled corpus in
 * test/corpus.ts, scored by `pnpm bench`): an ordinary reader (~36 gets of popular articles over a
 * day), a pro backend at 80% of its limit for an hour re-fetching ~30 articles, an enterprise
 * backend keeping a popular slice (up to a quarter of the catalogue) in sync all day, refresh loops,
 * a mobile user whose IP changes 4–5 times a day, a search-heavy user (hundreds of searches within
 * limits), and a company whose employees share one proxy (varying internal addresses on the left of
 * the chain). None of them may raise anything.
 */
import type { IpRangeClass } from "../lib/net";
import { DAY, HOUR, MINUTE } from "../lib/time";

// ── Client addresses ────────────────────────────────────────────────────────────────────────────

/**
 * Address ranges that can name a client on the internet. Every other range (RFC 1918 private,
 * CGNAT, loopback, link-local, unique-local, reserved) is what a proxy or NAT saw on its inside:
 * detectors count all such addresses of a key as one internal location, so a company proxy's
 * varying internal addresses are never IP rotation or several clients. Documentation ranges
 * (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) count as public by default (examples and
 * test traffic use them); remove "documentation" here to treat them as internal.
 */
export const PUBLIC_RANGE_CLASSES: readonly IpRangeClass[] = ["public", "documentation"];
/** A client's network: its /24 (IPv4) or /48 (IPv6), what one office or provider block holds. */
export const CLIENT_NETWORK_V4_BITS = 24;
export const CLIENT_NETWORK_V6_BITS = 48;

// ── Runs and deduplication ──────────────────────────────────────────────────────────────────────

/**
 * How far back a detection run looks for a key that has new rows. One hour holds a pro key's
 * whole budget at full speed (100/min × 60 = 6,000 rows, a bounded read), covers every detector's
 * own window (10 min for IPs, 5 sustained minutes for velocity and sharing) several times over,
 * and is long enough to see a slow walk through a catalogue of hundreds of articles.
 */
export const DETECTION_WINDOW_MS = HOUR;

/**
 * How far back walks and coverage look: a day, bounded by DETECTION_MAX_ROWS (the newest rows). A
 * walk slower than the hour (one article every few minutes) still chains within the day, and is
 * seen in the run after its step that crosses the threshold. Velocity, IPs and sharing are judged
 * on the last DETECTION_WINDOW_MS only.
 */
export const DETECTION_LOOKBACK_MS = DAY;

/**
 * Most distinct articles one run looks up in the catalogue (one small index read each; unknown
 * slugs answered 404 need none). Convex allows 4,096 index ranges per transaction; a key that
 * fetched more distinct articles than this in its window is far over every bulk threshold anyway,
 * so the rest are counted (as non-trap) without positions.
 */
export const DETECTION_MAX_SLUG_LOOKUPS = 2_000;

/**
 * Most rows a run should read for one key (the newest ones). Pro keys cannot exceed 6,000 per
 * window; only unlimited keys reach the cap, and their most recent 8,000 rows still span the
 * 5-minute velocity and sharing windows at up to 1,600 requests/min. Keeps one run's reads far
 * below Convex's per-transaction limits.
 */
export const DETECTION_MAX_ROWS = 8_000;

/**
 * One alert per key and alert type within this time. Equal to the detection window: a second
 * alert within the hour would be raised from the same evidence. A continuing attack raises again
 * after it. A `critical` finding is never held back by an earlier `warning` (escalation).
 */
export const ALERT_COOLDOWN_MS = HOUR;

// ── Evidence ────────────────────────────────────────────────────────────────────────────────────

/** Sample slugs kept in an alert's evidence: enough for an admin to see the pattern. */
export const EVIDENCE_MAX_SLUGS = 20;
/** IPs kept in evidence; the counts are always exact, only the lists are capped. */
export const EVIDENCE_MAX_IPS = 20;
/** User agents kept in evidence. */
export const EVIDENCE_MAX_USER_AGENTS = 10;

// ── sequential_access ───────────────────────────────────────────────────────────────────────────

/**
 * A walk of 20 consecutive catalogue positions is a warning. Readers follow popularity, links and
 * search, not catalogue order: among random popular articles, a chain of even 5 neighbours in a
 * row is rare, 20 is essentially impossible by chance.
 */
export const SEQUENTIAL_WARNING_RUN = 20;
/** 50 consecutive positions: a crawler enumerating the catalogue. Revokes the key. */
export const SEQUENTIAL_CRITICAL_RUN = 50;
/**
 * Largest step between two positions of one walk: 3 tolerates up to two skipped articles
 * (a fetch that failed, an article the crawler already had) without letting random access chain.
 */
export const SEQUENTIAL_MAX_STEP = 3;
/**
 * A walk may be interleaved with up to 3 other gets between its steps (parallel crawler workers,
 * or list calls in between are not counted at all). Beyond that the walk is considered broken,
 * which is what keeps hours of random popular reads from chaining up by accident.
 */
export const SEQUENTIAL_MAX_INTERLEAVE = 4;
/**
 * A walk whose median article was fetched 3 or more times in the window is a client refreshing a
 * fixed list (e.g. "the latest 30" in order every minute), not discovering the catalogue: a
 * crawler fetches each article once, perhaps twice after a rate-limit retry. The median, so that
 * a few hot articles inside a real walk do not hide it.
 */
export const SEQUENTIAL_REFRESH_MEDIAN_FETCHES = 3;

// ── bulk_access (and trap slugs) ────────────────────────────────────────────────────────────────

/**
 * Distinct articles fetched successfully in the window as a share of the public catalogue: 15%
 * is a warning. A reader or an app showing popular content touches a few percent; the free tier
 * (25 requests/day) cannot reach this at all on a catalogue of hundreds.
 */
export const BULK_WARNING_FRACTION = 0.15;
/** 40% of the catalogue in one window is copying it. Revokes the key. */
export const BULK_CRITICAL_FRACTION = 0.4;
/**
 * "Discovery": distinct articles / successful gets in the window. A harvester fetches each article
 * about once (≈ 1); an integration keeping a slice in sync, a refresh loop or a reader re-reads
 * (≪ 1). A warning needs ≥ 0.8, a critical ≥ 0.5 (a copier re-fetching every article twice still
 * copies). This is what keeps an enterprise backend syncing a popular slice quiet.
 */
export const BULK_MIN_DISCOVERY_WARNING = 0.8;
export const BULK_MIN_DISCOVERY_CRITICAL = 0.5;

/**
 * Long horizons: distinct articles fetched by a key, or by all keys of one customer, over the last
 * day (24 hourly buckets) and the last week (7 daily buckets). Half the catalogue is a warning,
 * three quarters critical: a harvester fetching one new article a minute crosses them within a
 * working day on a catalogue of hundreds, within a week on 10,000. Honest integrations read a
 * popular slice (a quarter or less) again and again, so they need both a larger share and
 * discovery ≥ COVERAGE_MIN_DISCOVERY (distinct / successful gets over that horizon).
 */
export const COVERAGE_WARNING_FRACTION = 0.5;
export const COVERAGE_CRITICAL_FRACTION = 0.75;
export const COVERAGE_MIN_DISCOVERY = 0.5;
/**
 * And at least 40 distinct articles, so that a small catalogue (tests, a new deployment) does not
 * turn an app's 30 popular articles into "bulk". A pro backend re-fetching ~30 articles stays
 * below it whatever the catalogue size.
 */
export const BULK_MIN_DISTINCT_SLUGS = 40;
/**
 * Trap slugs are unlisted honeypots: never returned by list or search, so only a crawler
 * following hidden links or guessing slugs fetches one. A single fetch is critical.
 */
export const TRAP_MIN_HITS = 1;

// ── velocity_exceeded ───────────────────────────────────────────────────────────────────────────

/**
 * Velocity is measured in fixed windows the length of the tier's own limit window (1 minute for
 * pro) when that window is shorter than this; longer limit windows (free: 25/day) cannot be seen
 * saturating repeatedly within one detection window, so for them we count refused requests.
 */
export const VELOCITY_QUOTA_MODE_MIN_WINDOW_MS = HOUR;
/**
 * Attempts at or above 100% of the limit in every limit window for 5 minutes in a row: a client
 * that keeps pushing into its limit instead of backing off. A backend at 80% of its limit never
 * gets there; a brief burst that hits the limit once or twice does not either.
 */
export const VELOCITY_SUSTAINED_MS = 5 * MINUTE;
/**
 * "Far over": attempts at 3× the limit in a window, most of them (≥ 50%) refused with 429, for
 * 3 windows in a row. No client that reads Retry-After does this; it is a crawler ignoring the
 * limit. Revokes the key.
 */
export const VELOCITY_FAR_OVER_FACTOR = 3;
export const VELOCITY_FAR_OVER_REFUSED_SHARE = 0.5;
export const VELOCITY_CRITICAL_MS = 3 * MINUTE;
/**
 * Quota tiers (free): refused requests in the detection window at 1× the tier's quota (25
 * refusals after using up 25) is a warning; attempts at 3× the quota, mostly refused, is critical.
 * Same factors as above, applied to the quota instead of a per-minute rate.
 */
export const VELOCITY_QUOTA_WARNING_REFUSED_FACTOR = 1;
/**
 * Unlimited (enterprise) keys have no limit to be "at"; 600 requests/min (10/s, 6× the pro limit)
 * is the baseline treated like a limit above, with the same sustained and far-over rules (critical
 * at 1,800/min for 3 minutes). A catalogue of hundreds of articles is re-read several times a
 * minute at that rate; a caching backend needs a small fraction of it.
 */
export const ENTERPRISE_BASELINE_PER_MINUTE = 600;

// ── ip_rotation ─────────────────────────────────────────────────────────────────────────────────

/**
 * Distinct IPs are counted in a sliding 10-minute window: a mobile user changes network a few
 * times a day (4–5 IPs spread over hours, one or two in any 10 minutes), while a rotating proxy
 * changes every few requests.
 */
export const IP_ROTATION_WINDOW_MS = 10 * MINUTE;
/** 8 distinct IPs in 10 minutes is a warning: more than any person moving between networks. */
export const IP_ROTATION_WARNING_IPS = 8;
/**
 * 20 distinct IPs in 10 minutes from at least 10 distinct networks (/24 for IPv4, /48 for IPv6)
 * is critical. The network condition keeps a cloud backend whose egress IPs vary within its
 * provider's few ranges from being revoked; proxy pools span many unrelated networks.
 */
export const IP_ROTATION_CRITICAL_IPS = 20;
export const IP_ROTATION_CRITICAL_NETWORKS = 10;

// ── api_key_sharing ─────────────────────────────────────────────────────────────────────────────

/**
 * Concurrency is counted per minute. A client is a (network, user agent) pair: instances of one
 * backend behind one NAT or subnet with one user agent are one client, while people sharing a
 * key differ in network or user agent.
 */
export const KEY_SHARING_BUCKET_MS = MINUTE;
/**
 * A client counts only if it is active in at least 3 different minutes of the window: one-off
 * addresses (a proxy pool's, a phone switching to Wi-Fi) are rotation, not a second user.
 */
export const KEY_SHARING_MIN_CLIENT_MINUTES = 3;
/** 3 concurrent clients in a minute is a warning (a developer's laptop + one app is only 2)… */
export const KEY_SHARING_WARNING_CLIENTS = 3;
/** …6 is critical (the key is circulating), if they come from at least 3 distinct networks. */
export const KEY_SHARING_CRITICAL_CLIENTS = 6;
export const KEY_SHARING_CRITICAL_MIN_NETWORKS = 3;
/** Either level must hold in at least 5 minutes of the window: sustained, not a coincidence. */
export const KEY_SHARING_SUSTAINED_MINUTES = 5;

// ── coordinated_access (account farms) ──────────────────────────────────────────────────────────

/**
 * Accounts are grouped when they share at least 2 of: a client network, a user agent, sign-up
 * within COORDINATED_SIGNUP_WINDOW_MS of each other, an email pattern (same domain and the same
 * local part once digits and separators are removed). One shared trait is common (a company
 * proxy, a popular browser); two, with the coverage below, is a farm.
 */
export const COORDINATED_MIN_SHARED_TRAITS = 2;
export const COORDINATED_SIGNUP_WINDOW_MS = DAY;
/** At least 3 accounts act together (one person with a second account is not a farm). */
export const COORDINATED_MIN_ACCOUNTS = 3;
/** At most this many accounts are examined per group (bounded reads); evidence names all of them. */
export const COORDINATED_MAX_ACCOUNTS = 25;
/**
 * The group's union coverage over the day or week, as for one key (COVERAGE_* fractions), and the
 * accounts split the work: the sum of their own distinct articles is at most 1.5× the union
 * (readers of one popular subset overlap far more). Alternatively their union holds a walk of
 * SEQUENTIAL_CRITICAL_RUN consecutive positions made of disjoint slices.
 */
export const COORDINATED_MAX_OVERLAP = 1.5;
/** Fingerprints (networks, user agents) recorded per key and run: the most frequent ones. */
export const COORDINATED_MAX_FINGERPRINTS_PER_RUN = 4;
/** How long a recorded fingerprint groups accounts. */
export const COORDINATED_LOOKBACK_MS = 7 * DAY;
