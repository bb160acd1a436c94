/**
 * Starts the local backend: two ports (Convex client API + sync WebSocket, and the site's HTTP
 * actions), the environment the app's functions read, the app loaded into convex-test, JWT
 * identity from the app's `auth.config.ts`, crons, demo data. Prints the lines a person or a
 * test harness reads (`convex: <url>`, `site: <url>`, demo logins and keys, `ready`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { LocalBackend } from "./backend.js";
import { DEV_API_KEY_ENCRYPTION_KEY, DEV_BETTER_AUTH_SECRET, type ServerConfig } from "./config.js";
import { CronRunner, parseCronJobs } from "./crons.js";
import { createConvexHttpHandler } from "./httpApi.js";
import { IdentityVerifier, parseAuthConfig } from "./identity.js";
import { loadApp } from "./modules.js";
import { runSeed, seedLines } from "./seed.js";
import { createJsonFetcher, createSiteHandler } from "./site.js";
import { SyncHub } from "./sync.js";

const SYNC_PATH = /^\/api\/[^/]+\/sync$/;

/** `LOCAL_BACKEND_DEBUG=1` logs connection events to stderr. */
const debug = (line: string) => {
  if (process.env.LOCAL_BACKEND_DEBUG === "1") console.error(`local-backend debug: ${line}`);
};

export type RunningServer = {
  convexUrl: string;
  siteUrl: string;
  backend: LocalBackend;
  stop(): Promise<void>;
};

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A server whose handler is swapped in once the backend is loaded; 503 until then. */
function lateBoundServer(): { server: Server; bind(handler: Handler): void } {
  let handler: Handler | null = null;
  const server = createServer((req, res) => {
    if (!handler) {
      res.writeHead(503, { "content-type": "text/plain", "retry-after": "1" });
      res.end("local backend is starting\n");
      return;
    }
    void handler(req, res);
  });
  server.keepAliveTimeout = 5_000;
  return { server, bind: (h) => (handler = h) };
}

/** Sets the variables Convex (or the deployment's settings) would give the app's functions. */
function setFunctionEnv(config: ServerConfig, convexUrl: string, siteUrl: string, log: (line: string) => void): void {
  process.env.SITE_URL = config.webOrigin;
  process.env.CONVEX_SITE_URL = siteUrl;
  process.env.CONVEX_CLOUD_URL = convexUrl;
  if (!process.env.BETTER_AUTH_SECRET) {
    process.env.BETTER_AUTH_SECRET = DEV_BETTER_AUTH_SECRET;
    log("BETTER_AUTH_SECRET: dev-only default (set BETTER_AUTH_SECRET to override)");
  }
  if (!process.env.EMAIL_WEBHOOK_URL && process.env.EMAIL_DEV_MAILBOX === undefined) {
    // Emails (password reset, verification) land in the dev mailbox: `${convexUrl}/_dev/mailbox`.
    process.env.EMAIL_DEV_MAILBOX = "1";
    log(`emails: dev mailbox at ${convexUrl}/_dev/mailbox (set EMAIL_WEBHOOK_URL to send them)`);
  }
  if (!process.env.API_KEY_ENCRYPTION_KEY) {
    process.env.API_KEY_ENCRYPTION_KEY = DEV_API_KEY_ENCRYPTION_KEY;
    log("API_KEY_ENCRYPTION_KEY: dev-only default (set API_KEY_ENCRYPTION_KEY to override)");
  }
}

export async function startServer(config: ServerConfig, log: (line: string) => void = console.log): Promise<RunningServer> {
  const convexHttp = lateBoundServer();
  const siteHttp = lateBoundServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  let hub: SyncHub | null = null;
  convexHttp.server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    debug(`websocket upgrade ${path} from ${req.socket.remotePort}`);
    if (!hub || !SYNC_PATH.test(path)) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\n\r\n");
      return;
    }
    const current = hub;
    wss.handleUpgrade(req, socket, head, (ws) => {
      debug(`websocket open from ${req.socket.remotePort}`);
      ws.on("close", (code, reason) => debug(`websocket closed from ${req.socket.remotePort}: ${code} ${String(reason)}`));
      current.attach(ws, req);
    });
  });

  const convexPort = await listen(convexHttp.server, config.host, config.port);
  const sitePort = await listen(siteHttp.server, config.host, config.sitePort);
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  const convexUrl = `http://${hostForUrl}:${convexPort}`;
  const siteUrl = `http://${hostForUrl}:${sitePort}`;

  log("local-backend: development and test server (convex-test), not for production");
  setFunctionEnv(config, convexUrl, siteUrl, log);
  const app = await loadApp(config.functionsDir);
  const backend = new LocalBackend(app);
  const authConfig = await backend.importModule("auth.config");
  const verifier = new IdentityVerifier(parseAuthConfig(authConfig?.default), createJsonFetcher(backend, siteUrl));
  const crons = new CronRunner(backend, parseCronJobs((await backend.importModule("crons"))?.default));
  hub = new SyncHub(backend, verifier, { pingIntervalMs: config.pingIntervalMs });
  const syncHub = hub;

  const seed = async () => runSeed(backend);
  convexHttp.bind(
    createConvexHttpHandler({
      backend,
      verifier,
      dev: config.devEndpoints
        ? {
            seed,
            crons,
            syncStatus: () => syncHub.status(),
            disconnect: () => {
              const n = syncHub.connectionCount;
              syncHub.closeAll(1012, "ServiceRestart");
              return n;
            },
          }
        : null,
    }),
  );
  siteHttp.bind(createSiteHandler({ backend, verifier, siteOrigin: siteUrl }));
  backend.startCommitPolling(config.pollIntervalMs);

  log(`functions: ${config.functionsDir}`);
  log(`convex: ${convexUrl}`);
  log(`site: ${siteUrl}`);
  log(`web origin (SITE_URL): ${config.webOrigin}`);

  if (config.seed) {
    for (const line of seedLines(await seed())) log(line);
  }
  if (config.crons) crons.start();
  log(`crons: ${crons.jobs.length === 0 ? "none" : crons.jobs.map((j) => j.id).join(", ")}${config.crons ? "" : " (not scheduled: --no-crons)"}`);
  log("ready");

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      crons.stop();
      backend.stop();
      syncHub.closeAll(1001, "GoingAway");
      wss.close();
      await Promise.all(
        [convexHttp.server, siteHttp.server].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    })());
  return { convexUrl, siteUrl, backend, stop };
}
