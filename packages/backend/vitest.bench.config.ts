// `pnpm bench` part that needs convex-test (import.meta.glob): figures are printed, not asserted.
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["bench/**/*.bench.ts"],
    reporters: ["default"],
    testTimeout: 600_000,
  },
});
