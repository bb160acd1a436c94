/**
 * Entry point of the local backend process (`pnpm start`, `pnpm dev`): parses options, starts the
 * server, stops cleanly on SIGINT/SIGTERM. A function that throws asynchronously (a scheduled
 * function, a cron) is logged; the server keeps serving.
 */
import { parseConfig } from "./config.js";
import { startServer } from "./server.js";

process.on("unhandledRejection", (e) => console.error("local-backend: unhandled rejection:", e));
process.on("uncaughtException", (e) => console.error("local-backend: uncaught exception:", e));

let config;
try {
  config = parseConfig(process.argv.slice(2), process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

try {
  const server = await startServer(config);
  const shutdown = (signal: string) => {
    console.log(`local-backend: ${signal}, stopping`);
    const force = setTimeout(() => process.exit(0), 3_000);
    force.unref();
    void server.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
} catch (e) {
  console.error("local-backend: failed to start:", e);
  process.exit(1);
}
