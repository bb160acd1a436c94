// Convex caches a query's result until the data it read changes, so a query that reads the
// clock (Date.now(), new Date()) freezes whatever it computed from it ("expires in", "remaining",
// active/expired) until some unrelated write. This scan finds every query handler that reads
// the clock, directly or by passing it to a helper, and holds the list to the known offenders
// below: a new one fails this test, and a fixed one must be removed from the list.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const ROOT = join(__dirname, "..");
const QUERY_BUILDERS = /^(query|internalQuery|userQuery|adminQuery|[a-z]+Query)$/;

/**
 * Query handlers that still read the clock: none. Queries return stored timestamps and counter
 * states; clients compute status, "remaining" and window resets at their own time (apiKeys/
 * status.ts, shared/usage.ts), and a query that needs a window takes its instant as an argument
 * (apiKeys/liveHistory.ts `hour`, admin/search.ts `asOf`). Keep this list empty.
 */
const KNOWN_CLOCK_READERS: string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ["_generated", "node_modules", "test"].includes(name) ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Whether `node` reads the clock, or calls a function of the same file (in `clocked`) that does. */
function readsClock(node: ts.Node, clocked: Set<string>): boolean {
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.getText() === "Date.now") return true;
  if (ts.isNewExpression(node) && node.expression.getText() === "Date" && (node.arguments?.length ?? 0) === 0) return true;
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && clocked.has(node.expression.text)) return true;
  return ts.forEachChild(node, (child) => readsClock(child, clocked)) ?? false;
}

/** Names of the file's own functions that read the clock, directly or through each other. */
function clockedHelpers(source: ts.SourceFile): Set<string> {
  const helpers = new Map<string, ts.Node>();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) helpers.set(statement.name.text, statement.body);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) helpers.set(d.name.getText(), d.initializer);
      }
    }
  }
  const clocked = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, body] of helpers) {
      if (!clocked.has(name) && readsClock(body, clocked)) {
        clocked.add(name);
        changed = true;
      }
    }
  }
  return clocked;
}

/** `export const name = someQuery({ …, handler })` whose handler reads the clock. */
export function clockReadingQueries(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const modulePath = relative(ROOT, file).replace(/\\/g, "/").replace(/\.ts$/, "");
  const found: string[] = [];
  const clocked = clockedHelpers(source);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (!init || !ts.isCallExpression(init) || !QUERY_BUILDERS.test(init.expression.getText())) continue;
      const config = init.arguments[0];
      if (config && readsClock(config, clocked)) found.push(`${modulePath}:${declaration.name.getText()}`);
    }
  }
  return found;
}

test("no query handler reads the clock, except the known offenders being fixed", () => {
  const found = sourceFiles(ROOT).flatMap((file) => clockReadingQueries(file, readFileSync(file, "utf8"))).sort();
  expect(found).toEqual(KNOWN_CLOCK_READERS);
});

test("the scan finds the clock read directly, passed to a helper, or as new Date()", () => {
  const file = join(ROOT, "x/y.ts");
  const text = `
    export const a = userQuery({ args: {}, handler: async () => Date.now() });
    export const b = query({ args: {}, handler: async (ctx) => helper(ctx, Date.now()) });
    export const c = adminQuery({ args: {}, handler: async () => new Date().toISOString() });
    export const d = query({ args: {}, handler: async () => new Date(0).getTime() });
    export const e = mutation({ args: {}, handler: async () => Date.now() });
    function stamp() { return Date.now(); }
    const view = (x: number) => ({ x, at: stamp() });
    export const f = query({ args: {}, handler: async () => view(1) });`;
  expect(clockReadingQueries(file, text)).toEqual(["x/y:a", "x/y:b", "x/y:c", "x/y:f"]);
});
