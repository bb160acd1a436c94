// vitest for Stryker: the normal config, limited to the test files of the group under test
// (MUTATION_GROUP, mutation/groups.mjs), without the JSON report (Stryker collects results itself).
// A group may leave out tests by title (`skip`: slow simulations that hold other modules'
// promises); they still run in the normal suite. Stryker resets vitest's testNamePattern, so the
// titles are skipped at load: `test("…"` / `describe("…"` becomes `.skip` in this run only.
import { defineConfig, type Plugin } from "vitest/config";
import base from "./vitest.config";
import { GROUPS } from "./mutation/groups.mjs";

const groups = GROUPS as Record<string, { tests: string[]; skip?: string[] }>;
const group = groups[process.env.MUTATION_GROUP ?? ""];
if (!group) throw new Error(`set MUTATION_GROUP to one of ${Object.keys(groups).join(", ")}`);

const skipTitles: Plugin = {
  name: "mutation-skip-titles",
  enforce: "pre",
  transform(code, id) {
    const skip = group.skip ?? [];
    if (skip.length === 0 || !id.endsWith(".test.ts")) return null;
    return code.replace(/\b(test|describe)\((["'`])((?:(?!\2)[^\\]|\\.)*)\2/g, (call, fn: string, quote: string, title: string) =>
      skip.some((s) => title.includes(s)) ? `${fn}.skip(${quote}${title}${quote}` : call,
    );
  },
};

export default defineConfig({
  ...base,
  plugins: [skipTitles],
  test: {
    ...base.test,
    include: group.tests,
    reporters: ["default"],
    typecheck: { enabled: false },
  },
});
