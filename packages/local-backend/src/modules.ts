/**
 * Module maps for convex-test, built by walking directories at start (outside Vite there is no
 * `import.meta.glob`): the app's functions directory, and every component its `convex.config.ts`
 * uses — locally installed ones (a sub-directory with its own `convex.config.ts`) and npm ones
 * (e.g. `@convex-dev/rate-limiter` and its nested `batchWorker`), found the way Convex's bundler
 * finds them: from the `import x from ".../convex.config"` + `app.use(x)` pairs.
 *
 * @example
 *   const app = await loadApp("/repo/packages/backend/convex");
 *   const t = convexTest(app.schema, app.modules);
 *   for (const c of app.components) t.registerComponent(c.path, c.schema, c.modules);
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { GenericSchema, SchemaDefinition } from "convex/server";

/** `{ "./path/file.ts": () => import(file) }`, rooted at a Convex functions directory. */
export type ModuleMap = Record<string, () => Promise<unknown>>;

export type AnySchema = SchemaDefinition<GenericSchema, boolean>;

export type ComponentModules = {
  /** Mount path, e.g. `betterAuth` or `rateLimiter/batchWorker`. */
  path: string;
  dir: string;
  schema: AnySchema;
  modules: ModuleMap;
};

export type LoadedApp = {
  functionsDir: string;
  schema: AnySchema | undefined;
  modules: ModuleMap;
  components: ComponentModules[];
};

/**
 * Files that are in a locally installed component's directory but are not its functions:
 * Better Auth's static `auth.ts` exists only for its schema generator.
 */
const NOT_COMPONENT_FUNCTIONS: Record<string, string[]> = { betterAuth: ["auth.ts"] };

const SOURCE = /\.(ts|js|mjs|mts)$/;
const NOT_SOURCE = /(\.d\.ts|\.d\.mts|\.test\.[mc]?[tj]s|\.spec\.[mc]?[tj]s)$/;

/** Lists the Convex module files under `dir` (relative, `/`-separated), skipping tests and typings. */
export function listModuleFiles(dir: string, skipDirs: Set<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) {
        if (name === "node_modules" || name === "test" || name === "tests" || name.startsWith(".")) continue;
        if (skipDirs.has(full)) continue;
        walk(full);
      } else if (SOURCE.test(name) && !NOT_SOURCE.test(name)) {
        out.push(relative(dir, full).split(sep).join("/"));
      }
    }
  };
  walk(dir);
  return out;
}

/** A convex-test module map of the files under `dir`. */
export function moduleMap(dir: string, files: string[]): ModuleMap {
  const map: ModuleMap = {};
  for (const file of files) {
    const url = pathToFileURL(join(dir, file)).href;
    map[`./${file}`] = () => import(url);
  }
  if (!files.some((f) => f.startsWith("_generated/"))) {
    throw new Error(`${dir} has no _generated/ directory: run codegen first (convex-test needs it to find the root)`);
  }
  return map;
}

type ComponentUse = { specifier: string; name: string | undefined };

/** Reads `import x from "…/convex.config"` + `.use(x, { name })` pairs from a convex.config file. */
export function parseComponentUses(source: string): ComponentUse[] {
  const imports = new Map<string, string>();
  for (const m of source.matchAll(/import\s+(\w+)\s+from\s+["']([^"']+)["']/g)) imports.set(m[1], m[2]);
  const uses: ComponentUse[] = [];
  for (const m of source.matchAll(/\.use\(\s*(\w+)\s*(?:,\s*\{([^}]*)\})?\s*\)/g)) {
    const specifier = imports.get(m[1]);
    if (!specifier) continue;
    const name = m[2]?.match(/name\s*:\s*["']([^"']+)["']/)?.[1];
    uses.push({ specifier, name });
  }
  return uses;
}

function componentName(configFile: string): string {
  const name = readFileSync(configFile, "utf8").match(/defineComponent\(\s*["']([^"']+)["']/)?.[1];
  if (!name) throw new Error(`${configFile}: no defineComponent("name") found`);
  return name;
}

function findFile(dir: string, base: string): string | undefined {
  for (const ext of [".ts", ".js", ".mts", ".mjs"]) {
    const file = join(dir, base + ext);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function resolveConfig(fromFile: string, specifier: string): string {
  if (specifier.startsWith(".")) {
    const base = join(dirname(fromFile), specifier).replace(/\.(ts|js)$/, "");
    const file = findFile(dirname(base), base.slice(dirname(base).length + 1));
    if (!file) throw new Error(`${fromFile}: cannot find ${specifier}`);
    return file;
  }
  return createRequire(fromFile).resolve(specifier);
}

async function importDefault<T>(file: string): Promise<T> {
  const mod = (await import(pathToFileURL(file).href)) as { default: T };
  return mod.default;
}

/** Walks the component tree under one convex.config file, depth first. */
async function loadComponents(configFile: string, prefix: string, out: ComponentModules[]): Promise<void> {
  for (const use of parseComponentUses(readFileSync(configFile, "utf8"))) {
    const childConfig = resolveConfig(configFile, use.specifier);
    const dir = dirname(childConfig);
    const name = use.name ?? componentName(childConfig);
    const schemaFile = findFile(dir, "schema");
    if (!schemaFile) throw new Error(`component ${name} (${dir}) has no schema file`);
    const skip = new Set(NOT_COMPONENT_FUNCTIONS[name] ?? []);
    const files = listModuleFiles(dir).filter((f) => !skip.has(f));
    const path = prefix + name;
    out.push({ path, dir, schema: await importDefault<AnySchema>(schemaFile), modules: moduleMap(dir, files) });
    await loadComponents(childConfig, `${path}/`, out);
  }
}

/** Loads the app under `functionsDir`: its schema, its module map and its components' maps. */
export async function loadApp(functionsDir: string): Promise<LoadedApp> {
  const components: ComponentModules[] = [];
  const appConfig = findFile(functionsDir, "convex.config");
  if (appConfig) await loadComponents(appConfig, "", components);
  // Locally installed components live inside the functions directory but are not app modules.
  const componentDirs = new Set(components.map((c) => c.dir).filter((d) => d.startsWith(functionsDir + sep)));
  const files = listModuleFiles(functionsDir, componentDirs);
  const schemaFile = findFile(functionsDir, "schema");
  return {
    functionsDir,
    schema: schemaFile ? await importDefault<AnySchema>(schemaFile) : undefined,
    modules: moduleMap(functionsDir, files),
    components,
  };
}
