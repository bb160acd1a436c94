// Scheduled jobs: scraping detection over new access-log rows, log and audit retention, and the
// deletion of expired keys in bounded batches.
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("detect scraping", { minutes: 1 }, internal.monitoring.detection.scan, {});
crons.interval("access log retention", { hours: 1 }, internal.monitoring.retention.run, {});
crons.interval("expired keys", { minutes: 10 }, internal.apiKeys.internal.sweepExpired, {});
crons.daily("audit retention", { hourUTC: 3, minuteUTC: 30 }, internal.audit.retention.prune, {});

export default crons;
