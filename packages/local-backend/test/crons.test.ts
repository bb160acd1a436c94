// Cron schedules as Convex defines them, computed in UTC; and the component discovery of modules.ts.
import { describe, expect, test } from "vitest";
import { nextCronTime, nextRunAfter, parseCronExpression, parseCronJobs, type CronSchedule } from "../src/crons";
import { parseComponentUses } from "../src/modules";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("nextRunAfter", () => {
  const start = at("2026-11-22T10:00:00.000Z");

  test.each<[string, CronSchedule, string, string]>([
    ["every 30 seconds, counted from start", { type: "interval", seconds: 30 }, "2026-11-22T10:00:45.000Z", "2026-11-22T10:01:00.000Z"],
    ["every minute", { type: "interval", minutes: 1 }, "2026-11-22T10:00:00.000Z", "2026-11-22T10:01:00.000Z"],
    ["every 2 hours", { type: "interval", hours: 2 }, "2026-11-22T11:59:59.000Z", "2026-11-22T12:00:00.000Z"],
    ["hourly at :15", { type: "hourly", minuteUTC: 15 }, "2026-11-22T10:15:00.000Z", "2026-11-22T11:15:00.000Z"],
    ["daily at 03:30", { type: "daily", hourUTC: 3, minuteUTC: 30 }, "2026-11-22T10:00:00.000Z", "2026-11-23T03:30:00.000Z"],
    ["weekly on monday 09:00", { type: "weekly", dayOfWeek: "monday", hourUTC: 9 }, "2026-11-22T10:00:00.000Z", "2026-11-23T09:00:00.000Z"],
    ["monthly on the 31st skips short months", { type: "monthly", day: 31, hourUTC: 0 }, "2026-11-01T00:00:00.000Z", "2026-12-31T00:00:00.000Z"],
    ["cron every 5 minutes", { type: "cron", cron: "*/5 * * * *" }, "2026-11-22T10:02:10.000Z", "2026-11-22T10:05:00.000Z"],
    ["cron at 00:00 on weekdays", { type: "cron", cron: "0 0 * * 1-5" }, "2026-11-21T12:00:00.000Z", "2026-11-23T00:00:00.000Z"],
  ])("%s", (_name, schedule, after, expected) => {
    expect(iso(nextRunAfter(schedule, at(after), start))).toBe(expected);
  });
});

describe("cron expressions", () => {
  test("day of month or day of week when both are restricted (Vixie cron)", () => {
    // The 1st of the month, or any Friday: after Sun 2026-11-22 comes Fri 2026-11-27.
    expect(iso(nextCronTime(parseCronExpression("0 12 1 * fri"), at("2026-11-22T00:00:00Z")))).toBe("2026-11-27T12:00:00.000Z");
  });

  test("names, lists, ranges with steps, and 7 as Sunday", () => {
    const cron = parseCronExpression("0,30 8-18/5 * jan,dec 7");
    expect([...cron.minute]).toEqual([0, 30]);
    expect([...cron.hour]).toEqual([8, 13, 18]);
    expect([...cron.month]).toEqual([1, 12]);
    expect(cron.dow.has(0)).toBe(true);
  });

  test.each(["* * * *", "61 * * * *", "*/0 * * * *", "5-1 * * * *"])("rejects %j", (expression) => {
    expect(() => parseCronExpression(expression)).toThrow();
  });
});

describe("parseCronJobs", () => {
  test("reads a cronJobs() export", () => {
    const crons = {
      crons: { tick: { name: "messages:tick", args: [{ n: 1 }], schedule: { type: "interval", seconds: 1 } } },
    };
    expect(parseCronJobs(crons)).toEqual([{ id: "tick", functionPath: "messages:tick", args: { n: 1 }, schedule: { type: "interval", seconds: 1 } }]);
    expect(parseCronJobs(undefined)).toEqual([]);
  });
});

describe("parseComponentUses", () => {
  test("finds the components an app uses, with their names", () => {
    const source = `
      import { defineApp } from "convex/server";
      import rateLimiter from "@convex-dev/rate-limiter/convex.config";
      import betterAuth from "./betterAuth/convex.config";
      const app = defineApp();
      app.use(betterAuth);
      app.use(rateLimiter, { name: "limits" });
      export default app;`;
    expect(parseComponentUses(source)).toEqual([
      { specifier: "./betterAuth/convex.config", name: undefined },
      { specifier: "@convex-dev/rate-limiter/convex.config", name: "limits" },
    ]);
  });
});
