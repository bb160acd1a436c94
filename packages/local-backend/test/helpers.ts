/**
 * Test helpers: start the local backend as a child process on free ports (it prints its URLs),
 * make real Convex clients for it, wait for subscription values.
 *
 * @example
 *   const server = await startLocalBackend(["--functions", FIXTURE, "--no-seed"]);
 *   const client = newClient(server.convexUrl);
 *   const messages = await waitForValue(client, api.messages.list, {}, (m) => m.length > 0);
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import WebSocket from "ws";

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURE = join(PACKAGE_DIR, "test/fixture/convex");
const CLI = join(PACKAGE_DIR, "src/cli.ts");

export type StartedBackend = {
  convexUrl: string;
  siteUrl: string;
  /** Everything the server printed so far (stdout and stderr), line by line. */
  output: string[];
  process: ChildProcess;
  stop(): Promise<number | null>;
};

/** Starts the server with `args` (free ports unless given) and resolves once it prints `ready`. */
export function startLocalBackend(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<StartedBackend> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "--port", "0", "--site-port", "0", ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in ${timeoutMs} ms:\n${output.join("\n")}`)), timeoutMs);
    const onLine = (line: string) => {
      output.push(line);
      if (line !== "ready") return;
      clearTimeout(timer);
      const url = (name: string) => output.find((l) => l.startsWith(`${name}: `))!.slice(name.length + 2);
      resolve({
        convexUrl: url("convex"),
        siteUrl: url("site"),
        output,
        process: child,
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          return await exited;
        },
      });
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffered = "";
      stream.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        lines.forEach(onLine);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before ready:\n${output.join("\n")}`));
    });
  });
}

export function newClient(convexUrl: string): ConvexClient {
  return new ConvexClient(convexUrl, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
    logger: false,
  });
}

export function newHttpClient(convexUrl: string): ConvexHttpClient {
  return new ConvexHttpClient(convexUrl, { logger: false });
}

/** Resolves with the first value of the subscription that satisfies `accept`. */
export function waitForValue<Q extends FunctionReference<"query">>(
  client: ConvexClient,
  query: Q,
  args: FunctionArgs<Q>,
  accept: (value: FunctionReturnType<Q>) => boolean,
  timeoutMs = 15_000,
): Promise<FunctionReturnType<Q>> {
  return new Promise((resolve, reject) => {
    let last: unknown;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no accepted value in ${timeoutMs} ms; last: ${JSON.stringify(last)}`));
    }, timeoutMs);
    const unsubscribe = client.onUpdate(
      query,
      args,
      (value) => {
        last = value;
        if (!accept(value)) return;
        clearTimeout(timer);
        // Unsubscribing from inside the callback is fine; defer to keep the client's loop simple.
        setTimeout(() => unsubscribe(), 0);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Calls a dev endpoint of the server. */
export async function dev(convexUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  return await fetch(`${convexUrl}${path}`, {
    method: "POST",
    ...init,
    headers: { "local-backend-dev": "true", ...(init.headers as Record<string, string> | undefined) },
  });
}

export function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
