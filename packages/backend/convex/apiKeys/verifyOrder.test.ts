// Verification's order as a cost promise (apiKeys/verify.ts): a string that is not a well-formed
// key is refused before any database read, so garbage cannot make the hot path read; a
// well-formed unknown key costs exactly one indexed lookup and is invalid, never a 5xx.
// Found by mutation testing (issue #17, group keyStatus).
import { describe, expect, test } from "vitest";
import type { MutationCtx } from "../_generated/server";
import { newTest } from "../test/setup";
import { generateApiKey } from "../shared/keyFormat";
import { verifyApiKey } from "./verify";

const NOW = Date.UTC(2026, 2, 2, 10, 0, 0);

/** The real context, counting the reads that go through it. */
function counting(ctx: MutationCtx) {
  const reads: string[] = [];
  const runQuery = ((ref: unknown, args: unknown) => {
    reads.push(JSON.stringify(args));
    return ctx.runQuery(ref as never, args as never);
  }) as unknown as MutationCtx["runQuery"];
  return { ctx: { runQuery }, reads };
}

function wrongChecksum() {
  const key = generateApiKey();
  return key.slice(0, -1) + (key.endsWith("0") ? "1" : "0");
}

describe("key verification order", () => {
  test.each([["empty", ""], ["wrong checksum", wrongChecksum()], ["too long", generateApiKey() + "x"], ["a secret, not a key", `nak_ss_${"a".repeat(38)}`]])(
    "a malformed key (%s) is invalid without any database read",
    async (_, candidate) => {
      const t = newTest();
      const result = await t.run(async (ctx) => {
        const { ctx: reader, reads } = counting(ctx);
        return { verdict: await verifyApiKey(reader, candidate, NOW), reads };
      });
      expect(result).toEqual({ verdict: { ok: false, code: "invalid_api_key" }, reads: [] });
    },
  );

  test("a well-formed key that was never issued is invalid after exactly one lookup", async () => {
    const t = newTest();
    const result = await t.run(async (ctx) => {
      const { ctx: reader, reads } = counting(ctx);
      return { verdict: await verifyApiKey(reader, generateApiKey(), NOW), reads: reads.length };
    });
    expect(result).toEqual({ verdict: { ok: false, code: "invalid_api_key" }, reads: 1 });
  });
});
