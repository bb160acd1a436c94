// ESLint: typescript-eslint with type information, Convex's rules, and no floating promises.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import convexPlugin from "@convex-dev/eslint-plugin";

export default tseslint.config(
  { ignores: ["convex/_generated/**", "convex/betterAuth/_generated/**", "convex/betterAuth/generatedSchema.ts", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...convexPlugin.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["convex/**/*.test.ts", "convex/test/**", "test/**", "scripts/**", "bench/**"],
    // Tests read JSON bodies loosely; production code stays strict.
    rules: { "@convex-dev/no-process-env": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
);
