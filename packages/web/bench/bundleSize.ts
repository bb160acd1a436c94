/**
 * `pnpm bench` (web): builds the app into a scratch folder and prints each emitted JS/CSS file's
 * size, raw and gzip; the first load (what index.html links: entry chunk, its static imports and
 * CSS); and, per page, what a visit that starts on that page downloads before the page renders
 * (first load + the page's lazy chunk and everything it imports statically, read from Vite's
 * manifest). Chunks a page fetches while it renders (dialogs, menus: ui/deferred.tsx) are listed
 * apart. Printed, never asserted.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };

const BUDGET_KB = 150;
const outDir = mkdtempSync(join(tmpdir(), "nak-web-bench-"));
try {
  execFileSync("npx", ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--manifest", "--logLevel", "error"], {
    stdio: "inherit",
    env: { ...process.env, VITE_CONVEX_URL: "http://127.0.0.1:3210", VITE_CONVEX_SITE_URL: "http://127.0.0.1:3211" },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const gzipOf = new Map<string, number>();
  const gz = (file: string) => {
    if (!gzipOf.has(file)) gzipOf.set(file, gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length);
    return gzipOf.get(file)!;
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

  /** Files a chunk needs before it runs: itself, its CSS and its static imports, transitively. */
  const closure = (key: string, into = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return into;
    into.add(chunk.file);
    for (const css of chunk.css ?? []) into.add(css);
    for (const dep of chunk.imports ?? []) closure(dep, into);
    return into;
  };
  const total = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gz(f), 0);

  console.log("\n## web bundle (vite build, gzip level 9)");
  for (const file of readdirSync(join(outDir, "assets")).filter((f) => /\.(js|css)$/.test(f)).sort()) {
    const raw = readFileSync(join(outDir, "assets", file)).length;
    console.log(`${file.padEnd(40)} ${kb(raw).padStart(10)} raw ${kb(gz(`assets/${file}`)).padStart(9)} gzip`);
  }

  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)!;
  const first = closure(entryKey);
  const firstKb = total(first);
  console.log(`\nfirst load (sign-in page and the app shell): ${kb(firstKb)} gzip (budget ${BUDGET_KB} KB)`);

  console.log("\n## a visit that starts on each page (downloaded before the page renders)");
  console.log(`${"page chunk".padEnd(44)} ${"before render".padStart(14)} ${"while rendering".padStart(16)}`);
  for (const key of (manifest[entryKey].dynamicImports ?? []).sort()) {
    const page = closure(key, new Set(first));
    const later = new Set<string>();
    for (const file of page) {
      if (first.has(file)) continue; // the shell's own lazy imports are the other pages
      const k = Object.keys(manifest).find((m) => manifest[m].file === file);
      for (const dyn of (k && manifest[k].dynamicImports) ?? []) for (const f of closure(dyn)) if (!page.has(f)) later.add(f);
    }
    const before = total(page);
    console.log(`${key.replace(/^src\//, "").padEnd(44)} ${kb(before).padStart(14)} ${`+${kb(total(later))}`.padStart(16)}${before / 1024 > BUDGET_KB ? "  over budget" : ""}`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
