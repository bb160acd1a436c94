// Scheduled jobs: scraping detection over new access-log rows, and access-log retention.
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("detect scraping", { minutes: 1 }, internal.monitoring.detection.scan, {});
crons.interval("access log retention", { hours: 1 }, internal.monitoring.retention.run, {});
crons.daily("audit retention", { hourUTC: 3, minuteUTC: 30 }, internal.audit.retention.prune, {});

export default crons;
