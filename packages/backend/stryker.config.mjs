// Mutation testing (Stryker + its vitest runner) over the modules in mutation/groups.mjs.
// Run through `pnpm mutation [group…]` (scripts/mutation.ts), which sets MUTATION_GROUPS; on its
// own this config mutates every group. Incremental: unchanged mutants reuse the last results.
import { GROUPS, NOT_MUTATED } from "./mutation/groups.mjs";

const selected = (process.env.MUTATION_GROUPS || Object.keys(GROUPS).join(",")).split(",").filter(Boolean);
for (const name of selected) if (!GROUPS[name]) throw new Error(`unknown mutation group ${name}; one of ${Object.keys(GROUPS).join(", ")}`);

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: [...new Set(selected.flatMap((name) => GROUPS[name].mutate)), ...NOT_MUTATED],
  coverageAnalysis: "perTest",
  concurrency: 2,
  incremental: true,
  incrementalFile: "mutation/stryker-incremental.json",
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "mutation/report.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  timeoutMS: 60_000,
  timeoutFactor: 2,
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  ignoreStatic: true,
};
