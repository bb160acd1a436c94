import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "edge-runtime",
    include: ["convex/**/*.test.ts"],
    server: { deps: { inline: ["convex-test", /@convex-dev\//] } },
    env: {
      SITE_URL: "http://localhost:5173",
      CONVEX_SITE_URL: "http://127.0.0.1:3211",
      BETTER_AUTH_SECRET: "test-secret-at-least-32-characters-long!!",
      API_KEY_ENCRYPTION_KEY: "dsPGuUZJ6u2o2RKmVNrPCcVWxtOusbLlbM2CF+QyhxQ=",
    },
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
