/**
 * `pnpm bench` (web): builds the app into a scratch folder and prints each emitted JS/CSS file's
 * size, raw and gzip, and the total a first visit downloads (entry chunk + CSS; lazy admin chunks
 * listed apart). Printed, never asserted.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const outDir = mkdtempSync(join(tmpdir(), "nak-web-bench-"));
try {
  execFileSync("npx", ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], {
    stdio: "inherit",
    env: { ...process.env, VITE_CONVEX_URL: "http://127.0.0.1:3210", VITE_CONVEX_SITE_URL: "http://127.0.0.1:3211" },
  });
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  const assets = readdirSync(join(outDir, "assets")).filter((f) => /\.(js|css)$/.test(f));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  let initial = 0;
  let lazy = 0;
  console.log("\n## web bundle (vite build)");
  for (const file of assets.sort()) {
    const bytes = readFileSync(join(outDir, "assets", file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    const loadedFirst = html.includes(file);
    if (loadedFirst) initial += gz;
    else lazy += gz;
    console.log(`${file.padEnd(40)} ${kb(bytes.length).padStart(10)} raw ${kb(gz).padStart(9)} gzip${loadedFirst ? "  (first load)" : ""}`);
  }
  console.log(`first load: ${kb(initial)} gzip; loaded on demand: ${kb(lazy)} gzip`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
