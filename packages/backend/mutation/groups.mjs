// Modules that carry the product's guarantees, grouped for mutation testing (issue #17). Each group
// names the files it mutates (globs by folder and file stem, so a file split inside its domain
// stays covered; `file.ts:from-to` mutates only those lines) and the narrow list of test files that
// hold its guarantees: Stryker runs only those (and per mutant only the tests that cover it).
// Groups are listed smallest first; `pnpm mutation` runs them one at a time in this order, each
// with its own incremental file (mutation/incremental/<group>.json, committed).

/**
 * `skip`: titles (of a test or describe, substring) left out of this group's run because they hold
 * other modules' promises and take minutes (traffic simulations); they run in the normal suite.
 * `static`: also mutate code that runs once at module load (constants such as the redaction
 * pattern); each such mutant runs every test of the group, so only groups of unit tests set it.
 * `allTests`: every mutant runs all the group's tests (Stryker's coverageAnalysis "all") instead of
 * only those that reached it. For code that convex-test loads lazily inside a test (function
 * builders): per-test coverage credits it to the first test that loaded the module, so the tests
 * that would kill its mutants never run against them.
 * @type {Record<string, { mutate: string[]; tests: string[]; skip?: string[]; static?: boolean; allTests?: boolean }>}
 */
export const GROUPS = {
  // The request's client address: the one decision (pure) and the address parsing under it.
  clientAddress: {
    mutate: ["convex/lib/net.ts", "convex/lib/clientAddress.ts"],
    tests: ["convex/lib/net.test.ts", "convex/lib/clientAddress.test.ts", "convex/lib/addressEdges.test.ts"],
    static: true,
  },
  // The content API's boundary: where the key is read from, the routes, cursors and limits (pure).
  requestParsing: {
    mutate: ["convex/contentApi/request.ts"],
    tests: ["convex/contentApi/request.test.ts", "convex/contentApi/badInput.test.ts", "convex/contentApi/answer.test.ts"],
    static: true,
    // The zod schemas' transforms are built at module load: per-test coverage credits them to the
    // first test file that loaded the module, so every mutant runs all of these (seconds) instead.
    allTests: true,
  },
  // A key's state (revoked, expired, active), its permissions and tier, and verification by hash.
  keyStatus: {
    mutate: ["convex/apiKeys/**/{verify,status}*.ts", "convex/shared/keyFormat.ts"],
    tests: [
      "convex/apiKeys/status.test.ts",
      "convex/shared/keyFormat.test.ts",
      "convex/apiKeys/verifyOrder.test.ts",
      "convex/lib/redact.test.ts",
      "convex/apiKeys/lifecycle.test.ts",
      "convex/apiKeys/tierChange.test.ts",
      "convex/limits/guarantees.test.ts",
    ],
  },
  // Secrets never written: redaction of key-shaped text, the server environment's checks.
  pure: {
    mutate: ["convex/lib/redact.ts", "convex/lib/env.ts"],
    tests: ["convex/lib/redact.test.ts", "convex/lib/env.test.ts", "convex/lib/envValues.test.ts"],
    static: true,
  },
  // Authorisation builders: who may call user and admin functions.
  authorization: {
    mutate: ["convex/lib/functions.ts"],
    tests: ["convex/lib/viewerProfile.test.ts", "convex/authorization.test.ts", "convex/auth.test.ts"],
    allTests: true,
  },
  // Retention of the access log (rolled up, never before detection saw it) and of the audit trail.
  retention: {
    mutate: ["convex/monitoring/**/{retention,tally}*.ts", "convex/audit/**/retention*.ts"],
    // retentionEdges holds every promise of these modules without a signed-up world (seconds);
    // the slower world-based retention tests (guarantees, monitoring) hold the same ones.
    tests: ["convex/monitoring/retentionEdges.test.ts", "convex/audit/retention.test.ts"],
  },
  // Detection's revocation rule: a critical finding revokes the key (and an account farm's keys).
  revocationRule: {
    mutate: ["convex/monitoring/detection.ts:225-269"],
    tests: ["convex/monitoring/revocationRule.test.ts", "convex/limits/guarantees.test.ts", "convex/monitoring/monitoring.test.ts", "convex/monitoring/horizons.test.ts"],
    skip: [
      "benign traffic", "admin triage", "leak tracing", "usage history", // monitoring.test.ts
      "long horizons", "honest heavy users", // horizons.test.ts
      "retention keeps", "a key expires", "invalid-key throttle", // guarantees.test.ts
    ],
  },
  // Limits and quotas: the customer's budget per tier (refill, refusal without a write, per-key
  // counts) and the invalid-key throttle. Unlimited keys write no counter (nothing to mutate).
  limits: {
    // The budget arithmetic shared with the web (shared/usage.ts), nextAllowedAt, the headers and
    // consumeQuota (the limit step), the throttle.
    mutate: ["convex/shared/usage.ts", "convex/quotas/customerQuota.ts:35-122", "convex/contentApi/throttle.ts:22-45"],
    tests: ["convex/quotas/quotaEdges.test.ts", "convex/shared/usage.test.ts", "convex/quotas/customerQuota.test.ts", "convex/limits/guarantees.test.ts", "convex/contentApi/clientAddress.test.ts"],
    skip: ["retention keeps", "a key expires", "alerts"], // guarantees.test.ts
  },
  // The request path: the pipeline's order and refusals, the one access-log writer, the address
  // handed over by the HTTP action and its retry on write conflicts. (request.ts, the pure
  // parser: not yet a group.)
  requestPath: {
    mutate: ["convex/contentApi/handle.ts:62-163", "convex/contentApi/accessLog.ts", "convex/contentApi/http.ts:28-66", "convex/lib/conflictRetry.ts"],
    tests: [
      "convex/lib/conflictRetry.test.ts",
      "convex/contentApi/answer.test.ts",
      "convex/contentApi/pipelineEdges.test.ts",
      "convex/keyAccess/keyAccess.test.ts",
      "convex/contentApi/api.test.ts",
      "convex/contentApi/integrity.test.ts",
      "convex/contentApi/clientAddress.test.ts",
      "convex/contentApi/meLastUsed.test.ts",
      "convex/limits/plaintextSecrets.test.ts",
    ],
  },
  // Leak tracing: a watermark code (or a key id) to its key and owner, live or deleted (tombstone).
  leakTracing: {
    mutate: ["convex/admin/leaks.ts:44-57", "convex/apiKeys/tombstones.ts"],
    tests: ["convex/apiKeys/keyRecordLookups.test.ts", "convex/admin/leakAfterRetention.test.ts", "convex/admin/leaks.test.ts", "convex/apiKeys/tombstones.test.ts"],
  },
  // Leak tracing's statistic: a key is named only when a random key would match as well less than
  // one time in a million (the exact tail, the two layers combined, the union over keys compared).
  leakStatistics: {
    mutate: ["convex/watermark/trace.ts"],
    tests: ["convex/watermark/trace.test.ts"],
    static: true,
  },
  // The invisible layer (pure): its wire format and two carriers, what it leaves alone, and the
  // evidence for a code (the union bound over the pieces a random code's stream could hold). Its
  // own tests only: the tracing tests reach it too, but take minutes per mutant.
  invisibleLayer: {
    mutate: ["convex/watermark/zeroWidth.ts"],
    tests: ["convex/watermark/zeroWidth.test.ts"],
    static: true,
  },
  // Mending a leaked copy before it is read (pure): what an ASCII-only filter, a PDF's line breaks
  // and a page's HTML source did to the original's typography, undone with the original in hand.
  mending: {
    mutate: ["convex/watermark/mend.ts"],
    tests: ["convex/watermark/mend.test.ts"],
    static: true,
  },
  // Markup in customers' articles (pure): what both watermark layers leave byte for byte (tags,
  // entities, link destinations, URLs, code, headings).
  markup: {
    mutate: ["convex/watermark/markup.ts"],
    tests: ["convex/watermark/markup.test.ts"],
    static: true,
  },
  // Key queries and lifecycle: whose keys come back, revoke, unban, rotate, delete, and the
  // bounded deletion of expired keys.
  keyLifecycle: {
    mutate: ["convex/apiKeys/queries.ts", "convex/apiKeys/lifecycle.ts:51-162", "convex/apiKeys/mutations.ts", "convex/apiKeys/expirySweep.ts"],
    tests: [
      "convex/apiKeys/customerMutations.test.ts",
      "convex/apiKeys/lifecycleRules.test.ts",
      "convex/apiKeys/expirySweep.test.ts",
      "convex/apiKeys/scopesAndExpiry.test.ts",
      "convex/apiKeys/lifecycle.test.ts",
      "convex/apiKeys/rotationAtCap.test.ts",
      "convex/apiKeys/rotationKeepsRestrictions.test.ts",
      "convex/apiKeys/tombstones.test.ts",
      "convex/authorization.test.ts",
    ],
  },
};

export const NOT_MUTATED = ["!**/*.test.ts", "!**/*.test-helpers.ts", "!**/_generated/**"];

/** A mutate pattern without its `:from-to` line range (for matching report paths). */
export const globOf = (pattern) => pattern.replace(/:\d+-\d+$/, "");
