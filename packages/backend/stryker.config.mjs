// Mutation testing (Stryker + its vitest runner) of ONE group of mutation/groups.mjs, chosen by
// MUTATION_GROUP. Run it through `pnpm mutation [group…]` (scripts/mutation.ts), which runs the
// groups one at a time and prints the scores. Incremental: each group keeps its results in
// mutation/incremental/<group>.json (committed), so a re-run only tests mutants whose code or
// covering tests changed. Sized for 2 shared cores: perTest coverage (a mutant runs only the tests
// that reach it), bail on the first failing test, concurrency 2.
import { GROUPS, NOT_MUTATED } from "./mutation/groups.mjs";

const group = process.env.MUTATION_GROUP ?? "";
if (!GROUPS[group]) throw new Error(`set MUTATION_GROUP to one of ${Object.keys(GROUPS).join(", ")}`);

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: [...GROUPS[group].mutate, ...NOT_MUTATED],
  coverageAnalysis: GROUPS[group].allTests ? "all" : "perTest",
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  incremental: true,
  // MUTATION_FORCE=1 re-tests every mutant: incremental mode reuses a static mutant's result even
  // when a new test would now kill it (static mutants have no per-test coverage to invalidate).
  force: process.env.MUTATION_FORCE === "1",
  incrementalFile: `mutation/incremental/${group}.json`,
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: `mutation/reports/${group}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  // A mutant's run may take (its tests' dry-run time × factor + timeoutMS); an endless loop ends there.
  timeoutMS: 20_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 20,
  thresholds: { high: 85, low: 70, break: null },
  // Other groups' sandboxes and reports are not copied into this one.
  ignorePatterns: ["/.stryker-tmp", "/mutation/reports", "/test-results"],
  tempDirName: `.stryker-tmp/${group}`, // one per group, so two groups may run at once
  cleanTempDir: true,
  // Static mutants (module-load code) re-run every test of the group: only unit-test groups take
  // them (and groups that run every test per mutant anyway, where Stryker requires it).
  ignoreStatic: !GROUPS[group].static && !GROUPS[group].allTests,
};
