/**
 * Static JWKS for self-hosted deployments. Normally Convex verifies session JWTs against keys it
 * fetches from the deployment's own `/api/auth/convex/jwks` URL; a backend that cannot reach
 * itself (self-hosted behind a firewall, split DNS) rejects every login. Export the key once and
 * set it as the JWKS env var; auth.config.ts and the convex() plugin then use it inline:
 *
 *   npx convex run authKeys:exportJwks | npx convex env set JWKS
 *
 * The value holds the private signing key: treat it as a secret. Rotating (`authKeys:rotateJwks`)
 * signs out every session; set the new value right after.
 */
import { v } from "convex/values";
import { internalAction } from "./_generated/server";
import { createAuth } from "./auth";

export const exportJwks = internalAction({
  args: {},
  returns: v.string(),
  handler: async (ctx) => JSON.stringify(await createAuth(ctx).api.getLatestJwks()),
});

export const rotateJwks = internalAction({
  args: {},
  returns: v.string(),
  handler: async (ctx) => JSON.stringify(await createAuth(ctx).api.rotateKeys()),
});
