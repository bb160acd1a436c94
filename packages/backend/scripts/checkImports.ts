/**
 * Import rules of `convex/`, run by `pnpm lint`:
 *  1. no import cycles (relative imports, type-only ones included: a cycle of types is still a
 *     knot in the design);
 *  2. pure rooms (codecs, tier and key-format rules, key policy) import nothing from Convex;
 *  3. dependencies point one way, HTTP → domains → pure modules: only the HTTP layer (http.ts,
 *     contentApi/) imports contentApi/.
 * Prints each violation with its path and exits 1 if there is any.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../convex");
const SKIP = [/\/_generated\//, /\.test\.ts$/, /\.d\.ts$/, /\/test\//];

/** Modules that must not import Convex (`convex/*`, `@convex-dev/*`, `_generated`). */
const PURE = [
  /^signing\//,
  /^secretBox\//,
  /^watermark\//,
  /^lib\/(bytes|net|time|random|clientAddress)\.ts$/,
  /^shared\/(tiers|errors|keyFormat|apiPaths)\.ts$/,
  /^apiKeys\/(policy|status|limits)\.ts$/,
  /^quotas\/window\.ts$/,
  /^contentApi\/request\.ts$/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith(".ts") && !SKIP.some((re) => re.test(path)) ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"/g;

function importsOf(file: string) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

function resolveRelative(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ""));
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const all = files(ROOT);
const rel = (f: string) => relative(ROOT, f);
const graph = new Map<string, string[]>();
const problems: string[] = [];

for (const file of all) {
  const specs = importsOf(file);
  graph.set(file, specs.map((s) => resolveRelative(file, s)).filter((f): f is string => f !== null && all.includes(f)));
  const name = rel(file);
  if (PURE.some((re) => re.test(name))) {
    for (const spec of specs) {
      if (/^convex(\/|$)|^@convex-dev\/|_generated/.test(spec)) problems.push(`pure module ${name} imports ${spec}`);
    }
  }
  if (!name.startsWith("contentApi/") && name !== "http.ts") {
    for (const target of graph.get(file)!) {
      const edge = `${name} -> ${rel(target)}`;
      if (rel(target).startsWith("contentApi/")) {
        problems.push(`domain module imports the HTTP layer: ${edge}`);
      }
    }
  }
}

// Cycles: depth-first search with colours; each back edge closes a cycle.
const state = new Map<string, "open" | "done">();
const stack: string[] = [];
const seen = new Set<string>();
function visit(file: string) {
  state.set(file, "open");
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === "open") {
      const cycle = [...stack.slice(stack.indexOf(next)), next].map(rel).join(" -> ");
      if (!seen.has(cycle)) problems.push(`import cycle: ${cycle}`);
      seen.add(cycle);
    } else if (!state.has(next)) {
      visit(next);
    }
  }
  stack.pop();
  state.set(file, "done");
}
for (const file of all) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`${problems.length} import rule violation(s) in convex/`);
  process.exit(1);
}
console.log(`import rules: ${all.length} modules, no cycles, pure rooms free of Convex, HTTP layer on top`);
