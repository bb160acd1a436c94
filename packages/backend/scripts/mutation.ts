/**
 * `pnpm mutation [group…]`: mutation testing of the modules that carry the product's guarantees
 * (groups in mutation/groups.mjs; default: every group), then the mutation score per group and
 * per file, and the surviving mutants. Incremental: a re-run only tests mutants whose code or
 * tests changed. Scores are written to mutation/scores.txt.
 *
 * @example
 *   pnpm mutation limits keyStatus   # two groups
 *   pnpm mutation --list             # group names
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { matchesGlob } from "node:path";
import { GROUPS } from "../mutation/groups.mjs";

type Mutant = { status: string; mutatorName: string; replacement?: string; location: { start: { line: number } } };
type Report = { files: Record<string, { mutants: Mutant[] }> };

const args = process.argv.slice(2);
if (args.includes("--list")) {
  console.log(Object.keys(GROUPS).join("\n"));
  process.exit(0);
}
const selected = args.length > 0 ? args : Object.keys(GROUPS);
const unknown = selected.filter((g) => !(g in GROUPS));
if (unknown.length) {
  console.error(`unknown group(s) ${unknown.join(", ")}; one of ${Object.keys(GROUPS).join(", ")}`);
  process.exit(2);
}

const run = spawnSync("npx", ["stryker", "run", "stryker.config.mjs"], {
  stdio: "inherit",
  env: { ...process.env, MUTATION_GROUPS: selected.join(",") },
});
if (!existsSync("mutation/report.json")) process.exit(run.status ?? 1);

const report = JSON.parse(readFileSync("mutation/report.json", "utf8")) as Report;
const KILLED = new Set(["Killed", "Timeout"]);
const COUNTED = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);

function score(mutants: Mutant[]) {
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const killed = counted.filter((m) => KILLED.has(m.status)).length;
  return { killed, total: counted.length, score: counted.length ? (100 * killed) / counted.length : 100 };
}

const lines: string[] = [`mutation score (killed + timeout) / (killed + timeout + survived + no coverage), ${new Date().toISOString()}`];
for (const group of selected) {
  const { mutate } = GROUPS[group as keyof typeof GROUPS];
  const files = Object.entries(report.files).filter(([path]) => mutate.some((glob) => matchesGlob(path, glob)) && !path.endsWith(".test.ts"));
  const all = score(files.flatMap(([, f]) => f.mutants));
  lines.push(`\n${group.padEnd(16)} ${all.score.toFixed(1).padStart(5)}%  (${all.killed}/${all.total})`);
  for (const [path, file] of files) {
    const s = score(file.mutants);
    lines.push(`  ${path.padEnd(48)} ${s.score.toFixed(1).padStart(5)}%  (${s.killed}/${s.total})`);
    for (const m of file.mutants.filter((x) => x.status === "Survived" || x.status === "NoCoverage")) {
      lines.push(`    ${m.status.padEnd(10)} line ${String(m.location.start.line).padStart(4)}  ${m.mutatorName}: ${(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80)}`);
    }
  }
}
console.log(lines.join("\n"));
writeFileSync("mutation/scores.txt", lines.join("\n") + "\n");
process.exit(run.status ?? 0);
