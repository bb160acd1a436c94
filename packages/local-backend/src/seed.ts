/**
 * Demo data: runs the app's `demo/seed:run` (an internal mutation or action with args `{}`) and
 * formats what it returns — demo logins and one API key per tier — as the lines the server
 * prints. An app without that function gets a clear line, not a crash.
 */
import { z } from "zod";
import { TIERS } from "@nak/backend/shared/tiers";
import type { LocalBackend } from "./backend.js";

export { TIERS };
export const SEED_FUNCTION = "demo/seed:run";

const seedResult = z.object({
  logins: z.array(z.object({ role: z.enum(["admin", "user"]), email: z.string(), password: z.string(), plan: z.string() })),
  keys: z.array(z.object({ tier: z.enum(TIERS), key: z.string(), owner: z.string() })),
});

export type SeedResult = z.infer<typeof seedResult>;

/** Runs the seed; resolves to null when the app has no seed function. */
export async function runSeed(backend: LocalBackend): Promise<SeedResult | null> {
  if (!(await backend.describe(SEED_FUNCTION))) return null;
  const value = await backend.call("any", SEED_FUNCTION, {}, { identity: null }, { allowInternal: true });
  const parsed = seedResult.safeParse(value);
  if (!parsed.success) throw new Error(`${SEED_FUNCTION} returned an unexpected shape: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The lines printed after seeding.
 *
 * @example
 *   seedLines(result) // ["demo login admin: admin@… / … (plan enterprise)", "demo key free: nak_pk_…", …]
 */
export function seedLines(result: SeedResult | null): string[] {
  if (!result) return [`no demo seed function found (${SEED_FUNCTION}); starting with an empty database`];
  const lines = result.logins.map((l) => `demo login ${l.role}: ${l.email} / ${l.password} (plan ${l.plan})`);
  for (const tier of TIERS) {
    const key = result.keys.find((k) => k.tier === tier);
    if (key) lines.push(`demo key ${tier}: ${key.key}`);
  }
  return lines;
}
