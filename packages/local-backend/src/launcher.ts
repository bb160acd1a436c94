/**
 * The development launcher behind the root scripts:
 *
 * - `pnpm dev` = `dev:all`: starts the local backend, waits until it prints `ready`, then runs the
 *   web app's `dev` script (Vite) wired to it by env (`VITE_CONVEX_URL`, `VITE_CONVEX_SITE_URL`),
 *   prints `web: <url>` once Vite answers. Arguments other than `--web-port` go to the server.
 * - `pnpm dev:convex` = `dev:all --convex`: the same with a real Convex deployment instead:
 *   `npx convex dev` in packages/backend (linked once beforehand; it needs network), and the web
 *   app with the URLs from packages/web/.env.local.
 *
 * Every way of stopping it stops all of it within a few seconds (test/launcher.test.ts proves each):
 * Ctrl-C (SIGINT), SIGTERM to pnpm, to its process group or to the launcher, SIGHUP when the
 * terminal closes, and either child exiting. How:
 * - each child runs under a guard (src/guard.ts) that leads a process group of its own, so the
 *   launcher can stop a whole subtree (`sh -c vite` leaves Vite behind otherwise) group by group;
 * - the launcher stops every group on SIGINT, SIGTERM and SIGHUP, and when its own parent goes away
 *   (pnpm killed, terminal gone: it is re-parented);
 * - if the launcher itself dies without stopping them (SIGKILL, a crash), each guard sees its stdin
 *   pipe close (or its parent change) and stops its group: nothing outlives the launcher.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(packageDir, "../..");
const webDir = join(repoRoot, "packages/web");
const backendDir = join(repoRoot, "packages/backend");
const guardScript = join(packageDir, "src/guard.ts");
const STOP_GRACE_MS = 5_000;
const PARENT_POLL_MS = 250;

const argv = process.argv.slice(2);
const useConvex = argv.includes("--convex");
const webPortAt = argv.findIndex((a) => a === "--web-port" || a.startsWith("--web-port="));
const webPortInline = webPortAt !== -1 && argv[webPortAt].includes("=");
const webPort = Number(webPortAt === -1 ? 5173 : webPortInline ? argv[webPortAt].split("=")[1] : argv[webPortAt + 1]);
if (!Number.isInteger(webPort) || webPort <= 0 || webPort > 65535) {
  console.error("--web-port must be a port number");
  process.exit(2);
}
const webUrl = `http://127.0.0.1:${webPort}`;
/** Arguments for the local backend: everything but the launcher's own. */
const serverArgs = argv.filter(
  (arg, i) => arg !== "--convex" && i !== webPortAt && !(i === webPortAt + 1 && webPortAt !== -1 && !webPortInline),
);

const children: ChildProcess[] = [];
let stopping = false;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to a child's whole group; SIGKILL to what is left of it after a grace period. */
async function stopGroup(child: ChildProcess): Promise<void> {
  signalGroup(child, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  // Wait for the whole group, not only the direct child: `sh -c vite` may leave Vite behind.
  while (groupAlive(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child)) signalGroup(child, "SIGKILL");
}

/** Stops every child (its whole process group) and exits with `code`. */
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(children.map(stopGroup));
  }
  process.exit(code);
}

/**
 * Starts a child under a guard, in its own process group; stopping the launcher stops it, its exit
 * stops all. The guard's stdin is a pipe the launcher never writes to: it closes when the launcher
 * ends, however it ends, and the guard then stops the group.
 */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", guardScript, command, ...args], {
    cwd,
    env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  // A stop began while this child was being started (e.g. SIGTERM just as the server got ready).
  if (stopping) signalGroup(child, "SIGTERM");
  child.once("exit", (code) => {
    if (stopping) return;
    console.error(`${name} exited (${code ?? "signal"}); stopping the rest`);
    void stopAll(code || 1);
  });
  return child;
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  createInterface({ input: stream }).on("line", onLine);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      await fetch(url);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

/** Starts the local backend and resolves with its URLs once it printed `ready`. */
function startLocalBackend(): Promise<{ convex: string; site: string }> {
  const server = start(
    "local-backend",
    process.execPath,
    ["--import", "tsx", join(packageDir, "src/cli.ts"), "--web-origin", webUrl, ...serverArgs],
    process.env,
    packageDir,
  );
  lines(server.stderr!, (line) => console.error(line));
  return new Promise((resolve) => {
    const found: Record<string, string> = {};
    lines(server.stdout!, (line) => {
      console.log(line);
      const match = /^(convex|site): (\S+)$/.exec(line);
      if (match) found[match[1]] = match[2];
      if (line === "ready") resolve({ convex: found.convex, site: found.site });
    });
  });
}

/** Starts `npx convex dev` for packages/backend (a deployment linked beforehand). */
function startConvexDev(): void {
  const convex = start("convex dev", "npx", ["convex", "dev"], process.env, backendDir);
  for (const stream of [convex.stdout!, convex.stderr!]) lines(stream, (line) => console.log(`[convex] ${line}`));
}

/** The web app's own `dev` script, run as pnpm runs it (its node_modules/.bin on PATH). */
function startWeb(env: NodeJS.ProcessEnv): void {
  const pkg = JSON.parse(readFileSync(join(webDir, "package.json"), "utf8")) as { scripts: { dev: string } };
  const script = `${pkg.scripts.dev} --port ${webPort} --strictPort`;
  console.log(`[web] $ ${script}`);
  const path = [join(webDir, "node_modules/.bin"), join(repoRoot, "node_modules/.bin"), process.env.PATH].join(delimiter);
  const web = start("web app", "sh", ["-c", script], { ...env, PATH: path }, webDir);
  for (const stream of [web.stdout!, web.stderr!]) lines(stream, (line) => console.log(`[web] ${line}`));
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stopAll(0));
// After the terminal closes, writing to it fails (EIO/EPIPE): that must not crash the launcher.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
// pnpm or the shell gone (SIGKILLed, terminal closed): the launcher is re-parented.
const launcherParent = process.ppid;
setInterval(() => {
  if (process.ppid !== launcherParent) void stopAll(0);
}, PARENT_POLL_MS).unref();

if (useConvex) {
  const envFile = join(webDir, ".env.local");
  const configured = process.env.VITE_CONVEX_URL || (existsSync(envFile) && /^VITE_CONVEX_URL=/m.test(readFileSync(envFile, "utf8")));
  if (!configured) {
    console.error("packages/web/.env.local needs VITE_CONVEX_URL and VITE_CONVEX_SITE_URL of your deployment (see README).");
    process.exit(2);
  }
  startConvexDev();
  startWeb(process.env);
} else {
  const urls = await startLocalBackend();
  startWeb({ ...process.env, VITE_CONVEX_URL: urls.convex, VITE_CONVEX_SITE_URL: urls.site });
}
if (await waitForHttp(webUrl, 120_000)) console.log(`web: ${webUrl}`);
