// Server environment variables, parsed once at the boundary with zod.
import { z } from "zod";
import { env } from "../_generated/server";
import { DEFAULT_TRUSTED_PROXY_CIDRS, parseTrustedProxies } from "./clientAddress";

const schema = z.object({
  /** The web app's origin, exactly (scheme, host and port). */
  SITE_URL: z.string().url().default("http://localhost:5173"),
  /** Set by Convex to the deployment's HTTP actions URL; offline servers and tests set it. */
  CONVEX_SITE_URL: z.string().url().optional(),
  BETTER_AUTH_SECRET: z.string().min(16).optional(),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  /** Days info-level audit events of anonymous callers (invalid keys) are kept; others are kept for good. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days of raw access log kept before retention rolls rows into daily usage and deletes them. */
  LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Comma-separated CIDR ranges of our own proxies in front of the deployment. The client address
   * is the right-most X-Forwarded-For entry outside them (lib/clientAddress.ts).
   */
  TRUSTED_PROXY_CIDRS: z
    .string()
    .default(DEFAULT_TRUSTED_PROXY_CIDRS)
    .transform((list, ctx) => {
      const parsed = parseTrustedProxies(list);
      if (parsed.ok) return parsed.ranges;
      ctx.addIssue({ code: "custom", message: `not a CIDR range: ${parsed.invalid}` });
      return z.NEVER;
    }),
  /** 32 bytes, base64: encrypts request-signing secrets at rest. */
  API_KEY_ENCRYPTION_KEY: z.string().min(40).optional(),
});

export type ServerEnv = z.infer<typeof schema>;

/** Reads and validates the environment; throws a readable error on a bad value. */
export function serverEnv(): ServerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid server environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
