/**
 * The server's options, from command-line flags over environment variables over defaults,
 * parsed with zod at the boundary. See README.md for the table.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_FUNCTIONS_DIR = resolve(here, "../../backend/convex");

/** Dev-only secrets, used when the environment sets none. Printed as such. */
export const DEV_BETTER_AUTH_SECRET = "local-backend-dev-only-secret-not-for-production";
export const DEV_API_KEY_ENCRYPTION_KEY = Buffer.from("local-backend-dev-only-aes-key!!").toString("base64");

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.union([z.boolean(), z.enum(["1", "0", "true", "false"]).transform((s) => s === "1" || s === "true")]);

const configShape = z.object({
  functionsDir: z.string().min(1),
  host: z.string().min(1),
  port,
  sitePort: port,
  /** The web app's origin, exactly: Better Auth's trusted origin and cross-domain redirect target. */
  webOrigin: z.url().transform((u) => new URL(u).origin),
  seed: bool,
  crons: bool,
  devEndpoints: bool,
  pingIntervalMs: z.coerce.number().int().min(10),
  pollIntervalMs: z.coerce.number().int().min(5),
});

export type ServerConfig = z.infer<typeof configShape>;

export const USAGE = `Usage: local-backend [options]   (a development and test server; production runs on Convex)

  --functions <dir>       Convex functions directory (default packages/backend/convex)
  --host <host>           interface to listen on (default 127.0.0.1; env LOCAL_BACKEND_HOST)
  --port <n>              Convex client port (default 3210; env LOCAL_BACKEND_PORT; 0 = any free port)
  --site-port <n>         HTTP actions port (default 3211; env LOCAL_BACKEND_SITE_PORT; 0 = any free port)
  --web-origin <url>      the web app's origin = SITE_URL (default http://127.0.0.1:5173; env SITE_URL)
  --no-seed               start with an empty database (env LOCAL_BACKEND_SEED=0)
  --no-crons              do not run crons on their schedules (env LOCAL_BACKEND_CRONS=0)
  --no-dev-endpoints      disable /_dev/* (env LOCAL_BACKEND_DEV_ENDPOINTS=0)
  --ping-interval <ms>    protocol Ping after this much silence (default 15000)
  --poll-interval <ms>    how often to look for commits by scheduled functions (default 100)
`;

/** Parses argv (without node and script) and env into a config; throws with a readable message. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      functions: { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      "site-port": { type: "string" },
      "web-origin": { type: "string" },
      "no-seed": { type: "boolean" },
      "no-crons": { type: "boolean" },
      "no-dev-endpoints": { type: "boolean" },
      "ping-interval": { type: "string" },
      "poll-interval": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const parsed = configShape.safeParse({
    functionsDir: resolve(values.functions ?? env.LOCAL_BACKEND_FUNCTIONS ?? DEFAULT_FUNCTIONS_DIR),
    host: values.host ?? env.LOCAL_BACKEND_HOST ?? "127.0.0.1",
    port: values.port ?? env.LOCAL_BACKEND_PORT ?? 3210,
    sitePort: values["site-port"] ?? env.LOCAL_BACKEND_SITE_PORT ?? 3211,
    webOrigin: values["web-origin"] ?? env.SITE_URL ?? "http://127.0.0.1:5173",
    seed: values["no-seed"] ? false : (env.LOCAL_BACKEND_SEED ?? true),
    crons: values["no-crons"] ? false : (env.LOCAL_BACKEND_CRONS ?? true),
    devEndpoints: values["no-dev-endpoints"] ? false : (env.LOCAL_BACKEND_DEV_ENDPOINTS ?? true),
    pingIntervalMs: values["ping-interval"] ?? env.LOCAL_BACKEND_PING_MS ?? 15_000,
    pollIntervalMs: values["poll-interval"] ?? env.LOCAL_BACKEND_POLL_MS ?? 100,
  });
  if (!parsed.success) throw new Error(`Invalid options:\n${z.prettifyError(parsed.error)}\n\n${USAGE}`);
  return parsed.data;
}

