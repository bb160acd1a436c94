// Modules that carry the product's guarantees, grouped for mutation testing. Globs are by folder
// and file-name stem so files that move inside their domain (or split into a folder) stay covered.
// Each group names the test files that hold its guarantees (Stryker runs only those).

/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
export const GROUPS = {
  // The focused set recorded in plans/notes/limits.md: pure guarantee-carrying modules against
  // their unit tests only (minutes on 2 cores). The groups below use the integration suites too.
  pure: {
    mutate: ["convex/contentApi/**/limits.ts", "convex/apiKeys/**/status.ts", "convex/lib/redact.ts", "convex/lib/env.ts"],
    tests: ["convex/contentApi/limits.test.ts", "convex/apiKeys/status.test.ts", "convex/lib/redact.test.ts", "convex/lib/env.test.ts"],
  },
  requestPath: {
    mutate: ["convex/contentApi/**/{handle,request,throttle,http}*.ts", "convex/contentApi/**/pipeline/**/*.ts"],
    tests: ["convex/contentApi/api.test.ts", "convex/contentApi/badInput.test.ts", "convex/limits/*.test.ts"],
  },
  keyStatus: {
    mutate: ["convex/apiKeys/**/{verify,status}*.ts", "convex/shared/keyFormat.ts"],
    tests: ["convex/apiKeys/*.test.ts", "convex/contentApi/api.test.ts", "convex/limits/guarantees.test.ts", "convex/shared/*.test.ts"],
  },
  limits: {
    mutate: ["convex/contentApi/**/limits*.ts", "convex/apiKeys/**/{usage,quota,quotas}*.ts", "convex/shared/tiers.ts"],
    tests: ["convex/contentApi/api.test.ts", "convex/apiKeys/*.test.ts", "convex/limits/*.test.ts", "convex/shared/*.test.ts"],
  },
  authorization: {
    mutate: ["convex/lib/functions.ts", "convex/lib/**/builders*.ts"],
    tests: ["convex/authorization.test.ts", "convex/auth.test.ts"],
  },
  keyLifecycle: {
    mutate: ["convex/apiKeys/**/{queries,mutations,lifecycle,views}*.ts"],
    tests: ["convex/apiKeys/*.test.ts", "convex/authorization.test.ts", "convex/limits/guarantees.test.ts"],
  },
  retention: {
    mutate: ["convex/monitoring/**/retention*.ts", "convex/monitoring/**/tally*.ts"],
    tests: ["convex/monitoring/**/*.test.ts", "convex/limits/guarantees.test.ts"],
  },
  revocationRule: {
    mutate: ["convex/monitoring/**/{detection,revoke,revocation}*.ts"],
    tests: ["convex/monitoring/**/*.test.ts", "convex/limits/guarantees.test.ts"],
  },
  leakTracing: {
    mutate: ["convex/admin/leaks.ts", "convex/watermark/**/*.ts", "convex/contentApi/**/watermark*.ts"],
    tests: ["convex/watermark/**/*.test.ts", "convex/contentApi/watermark.test.ts", "convex/monitoring/**/*.test.ts", "convex/admin/*.test.ts"],
  },
  clientAddress: {
    mutate: ["convex/lib/net.ts", "convex/contentApi/**/{clientAddress,address}*.ts", "convex/lib/redact.ts"],
    tests: ["convex/lib/*.test.ts", "convex/contentApi/**/*.test.ts", "convex/limits/plaintextSecrets.test.ts"],
  },
};

export const NOT_MUTATED = ["!**/*.test.ts", "!**/*.test-helpers.ts", "!**/_generated/**"];
