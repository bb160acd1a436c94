/**
 * The app's tables. Better Auth's tables (user, session, account, jwks, apikey) live in the locally
 * installed `betterAuth` component; their ids cross into these tables as strings.
 *
 * Every query uses an index named after its fields; no table is scanned with `.filter()`.
 */
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import {
  accessAction,
  alertType,
  alertSeverity,
  eventSeverity,
  leakReporter,
  role,
  tier,
} from "./shared/validators";

export default defineSchema({
  /** The app's profile of a Better Auth user. Written at sign-up (trigger) and by admins. */
  profiles: defineTable({
    /** Better Auth user id (component `user._id`). */
    authUserId: v.string(),
    email: v.string(),
    name: v.string(),
    /** Highest key tier this customer may create. Only admins change it. */
    plan: tier,
    role,
    createdAt: v.number(),
  })
    .index("by_authUserId", ["authUserId"])
    .index("by_email", ["email"])
    .index("by_role", ["role"]),

  /**
   * One document per key: the O(1) counters the hot path checks and the usage page shows.
   * Written by the content API's request mutation (and reset by window arithmetic, not crons).
   * Enterprise keys are unlimited: their per-request counting goes to `apiKeyUsageShards`
   * instead, so concurrent requests of one key do not all write this document.
   */
  apiKeyUsage: defineTable({
    /** Better Auth `apikey._id`. */
    apiKeyId: v.string(),
    /** Better Auth user id of the key's owner. */
    userId: v.string(),
    subscriptionTier: tier,
    /** Requests counted in the current day window (UTC day), and when that window ends (ms). */
    requestsToday: v.number(),
    dailyResetTime: v.number(),
    /** Requests counted in the current minute window, and when that window ends (ms). */
    requestsThisMinute: v.number(),
    minuteResetTime: v.number(),
    /** Time of the last counted request (ms); 0 before the first. */
    lastRequestTime: v.number(),
    /** The key's watermark code (hex), embedded invisibly in served articles; leak tracing reads it back. */
    watermarkCode: v.string(),
  })
    .index("by_apiKeyId", ["apiKeyId"])
    .index("by_userId", ["userId"])
    .index("by_watermarkCode", ["watermarkCode"]),

  /**
   * Sharded counters for unlimited keys: a request picks one of N shards at random, so an
   * enterprise key's concurrent requests rarely conflict. Summed by the usage query.
   */
  apiKeyUsageShards: defineTable({
    apiKeyId: v.string(),
    shard: v.number(),
    /** UTC day start (ms) the count belongs to. */
    day: v.number(),
    count: v.number(),
    lastRequestTime: v.number(),
  }).index("by_apiKeyId_and_day_and_shard", ["apiKeyId", "day", "shard"]),

  /** One row per content API request. Written by the request mutation; read by detectors. */
  contentAccessLog: defineTable({
    apiKeyId: v.string(),
    userId: v.string(),
    /** Article slug for `get`; "" for list and search. */
    contentSlug: v.string(),
    action: accessAction,
    /** JSON: query string, cursor, limit, status code, error code. */
    metadata: v.optional(v.string()),
    /** HTTP status code answered. */
    statusCode: v.number(),
    /** First address of X-Forwarded-For, else X-Real-IP, else "unknown". */
    ipAddress: v.string(),
    userAgent: v.string(),
    /** Present when the request was signed and the signature verified. */
    requestSignature: v.optional(v.string()),
    accessedAt: v.number(),
  })
    .index("by_apiKeyId_and_accessedAt", ["apiKeyId", "accessedAt"])
    .index("by_userId_and_accessedAt", ["userId", "accessedAt"])
    .index("by_accessedAt", ["accessedAt"]),

  /**
   * Hourly per-key request counts, for usage charts. Written by the detection scan, which reads
   * each access-log row exactly once (its cursor), so every row is counted exactly once.
   */
  hourlyKeyUsage: defineTable({
    apiKeyId: v.string(),
    userId: v.string(),
    /** Start of the UTC hour, ms. */
    hour: v.number(),
    requests: v.number(),
    /** Requests answered with a status >= 400, 429 included. */
    errors: v.number(),
    rateLimited: v.number(),
  })
    .index("by_apiKeyId_and_hour", ["apiKeyId", "hour"])
    .index("by_hour", ["hour"]),

  /**
   * Daily per-key rollups of access-log rows removed by retention: the permanent record once the
   * raw rows are gone. Written only by the retention cron, in the transaction that deletes them.
   */
  dailyKeyUsage: defineTable({
    apiKeyId: v.string(),
    userId: v.string(),
    /** UTC day start, ms. */
    day: v.number(),
    requests: v.number(),
    errors: v.number(),
    rateLimited: v.number(),
  })
    .index("by_apiKeyId_and_day", ["apiKeyId", "day"])
    .index("by_userId_and_day", ["userId", "day"]),

  /** Alerts raised by the detectors. Written by the detection cron; resolved by admins. */
  scrapingAlerts: defineTable({
    apiKeyId: v.string(),
    userId: v.string(),
    alertType,
    severity: alertSeverity,
    /** JSON evidence: window, counts, slugs, IPs, thresholds crossed. */
    details: v.string(),
    resolved: v.boolean(),
    /** Profile id (as string) of the admin who resolved it, and when (ms). */
    resolvedBy: v.optional(v.string()),
    resolvedAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_apiKeyId_and_createdAt", ["apiKeyId", "createdAt"])
    .index("by_apiKeyId_and_alertType_and_createdAt", ["apiKeyId", "alertType", "createdAt"])
    .index("by_resolved_and_createdAt", ["resolved", "createdAt"])
    .index("by_severity_and_createdAt", ["severity", "createdAt"])
    .index("by_alertType_and_createdAt", ["alertType", "createdAt"])
    .index("by_createdAt", ["createdAt"]),

  /** Append-only audit trail. Written by every lifecycle change, detector and admin action. */
  securityEvents: defineTable({
    type: v.string(),
    severity: eventSeverity,
    /** Who did it: a Better Auth user id, "system" (crons) or "anonymous" (invalid keys). */
    actor: v.string(),
    apiKeyId: v.optional(v.string()),
    /** The user the event concerns (a key's owner), when any. */
    userId: v.optional(v.string()),
    /** JSON details. */
    details: v.string(),
    createdAt: v.number(),
  })
    .index("by_createdAt", ["createdAt"])
    .index("by_type_and_createdAt", ["type", "createdAt"])
    .index("by_type_and_severity_and_createdAt", ["type", "severity", "createdAt"])
    .index("by_severity_and_createdAt", ["severity", "createdAt"])
    .index("by_apiKeyId_and_createdAt", ["apiKeyId", "createdAt"])
    .index("by_userId_and_createdAt", ["userId", "createdAt"]),

  /**
   * Development only: emails Better Auth sent (reset links, verification), stored when
   * EMAIL_DEV_MAILBOX=1 instead of being mailed. Written by email/outbox.ts; read by the local
   * backend's /_dev/mailbox page. Production sends through EMAIL_WEBHOOK_URL and stores nothing.
   */
  devMailbox: defineTable({
    /** Recipient, lower case. */
    to: v.string(),
    subject: v.string(),
    text: v.string(),
    url: v.optional(v.string()),
    /** "reset_password", "verify_email", … */
    kind: v.string(),
    createdAt: v.number(),
  })
    .index("by_createdAt", ["createdAt"])
    .index("by_to_and_createdAt", ["to", "createdAt"]),

  /** Leaks traced to a key. Written by the admin leak-tracing mutation. */
  contentLeaks: defineTable({
    apiKeyId: v.string(),
    slug: v.string(),
    /** Domain or URL where the leaked copy was found. */
    foundOn: v.string(),
    foundAt: v.number(),
    reportedBy: leakReporter,
    resolved: v.boolean(),
    createdAt: v.number(),
  })
    .index("by_apiKeyId_and_resolved", ["apiKeyId", "resolved"])
    .index("by_resolved_and_createdAt", ["resolved", "createdAt"])
    .index("by_foundAt", ["foundAt"]),

  /** Request-signing secrets, AES-GCM encrypted with API_KEY_ENCRYPTION_KEY. */
  signingSecrets: defineTable({
    apiKeyId: v.string(),
    /** base64 of IV (12 bytes) || ciphertext. */
    encryptedSecret: v.string(),
    createdAt: v.number(),
  }).index("by_apiKeyId", ["apiKeyId"]),

  /** The content catalogue served by the API. Written by the demo seed and content admins. */
  articles: defineTable({
    slug: v.string(),
    title: v.string(),
    summary: v.string(),
    body: v.string(),
    tags: v.array(v.string()),
    author: v.string(),
    publishedAt: v.number(),
    /** Position in the public catalogue (1-based, dense); used by sequential-walk detection. */
    ordinal: v.number(),
    /** Honeypot: unlisted, never returned by list or search; fetching it is a strong signal. */
    trap: v.boolean(),
  })
    .index("by_slug", ["slug"])
    .index("by_trap_and_publishedAt", ["trap", "publishedAt"])
    .index("by_trap_and_ordinal", ["trap", "ordinal"])
    .searchIndex("search_body", { searchField: "body", filterFields: ["trap"] })
    .searchIndex("search_title", { searchField: "title", filterFields: ["trap"] }),

  /** Cursors of incremental jobs (detection): the last processed position. Written by the job. */
  jobCursors: defineTable({
    name: v.string(),
    /** `_creationTime` of the last processed access-log row (ms, fractional). */
    lastCreationTime: v.number(),
    updatedAt: v.number(),
  }).index("by_name", ["name"]),
});
