/**
 * The app's crons (default export of `crons.ts`, `cronJobs()`), run on their schedules with real
 * timers in UTC, as Convex runs them: `interval` (seconds/minutes/hours, counted from start),
 * `hourly`, `daily`, `weekly`, `monthly` and 5-field `cron` strings. A run that is still going
 * when the next is due is skipped, as Convex does. `runNow` fires one at once (dev endpoint).
 */
import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import { z } from "zod";
import type { LocalBackend } from "./backend.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** setTimeout's largest delay; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const DAYS_OF_WEEK = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

const scheduleShape = z.discriminatedUnion("type", [
  z.object({ type: z.literal("interval"), seconds: z.number().optional(), minutes: z.number().optional(), hours: z.number().optional() }),
  z.object({ type: z.literal("hourly"), minuteUTC: z.number().optional() }),
  z.object({ type: z.literal("daily"), hourUTC: z.number(), minuteUTC: z.number().optional() }),
  z.object({ type: z.literal("weekly"), dayOfWeek: z.string(), hourUTC: z.number(), minuteUTC: z.number().optional() }),
  z.object({ type: z.literal("monthly"), day: z.number(), hourUTC: z.number(), minuteUTC: z.number().optional() }),
  z.object({ type: z.literal("cron"), cron: z.string() }),
]);
const cronsShape = z.record(
  z.string(),
  z.object({ name: z.string(), args: z.array(z.custom<JSONValue>(() => true)), schedule: scheduleShape }),
);

export type CronSchedule = z.infer<typeof scheduleShape>;
export type CronJob = { id: string; functionPath: string; args: Record<string, Value>; schedule: CronSchedule };

/** Reads the jobs of a `cronJobs()` object (its `.crons` map). */
export function parseCronJobs(crons: unknown): CronJob[] {
  const record = (crons as { crons?: unknown } | undefined)?.crons;
  if (record === undefined) return [];
  return Object.entries(cronsShape.parse(record)).map(([id, job]) => ({
    id,
    functionPath: job.name,
    args: (jsonToConvex(job.args[0] ?? {}) ?? {}) as Record<string, Value>,
    schedule: job.schedule,
  }));
}

type CronField = Set<number>;
export type CronExpression = { minute: CronField; hour: CronField; dom: CronField; month: CronField; dow: CronField; domStar: boolean; dowStar: boolean };

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DOW_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function parseField(text: string, min: number, max: number, names: string[] = [], nameBase = 0): CronField {
  const value = (s: string): number => {
    const named = names.indexOf(s.toLowerCase());
    const n = named >= 0 ? named + nameBase : Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron field value ${s} is outside ${min}-${max}`);
    return n;
  };
  const out: CronField = new Set();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in ${part}`);
    let lo: number;
    let hi: number;
    if (range === "*") [lo, hi] = [min, max];
    else if (range.includes("-")) [lo, hi] = range.split("-").map(value) as [number, number];
    else [lo, hi] = [value(range), stepText === undefined ? value(range) : max];
    if (lo > hi) throw new Error(`bad cron range ${range}`);
    for (let n = lo; n <= hi; n += step) out.add(n);
  }
  return out;
}

/** Parses a standard 5-field cron expression (UTC): minute hour day-of-month month day-of-week. */
export function parseCronExpression(expression: string): CronExpression {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron expression "${expression}" must have 5 fields`);
  const dow = parseField(fields[4], 0, 7, DOW_NAMES);
  if (dow.has(7)) dow.add(0);
  return {
    minute: parseField(fields[0], 0, 59),
    hour: parseField(fields[1], 0, 23),
    dom: parseField(fields[2], 1, 31),
    month: parseField(fields[3], 1, 12, MONTH_NAMES, 1),
    dow,
    domStar: fields[2] === "*",
    dowStar: fields[4] === "*",
  };
}

/** The first minute strictly after `after` (ms, UTC) that matches `cron`. */
export function nextCronTime(cron: CronExpression, after: number): number {
  const d = new Date(Math.floor(after / MINUTE) * MINUTE + MINUTE);
  const limit = after + 5 * 366 * DAY;
  while (d.getTime() <= limit) {
    if (!cron.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    const domOk = cron.dom.has(d.getUTCDate());
    const dowOk = cron.dow.has(d.getUTCDay());
    // Vixie cron: when both day fields are restricted, either may match.
    const dayOk = cron.domStar || cron.dowStar ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!cron.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!cron.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
  throw new Error("cron expression matches no time in the next five years");
}

/** Converts a non-interval schedule to the cron expression it means. */
function asCron(schedule: Exclude<CronSchedule, { type: "interval" }>): string {
  switch (schedule.type) {
    case "hourly":
      return `${schedule.minuteUTC ?? 0} * * * *`;
    case "daily":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * *`;
    case "weekly": {
      const day = DAYS_OF_WEEK.indexOf(schedule.dayOfWeek);
      if (day < 0) throw new Error(`bad dayOfWeek ${schedule.dayOfWeek}`);
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * ${day}`;
    }
    case "monthly":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} ${schedule.day} * *`;
    case "cron":
      return schedule.cron;
  }
}

