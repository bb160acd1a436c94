/**
 * Test-only: every row of every table of the app and of every registered component (nested ones
 * included), plus each one's scheduled functions with their arguments. Attack tests scan it for
 * secrets. `newTest()` adds a `testDump:all` query to each component it registers, and
 * `dumpEverything` calls it through a function handle (`function://<component path>;…`), which
 * reaches nested components the app cannot name.
 *
 * @example
 *   const everything = await dumpEverything(t); // { "": { profiles: [...] }, betterAuth: { apikey: [...] }, … }
 */
import { queryGeneric, type FunctionHandle, type GenericSchema, type SchemaDefinition } from "convex/server";
import { v } from "convex/values";

export const DUMP_MODULE = "testDump";

/** A module with one query that returns every table of `schema` and `_scheduled_functions`. */
export function dumpModule(schema: SchemaDefinition<GenericSchema, boolean> | null) {
  return {
    all: queryGeneric({
      args: {},
      returns: v.any(),
      handler: async (ctx) => {
        const out: Record<string, unknown[]> = {};
        for (const table of Object.keys(schema?.tables ?? {})) out[table] = await ctx.db.query(table).collect();
        out._scheduled_functions = await ctx.db.system.query("_scheduled_functions").collect();
        return out;
      },
    }),
  };
}

/** The module-map key under which a component's modules are rooted (the folder of `_generated`). */
export function moduleRoot(modules: Record<string, unknown>): string {
  const generated = Object.keys(modules).find((k) => k.includes("/_generated/"));
  if (!generated) throw new Error("component modules without _generated");
  return generated.slice(0, generated.indexOf("_generated/"));
}

export type Dumpable = { paths: string[] };

/** Every table of the app ("") and of each component, keyed by component path. */
export async function dumpEverything(t: {
  run: <T>(fn: (ctx: { runQuery: (ref: FunctionHandle<"query">, args: object) => Promise<unknown> }) => Promise<T>) => Promise<T>;
  componentPaths: string[];
}): Promise<Record<string, Record<string, unknown[]>>> {
  const out: Record<string, Record<string, unknown[]>> = {};
  for (const path of ["", ...t.componentPaths]) {
    const handle = `function://${path};${DUMP_MODULE}:all` as FunctionHandle<"query">;
    out[path] = (await t.run((ctx) => ctx.runQuery(handle, {}))) as Record<string, unknown[]>;
  }
  return out;
}
