// vitest for Stryker: the normal config, limited to the test files of the selected mutation
// groups (mutation/groups.mjs), without the JSON report (Stryker collects results itself).
import { defineConfig } from "vitest/config";
import base from "./vitest.config";
import { GROUPS } from "./mutation/groups.mjs";

const selected = (process.env.MUTATION_GROUPS || Object.keys(GROUPS).join(",")).split(",").filter(Boolean);
const groups = GROUPS as Record<string, { tests: string[] }>;

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [...new Set(selected.flatMap((name) => groups[name].tests))],
    reporters: ["default"],
    typecheck: { enabled: false },
  },
});
