import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { HOUR, MINUTE, SECOND } from "../../lib/time";
import type { Tier } from "../../shared/tiers";
import {
  detect,
  detectBulkAccess,
  detectIpRotation,
  detectKeySharing,
  detectSequentialAccess,
  detectVelocity,
  findTrapHits,
  isInCooldown,
  networkOf,
  type AccessRow,
  type Finding,
} from ".";
import {
  ALERT_COOLDOWN_MS,
  EVIDENCE_MAX_IPS,
  EVIDENCE_MAX_SLUGS,
  IP_ROTATION_WARNING_IPS,
  SEQUENTIAL_CRITICAL_RUN,
  SEQUENTIAL_WARNING_RUN,
} from "../thresholds";
import {
  TRAFFIC_START,
  bulkScraper,
  contextFor,
  ipRotator,
  mergeTraffic,
  mobileUser,
  ordinaryReader,
  searchHeavyUser,
  sequentialScraper,
  sharedKey,
  steadyProBackend,
  syntheticCatalogue,
  toAccessRows,
  trapProber,
  velocityAbuser,
  type SimulatedRequest,
} from "../../../test/traffic";

const catalogue = syntheticCatalogue(300, 5);

function run(requests: SimulatedRequest[], tier: Tier = "pro") {
  const rows = toAccessRows(requests, { tier, catalogue });
  return detect(rows, contextFor(catalogue, tier, rows));
}

function only(findings: Finding[], alertType: Finding["alertType"]) {
  return findings.find((f) => f.alertType === alertType) ?? null;
}

/** Gets of the given ordinals, one every `gapMs`, from one client. */
function getsOf(ordinals: number[], gapMs = 2 * SECOND, start = TRAFFIC_START): SimulatedRequest[] {
  return ordinals.map((ordinal, i) => ({
    at: start + i * gapMs,
    action: "get",
    slug: catalogue.slugAt(ordinal),
    ip: "45.83.12.7",
    userAgent: "python-requests/2.32.3",
  }));
}

const range = (from: number, count: number, step = 1) => Array.from({ length: count }, (_, i) => from + i * step);

describe("benign traffic raises nothing", () => {
  test.each(["free", "pro", "enterprise"] as const)("an ordinary reader (%s): a few dozen popular gets over a day", (tier) => {
    expect(run(ordinaryReader(), tier)).toEqual([]);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])("ordinary readers with other seeds (seed %i)", (seed) => {
    expect(run(ordinaryReader({ seed }), "pro")).toEqual([]);
  });

  test.each(["pro", "enterprise"] as const)("a %s backend at 80 requests/min for an hour re-fetching ~30 popular articles", (tier) => {
    const traffic = steadyProBackend();
    expect(traffic.length).toBe(80 * 60);
    expect(run(traffic, tier)).toEqual([]);
  });

  test("a backend refreshing the latest 30 articles in catalogue order every cycle", () => {
    expect(run(steadyProBackend({ popular: "latest", order: "catalogue" }))).toEqual([]);
  });

  test("a backend at 95% of its limit with bursts that touch the limit for a minute or two", () => {
    const steady = steadyProBackend({ perMinute: 95, minutes: 60 });
    const burst = steadyProBackend({ perMinute: 20, minutes: 2, start: TRAFFIC_START + 30 * MINUTE });
    const findings = run(mergeTraffic(steady, burst));
    expect(findings).toEqual([]);
  });

  test.each([4, 5])("a mobile user whose IP changes %i times a day", (ipChanges) => {
    expect(run(mobileUser({ ipChanges }))).toEqual([]);
    expect(run(mobileUser({ ipChanges, requests: 200, seed: 11 }))).toEqual([]);
  });

  test("a search-heavy user: 600 searches in an hour plus a few gets", () => {
    expect(run(searchHeavyUser())).toEqual([]);
    expect(run(searchHeavyUser({ searches: 5000, durationMs: HOUR }))).toEqual([]);
  });

  test("a free user who runs into the daily limit and stops", () => {
    expect(run(ordinaryReader({ gets: 40, durationMs: HOUR }), "free")).toEqual([]);
  });

  test("no rows, no findings", () => {
    expect(detect([], contextFor(catalogue, "pro"))).toEqual([]);
  });

  test("random reading of popular articles never looks sequential (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (seed) => {
        const rows = toAccessRows(steadyProBackend({ seed, minutes: 20, popularCount: 40 }), { tier: "pro", catalogue });
        expect(detectSequentialAccess(rows, contextFor(catalogue, "pro", rows))).toBeNull();
      }),
      { numRuns: 30 },
    );
  });
});

