// Retention at its edges, without a signed-up world (issue #17, group retention): detection's own
// state (coverage sets, client sightings) goes once older than detection reads and not a
// millisecond before; a full batch of anything schedules the next run at once; an access-log row
// the scan has reached is removable; spent request signatures and old anonymous noise go, at
// exactly AUDIT_RETENTION_DAYS.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { internal } from "../_generated/api";
import { newTest, type TestConvex } from "../test/setup";
import { DAY } from "../lib/time";
import { AUDIT_PRUNE_BATCH } from "../audit/retention";
import { COVERAGE_KEEP_MS } from "./coverage";
import { SIGHTINGS_KEEP_MS } from "./coordinated";
import { DETECTION_CURSOR } from "./detection";
import { RETENTION_BATCH_ROWS } from "./retention";

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

type LogRow = { apiKeyId: string; accessedAt: number; statusCode: number };

/** Access-log rows the detection scan has already passed (the cursor is after the last one). */
async function scannedRows(t: TestConvex, rows: LogRow[]) {
  await t.run(async (ctx) => {
    for (const [i, row] of rows.entries()) {
      await ctx.db.insert("contentAccessLog", {
        ...row, userId: `owner-of-${row.apiKeyId}`, contentSlug: `s${i}`, action: "get", ipAddress: "203.0.113.1", userAgent: "ua",
      });
    }
    await ctx.db.insert("jobCursors", { name: DETECTION_CURSOR, lastCreationTime: Number.MAX_SAFE_INTEGER, updatedAt: NOW });
  });
}

const coverage = (start: number) => ({ subject: "key:k1", period: "hour" as const, start, bits: new ArrayBuffer(8), gets: 1 });
const sighting = (day: number) => ({ fingerprint: "net:203.0.113.0/24", day, apiKeyId: "k1", userId: "u1", requests: 1, lastSeenAt: day });
const count = (t: TestConvex, table: "keyCoverage" | "clientSightings" | "usedSignatures" | "contentAccessLog" | "securityEvents" | "invalidKeyAttempts") =>
  t.run(async (ctx) => (await ctx.db.query(table).collect()).length);

describe("access-log retention: detection's state", () => {
  test("coverage sets and client sightings go once older than detection reads, not a millisecond before", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (const start of [NOW - COVERAGE_KEEP_MS - 1, NOW - COVERAGE_KEEP_MS, NOW]) await ctx.db.insert("keyCoverage", coverage(start));
      for (const day of [NOW - SIGHTINGS_KEEP_MS - 1, NOW - SIGHTINGS_KEEP_MS, NOW]) await ctx.db.insert("clientSightings", sighting(day));
    });
    expect(await t.mutation(internal.monitoring.retention.run, {})).toEqual({ removed: 0, more: false });
    const left = await t.run(async (ctx) => ({
      coverage: (await ctx.db.query("keyCoverage").collect()).map((r) => r.start),
      sightings: (await ctx.db.query("clientSightings").collect()).map((r) => r.day),
    }));
    expect(left.coverage.sort()).toEqual([NOW - COVERAGE_KEEP_MS, NOW].sort());
    expect(left.sightings.sort()).toEqual([NOW - SIGHTINGS_KEEP_MS, NOW].sort());
  });

  test.each([
    ["coverage sets", "keyCoverage"],
    ["client sightings", "clientSightings"],
  ] as const)("a full batch of old %s schedules the next run at once, which finishes the job", async (_, table) => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i <= RETENTION_BATCH_ROWS; i++) {
        if (table === "keyCoverage") await ctx.db.insert("keyCoverage", coverage(NOW - 30 * DAY - i));
        else await ctx.db.insert("clientSightings", sighting(NOW - 30 * DAY - i));
      }
    });
    expect(await t.mutation(internal.monitoring.retention.run, {})).toEqual({ removed: 0, more: true });
    expect(await count(t, table)).toBe(1);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await count(t, table)).toBe(0);
  });
});