/** When `schedule` next fires after `after` (ms); intervals count from `startedAt`. */
export function nextRunAfter(schedule: CronSchedule, after: number, startedAt: number): number {
  if (schedule.type === "interval") {
    const every = (schedule.seconds ?? 0) * SECOND + (schedule.minutes ?? 0) * MINUTE + (schedule.hours ?? 0) * HOUR;
    if (every <= 0) throw new Error("interval must be positive");
    return startedAt + (Math.floor((after - startedAt) / every) + 1) * every;
  }
  return nextCronTime(parseCronExpression(asCron(schedule)), after);
}

export type CronStatus = { id: string; functionPath: string; schedule: CronSchedule; nextRun: string | null; running: boolean; runs: number };

export class CronRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly next = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly runs = new Map<string, number>();
  private startedAt = Date.now();
  private stopped = true;

  constructor(
    private readonly backend: LocalBackend,
    readonly jobs: CronJob[],
  ) {
    for (const job of jobs) nextRunAfter(job.schedule, Date.now(), Date.now()); // fail fast on a bad schedule
  }

  start(): void {
    this.stopped = false;
    this.startedAt = Date.now();
    for (const job of this.jobs) this.arm(job, Date.now());
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  status(): CronStatus[] {
    return this.jobs.map((job) => ({
      id: job.id,
      functionPath: job.functionPath,
      schedule: job.schedule,
      nextRun: this.next.has(job.id) ? new Date(this.next.get(job.id)!).toISOString() : null,
      running: this.running.has(job.id),
      runs: this.runs.get(job.id) ?? 0,
    }));
  }

  /** Runs the cron `id` now (outside its schedule); resolves to the function's result. */
  async runNow(id: string): Promise<Value> {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) throw new Error(`no cron named ${JSON.stringify(id)}`);
    return await this.execute(job);
  }

  private arm(job: CronJob, after: number): void {
    if (this.stopped) return;
    const due = nextRunAfter(job.schedule, after, this.startedAt);
    this.next.set(job.id, due);
    this.wait(job, due);
  }

  private wait(job: CronJob, due: number): void {
    const timer = setTimeout(() => {
      if (this.stopped) return;
      if (Date.now() < due) return this.wait(job, due);
      if (this.running.has(job.id)) {
        console.log(`local-backend: cron ${job.id} skipped: the previous run is still going`);
      } else {
        this.execute(job).catch(() => undefined); // errors are logged by execute
      }
      this.arm(job, Math.max(Date.now(), due));
    }, Math.min(Math.max(0, due - Date.now()), MAX_TIMER_MS));
    timer.unref();
    this.timers.set(job.id, timer);
  }

  private async execute(job: CronJob): Promise<Value> {
    this.running.add(job.id);
    try {
      return await this.backend.call("any", job.functionPath, job.args, { identity: null }, { allowInternal: true });
    } catch (e) {
      console.error(`local-backend: cron ${job.id} (${job.functionPath}) failed: ${(e as Error).message}`);
      throw e;
    } finally {
      this.running.delete(job.id);
      this.runs.set(job.id, (this.runs.get(job.id) ?? 0) + 1);
    }
  }
}