describe("sequential_access", () => {
  test("a crawler walking 60 articles in order is critical", () => {
    const finding = only(run(sequentialScraper({ count: 60 })), "sequential_access");
    expect(finding).toMatchObject({
      severity: "critical",
      evidence: { runLength: 60, direction: "ascending", fromOrdinal: 1, toOrdinal: 60 },
    });
    expect(finding!.summary).toContain("60 consecutive catalogue positions");
  });

  test("a walk of 30 articles is a warning", () => {
    const findings = run(sequentialScraper({ count: 30, from: 101 }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ alertType: "sequential_access", severity: "warning", evidence: { runLength: 30 } });
  });

  test("the thresholds are inclusive: 19 nothing, 20 warning, 49 warning, 50 critical", () => {
    const severityOf = (count: number) => {
      const rows = toAccessRows(getsOf(range(10, count)), { tier: "pro", catalogue });
      return detectSequentialAccess(rows, contextFor(catalogue, "pro", rows))?.severity ?? null;
    };
    expect(severityOf(SEQUENTIAL_WARNING_RUN - 1)).toBeNull();
    expect(severityOf(SEQUENTIAL_WARNING_RUN)).toBe("warning");
    expect(severityOf(SEQUENTIAL_CRITICAL_RUN - 1)).toBe("warning");
    expect(severityOf(SEQUENTIAL_CRITICAL_RUN)).toBe("critical");
  });

  test("a descending walk counts too", () => {
    const finding = only(run(sequentialScraper({ count: 55, direction: "descending" })), "sequential_access");
    expect(finding).toMatchObject({ severity: "critical", evidence: { direction: "descending", fromOrdinal: 300, toOrdinal: 246 } });
  });

  test("a walk that skips up to two articles at a time still counts", () => {
    const rows = toAccessRows(getsOf(range(1, 25, 3)), { tier: "pro", catalogue });
    expect(detectSequentialAccess(rows, contextFor(catalogue, "pro", rows))).toMatchObject({ severity: "warning", evidence: { runLength: 25 } });
  });

  test("a walk with larger jumps does not", () => {
    const rows = toAccessRows(getsOf(range(1, 60, 4)), { tier: "pro", catalogue });
    expect(detectSequentialAccess(rows, contextFor(catalogue, "pro", rows))).toBeNull();
  });

  test("two workers walking different ranges in parallel are both followed", () => {
    const a = range(1, 40);
    const b = range(201, 40);
    const interleaved = a.flatMap((ordinal, i) => [ordinal, b[i]]);
    const rows = toAccessRows(getsOf(interleaved, SECOND), { tier: "pro", catalogue });
    expect(detectSequentialAccess(rows, contextFor(catalogue, "pro", rows))).toMatchObject({ evidence: { runLength: 40 } });
  });

  test("a walk hidden among random reads and retries is still found", () => {
    const random = [17, 250, 3, 121, 88, 199, 42, 270];
    const ordinals = range(100, 55).flatMap((ordinal, i) => (i % 5 === 0 ? [ordinal, ordinal, random[i % random.length]] : [ordinal]));
    const rows = toAccessRows(getsOf(ordinals, SECOND), { tier: "pro", catalogue });
    expect(detectSequentialAccess(rows, contextFor(catalogue, "pro", rows))).toMatchObject({
      severity: "critical",
      evidence: { runLength: 55 },
    });
  });

  test("a crawler hidden in a busy key's other traffic is followed on its own client", () => {
    const busy = steadyProBackend({ perMinute: 300, minutes: 10, popularCount: 30 });
    const requests = mergeTraffic(busy, sequentialScraper({ count: 60, perMinute: 20 }));
    expect(only(run(requests, "enterprise"), "sequential_access")).toMatchObject({ severity: "critical", evidence: { runLength: 60 } });
  });

  test("a few hot articles inside a real walk do not make it look like a refresh", () => {
    const walk = range(1, 60);
    const hot = [5, 6, 7].flatMap((ordinal) => Array.from({ length: 30 }, () => ordinal));
    const rows = toAccessRows(getsOf([...walk, ...hot]), { tier: "enterprise", catalogue });
    expect(detectSequentialAccess(rows, contextFor(catalogue, "enterprise", rows))).toMatchObject({ evidence: { runLength: 60 } });
  });

  test("a walk through a trap article is critical even when short", () => {
    const rows = toAccessRows(getsOf(range(10, 25)), { tier: "pro", catalogue });
    const trapSlug = catalogue.slugAt(20);
    const ctx = { ...contextFor(catalogue, "pro", rows), isTrap: (slug: string) => slug === trapSlug };
    expect(detectSequentialAccess(rows, ctx)).toMatchObject({ severity: "critical", evidence: { trapSlugs: [trapSlug] } });
  });

  test("evidence carries at most 20 sample slugs, in walk order", () => {
    const rows = toAccessRows(getsOf(range(1, 80)), { tier: "pro", catalogue });
    const finding = detectSequentialAccess(rows, contextFor(catalogue, "pro", rows))!;
    expect(finding.evidence.sampleSlugs).toEqual(range(1, EVIDENCE_MAX_SLUGS).map((o) => catalogue.slugAt(o)));
  });
});

