// Time of one `detect()` call over one key's detection window, at 1k, 10k and 100k rows.
import { detect } from "../convex/monitoring/detectors";
import {
  contextFor,
  ipRotator,
  mergeTraffic,
  sequentialScraper,
  steadyProBackend,
  syntheticCatalogue,
  toAccessRows,
} from "../test/traffic";
import { HOUR } from "../convex/lib/time";

export async function benchDetectors() {
  const catalogue = syntheticCatalogue(1000, 10);
  for (const size of [1_000, 10_000, 100_000]) {
    // An unlimited key's hour: a busy backend (90%), a crawler walking the catalogue (5%) and a
    // proxy-rotating client (5%), so every detector does real work.
    const requests = mergeTraffic(
      steadyProBackend({ catalogue, perMinute: Math.round((size * 0.9) / 60), minutes: 60, popularCount: 50 }),
      sequentialScraper({ catalogue, count: Math.min(catalogue.size, size * 0.05), perMinute: Math.max(1, (size * 0.05) / 60) }),
      ipRotator({ requests: size * 0.05, durationMs: HOUR }),
    );
    const rows = toAccessRows(requests, { tier: "enterprise", catalogue });
    const ctx = contextFor(catalogue, "enterprise", rows);
    const findings = detect(rows, ctx); // warm-up
    const runs = Math.max(3, Math.round(200_000 / rows.length));
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) detect(rows, ctx);
    const ms = (performance.now() - t0) / runs;
    console.log(
      `detect() over ${rows.length.toLocaleString("en")} rows: ${ms.toFixed(2)} ms ` +
        `(${Math.round(rows.length / ms).toLocaleString("en")} rows/ms), ` +
        `findings: ${findings.map((f) => `${f.alertType}/${f.severity}`).join(", ") || "none"}`,
    );
  }
}
