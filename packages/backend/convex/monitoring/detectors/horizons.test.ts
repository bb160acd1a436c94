// Long horizons, client addresses and account farms: the pure judges added for issue #13.
import { describe, expect, test } from "vitest";
import { DAY, HOUR, MINUTE } from "../../lib/time";
import { withPositions } from "../bitset";
import {
  clientLocation,
  detect,
  detectBulkAccess,
  detectCoordinatedAccess,
  detectIpRotation,
  detectKeySharing,
  emailPattern,
  sharedTraits,
  type AccountFacts,
} from ".";
import {
  BULK_MIN_DISTINCT_SLUGS,
  COORDINATED_MIN_ACCOUNTS,
  COVERAGE_CRITICAL_FRACTION,
  COVERAGE_WARNING_FRACTION,
  SEQUENTIAL_WARNING_RUN,
} from "../thresholds";
import {
  TRAFFIC_START,
  contextFor,
  enterpriseSync,
  internalAddressReader,
  slowHarvester,
  slowWalker,
  syntheticCatalogue,
  toAccessRows,
} from "../../../test/traffic";

const catalogue = syntheticCatalogue(300, 5);
const facts = (day: number, dayGets: number, week = day, weekGets = dayGets) => ({ day, dayGets, week, weekGets });
const none = facts(0, 0);

describe("client addresses", () => {
  test.each([
    ["10.1.2.3", false],
    ["172.20.0.9", false],
    ["192.168.0.4", false],
    ["100.64.3.3", false],
    ["127.0.0.1", false],
    ["fd00::1", false],
    ["fe80::1", false],
    ["8.8.8.8", true],
    ["203.0.113.9", true],
    ["2606:4700::1", true],
  ])("%s is public: %s", (ip, isPublic) => {
    expect(clientLocation(ip).public).toBe(isPublic);
  });

  test("internal addresses behind a company proxy are one location: no IP rotation, no sharing", () => {
    const rows = toAccessRows(internalAddressReader({ catalogue, requests: 400, durationMs: HOUR }), { tier: "pro", catalogue });
    expect(new Set(rows.map((r) => r.ipAddress)).size).toBeGreaterThan(100);
    const ctx = contextFor(catalogue, "pro", rows);
    expect(detectIpRotation(rows, ctx)).toBeNull();
    expect(detectKeySharing(rows, ctx)).toBeNull();
    expect(detect(rows, ctx)).toEqual([]);
  });

  test("an IPv4-mapped address and its IPv4 form are one address", () => {
    expect(clientLocation("::ffff:203.0.113.9")).toEqual(clientLocation("203.0.113.9"));
  });
});

describe("bulk_access over long horizons", () => {
  const half = Math.ceil(COVERAGE_WARNING_FRACTION * catalogue.size);
  const most = Math.ceil(COVERAGE_CRITICAL_FRACTION * catalogue.size);

  test("a key that fetched half the catalogue over the day, each article about once, is a warning", () => {
    const rows = toAccessRows(slowHarvester({ catalogue, count: 10, everyMs: 3 * MINUTE }), { tier: "pro", catalogue });
    const ctx = { ...contextFor(catalogue, "pro", rows), coverage: { key: facts(half, half + 5), customer: facts(half, half + 5) } };
    expect(detectBulkAccess(rows, ctx)).toMatchObject({ severity: "warning", evidence: { longHorizon: { subject: "key", horizon: "day" } } });
  });

  test("three quarters over the week is critical", () => {
    const rows = toAccessRows(slowHarvester({ catalogue, count: 10 }), { tier: "pro", catalogue });
    const ctx = { ...contextFor(catalogue, "pro", rows), coverage: { key: facts(40, 41, most, most + 20), customer: none } };
    expect(detectBulkAccess(rows, ctx)).toMatchObject({ severity: "critical", evidence: { longHorizon: { horizon: "week" } } });
  });

  test("a customer's keys together are judged like one key", () => {
    const rows = toAccessRows(slowHarvester({ catalogue, count: 10 }), { tier: "free", catalogue });
    const ctx = { ...contextFor(catalogue, "free", rows), coverage: { key: facts(25, 25), customer: facts(most, most) } };
    expect(detectBulkAccess(rows, ctx)).toMatchObject({ severity: "critical", evidence: { longHorizon: { subject: "customer" } } });
  });

  test("re-reading a slice many times is not coverage: discovery below the threshold raises nothing", () => {
    const rows = toAccessRows(slowHarvester({ catalogue, count: 10 }), { tier: "enterprise", catalogue });
    const ctx = { ...contextFor(catalogue, "enterprise", rows), coverage: { key: facts(most, most * 10), customer: facts(most, most * 10) } };
    expect(detectBulkAccess(rows, ctx)).toBeNull();
  });

  test("fewer than the minimum distinct articles never counts, whatever the share", () => {
    const small = syntheticCatalogue(50, 0);
    const rows = toAccessRows(slowHarvester({ catalogue: small, count: 10 }), { tier: "pro", catalogue: small });
    const ctx = { ...contextFor(small, "pro", rows), coverage: { key: facts(BULK_MIN_DISTINCT_SLUGS - 1, BULK_MIN_DISTINCT_SLUGS - 1), customer: none } };
    expect(detectBulkAccess(rows, ctx)).toBeNull();
  });

  test("an enterprise backend syncing a popular quarter of the catalogue all day raises nothing", () => {
    const rows = toAccessRows(enterpriseSync({ catalogue, sliceFraction: 0.25, perMinute: 20, hours: 3 }), { tier: "enterprise", catalogue });
    const distinct = new Set(rows.filter((r) => r.action === "get").map((r) => r.contentSlug)).size;
    const ctx = { ...contextFor(catalogue, "enterprise", rows), coverage: { key: facts(distinct, rows.length), customer: facts(distinct, rows.length) } };
    expect(detect(rows, ctx)).toEqual([]);
  });

  test("a walk slower than one article every 3 minutes is still followed over the day", () => {
    const rows = toAccessRows(slowWalker({ catalogue, count: SEQUENTIAL_WARNING_RUN, everyMs: 5 * MINUTE }), { tier: "pro", catalogue });
    expect(rows[rows.length - 1].accessedAt - rows[0].accessedAt).toBeGreaterThan(HOUR);
    expect(detect(rows, contextFor(catalogue, "pro", rows)).map((f) => f.alertType)).toEqual(["sequential_access"]);
  });
});