describe("access-log retention: rows", () => {
  test("the row the scan stopped at is removable once old enough", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      const id = await ctx.db.insert("contentAccessLog", {
        apiKeyId: "k1", userId: "u1", contentSlug: "a", action: "get", statusCode: 200, ipAddress: "203.0.113.1", userAgent: "ua", accessedAt: NOW,
      });
      const row = (await ctx.db.get("contentAccessLog", id))!;
      await ctx.db.insert("jobCursors", { name: DETECTION_CURSOR, lastCreationTime: row._creationTime, updatedAt: NOW });
    });
    vi.setSystemTime(NOW + 40 * DAY);
    expect(await t.mutation(internal.monitoring.retention.run, {})).toEqual({ removed: 1, more: false });
    expect(await count(t, "contentAccessLog")).toBe(0);
    const daily = await t.run((ctx) => ctx.db.query("dailyKeyUsage").collect());
    expect(daily.map((d) => [d.apiKeyId, d.requests])).toEqual([["k1", 1]]);
  });
});

describe("access-log retention: the period and the roll-up", () => {
  test.each([
    [undefined, 30],
    ["7", 7],
  ])("LOG_RETENTION_DAYS=%s keeps rows up to exactly %i days old and deletes older ones", async (setting, days) => {
    if (setting) vi.stubEnv("LOG_RETENTION_DAYS", setting);
    const t = newTest();
    const ages = [0, days * DAY - 1, days * DAY, days * DAY + 1, 2 * days * DAY];
    await scannedRows(t, ages.map((age) => ({ apiKeyId: "k1", accessedAt: NOW - age, statusCode: 200 })));
    expect(await t.mutation(internal.monitoring.retention.run, {})).toEqual({ removed: 2, more: false });
    const left = await t.run(async (ctx) => (await ctx.db.query("contentAccessLog").collect()).map((r) => NOW - r.accessedAt).sort((a, b) => a - b));
    expect(left).toEqual([0, days * DAY - 1, days * DAY]);
  });

  test("deleted rows are counted into daily usage per key and UTC day: requests, errors, rate-limited, added to what is there", async () => {
    const t = newTest();
    const day = NOW - 40 * DAY - (NOW % DAY);
    await t.run((ctx) => ctx.db.insert("dailyKeyUsage", { apiKeyId: "k1", userId: "owner-of-k1", day, requests: 10, errors: 2, rateLimited: 1 }));
    await scannedRows(t, [
      { apiKeyId: "k1", accessedAt: day + 1, statusCode: 200 },
      { apiKeyId: "k1", accessedAt: day + DAY - 1, statusCode: 404 },
      { apiKeyId: "k1", accessedAt: day + 5, statusCode: 429 },
      { apiKeyId: "k1", accessedAt: day + DAY, statusCode: 399 },
      { apiKeyId: "k2", accessedAt: day + 2, statusCode: 400 },
    ]);
    expect(await t.mutation(internal.monitoring.retention.run, {})).toEqual({ removed: 5, more: false });
    const daily = await t.run(async (ctx) => (await ctx.db.query("dailyKeyUsage").collect()).map(({ apiKeyId, userId, day, requests, errors, rateLimited }) => ({ apiKeyId, userId, day, requests, errors, rateLimited })));
    expect(daily.sort((a, b) => a.apiKeyId.localeCompare(b.apiKeyId) || a.day - b.day)).toEqual([
      { apiKeyId: "k1", userId: "owner-of-k1", day, requests: 13, errors: 4, rateLimited: 2 },
      { apiKeyId: "k1", userId: "owner-of-k1", day: day + DAY, requests: 1, errors: 0, rateLimited: 0 },
      { apiKeyId: "k2", userId: "owner-of-k2", day, requests: 1, errors: 1, rateLimited: 0 },
    ]);
  });

  test("a full batch of old rows schedules the next run at once, which finishes the job", async () => {
    const t = newTest();
    await scannedRows(t, Array.from({ length: RETENTION_BATCH_ROWS + 1 }, (_, i) => ({ apiKeyId: "k1", accessedAt: NOW - 40 * DAY - i, statusCode: 200 })));
    expect(await t.mutation(internal.monitoring.retention.run, {})).toEqual({ removed: RETENTION_BATCH_ROWS, more: true });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await count(t, "contentAccessLog")).toBe(0);
  });

  test("a full batch the scan has not all passed does not reschedule (nothing more is removable yet)", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i < RETENTION_BATCH_ROWS; i++) {
        await ctx.db.insert("contentAccessLog", {
          apiKeyId: "k1", userId: "u1", contentSlug: `s${i}`, action: "get", statusCode: 200, ipAddress: "203.0.113.1", userAgent: "ua", accessedAt: NOW - 40 * DAY,
        });
      }
    });
    expect(await t.mutation(internal.monitoring.retention.run, {})).toEqual({ removed: 0, more: false });
  });
});

