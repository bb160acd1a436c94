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

for (const [name, run] of sections) {
  console.log(`\n## ${name}`);
  await run();
}
