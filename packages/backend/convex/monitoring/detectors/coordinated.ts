/**
 * coordinated_access: account farms. Several accounts, each under its own limits, act as one
 * client: they share traits (a client network, a user agent, sign-up time, an email pattern) and
 * together cover the catalogue, or walk it in disjoint slices. The detection job gathers the facts
 * (monitoring/coordinated.ts); this pure judge decides. Pure module.
 *
 * @example
 *   detectCoordinatedAccess(self, others, { catalogueSize: 200, now })?.evidence.accounts;
 */
import type { AlertSeverity } from "../../shared/validators";
import { countBits, longestRun, union } from "../bitset";
import {
  BULK_MIN_DISTINCT_SLUGS,
  COORDINATED_MAX_OVERLAP,
  COORDINATED_MIN_ACCOUNTS,
  COORDINATED_MIN_SHARED_TRAITS,
  COORDINATED_SIGNUP_WINDOW_MS,
  COVERAGE_CRITICAL_FRACTION,
  COVERAGE_WARNING_FRACTION,
  SEQUENTIAL_CRITICAL_RUN,
  SEQUENTIAL_WARNING_RUN,
} from "../thresholds";
import { ratio } from "./common";
import type { Finding } from "./types";

/** What the job knows about one account (customer) for this judgement. */
export type AccountFacts = {
  userId: string;
  email: string | null;
  /** Sign-up time (ms), when known. */
  signedUpAt: number | null;
  /** The account's keys seen with the shared fingerprints. */
  keyIds: string[];
  /** Fingerprints seen in the lookback: "net:<cidr>", "ua:<user agent>". */
  fingerprints: string[];
  /** Public catalogue positions the account fetched over the last week. */
  weekBits: Uint8Array;
};

export type Trait = "network" | "user_agent" | "signup_time" | "email_pattern";

/**
 * An email's pattern: its domain and its local part without digits, separators and `+tags`, so
 * "harvest.01@mail.test" and "harvest-7@mail.test" match ("harvest@mail.test"). Null when the
 * local part is all digits and separators (nothing to compare).
 *
 * @example emailPattern("Bot+x.12@Farm.example"); // "bot@farm.example"
 */
export function emailPattern(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return null;
  const local = email.slice(0, at).toLowerCase().replace(/\+.*$/, "").replace(/[0-9._-]/g, "");
  return local === "" ? null : `${local}@${email.slice(at + 1).toLowerCase()}`;
}

/** The traits two accounts share. */
export function sharedTraits(a: AccountFacts, b: AccountFacts): Trait[] {
  const traits: Trait[] = [];
  const bPrints = new Set(b.fingerprints);
  if (a.fingerprints.some((f) => f.startsWith("net:") && bPrints.has(f))) traits.push("network");
  if (a.fingerprints.some((f) => f.startsWith("ua:") && bPrints.has(f))) traits.push("user_agent");
  if (a.signedUpAt !== null && b.signedUpAt !== null && Math.abs(a.signedUpAt - b.signedUpAt) <= COORDINATED_SIGNUP_WINDOW_MS) {
    traits.push("signup_time");
  }
  const pattern = emailPattern(a.email);
  if (pattern !== null && pattern === emailPattern(b.email)) traits.push("email_pattern");
  return traits;
}

/**
 * Judges the group of accounts around `self`: the others sharing at least
 * COORDINATED_MIN_SHARED_TRAITS traits with it. With at least COORDINATED_MIN_ACCOUNTS accounts,
 * their union of the week's fetched positions is judged as one key's coverage (warning at
 * COVERAGE_WARNING_FRACTION of the catalogue, critical at COVERAGE_CRITICAL_FRACTION), provided
 * they split the work (the sum of their own distinct articles is at most COORDINATED_MAX_OVERLAP
 * times the union: readers of one popular subset overlap far more). A union holding a run of
 * consecutive positions made of the accounts' slices is a walk in disjoint slices: warning from
 * SEQUENTIAL_WARNING_RUN, critical from SEQUENTIAL_CRITICAL_RUN, when no one account holds it alone.
 */