describe("bulk_access and trap slugs", () => {
  test("fetching half the catalogue in random order is critical", () => {
    const findings = run(bulkScraper({ fraction: 0.5 }));
    expect(only(findings, "bulk_access")).toMatchObject({
      severity: "critical",
      evidence: { distinctSlugs: 150, catalogueSize: 300, coverage: 0.5, trapHits: 0 },
    });
    expect(only(findings, "sequential_access")).toBeNull();
  });

  test("fetching 20% of the catalogue is a warning", () => {
    const findings = run(bulkScraper({ fraction: 0.2 }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ alertType: "bulk_access", severity: "warning", evidence: { distinctSlugs: 60 } });
  });

  test("coverage below 15% raises nothing", () => {
    expect(run(bulkScraper({ fraction: 0.14 }))).toEqual([]);
  });

  test("a small catalogue needs at least 40 distinct articles before coverage counts", () => {
    const small = syntheticCatalogue(60, 1);
    const rowsFor = (count: number) =>
      toAccessRows(bulkScraper({ catalogue: small, fraction: count / 60 }), { tier: "pro", catalogue: small });
    const ctx = (rows: AccessRow[]) => contextFor(small, "pro", rows);
    const thirtyNine = rowsFor(39);
    expect(detectBulkAccess(thirtyNine, ctx(thirtyNine))).toBeNull();
    const forty = rowsFor(40);
    expect(detectBulkAccess(forty, ctx(forty))?.severity).toBe("critical");
  });

  test("coverage is counted within one detection window: 60 articles over a day is not bulk, within an hour it is", () => {
    const slugs = range(1, 60).map((o) => catalogue.slugAt(o));
    const spread = (gapMs: number): SimulatedRequest[] =>
      [...slugs].reverse().map((slug, i) => ({ at: TRAFFIC_START + i * gapMs, action: "get", slug, ip: "203.0.113.10", userAgent: "reader" }));
    const overADay = toAccessRows(spread(24 * MINUTE), { tier: "enterprise", catalogue });
    expect(detectBulkAccess(overADay, contextFor(catalogue, "enterprise", overADay))).toBeNull();
    const withinAnHour = toAccessRows(spread(MINUTE), { tier: "enterprise", catalogue });
    expect(detectBulkAccess(withinAnHour, contextFor(catalogue, "enterprise", withinAnHour))).toMatchObject({
      severity: "warning",
      evidence: { distinctSlugs: 60 },
    });
  });

  test("refused and not-found gets do not count as fetched", () => {
    const requests = bulkScraper({ fraction: 0.5, perMinute: 400 });
    const rows = toAccessRows(requests, { tier: "pro", catalogue });
    const finding = detectBulkAccess(rows, contextFor(catalogue, "pro", rows))!;
    expect(finding.evidence.gets).toBe(150);
    expect(finding.evidence.distinctSlugs).toBe(100); // one minute's limit; the rest were 429
  });

  test("a single get of a trap article raises a critical bulk_access finding on its own", () => {
    const findings = run(trapProber());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      alertType: "bulk_access",
      severity: "critical",
      evidence: { trapHits: 1, trapSlugs: ["trap-1"] },
    });
    expect(findings[0].summary).toContain("trap-1");
  });

  test("a trap hit makes a bulk warning critical", () => {
    const requests = mergeTraffic(bulkScraper({ fraction: 0.2 }), trapProber({ trap: 2, start: TRAFFIC_START }));
    expect(only(run(requests), "bulk_access")).toMatchObject({ severity: "critical", evidence: { trapSlugs: ["trap-3"] } });
  });

  test("a refused get of a trap article still counts: the client knew the slug", () => {
    const rows = toAccessRows(trapProber(), { tier: "pro", catalogue }).map((row) =>
      row.contentSlug === "trap-1" ? { ...row, statusCode: 429 } : row,
    );
    expect(findTrapHits(rows, contextFor(catalogue, "pro", rows))).toEqual({ hits: 1, slugs: ["trap-1"] });
  });
});

