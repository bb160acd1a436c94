// The snippets customers copy are real code: the TypeScript ones typecheck against packages/client's
// actual exports (a renamed method or option fails here), and each fits the key's scopes.
import { describe, expect, test } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { clientSnippet, curlCommand, firstRequestPath } from "./snippets";
import { clientSigningExample } from "./detail/signingExamples";

const here = path.dirname(fileURLToPath(import.meta.url));
const clientEntry = path.resolve(here, "../../../client/src/index.ts");

/** TypeScript's diagnostics for `code` as a module that imports "@nak/client" from packages/client/src. */
function typecheck(code: string): string[] {
  const file = path.join(here, "__snippet__.ts");
  const source = `declare const process: { env: Record<string, string | undefined> };\n${code}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.asynciterable.d.ts"],
    paths: { "@nak/client": [clientEntry] },
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => (name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest));
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("TypeScript snippets with @nak/client", () => {
  test.each([
    ["contents", ["contents"]],
    ["search only", ["search"]],
    ["contents and search", ["contents", "search"]],
  ])("the reveal dialog's snippet for a %s key typechecks against packages/client", (_, scopes) => {
    expect(typecheck(clientSnippet("http://127.0.0.1:3211/", scopes))).toEqual([]);
  }, 60_000);

  test("the signing set-up's @nak/client example typechecks too", () => {
    expect(typecheck(clientSigningExample("http://127.0.0.1:3211"))).toEqual([]);
  }, 60_000);

  test("the check fails on a name packages/client does not export (it can catch a stale snippet)", () => {
    const stale = clientSnippet("http://x").replace("listContents", "listArticles");
    expect(typecheck(stale).join("\n")).toMatch(/listArticles/);
  }, 60_000);
});

describe("snippets fit the key's scopes", () => {
  test("a search-only key is shown a search, not a /contents request it would be refused", () => {
    expect(firstRequestPath(["search"])).toMatch(/^\/api\/v1\/search\?/);
    expect(curlCommand("https://x.site/", "nak_pk_abc", ["search"])).toBe(`curl -H "Authorization: Bearer nak_pk_abc" "https://x.site/api/v1/search?q=api&limit=5"`);
    expect(clientSnippet("https://x.site", ["search"])).toContain(`nak.search("api"`);
    expect(clientSnippet("https://x.site", ["search"])).not.toContain("listContents");
  });

  test("a contents key is shown the contents list; the key itself is never in the TypeScript snippet", () => {
    expect(curlCommand("https://x.site", "nak_pk_abc", ["contents", "search"])).toContain("/api/v1/contents?limit=5");
    const code = clientSnippet("https://x.site/", ["contents"]);
    expect(code).toContain(`baseUrl: "https://x.site"`);
    expect(code).toContain("process.env.NAK_API_KEY");
    expect(code).not.toContain("nak_pk_");
  });
});
