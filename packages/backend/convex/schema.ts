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
  accessOutcome,
  alertType,
  alertSeverity,
  eventSeverity,
  leakReporter,
  role,
  tier,
} from "./shared/validators";
import { notificationTables } from "./notifications/tables";
import { keyAccessTables } from "./keyAccess/tables";

export default defineSchema({
  ...notificationTables,
  ...keyAccessTables,
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
    .index("by_role", ["role"])
    // Admin customer search: email prefix within a plan (convex/admin/search.ts).
    .index("by_plan_and_email", ["plan", "email"]),

  /**
   * One document per key, created with it by the apikey onCreate trigger: the key's owner and
   * watermark code. Deleted with the key; its tombstone (`apiKeyTombstones`) keeps the code.
   */
  apiKeyUsage: defineTable({
    /** Better Auth `apikey._id`. */
    apiKeyId: v.string(),
    /** Better Auth user id of the key's owner. */
    userId: v.string(),
    /** The key's watermark code (12 hex), embedded in served articles; leak tracing reads it back. */
    watermarkCode: v.string(),
  })
    .index("by_apiKeyId", ["apiKeyId"])
    .index("by_userId", ["userId"])
    .index("by_watermarkCode", ["watermarkCode"]),

  /**
   * A customer's budget for one limited tier, shared by all their keys of it (quotas/
   * customerQuota.ts is its only writer, once per allowed request). `value`/`ts` are the
   * @convex-dev/rate-limiter state: tokens left (fractional) and, for the fixed window, the
   * window's start / for the bucket, the last update (ms).
   */
  customerQuotas: defineTable({
    /** Better Auth user id of the customer. */
    userId: v.string(),
    tier,
    value: v.number(),
    ts: v.number(),
    /** Per-key counts for the usage page: today's keys only, most recent first, at most 32. */
    keys: v.array(
      v.object({
        apiKeyId: v.string(),
        /** UTC day start (ms) and this key's requests in it. */
        day: v.number(),
        requestsToday: v.number(),
        /** Minute start (ms) and this key's requests in it. */
        minute: v.number(),
        requestsThisMinute: v.number(),
        lastRequestTime: v.number(),
      }),
    ),
  }).index("by_userId_and_tier", ["userId", "tier"]),

  /**
   * What remains of a deleted key (by its owner, an admin, or Better Auth's expiry clean-up):
   * evidence, leak tracing and the audit trail keep naming it and its owner. Written once by
   * apiKeys/tombstones.ts when the key row goes; never updated or deleted.
   */
  apiKeyTombstones: defineTable({
    apiKeyId: v.string(),
    /** Better Auth user id of the key's owner. */
    userId: v.string(),
    name: v.union(v.string(), v.null()),
    /** The key's public start (prefix and first characters) and prefix, to recognise it. */
    start: v.union(v.string(), v.null()),
    prefix: v.union(v.string(), v.null()),
    tier,
    watermarkCode: v.union(v.string(), v.null()),
    /** Revocation state at deletion (ms, words, who): absent when it was not revoked. */
    revokedAt: v.optional(v.number()),
    revokedReason: v.optional(v.string()),
    revokedBy: v.optional(v.union(v.literal("owner"), v.literal("admin"), v.literal("system"))),
    /** When the key was created and deleted (ms), and who deleted it (user id, or "better-auth"). */
    createdAt: v.number(),
    deletedAt: v.number(),
    deletedBy: v.string(),
  })
    .index("by_apiKeyId", ["apiKeyId"])
    .index("by_userId_and_deletedAt", ["userId", "deletedAt"])
    .index("by_watermarkCode", ["watermarkCode"]),

  /**
   * One row per content API request made with a recognised key (`/me` excepted: it reads no
   * content). Written only by contentApi/accessLog.ts, once per request, after the pipeline has
   * decided; read by the detectors, usage charts and leak tracing.
   */
  contentAccessLog: defineTable({
    apiKeyId: v.string(),
    userId: v.string(),
    /** Article slug for `get`; "" for list and search. */
    contentSlug: v.string(),
    action: accessAction,
    /** JSON: the route's parameters (query, cursor, limit), the status, and details of a refusal. */
    metadata: v.optional(v.string()),
    /** HTTP status code answered. */
    statusCode: v.number(),
    /**
     * How the request ended: "ok" or the error code answered (closed list, shared/validators.ts).
     * Always written by the request path; absent only on rows from before the column existed.
     */
    outcome: v.optional(accessOutcome),
    /**
     * The trusted client address: the right-most X-Forwarded-For entry that is not one of our
     * proxies, else the platform's; `unparsed:<value>` or "unknown" otherwise (lib/clientAddress.ts).
     */
    ipAddress: v.string(),
    /** The raw X-Forwarded-For chain as received (truncated to 512 characters): evidence only. */
    forwardedFor: v.optional(v.string()),
    userAgent: v.string(),
    /** Present when the request was signed and the signature verified. */
    requestSignature: v.optional(v.string()),
    /**
     * On a served response (200): the version of the visible watermark's choice list its copies
     * were marked with (watermark/variants.ts), so a leak is read back with that list. Rows from
     * before the column existed were served with version 1.
     */
    watermarkVersion: v.optional(v.number()),
    accessedAt: v.number(),
  })
    .index("by_apiKeyId_and_accessedAt", ["apiKeyId", "accessedAt"])
    .index("by_userId_and_accessedAt", ["userId", "accessedAt"])
    .index("by_outcome_and_accessedAt", ["outcome", "accessedAt"])
    .index("by_accessedAt", ["accessedAt"])
    // Leak tracing: which keys fetched an article, and when.
    .index("by_contentSlug_and_accessedAt", ["contentSlug", "accessedAt"]),

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
    .index("by_userId_and_resolved_and_severity", ["userId", "resolved", "severity"])
    .index("by_resolved_and_createdAt", ["resolved", "createdAt"])
    .index("by_severity_and_createdAt", ["severity", "createdAt"])
    .index("by_alertType_and_createdAt", ["alertType", "createdAt"])
    .index("by_createdAt", ["createdAt"]),

  /**
   * The audit trail. Written by every lifecycle change, detector and admin action (audit/events.ts).
   * Retention: info-level events of anonymous callers are deleted after AUDIT_RETENTION_DAYS
   * (audit/retention.ts); everything else, critical events above all, is kept.
   */
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
    .index("by_userId_and_createdAt", ["userId", "createdAt"])
    .index("by_actor_and_severity_and_createdAt", ["actor", "severity", "createdAt"]),

  /**
   * Invalid API keys presented from one client address in one hour: one row per address and
   * window with a count and a sample, never one row per attempt. Written only by
   * contentApi/throttle.ts; deleted after AUDIT_RETENTION_DAYS by audit/retention.ts.
   */
  invalidKeyAttempts: defineTable({
    /** The trusted client address (lib/clientAddress.ts). */
    ipAddress: v.string(),
    /** Start of the hour window (ms). */
    windowStart: v.number(),
    count: v.number(),
    /** Attempts refused by the throttle (429) in the window. */
    throttled: v.number(),
    firstAt: v.number(),
    lastAt: v.number(),
    /** The first attempt of the window: only the key's public prefix, never the key. */
    sample: v.object({ keyStart: v.string(), path: v.string(), userAgent: v.string() }),
  })
    .index("by_ipAddress_and_windowStart", ["ipAddress", "windowStart"])
    .index("by_windowStart", ["windowStart"]),

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
    /**
     * True when the ciphertext is bound to `apiKeyId` (AES-GCM associated data), so it cannot be
     * moved to another key's row. Absent on secrets stored before binding: read without it.
     */
    boundToKeyId: v.optional(v.boolean()),
    createdAt: v.number(),
  }).index("by_apiKeyId", ["apiKeyId"]),

  /**
   * Signatures already accepted, per key, until their timestamp leaves the window: a signed
   * request is accepted once (its signature is its nonce). Written by apiKeys/signingSecrets.ts;
   * expired rows are deleted by audit/retention.ts.
   */
  usedSignatures: defineTable({
    apiKeyId: v.string(),
    /** The signature's hex digest (lower case). */
    signature: v.string(),
    /** When the signature's timestamp is outside the window and the row can go (ms). */
    expiresAt: v.number(),
  })
    .index("by_apiKeyId_and_signature", ["apiKeyId", "signature"])
    .index("by_expiresAt", ["expiresAt"]),

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

  /**
   * Catalogue positions for detection: one small row per article (slug, position, trap flag), so a
   * detection run looks up hundreds of slugs without reading article bodies. Written with the
   * article (monitoring/catalogue.ts `recordArticlePosition`) and backfilled by
   * `monitoring/catalogue:backfill`.
   */
  articlePositions: defineTable({
    slug: v.string(),
    /** The article's `ordinal` (public catalogue position, 1-based; traps have their own). */
    ordinal: v.number(),
    trap: v.boolean(),
  })
    .index("by_slug", ["slug"])
    .index("by_trap_and_ordinal", ["trap", "ordinal"]),

  /**
   * Long-horizon coverage: which public articles a key, or all keys of one customer, fetched in one
   * hour or one UTC day, as a bitset over catalogue positions. Written by the detection job from
   * rows it has not counted yet (`detectionState`); read for the last day (hours) and week (days).
   * Pruned by retention after COVERAGE_KEEP_MS.
   */
  keyCoverage: defineTable({
    /** "key:<apikey id>" or "user:<Better Auth user id>". */
    subject: v.string(),
    period: v.union(v.literal("hour"), v.literal("day")),
    /** Start of the hour or UTC day (ms). */
    start: v.number(),
    /** Bit n set = the article at catalogue position n was fetched successfully. */
    bits: v.bytes(),
    /** Successful gets of public articles counted in this period. */
    gets: v.number(),
  })
    .index("by_subject_and_period_and_start", ["subject", "period", "start"])
    .index("by_start", ["start"]),

  /** Per key: the access-log time up to which the detection job has counted rows into coverage. */
  detectionState: defineTable({
    apiKeyId: v.string(),
    /** accessedAt (ms) through which rows were counted into `keyCoverage` and `clientSightings`. */
    processedThrough: v.number(),
  }).index("by_apiKeyId", ["apiKeyId"]),

  /**
   * Client fingerprints seen per key and UTC day (a public client network, a user agent), so the
   * detection job can find other accounts acting from the same client (account farms). Written by
   * the detection job (a few per key and run); pruned by retention after COORDINATED_LOOKBACK_MS.
   */
  clientSightings: defineTable({
    /** "net:<cidr>" or "ua:<user agent>". */
    fingerprint: v.string(),
    /** UTC day start (ms). */
    day: v.number(),
    apiKeyId: v.string(),
    userId: v.string(),
    requests: v.number(),
    lastSeenAt: v.number(),
  })
    .index("by_fingerprint_and_day_and_apiKeyId", ["fingerprint", "day", "apiKeyId"])
    .index("by_apiKeyId_and_day", ["apiKeyId", "day"])
    .index("by_day", ["day"]),

  /** Cursors of incremental jobs (detection): the last processed position. Written by the job. */
  jobCursors: defineTable({
    name: v.string(),
    /** `_creationTime` of the last processed access-log row (ms, fractional). */
    lastCreationTime: v.number(),
    updatedAt: v.number(),
  }).index("by_name", ["name"]),
});
