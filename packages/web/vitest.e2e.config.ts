// End-to-end journeys in real Chromium against the offline backend (see e2e/stack.ts).
// Run with `pnpm test:e2e`; `pnpm test` runs them after the component tests.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globals: true,
    globalSetup: ["e2e/globalSetup.ts"],
    // The journeys share one backend and build on each other's data: one file at a time, in order.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 240_000,
    reporters: ["default", ["json", { outputFile: "test-results/e2e.json" }]],
  },
});
