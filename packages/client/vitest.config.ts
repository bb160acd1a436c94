// Unit tests run against fakes of fetch; test/localBackend.test.ts starts the offline local
// backend (packages/local-backend) as a child process and talks to it over real HTTP.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 60_000,
    hookTimeout: 200_000,
  },
});