describe("audit retention", () => {
  test("a request signature goes once its window has passed, not before", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (const expiresAt of [NOW - 1, NOW, NOW + 1]) await ctx.db.insert("usedSignatures", { apiKeyId: "k1", signature: `s${expiresAt}`, expiresAt });
    });
    expect(await t.mutation(internal.audit.retention.prune, {})).toEqual({ events: 0, attempts: 0, more: false });
    const left = await t.run(async (ctx) => (await ctx.db.query("usedSignatures").collect()).map((r) => r.expiresAt).sort());
    expect(left).toEqual([NOW, NOW + 1]);
  });

  test("anonymous info events and attempt counters go after exactly AUDIT_RETENTION_DAYS (default 30)", async () => {
    const t = newTest();
    const edge = NOW - 30 * DAY;
    await t.run(async (ctx) => {
      for (const createdAt of [edge - 1, edge]) {
        await ctx.db.insert("securityEvents", { type: "invalid_key_attempt", severity: "info", actor: "anonymous", details: "{}", createdAt });
        await ctx.db.insert("invalidKeyAttempts", {
          ipAddress: `198.51.100.${createdAt === edge ? 2 : 1}`, windowStart: createdAt, count: 1, throttled: 0, firstAt: createdAt, lastAt: createdAt,
          sample: { keyStart: "nak_pk_abcd", path: "/api/v1/me", userAgent: "ua" },
        });
      }
    });
    expect(await t.mutation(internal.audit.retention.prune, {})).toEqual({ events: 1, attempts: 1, more: false });
    const left = await t.run(async (ctx) => ({
      events: (await ctx.db.query("securityEvents").collect()).map((e) => e.createdAt),
      attempts: (await ctx.db.query("invalidKeyAttempts").collect()).map((a) => a.windowStart),
    }));
    expect(left).toEqual({ events: [edge], attempts: [edge] });
  });

  test.each(["events", "attempts", "signatures"] as const)("a full batch of old %s schedules the next run at once, which finishes the job", async (kind) => {
    const t = newTest();
    const old = NOW - 60 * DAY;
    await t.run(async (ctx) => {
      for (let i = 0; i <= AUDIT_PRUNE_BATCH; i++) {
        if (kind === "events") await ctx.db.insert("securityEvents", { type: "invalid_key_attempt", severity: "info", actor: "anonymous", details: "{}", createdAt: old + i });
        else if (kind === "attempts") {
          await ctx.db.insert("invalidKeyAttempts", {
            ipAddress: `198.51.${i >> 8}.${i & 255}`, windowStart: old + i, count: 1, throttled: 0, firstAt: old, lastAt: old,
            sample: { keyStart: "nak_pk_abcd", path: "/", userAgent: "ua" },
          });
        } else await ctx.db.insert("usedSignatures", { apiKeyId: "k1", signature: `s${i}`, expiresAt: old + i });
      }
    });
    const first = await t.mutation(internal.audit.retention.prune, {});
    expect(first.more).toBe(true);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const table = kind === "events" ? "securityEvents" : kind === "attempts" ? "invalidKeyAttempts" : "usedSignatures";
    expect(await count(t, table)).toBe(0);
  });
});
