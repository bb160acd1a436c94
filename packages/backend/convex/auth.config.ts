// Convex accepts the JWTs Better Auth's convex() plugin issues (RS256, issuer = CONVEX_SITE_URL).
// By default the keys are fetched from the deployment's own JWKS URL; with the JWKS env var set
// (a static JWKS, for self-hosted backends that cannot reach their own URL) they are inlined.
import type { AuthConfig } from "convex/server";
import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";
import { env } from "./_generated/server";

export default {
  providers: [getAuthConfigProvider({ jwks: env.JWKS || undefined })],
} satisfies AuthConfig;
