// Reads every runner's JSON report (packages/*/test-results/*.json, vitest's json reporter) and
// prints one plain line `N passed, N failed` at the end. Also:
// - prints skipped (and todo) tests per report, so a skip never hides;
// - a CI step that failed outside the test runners (lint, typecheck) counts as one failure each;
// - a package whose tests did not report at all counts as a failure;
// - the number of tests that ran must not fall below the floor in `.ci/test-floor.json`. Lowering
//   the floor takes an entry in its `history` saying why, so a shrinking suite is a visible choice.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

for (const pkg of readdirSync("packages").sort()) {
  const manifest = join("packages", pkg, "package.json");
  if (!existsSync(manifest)) continue;
  const hasTests = Boolean(JSON.parse(readFileSync(manifest, "utf8")).scripts?.test);
  const dir = join("packages", pkg, "test-results");
  const reports = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
  if (hasTests && reports.length === 0) problems.push(`${pkg}: no test report (its tests did not run)`);
  for (const file of reports) {
    const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const p = report.numPassedTests ?? 0;
    let f = report.numFailedTests ?? 0;
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A suite that failed to load has no failed tests of its own: count it once.
    if (report.numFailedTestSuites && !f) f = report.numFailedTestSuites;
    passed += p;
    failed += f;
    skipped += s;
    console.log(`${pkg}/${file}: ${p} passed, ${f} failed, ${s} skipped`);
  }
}

const floorFile = ".ci/test-floor.json";
if (existsSync(floorFile)) {
  const { floor } = JSON.parse(readFileSync(floorFile, "utf8"));
  const ran = passed + failed;
  console.log(`tests that ran: ${ran} (floor ${floor}); skipped: ${skipped}`);
  if (ran < floor) {
    problems.push(
      `test count fell to ${ran}, below the recorded floor of ${floor}: restore the tests, or lower the floor in ${floorFile} with a history entry saying why`,
    );
  }
}

for (const step of failedSteps) {
  if (step === "test") continue; // counted from the reports
  problems.push(`step failed: ${step}`);
}
for (const problem of problems) console.log(problem);
failed += problems.length;
if (failedSteps.includes("test") && failed === 0) failed = 1; // a runner failed without reporting

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
