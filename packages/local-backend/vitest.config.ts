// Tests spawn the local backend as a child process on free ports and drive it with the real
// Convex clients; they run in plain Node (no edge runtime: the server has a process of its own).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
