/**
 * The launcher's watchdog around each of its children (`node --import tsx guard.ts <cmd> <args…>`).
 *
 * The launcher starts every child in a process group of its own (so it can stop a whole subtree:
 * `sh -c vite` leaves Vite behind otherwise), which also means a signal to the terminal's or
 * pnpm's process group never reaches it. If the launcher dies without stopping its children (it
 * is SIGKILLed, crashes, or pnpm kills it), nobody would stop them. So the guard leads the group,
 * runs the command inside it, and stops the whole group when any of these happens:
 * - its stdin closes (the launcher holds the other end of the pipe: the kernel closes it whatever
 *   way the launcher ends);
 * - its parent process changes (the launcher is gone and the guard was re-parented);
 * - it receives SIGINT, SIGTERM or SIGHUP;
 * - the command exits (the guard then exits with its code).
 * Stopping = SIGTERM to the group, SIGKILL to what is left after a grace period.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** How long the group gets to stop after SIGTERM before SIGKILL. */
export const GUARD_GRACE_MS = 3_000;
const PARENT_POLL_MS = 250;

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: guard <command> [args…]");
  process.exit(2);
}
const parent = process.ppid;
const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;

function signalGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // the group is gone
  }
}

/** Stops the command and everything else in this process group, then exits. */
function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  if (process.env.LOCAL_BACKEND_DEBUG) console.error(`guard(${command}): ${reason}, stopping the group`);
  // The guard ignores its own SIGTERM from now on: it must outlive the group to SIGKILL stragglers.
  signalGroup("SIGTERM");
  setTimeout(() => signalGroup("SIGKILL"), GUARD_GRACE_MS).unref();
  // Exit once the command is gone, after a short wait for the rest of the group (Vite's esbuild).
  const poll = setInterval(() => {
    if (child.exitCode === null && child.signalCode === null) return;
    if (!groupHasOthers()) {
      clearInterval(poll);
      process.exit(0);
    }
  }, 50);
}

/**
 * True while any process of this group other than the guard is alive. (A zero signal to the group
 * would count the guard itself, so read /proc where it exists; elsewhere trust the command's exit.)
 */
function groupHasOthers(): boolean {
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // Fields after the command name (which may contain spaces): state ppid pgrp …
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(fields[2]) === process.pid && fields[0] !== "Z") return true;
      } catch {
        // exited meanwhile
      }
    }
    return false;
  } catch {
    return false;
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));
process.stdin.on("end", () => stop("launcher closed stdin"));
process.stdin.on("error", () => stop("launcher stdin error"));
process.stdin.resume();
setInterval(() => {
  if (process.ppid !== parent) stop("launcher gone");
}, PARENT_POLL_MS).unref();

child.once("exit", (code, signal) => {
  if (stopping) return;
  process.exit(code ?? (signal ? 1 : 0));
});
child.once("error", (error) => {
  console.error(`guard: cannot start ${command}: ${error.message}`);
  process.exit(127);
});