describe("coordinated_access", () => {
  const account = (i: number, over: Partial<AccountFacts> = {}): AccountFacts => ({
    userId: `u${i}`,
    email: `harvest${i}@mailbox.example`,
    signedUpAt: TRAFFIC_START - HOUR + i * MINUTE,
    keyIds: [`k${i}`],
    fingerprints: ["net:185.100.87.0/24", "ua:python-requests/2.32.3"],
    weekBits: withPositions(null, []),
    ...over,
  });
  const slice = (from: number, count: number) => withPositions(null, Array.from({ length: count }, (_, i) => from + i * 3));
  const ctx = { catalogueSize: 300, now: TRAFFIC_START };

  test("email patterns ignore digits, separators and tags", () => {
    expect(emailPattern("harvest.01@Mailbox.example")).toBe("harvest@mailbox.example");
    expect(emailPattern("harvest-7+x@mailbox.example")).toBe("harvest@mailbox.example");
    expect(emailPattern("12345@mailbox.example")).toBeNull();
    expect(emailPattern("alice@initech.example")).not.toBe(emailPattern("bob@initech.example"));
  });

  test("traits are shared networks, user agents, sign-up within a day and email patterns", () => {
    expect(sharedTraits(account(1), account(2))).toEqual(["network", "user_agent", "signup_time", "email_pattern"]);
    expect(sharedTraits(account(1), account(2, { fingerprints: [], signedUpAt: TRAFFIC_START - 90 * DAY, email: "x@y.example" }))).toEqual([]);
  });

  test("accounts splitting the catalogue between them are critical, naming every account and key", () => {
    const accounts = Array.from({ length: 6 }, (_, i) => account(i, { weekBits: withPositions(null, Array.from({ length: 40 }, (_, j) => 1 + i * 40 + j)) }));
    const finding = detectCoordinatedAccess(accounts[0], accounts.slice(1), ctx);
    expect(finding).toMatchObject({ alertType: "coordinated_access", severity: "critical", evidence: { unionDistinct: 240, pattern: "coverage" } });
    expect(finding!.evidence.keyIds).toEqual(["k0", "k1", "k2", "k3", "k4", "k5"]);
    expect((finding!.evidence.accounts as Array<{ userId: string }>).map((a) => a.userId)).toEqual(["u0", "u1", "u2", "u3", "u4", "u5"]);
  });

  test("half the catalogue between them is a warning", () => {
    // Every other article (no runs), dealt round-robin to five accounts: 150 of 300 between them.
    const evens = Array.from({ length: 150 }, (_, j) => 2 + 2 * j);
    const accounts = Array.from({ length: 5 }, (_, i) => account(i, { weekBits: withPositions(null, evens.filter((_, j) => j % 5 === i)) }));
    expect(detectCoordinatedAccess(accounts[0], accounts.slice(1), ctx)).toMatchObject({ severity: "warning" });
  });

  test("disjoint slices that make one walk are found even when the coverage is small", () => {
    const accounts = Array.from({ length: 4 }, (_, i) => account(i, { weekBits: withPositions(null, Array.from({ length: 15 }, (_, j) => 100 + i * 15 + j)) }));
    expect(detectCoordinatedAccess(accounts[0], accounts.slice(1), ctx)).toMatchObject({ severity: "critical", evidence: { pattern: "sliced_walk", longestRun: 60 } });
  });

  test("colleagues behind one proxy reading the same popular articles raise nothing", () => {
    const popular = Array.from({ length: 45 }, (_, i) => 1 + i * 6);
    const colleagues = Array.from({ length: 8 }, (_, i) =>
      account(i, { email: `${["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi"][i]}@initech.example`, signedUpAt: TRAFFIC_START - (30 + 17 * i) * DAY, weekBits: withPositions(null, popular.filter((_, j) => (j + i) % 3 !== 0)) }),
    );
    expect(detectCoordinatedAccess(colleagues[0], colleagues.slice(1), ctx)).toBeNull();
  });

  test(`fewer than ${COORDINATED_MIN_ACCOUNTS} accounts, or accounts sharing a single trait, are no group`, () => {
    const two = [account(0, { weekBits: slice(1, 150) }), account(1, { weekBits: slice(2, 150) })];
    expect(detectCoordinatedAccess(two[0], two.slice(1), ctx)).toBeNull();
    const strangers = Array.from({ length: 6 }, (_, i) =>
      account(i, { email: `p${"abcdef"[i]}x@site${i}.example`, signedUpAt: TRAFFIC_START - i * 10 * DAY, fingerprints: i === 0 ? ["net:1.2.3.0/24", "ua:a"] : ["net:1.2.3.0/24", `ua:${i}`], weekBits: withPositions(null, Array.from({ length: 40 }, (_, j) => 1 + i * 40 + j)) }),
    );
    expect(detectCoordinatedAccess(strangers[0], strangers.slice(1), ctx)).toBeNull();
  });
});