export function detectCoordinatedAccess(
  self: AccountFacts,
  others: readonly AccountFacts[],
  ctx: { catalogueSize: number; now: number },
): Finding | null {
  const members = [
    { account: self, traits: [] as Trait[] },
    ...others
      .filter((other) => other.userId !== self.userId)
      .map((account) => ({ account, traits: sharedTraits(self, account) }))
      .filter((m) => m.traits.length >= COORDINATED_MIN_SHARED_TRAITS),
  ];
  if (members.length < COORDINATED_MIN_ACCOUNTS) return null;

  const all = union(members.map((m) => m.account.weekBits));
  const unionDistinct = countBits(all);
  if (unionDistinct < BULK_MIN_DISTINCT_SLUGS || ctx.catalogueSize <= 0) return null;
  const own = members.map((m) => countBits(m.account.weekBits));
  const overlap = own.reduce((n, c) => n + c, 0) / unionDistinct;
  const split = overlap <= COORDINATED_MAX_OVERLAP;
  const share = unionDistinct / ctx.catalogueSize;
  const run = longestRun(all);
  const longestAlone = Math.max(...members.map((m) => longestRun(m.account.weekBits).length));
  const slicedWalk = split && longestAlone < run.length;

  let severity: AlertSeverity | null = null;
  let pattern: "coverage" | "sliced_walk" = "coverage";
  if (split && share >= COVERAGE_CRITICAL_FRACTION) severity = "critical";
  else if (slicedWalk && run.length >= SEQUENTIAL_CRITICAL_RUN) [severity, pattern] = ["critical", "sliced_walk"];
  else if (split && share >= COVERAGE_WARNING_FRACTION) severity = "warning";
  else if (slicedWalk && run.length >= SEQUENTIAL_WARNING_RUN) [severity, pattern] = ["warning", "sliced_walk"];
  if (severity === null) return null;

  const traits = [...new Set(members.flatMap((m) => m.traits))];
  const keys = members.flatMap((m) => m.account.keyIds);
  return {
    alertType: "coordinated_access",
    severity,
    summary:
      pattern === "coverage"
        ? `${members.length} accounts sharing ${traits.join(", ").replaceAll("_", " ")} fetched ${unionDistinct} of ${ctx.catalogueSize} articles (${Math.round(share * 100)}%) between them this week`
        : `${members.length} accounts sharing ${traits.join(", ").replaceAll("_", " ")} walked ${run.length} consecutive catalogue positions in disjoint slices`,
    evidence: {
      windowStart: ctx.now - 7 * 24 * 60 * 60 * 1000,
      windowEnd: ctx.now,
      detectedAt: ctx.now,
      rowsExamined: 0,
      thresholds: {
        minAccounts: COORDINATED_MIN_ACCOUNTS,
        minSharedTraits: COORDINATED_MIN_SHARED_TRAITS,
        signupWindowMs: COORDINATED_SIGNUP_WINDOW_MS,
        maxOverlap: COORDINATED_MAX_OVERLAP,
        warningFraction: COVERAGE_WARNING_FRACTION,
        criticalFraction: COVERAGE_CRITICAL_FRACTION,
        warningRun: SEQUENTIAL_WARNING_RUN,
        criticalRun: SEQUENTIAL_CRITICAL_RUN,
      },
      pattern,
      accounts: members.map((m, i) => ({
        userId: m.account.userId,
        email: m.account.email,
        signedUpAt: m.account.signedUpAt,
        keyIds: m.account.keyIds,
        sharedTraits: i === 0 ? ["self"] : m.traits,
        distinctArticles: own[i],
      })),
      keyIds: keys,
      sharedTraits: traits,
      unionDistinct,
      catalogueSize: ctx.catalogueSize,
      coverage: ratio(unionDistinct, ctx.catalogueSize),
      overlap: Math.round(overlap * 100) / 100,
      longestRun: run.length,
      longestRunFrom: run.from,
      longestRunAlone: longestAlone,
    },
  };
}
