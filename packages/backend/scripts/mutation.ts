/**
 * `pnpm mutation [group…]`: mutation testing of the modules that carry the product's guarantees
 * (groups in mutation/groups.mjs; default: every group, smallest first). Runs Stryker once per
 * group, one group at a time, then prints the mutation score per group and per file with the
 * surviving mutants and how long the run took. Incremental per group: a re-run only tests mutants
 * whose code or covering tests changed. mutation/scores.txt keeps the last score of every group
 * (running one group replaces only its section); reasons for the survivors: plans/notes/mutation.md.
 *
 * @example
 *   pnpm mutation limits keyStatus   # two groups
 *   pnpm mutation --list             # group names, in run order
 *   MUTATION_CONCURRENCY=1 pnpm mutation retention
 *   MUTATION_FORCE=1 pnpm mutation pure      # re-test every mutant (after adding tests for static ones)
 *   pnpm mutation --report-only retention   # rebuild its scores from the last report, no run
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { matchesGlob } from "node:path";
import { GROUPS, globOf } from "../mutation/groups.mjs";

type Mutant = { status: string; mutatorName: string; replacement?: string; location: { start: { line: number } } };
type Report = { files: Record<string, { mutants: Mutant[] }> };
type Section = { at: string; seconds: number; lines: string[] };

const SCORES_JSON = "mutation/scores.json";
const SCORES_TXT = "mutation/scores.txt";
const KILLED = new Set(["Killed", "Timeout"]);
const COUNTED = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);

const args = process.argv.slice(2);
if (args.includes("--list")) {
  console.log(Object.keys(GROUPS).join("\n"));
  process.exit(0);
}
const reportOnly = args.includes("--report-only");
const named = args.filter((a) => !a.startsWith("--"));
const selected = named.length > 0 ? named : Object.keys(GROUPS);
const unknown = selected.filter((g) => !(g in GROUPS));
if (unknown.length) {
  console.error(`unknown group(s) ${unknown.join(", ")}; one of ${Object.keys(GROUPS).join(", ")}`);
  process.exit(2);
}

function score(mutants: Mutant[]) {
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const killed = counted.filter((m) => KILLED.has(m.status)).length;
  return { killed, total: counted.length, score: counted.length ? (100 * killed) / counted.length : 100 };
}

function section(group: string, report: Report, seconds: number): string[] {
  const patterns = GROUPS[group as keyof typeof GROUPS].mutate.map(globOf);
  const files = Object.entries(report.files).filter(([path]) => patterns.some((glob) => matchesGlob(path, glob)) && !path.endsWith(".test.ts"));
  const all = score(files.flatMap(([, f]) => f.mutants));
  const lines = [`${group.padEnd(16)} ${all.score.toFixed(1).padStart(5)}%  (${all.killed}/${all.total})  run ${Math.round(seconds)} s`];
  for (const [path, file] of files) {
    const s = score(file.mutants);
    lines.push(`  ${path.padEnd(48)} ${s.score.toFixed(1).padStart(5)}%  (${s.killed}/${s.total})`);
    for (const m of file.mutants.filter((x) => x.status === "Survived" || x.status === "NoCoverage")) {
      lines.push(`    ${m.status.padEnd(10)} line ${String(m.location.start.line).padStart(4)}  ${m.mutatorName}: ${(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80)}`);
    }
  }
  return lines;
}

const readSections = (): Record<string, Section> => (existsSync(SCORES_JSON) ? JSON.parse(readFileSync(SCORES_JSON, "utf8")) : {});
const results: Record<string, Section> = {};
let status = 0;
for (const group of selected) {
  const started = Date.now();
  const run = reportOnly
    ? { status: 0 }
    : spawnSync("npx", ["stryker", "run", "stryker.config.mjs"], { stdio: "inherit", env: { ...process.env, MUTATION_GROUP: group } });
  const seconds = reportOnly ? (readSections()[group]?.seconds ?? 0) : (Date.now() - started) / 1000;
  const reportFile = `mutation/reports/${group}.json`;
  if (run.status !== 0 || !existsSync(reportFile)) {
    console.error(`mutation group ${group}: Stryker failed (exit ${run.status})`);
    status = run.status || 1;
    continue;
  }
  const lines = section(group, JSON.parse(readFileSync(reportFile, "utf8")) as Report, seconds);
  console.log(lines.join("\n"));
  results[group] = { at: new Date().toISOString(), seconds: Math.round(seconds), lines };
}

// Re-read before writing: another group may have finished meanwhile.
const sections = { ...readSections(), ...results };
writeFileSync(SCORES_JSON, JSON.stringify(sections, null, 2) + "\n");
const ordered = Object.keys(GROUPS).filter((g) => sections[g]);
writeFileSync(
  SCORES_TXT,
  [
    "mutation score = (killed + timeout) / (killed + timeout + survived + no coverage); survivors' reasons: plans/notes/mutation.md",
    ...ordered.flatMap((g) => ["", `# ${sections[g].at}`, ...sections[g].lines]),
  ].join("\n") + "\n",
);
process.exit(status);