describe("velocity_exceeded", () => {
  test("a pro client sending 400/min for 10 minutes, mostly refused, is critical", () => {
    const findings = run(velocityAbuser({ perMinute: 400, minutes: 10 }));
    expect(findings.map((f) => f.alertType)).toEqual(["velocity_exceeded"]);
    expect(findings[0]).toMatchObject({
      severity: "critical",
      evidence: { mode: "rate", longestFarOverWindows: 10, peakAttemptsPerWindow: 400 },
    });
    expect(findings[0].evidence.thresholds).toMatchObject({ limitMax: 100, farOverFactor: 3 });
  });

  test("a pro client at 110/min for 8 minutes is a warning", () => {
    const finding = only(run(velocityAbuser({ perMinute: 110, minutes: 8 })), "velocity_exceeded");
    expect(finding).toMatchObject({ severity: "warning", evidence: { longestSaturatedWindows: 8, refusedInRun: 80 } });
  });

  test("4 saturated minutes are not sustained; 5 are", () => {
    expect(only(run(velocityAbuser({ perMinute: 100, minutes: 4 })), "velocity_exceeded")).toBeNull();
    expect(only(run(velocityAbuser({ perMinute: 100, minutes: 5 })), "velocity_exceeded")?.severity).toBe("warning");
  });

  test("far over the limit for only 2 minutes is a warning at most", () => {
    const requests = mergeTraffic(
      velocityAbuser({ perMinute: 100, minutes: 6 }),
      velocityAbuser({ perMinute: 300, minutes: 2, seed: 3 }),
    );
    expect(only(run(requests), "velocity_exceeded")?.severity).toBe("warning");
  });

  test("saturated minutes must be consecutive", () => {
    const requests = mergeTraffic(
      ...[0, 2, 4, 6, 8, 10].map((m) => velocityAbuser({ perMinute: 150, minutes: 1, start: TRAFFIC_START + m * MINUTE, seed: m })),
    );
    expect(only(run(requests), "velocity_exceeded")).toBeNull();
  });

  test("an enterprise key at 2,000/min for 5 minutes is critical against the 600/min baseline", () => {
    const finding = only(run(velocityAbuser({ perMinute: 2000, minutes: 5 }), "enterprise"), "velocity_exceeded");
    expect(finding).toMatchObject({ severity: "critical", evidence: { mode: "baseline", refusedInRun: 0 } });
  });

  test("an enterprise key at 700/min for 6 minutes is a warning; at 500/min nothing", () => {
    expect(only(run(velocityAbuser({ perMinute: 700, minutes: 6 }), "enterprise"), "velocity_exceeded")?.severity).toBe("warning");
    expect(only(run(velocityAbuser({ perMinute: 500, minutes: 30 }), "enterprise"), "velocity_exceeded")).toBeNull();
  });

  test("a free key that keeps going after its daily quota: 30 refusals is a warning", () => {
    const finding = only(run(ordinaryReader({ gets: 46, durationMs: HOUR }), "free"), "velocity_exceeded");
    expect(finding).toMatchObject({ severity: "warning", evidence: { mode: "quota", refused: 30 } });
  });

  test("a free key's refusals spread over a day (an app retrying hourly) are not sustained velocity", () => {
    const requests = ordinaryReader({ gets: 70, durationMs: 24 * HOUR });
    const rows = toAccessRows(requests, { tier: "free", catalogue });
    expect(rows.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(25);
    expect(detectVelocity(rows, contextFor(catalogue, "free", rows))).toBeNull();
  });

  test("a free key hammering at 3× its quota, mostly refused, is critical", () => {
    const finding = only(run(velocityAbuser({ perMinute: 10, minutes: 10 }), "free"), "velocity_exceeded");
    expect(finding).toMatchObject({ severity: "critical", evidence: { mode: "quota", attempts: 100, refused: 75 } });
  });
});

describe("ip_rotation", () => {
  test("a new address from anywhere for every request is critical", () => {
    const findings = run(ipRotator());
    expect(findings.map((f) => f.alertType)).toEqual(["ip_rotation"]);
    expect(findings[0].severity).toBe("critical");
    expect(findings[0].evidence.distinctIps).toBeGreaterThanOrEqual(250);
    expect((findings[0].evidence.ips as string[]).length).toBe(EVIDENCE_MAX_IPS);
  });

  test("8 IPs within 10 minutes is a warning; 7 is nothing", () => {
    const rowsWith = (ips: number, spacing: number) =>
      toAccessRows(
        Array.from({ length: ips }, (_, i) => ({
          at: TRAFFIC_START + i * spacing,
          action: "list" as const,
          ip: `93.184.${i}.1`, // public addresses (198.18/15 is the reserved benchmarking range)
          userAgent: "app/1.0",
        })),
        { tier: "pro" },
      );
    const eight = rowsWith(IP_ROTATION_WARNING_IPS, MINUTE);
    expect(detectIpRotation(eight, contextFor(catalogue, "pro", eight))?.severity).toBe("warning");
    const seven = rowsWith(IP_ROTATION_WARNING_IPS - 1, MINUTE);
    expect(detectIpRotation(seven, contextFor(catalogue, "pro", seven))).toBeNull();
    const spread = rowsWith(IP_ROTATION_WARNING_IPS, 2 * MINUTE);
    expect(detectIpRotation(spread, contextFor(catalogue, "pro", spread))).toBeNull();
  });

  test("many addresses inside a few networks (a cloud backend's egress) are a warning, not critical", () => {
    const requests = Array.from({ length: 120 }, (_, i) => ({
      at: TRAFFIC_START + i * 4 * SECOND,
      action: "list" as const,
      ip: `52.94.${i % 3}.${(i * 7) % 250}`,
      userAgent: "aws-lambda-fetch/1.0",
    }));
    const finding = only(run(requests), "ip_rotation");
    expect(finding).toMatchObject({ severity: "warning", evidence: { distinctNetworks: 3 } });
  });
});

describe("api_key_sharing", () => {
  test("four programs on four networks using one key for 30 minutes is a warning", () => {
    const findings = run(sharedKey({ clients: 4 }));
    expect(findings.map((f) => f.alertType)).toEqual(["api_key_sharing"]);
    expect(findings[0]).toMatchObject({ severity: "warning", evidence: { peakConcurrentClients: 4, distinctClients: 4 } });
  });

  test("eight concurrent clients from eight networks is critical", () => {
    const finding = only(run(sharedKey({ clients: 8, perClientPerMinute: 2 })), "api_key_sharing");
    expect(finding).toMatchObject({ severity: "critical", evidence: { peakConcurrentClients: 8, peakNetworks: 8 } });
    expect((finding!.evidence.clients as unknown[]).length).toBe(8);
  });

  test("two clients at once (a laptop and an app) raise nothing", () => {
    expect(run(sharedKey({ clients: 2 }))).toEqual([]);
  });

  test("concurrency for only 4 minutes is not sustained", () => {
    expect(only(run(sharedKey({ clients: 5, minutes: 4, perClientPerMinute: 4 })), "api_key_sharing")).toBeNull();
  });

  test("a client counts only once it has been active in 3 different minutes", () => {
    const clientsFor = (minutes: number) =>
      toAccessRows(
        sharedKey({ clients: 3, minutes: 30, perClientPerMinute: 2 }).concat(
          sharedKey({ clients: 3, minutes, perClientPerMinute: 2, seed: 5 }).map((r) => ({ ...r, userAgent: `${r.userAgent} extra` })),
        ),
        { tier: "enterprise", catalogue },
      ).sort((a, b) => a.accessedAt - b.accessedAt);
    const brief = clientsFor(2);
    expect(detectKeySharing(brief, contextFor(catalogue, "enterprise", brief))).toMatchObject({
      severity: "warning",
      evidence: { peakConcurrentClients: 3 },
    });
    const lasting = clientsFor(10);
    expect(detectKeySharing(lasting, contextFor(catalogue, "enterprise", lasting))).toMatchObject({
      severity: "critical",
      evidence: { peakConcurrentClients: 6, peakNetworks: 3 },
    });
  });

  test("instances of one backend in one subnet with one user agent are one client", () => {
    const requests = Array.from({ length: 6 }, (_, i) =>
      steadyProBackend({ perMinute: 10, minutes: 30, seed: i }).map((r) => ({ ...r, ip: `10.0.3.${20 + i}` })),
    ).flat();
    expect(only(run(mergeTraffic(requests)), "api_key_sharing")).toBeNull();
  });
});

describe("detect", () => {
  test("reports each alert type at most once, and several types for a scraper doing several things", () => {
    const requests = mergeTraffic(sequentialScraper({ count: 120, perMinute: 60 }), ipRotator({ requests: 100 }));
    const types = run(requests).map((f) => f.alertType);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(expect.arrayContaining(["sequential_access", "bulk_access", "ip_rotation"]));
  });

  test("sorts unsorted rows before detecting", () => {
    const rows = toAccessRows(sequentialScraper({ count: 60 }), { tier: "pro", catalogue });
    const reversed = [...rows].reverse();
    expect(detect(reversed, contextFor(catalogue, "pro", rows))).toEqual(detect(rows, contextFor(catalogue, "pro", rows)));
  });

  test("every finding's evidence is JSON and carries the window, the time of detection and its thresholds", () => {
    const requests = mergeTraffic(
      sequentialScraper({ count: 60 }),
      bulkScraper({ fraction: 0.5 }),
      velocityAbuser({ perMinute: 400 }),
      ipRotator(),
      sharedKey({ clients: 7 }),
      trapProber(),
    );
    const rows = toAccessRows(requests, { tier: "pro", catalogue });
    const ctx = contextFor(catalogue, "pro", rows, TRAFFIC_START + 2 * HOUR);
    const findings = detect(rows, ctx);
    expect(findings.map((f) => f.alertType).sort()).toEqual([
      "api_key_sharing",
      "bulk_access",
      "ip_rotation",
      "sequential_access",
      "velocity_exceeded",
    ]);
    for (const finding of findings) {
      expect(JSON.parse(JSON.stringify(finding))).toEqual(finding);
      expect(finding.evidence).toMatchObject({ windowStart: rows[0].accessedAt, windowEnd: rows[rows.length - 1].accessedAt, detectedAt: ctx.now });
      expect(Object.keys(finding.evidence.thresholds).length).toBeGreaterThan(0);
      expect(finding.summary.length).toBeGreaterThan(10);
      for (const key of ["sampleSlugs", "ips", "trapSlugs"]) {
        const list = finding.evidence[key];
        if (Array.isArray(list)) expect(list.length).toBeLessThanOrEqual(Math.max(EVIDENCE_MAX_SLUGS, EVIDENCE_MAX_IPS));
      }
    }
  });

  test("never throws on arbitrary rows (property)", () => {
    const row = fc.record({
      apiKeyId: fc.constant("k"),
      userId: fc.constant("u"),
      contentSlug: fc.oneof(fc.constant(""), fc.constantFrom(...catalogue.slugs.slice(0, 20), "trap-1", "nope"), fc.string()),
      action: fc.constantFrom("list", "get", "search"),
      statusCode: fc.constantFrom(200, 404, 429, 500),
      ipAddress: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant("unknown"), fc.string()),
      userAgent: fc.string(),
      accessedAt: fc.integer({ min: TRAFFIC_START, max: TRAFFIC_START + HOUR }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), fc.constantFrom("free", "pro", "enterprise"), (rows, tier) => {
        const findings = detect(rows as AccessRow[], contextFor(catalogue, tier, [], TRAFFIC_START + HOUR));
        for (const finding of findings) expect(JSON.parse(JSON.stringify(finding.evidence))).toEqual(finding.evidence);
      }),
      { numRuns: 200 },
    );
  });
});

