// Starts what the end-to-end tests run against, on free ports: the offline backend
// (packages/local-backend, seeded with demo data) and the web app (vite build + vite preview),
// wired to each other on 127.0.0.1. Stops both afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { preview, type PreviewServer } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_ROOT = resolve(here, "..");
const REPO_ROOT = resolve(WEB_ROOT, "../..");
const LOCAL_BACKEND = resolve(REPO_ROOT, "packages/local-backend");

export type StackInfo = {
  webUrl: string;
  convexUrl: string;
  siteUrl: string;
  /** Demo logins printed by the backend: email → password. */
  logins: Record<string, string>;
  /** Demo keys printed by the backend: tier → plaintext key. */
  demoKeys: Record<string, string>;
};

export type Stack = StackInfo & { stop: () => Promise<void> };

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

type Backend = { child: ChildProcess; convexUrl: string; siteUrl: string; logins: Record<string, string>; demoKeys: Record<string, string> };

/** Starts the offline backend and waits for its `ready` line (seeding takes a few seconds). */
async function startBackend(webOrigin: string): Promise<Backend> {
  const tsx = resolve(LOCAL_BACKEND, "node_modules/.bin/tsx");
  const child = spawn(tsx, ["src/cli.ts", "--port", "0", "--site-port", "0", "--web-origin", webOrigin], {
    cwd: LOCAL_BACKEND,
    env: { ...process.env, SITE_URL: webOrigin, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output: string[] = [];
  return await new Promise<Backend>((resolveBackend, reject) => {
    const info = { convexUrl: "", siteUrl: "", logins: {} as Record<string, string>, demoKeys: {} as Record<string, string> };
    const timer = setTimeout(() => fail(new Error("the offline backend did not print `ready` within 120 s")), 120_000);
    function fail(error: Error) {
      clearTimeout(timer);
      killGroup(child);
      reject(new Error(`${error.message}\n--- backend output ---\n${output.join("\n")}`));
    }
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        output.push(line);
        if (process.env.E2E_VERBOSE) console.log(`[backend] ${line}`);
        let m: RegExpExecArray | null;
        if ((m = /^convex: (\S+)/.exec(line))) info.convexUrl = m[1]!;
        else if ((m = /^site: (\S+)/.exec(line))) info.siteUrl = m[1]!;
        else if ((m = /^demo login \w+: (\S+) \/ (\S+)/.exec(line))) info.logins[m[1]!] = m[2]!;
        else if ((m = /^demo key (\w+): (\S+)/.exec(line))) info.demoKeys[m[1]!] = m[2]!;
        else if (line === "ready") {
          clearTimeout(timer);
          resolveBackend({ child, ...info });
        }
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString().trimEnd());
      if (process.env.E2E_VERBOSE) process.stderr.write(`[backend] ${chunk.toString()}`);
    });
    child.on("exit", (code) => fail(new Error(`the offline backend exited (code ${code})`)));
  });
}

/** Ends the process group this module started (the backend and its children), by its id. */
function killGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}

/** Runs a command to completion; rejects with its output when it fails. */
async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { cwd: WEB_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${code}):\n${output}`);
}

/** Builds the web app for these backend URLs and serves it with `vite preview` on `port`. */
async function startWeb(port: number, convexUrl: string, siteUrl: string, outDir: string): Promise<PreviewServer> {
  const configFile = resolve(WEB_ROOT, "vite.config.ts");
  // A child process: vitest runs with NODE_ENV=test, which would give a development React build.
  // Vite reads VITE_* variables from the environment.
  await run(resolve(WEB_ROOT, "node_modules/.bin/vite"), ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
    ...process.env,
    NODE_ENV: "production",
    VITE_CONVEX_URL: convexUrl,
    VITE_CONVEX_SITE_URL: siteUrl,
  });
  return await preview({ root: WEB_ROOT, configFile, logLevel: "warn", build: { outDir }, preview: { host: "127.0.0.1", port, strictPort: true } });
}

export async function startStack(): Promise<Stack> {
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const backend = await startBackend(webUrl);
  // A build of its own: the backend URLs are baked in, and another run may be going at once.
  const outDir = resolve(WEB_ROOT, `test-results/e2e-dist/${process.pid}-${webPort}`);
  let web: PreviewServer;
  try {
    web = await startWeb(webPort, backend.convexUrl, backend.siteUrl, outDir);
  } catch (error) {
    killGroup(backend.child);
    throw error;
  }
  return {
    webUrl,
    convexUrl: backend.convexUrl,
    siteUrl: backend.siteUrl,
    logins: backend.logins,
    demoKeys: backend.demoKeys,
    stop: async () => {
      await web.close();
      const exited = new Promise((r) => backend.child.once("exit", r));
      killGroup(backend.child);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
