// Reads every runner's JSON report (packages/*/test-results/*.json, vitest's json reporter and
// the e2e runner's) and prints one plain line `N passed, N failed`. A CI step that failed outside
// the test runners (lint, typecheck) counts as one failure each, so the line never hides it.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const pkg of readdirSync("packages")) {
  const dir = join("packages", pkg, "test-results");
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    // A suite that failed to load has no failed tests of its own: count it once.
    if (report.numFailedTestSuites && !report.numFailedTests) failed += report.numFailedTestSuites;
    console.log(`${pkg}/${file}: ${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed`);
  }
}
for (const step of failedSteps) {
  if (step === "test") continue; // already counted from the reports
  console.log(`step failed: ${step}`);
  failed += 1;
}
if (failedSteps.includes("test") && failed === 0) failed = 1; // a runner crashed before reporting
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
