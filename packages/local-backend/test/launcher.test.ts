// `pnpm dev` stops completely however it is stopped: each case starts the real root `pnpm dev`
// (launcher, local backend on the fixture app, Vite) in a session of its own as a terminal would,
// sends one signal the way a user or a harness does, then checks that every process it started is
// gone and its three ports refuse connections within a few seconds.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURE, PACKAGE_DIR } from "./helpers.js";

const REPO_ROOT = join(PACKAGE_DIR, "../..");
/** "Within a few seconds": the launcher's and guards' grace periods are shorter than this. */
const STOPPED_WITHIN_MS = 8_000;

type Proc = { pid: number; ppid: number; pgid: number; args: string };

/** Every process on the machine (Linux /proc), with its parent, group and command line. */
function processes(): Proc[] {
  const list: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      list.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]), args });
    } catch {
      // exited while we looked
    }
  }
  return list;
}

/** `root` and all its descendants that are alive now. */
function tree(root: number): Proc[] {
  const all = processes();
  const found = all.filter((p) => p.pid === root);
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid));
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

type Dev = { pnpm: ChildProcess; output: string[]; ports: number[]; pids: Proc[] };

/** Starts the root `pnpm dev` as the README says, in a new session (like a terminal), until `web: …`. */
async function startPnpmDev(): Promise<Dev> {
  const webPort = await freePort();
  const args = ["dev", "--web-port", String(webPort), "--port", "0", "--site-port", "0", "--functions", FIXTURE, "--no-seed", "--no-crons"];
  // detached = setsid(): pnpm leads a new session and process group, as under a terminal.
  const pnpm = spawn("pnpm", args, { cwd: REPO_ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pnpm dev not up in time:\n${output.join("\n")}`)), 90_000);
    for (const stream of [pnpm.stdout!, pnpm.stderr!]) {
      stream.on("data", (chunk: Buffer) => {
        output.push(...chunk.toString("utf8").split("\n"));
        if (output.some((l) => l.startsWith("web: "))) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    pnpm.once("exit", (code) => reject(new Error(`pnpm dev exited early (${code}):\n${output.join("\n")}`)));
  });
  const port = (name: string) => Number(new URL(output.find((l) => l.startsWith(`${name}: `))!.slice(name.length + 2)).port);
  return { pnpm, output, ports: [port("convex"), port("site"), webPort], pids: tree(pnpm.pid!) };
}

async function waitUntilStopped(dev: Dev): Promise<{ left: Proc[]; open: number[] }> {
  const deadline = Date.now() + STOPPED_WITHIN_MS;
  for (;;) {
    const left = dev.pids.filter((p) => alive(p.pid));
    const open: number[] = [];
    for (const port of dev.ports) if (await listening(port)) open.push(port);
    if ((left.length === 0 && open.length === 0) || Date.now() > deadline) return { left, open };
    await new Promise((r) => setTimeout(r, 200));
  }
}

function find(dev: Dev, pattern: RegExp): Proc {
  const found = dev.pids.find((p) => pattern.test(p.args));
  if (!found) throw new Error(`no process matches ${pattern}: ${dev.pids.map((p) => p.args).join("\n")}`);
  return found;
}

const started: Dev[] = [];
afterEach(() => {
  // A failed case must not leave its processes behind for the next one.
  for (const dev of started.splice(0)) for (const p of dev.pids) if (alive(p.pid)) process.kill(p.pid, "SIGKILL");
});

const cases: { name: string; stop: (dev: Dev) => void }[] = [
  // The terminal sends Ctrl-C's SIGINT to its foreground process group: the one pnpm leads.
  { name: "Ctrl-C (SIGINT to the foreground process group)", stop: (dev) => process.kill(-dev.pnpm.pid!, "SIGINT") },
  { name: "SIGTERM to pnpm", stop: (dev) => process.kill(dev.pnpm.pid!, "SIGTERM") },
  { name: "SIGTERM to pnpm's process group", stop: (dev) => process.kill(-dev.pnpm.pid!, "SIGTERM") },
  { name: "SIGTERM to the launcher", stop: (dev) => process.kill(find(dev, /src\/launcher\.ts/).pid, "SIGTERM") },
  // Closing the terminal: the kernel hangs up the session's foreground group, the shell its jobs.
  { name: "SIGHUP (terminal closed) to the process group", stop: (dev) => process.kill(-dev.pnpm.pid!, "SIGHUP") },
  // The launcher cannot clean up after SIGKILL: its guards must notice and stop their groups.
  { name: "SIGKILL to the launcher", stop: (dev) => process.kill(find(dev, /src\/launcher\.ts/).pid, "SIGKILL") },
  { name: "SIGKILL to pnpm's process group", stop: (dev) => process.kill(-dev.pnpm.pid!, "SIGKILL") },
];

describe("stopping pnpm dev stops the local backend and Vite", () => {
  it.each(cases)("$name", async ({ stop }) => {
    const dev = await startPnpmDev();
    started.push(dev);
    // What is being checked: the server, Vite and the guards around them are there and listening.
    expect(dev.pids.some((p) => /src\/cli\.ts/.test(p.args))).toBe(true);
    expect(dev.pids.some((p) => /vite/.test(p.args))).toBe(true);
    for (const port of dev.ports) expect(await listening(port)).toBe(true);

    stop(dev);
    const { left, open } = await waitUntilStopped(dev);
    expect(left.map((p) => p.args)).toEqual([]);
    expect(open).toEqual([]);
  }, 120_000);
});
