/**
 * Account farms, the database side: records the client fingerprints each key is seen with
 * (`clientSightings`: public client network, user agent; a few per key and run), and gathers the
 * facts about the accounts sharing them (profiles, keys, week coverage) for the pure judge
 * (detectors/coordinated.ts). Every read is indexed and capped by COORDINATED_* thresholds.
 */
import type { MutationCtx } from "../_generated/server";
import { DAY } from "../lib/time";
import { getProfile } from "../users/profiles";
import { clientLocation, type AccessRow, type AccountFacts } from "./detectors";
import { readCoverage, userSubject } from "./coverage";
import {
  COORDINATED_LOOKBACK_MS,
  COORDINATED_MAX_ACCOUNTS,
  COORDINATED_MAX_FINGERPRINTS_PER_RUN,
} from "./thresholds";

/** User agents are cut to this length in fingerprints. */
const MAX_USER_AGENT_FINGERPRINT = 200;

const dayOf = (t: number) => t - (t % DAY);

/**
 * A row's fingerprints: its public client network and its user agent. Non-public addresses and
 * empty user agents name no client, so they group nobody.
 */
function fingerprintsOf(row: Pick<AccessRow, "ipAddress" | "userAgent">): string[] {
  const out: string[] = [];
  const location = clientLocation(row.ipAddress);
  if (location.public) out.push(`net:${location.network}`);
  const agent = row.userAgent.trim().slice(0, MAX_USER_AGENT_FINGERPRINT);
  if (agent !== "") out.push(`ua:${agent}`);
  return out;
}

/** Records the most frequent fingerprints of a key's new rows (bounded per run). */
export async function recordSightings(ctx: Pick<MutationCtx, "db">, apiKeyId: string, userId: string, rows: readonly AccessRow[]) {
  if (rows.length === 0) return;
  const counts = new Map<string, { day: number; requests: number; lastSeenAt: number }>();
  for (const row of rows) {
    for (const fingerprint of fingerprintsOf(row)) {
      const id = `${dayOf(row.accessedAt)}|${fingerprint}`;
      const entry = counts.get(id) ?? { day: dayOf(row.accessedAt), requests: 0, lastSeenAt: 0 };
      entry.requests++;
      entry.lastSeenAt = Math.max(entry.lastSeenAt, row.accessedAt);
      counts.set(id, entry);
    }
  }
  const top = [...counts.entries()].sort((a, b) => b[1].requests - a[1].requests).slice(0, COORDINATED_MAX_FINGERPRINTS_PER_RUN);
  for (const [id, entry] of top) {
    const fingerprint = id.slice(id.indexOf("|") + 1);
    const existing = await ctx.db
      .query("clientSightings")
      .withIndex("by_fingerprint_and_day_and_apiKeyId", (q) => q.eq("fingerprint", fingerprint).eq("day", entry.day).eq("apiKeyId", apiKeyId))
      .unique();
    if (existing) {
      await ctx.db.patch("clientSightings", existing._id, {
        requests: existing.requests + entry.requests,
        lastSeenAt: Math.max(existing.lastSeenAt, entry.lastSeenAt),
      });
    } else {
      await ctx.db.insert("clientSightings", { fingerprint, apiKeyId, userId, ...entry });
    }
  }
}

/**
 * The facts for judging the accounts around one key: the key's own account, and the other accounts
 * seen with any of its fingerprints in the lookback (at most COORDINATED_MAX_ACCOUNTS), with their
 * profiles and week coverage. Cheap when nobody shares a fingerprint: coverage is read only once
 * enough accounts are in the running.
 */
export async function gatherAccounts(ctx: Pick<MutationCtx, "db">, apiKeyId: string, userId: string, now: number, minAccounts: number) {
  const since = dayOf(now - COORDINATED_LOOKBACK_MS);
  const ownSightings = await ctx.db
    .query("clientSightings")
    .withIndex("by_apiKeyId_and_day", (q) => q.eq("apiKeyId", apiKeyId).gte("day", since))
    .take(COORDINATED_MAX_FINGERPRINTS_PER_RUN * 16);
  const ownPrints = [...new Set(ownSightings.map((s) => s.fingerprint))].slice(0, COORDINATED_MAX_FINGERPRINTS_PER_RUN * 2);
  const byUser = new Map<string, { keys: Set<string>; prints: Set<string> }>();
  const note = (user: string, key: string, print: string) => {
    const entry = byUser.get(user) ?? { keys: new Set<string>(), prints: new Set<string>() };
    entry.keys.add(key);
    entry.prints.add(print);
    byUser.set(user, entry);
  };
  for (const print of ownPrints) note(userId, apiKeyId, print);
  for (const print of ownPrints) {
    const seen = await ctx.db
      .query("clientSightings")
      .withIndex("by_fingerprint_and_day_and_apiKeyId", (q) => q.eq("fingerprint", print).gte("day", since))
      .take(COORDINATED_MAX_ACCOUNTS * 4);
    for (const sighting of seen) {
      if (sighting.userId !== userId && !byUser.has(sighting.userId) && byUser.size >= COORDINATED_MAX_ACCOUNTS) continue;
      note(sighting.userId, sighting.apiKeyId, print);
    }
  }
  if (byUser.size < minAccounts) return null;
  const accounts: AccountFacts[] = [];
  for (const [user, seen] of byUser) {
    const profile = await getProfile(ctx.db, user);
    const { weekBits } = await readCoverage(ctx, userSubject(user), now);
    accounts.push({
      userId: user,
      email: profile?.email ?? null,
      signedUpAt: profile?.createdAt ?? null,
      keyIds: [...seen.keys],
      fingerprints: [...seen.prints],
      weekBits,
    });
  }
  const self = accounts.find((a) => a.userId === userId)!;
  return { self, others: accounts.filter((a) => a !== self) };
}

export const SIGHTINGS_KEEP_MS = COORDINATED_LOOKBACK_MS + DAY;
