// Better Auth configuration: email + password (Google when configured), the API key plugin with
// our key format, and the Convex plugins that turn a session into a Convex JWT.
import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { apiKey } from "@better-auth/api-key";
import { betterAuth, type BetterAuthOptions } from "better-auth/minimal";
import { components } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";
import authSchema from "./betterAuth/schema";
import { API_KEY_PREFIX, generateApiKey } from "./shared/keyFormat";
import { DEFAULT_KEY_EXPIRY_MS, MAX_KEY_EXPIRY_DAYS, MIN_KEY_EXPIRY_DAYS } from "./shared/tiers";
import { serverEnv } from "./lib/env";

export const authComponent = createClient<DataModel, typeof authSchema>(components.betterAuth, {
  local: { schema: authSchema },
  verbose: false,
});

/** The API key plugin, configured once; its options are also what the schema generator reads. */
export const apiKeyPlugin = () =>
  apiKey({
    defaultPrefix: API_KEY_PREFIX,
    customKeyGenerator: () => generateApiKey(),
    enableMetadata: true,
    keyExpiration: {
      defaultExpiresIn: DEFAULT_KEY_EXPIRY_MS,
      minExpiresIn: MIN_KEY_EXPIRY_DAYS,
      maxExpiresIn: MAX_KEY_EXPIRY_DAYS,
    },
    startingCharactersConfig: { shouldStore: true, charactersLength: API_KEY_PREFIX.length + 4 },
    maximumNameLength: 64,
  });

export const createAuthOptions = (ctx: GenericCtx<DataModel>) => {
  const env = serverEnv();
  return {
    baseURL: env.CONVEX_SITE_URL,
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: [env.SITE_URL],
    database: authComponent.adapter(ctx),
    emailAndPassword: { enabled: true, requireEmailVerification: false, minPasswordLength: 8 },
    socialProviders:
      env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET } }
        : {},
    plugins: [apiKeyPlugin(), crossDomain({ siteUrl: env.SITE_URL }), convex({ authConfig })],
  } satisfies BetterAuthOptions;
};

export const createAuth = (ctx: GenericCtx<DataModel>) => betterAuth(createAuthOptions(ctx));