describe("isInCooldown", () => {
  const now = TRAFFIC_START;
  test("holds back a second alert of the same severity within the cooldown", () => {
    expect(isInCooldown({ severity: "warning", createdAt: now - 10 * MINUTE }, "warning", now)).toBe(true);
    expect(isInCooldown({ severity: "critical", createdAt: now - 10 * MINUTE }, "critical", now)).toBe(true);
    expect(isInCooldown({ severity: "critical", createdAt: now - 10 * MINUTE }, "warning", now)).toBe(true);
  });

  test("lets an escalation from warning to critical through", () => {
    expect(isInCooldown({ severity: "warning", createdAt: now - MINUTE }, "critical", now)).toBe(false);
  });

  test("lets anything through after the cooldown or without a previous alert", () => {
    expect(isInCooldown({ severity: "critical", createdAt: now - ALERT_COOLDOWN_MS }, "warning", now)).toBe(false);
    expect(isInCooldown(null, "warning", now)).toBe(false);
  });
});

describe("networkOf", () => {
  test.each([
    ["203.0.113.7", "203.0.113.0/24"],
    ["::ffff:203.0.113.7", "203.0.113.0/24"],
    ["2001:db8:1:2::5", "2001:db8:1::/48"],
    ["2001:0db8:0001:ffff:0:0:0:1", "2001:db8:1::/48"],
    ["::1", "non-public"],
    ["10.1.2.3", "non-public"],
    ["fe80::1%eth0", "fe80::1%eth0"],
    ["unknown", "unknown"],
  ])("%s is in %s", (ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });
});
