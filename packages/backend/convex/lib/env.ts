// Server environment variables, parsed once at the boundary with zod. The secrets and URLs the
// product cannot run safely without are required: no silent defaults, so a deployment missing
// one fails with a message naming every missing variable. The offline dev server (`pnpm dev`)
// and the test config set development values themselves.
import { z } from "zod";
import { env } from "../_generated/server";
import { DEFAULT_TRUSTED_PROXY_CIDRS, parseTrustedProxies } from "./clientAddress";

/** A static JWKS: the JSON array of Better Auth `jwks` documents (see README, "Running on Convex"). */
const staticJwks = z
  .string()
  .refine((text) => {
    try {
      const docs = JSON.parse(text) as unknown;
      return Array.isArray(docs) && docs.length > 0 && docs.every((d) => typeof d?.id === "string" && typeof d?.publicKey === "string" && typeof d?.privateKey === "string");
    } catch {
      return false;
    }
  }, "must be the JSON array printed by `npx convex run authKeys:exportJwks` (documents with id, publicKey, privateKey)");

const schema = z.object({
  /** The web app's origin, exactly (scheme, host and port): trusted origin and cross-domain target. */
  SITE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) origin such as https://app.example.com" }),
  /** Set by Convex to the deployment's HTTP actions URL (the JWT issuer); offline servers and tests set it. */
  CONVEX_SITE_URL: z.url({ protocol: /^https?$/ }),
  /** Signs sessions and encrypts Better Auth's secrets: at least 32 characters (`openssl rand -base64 32`). */
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  /** 32 bytes, base64: encrypts request-signing secrets at rest (`openssl rand -base64 32`). */
  API_KEY_ENCRYPTION_KEY: z
    .string()
    .refine((text) => /^[A-Za-z0-9+/]{43}=$/.test(text), "must be 32 random bytes in base64 (openssl rand -base64 32)"),
  /** Optional static JWKS for self-hosted deployments that cannot fetch their own JWKS URL. */
  JWKS: staticJwks.optional(),
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
});

export type ServerEnv = z.infer<typeof schema>;

/** Variables that must be set on every deployment. */
export const REQUIRED_ENV = ["SITE_URL", "CONVEX_SITE_URL", "BETTER_AUTH_SECRET", "API_KEY_ENCRYPTION_KEY"] as const;

/** Reads and validates `vars` (default: the deployment's environment). */
export function parseServerEnv(vars: Record<string, string | undefined>): { ok: true; env: ServerEnv } | { ok: false; message: string } {
  const parsed = schema.safeParse(vars);
  if (parsed.success) return { ok: true, env: parsed.data };
  const missing = REQUIRED_ENV.filter((name) => !vars[name]);
  const invalid = parsed.error.issues
    .filter((issue) => !missing.includes(String(issue.path[0]) as (typeof REQUIRED_ENV)[number]))
    .map((issue) => `${String(issue.path[0])} ${issue.message}`);
  const lines = [
    ...(missing.length ? [`missing: ${missing.join(", ")}`] : []),
    ...(invalid.length ? [`invalid: ${invalid.join("; ")}`] : []),
  ];
  return {
    ok: false,
    message:
      `Server environment is not configured (${lines.join(" | ")}). ` +
      "Set each with `npx convex env set NAME VALUE` (README, \"Running on Convex\"); the offline dev server sets development values itself.",
  };
}

/** Reads and validates the environment; throws one readable error naming every problem. */
export function serverEnv(): ServerEnv {
  const result = parseServerEnv(env);
  if (!result.ok) throw new Error(result.message);
  return result.env;
}
