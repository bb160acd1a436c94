// The client's types and constants are generated from the server's OpenAPI document: this fails
// when the server changed and `pnpm --filter @nak/client generate` was not run.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { renderGeneratedApi } from "../scripts/render";

test("src/generated/api.ts matches the server's current OpenAPI document", async () => {
  const committed = readFileSync(new URL("../src/generated/api.ts", import.meta.url), "utf8");
  expect(committed).toBe(await renderGeneratedApi());
});
