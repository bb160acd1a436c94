// Attacks on the audit trail's size (issue #11, finding 5): anonymous noise is counted, not stored per attempt.
import { afterEach, describe, expect, test, vi } from "vitest";
import { internal } from "../_generated/api";
import { apiWorld } from "../test/world";
import { generateApiKey } from "../shared/keyFormat";
import { DAY, HOUR } from "../lib/time";
import { logSecurityEvent } from "./events";

afterEach(() => vi.useRealTimers());

describe("bounded audit logs", () => {
  test("200 invalid keys from one address write one counter row and at most two audit events", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12, 5));
    const w = await apiWorld({ articles: 3 });
    for (let i = 0; i < 200; i++) {
      if (i % 20 === 0) vi.setSystemTime(Date.UTC(2026, 10, 22, 12, 5 + i / 20)); // new throttle minute
      await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.77" });
    }
    const { rows, events } = await w.t.run(async (ctx) => ({
      rows: await ctx.db.query("invalidKeyAttempts").collect(),
      events: await ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "invalid_key_attempt")).collect(),
    }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ipAddress: "198.51.100.77", count: 200, throttled: 100 });
    expect(events.map((e) => e.severity)).toEqual(["info", "warning"]);
  });

  test("retention deletes old info-level anonymous events and counters, and keeps everything else", async () => {
    vi.useFakeTimers();
    const start = Date.UTC(2026, 10, 1);
    vi.setSystemTime(start);
    const w = await apiWorld({ articles: 3 });
    await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.78" });
    await w.t.run(async (ctx) => {
      await logSecurityEvent(ctx, { type: "content_leak", severity: "critical", actor: "anonymous", details: {} });
      await logSecurityEvent(ctx, { type: "invalid_key_attempt", severity: "warning", actor: "anonymous", details: {} });
    });
    vi.setSystemTime(start + 31 * DAY);
    await w.get("/api/v1/contents", { key: generateApiKey(), ip: "198.51.100.79" });
    const result = await w.t.mutation(internal.audit.retention.prune, {});
    expect(result).toMatchObject({ events: 1, attempts: 1, more: false });
    const left = await w.t.run(async (ctx) => ({
      events: await ctx.db.query("securityEvents").withIndex("by_actor_and_severity_and_createdAt", (q) => q.eq("actor", "anonymous")).collect(),
      attempts: await ctx.db.query("invalidKeyAttempts").collect(),
      created: await ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "api_key_created")).collect(),
    }));
    expect(left.events.map((e) => e.severity).sort()).toEqual(["critical", "info", "warning"]);
    expect(left.events.find((e) => e.severity === "info")!.createdAt).toBe(start + 31 * DAY);
    expect(left.attempts.map((a) => a.ipAddress)).toEqual(["198.51.100.79"]);
    expect(left.created).toHaveLength(3);
    expect(HOUR).toBeGreaterThan(0);
  });
});
