/**
 * `pnpm bench`: prints the project's measured figures. Each section is a module under bench/.
 * Figures are printed, never asserted: these machines are shared and noisy.
 */
import { benchDetectors } from "./detectors";
import { benchKeyFormat } from "./keyFormat";
import { benchWatermark } from "./watermark";

const sections: Array<[string, () => Promise<void>]> = [
  ["key format", benchKeyFormat],
  ["detectors", benchDetectors],
  ["leak tracing (watermark)", benchWatermark],
];

// `tsx bench/run.ts watermark` runs only the sections whose name contains the word.
const only = process.argv[2];
for (const [name, run] of sections.filter(([name]) => !only || name.includes(only))) {
  console.log(`\n## ${name}`);
  await run();
}
