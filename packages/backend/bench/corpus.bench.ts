/**
 * Detection quality on the labelled corpus (test/corpus.ts): per alert type, scrapers caught with
 * the right type, missed, or caught under a wrong type, and minutes from the pattern becoming
 * visible to the alert; benign traffic's false alerts and false revocations. Printed, not asserted
 * (the corpus test asserts the goals).
 */
import { test } from "vitest";
import { report, runCorpus } from "../test/corpusRunner";

test("detection report over the labelled corpus", async () => {
  const started = performance.now();
  const results = await runCorpus();
  console.log(`\n## detection report (labelled corpus, 200-article catalogue, real scan every minute; ${((performance.now() - started) / 1000).toFixed(0)} s)\n${report(results)}`);
}, 1_800_000);
