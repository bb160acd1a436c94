// vitest for Stryker: the normal config, limited to the test files of the group under test
// (MUTATION_GROUP, mutation/groups.mjs), without the JSON report (Stryker collects results itself).
import { defineConfig } from "vitest/config";
import base from "./vitest.config";
import { GROUPS } from "./mutation/groups.mjs";

const groups = GROUPS as Record<string, { tests: string[] }>;
const group = groups[process.env.MUTATION_GROUP ?? ""];
if (!group) throw new Error(`set MUTATION_GROUP to one of ${Object.keys(groups).join(", ")}`);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: group.tests,
    reporters: ["default"],
    typecheck: { enabled: false },
  },
});
