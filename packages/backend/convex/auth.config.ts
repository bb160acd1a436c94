// Convex accepts the JWTs Better Auth's convex() plugin issues (RS256, issuer = CONVEX_SITE_URL).
import type { AuthConfig } from "convex/server";
import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";

export default {
  providers: [getAuthConfigProvider()],
} satisfies AuthConfig;
