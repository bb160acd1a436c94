// Better Auth configuration: email + password (Google when configured), the API key plugin with
// our key format, and the Convex plugins that turn a session into a Convex JWT.
import { createClient, type AuthFunctions, type GenericCtx } from "@convex-dev/better-auth";
import { isExpirySweep, sweepBatch, sweepAdapter } from "./apiKeys/expirySweep";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { apiKey } from "@better-auth/api-key";
import { betterAuth, type BetterAuthOptions } from "better-auth/minimal";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { components, internal } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";
import authSchema from "./betterAuth/schema";
import { API_KEY_PREFIX, generateApiKey } from "./shared/keyFormat";
import { MAX_KEY_NAME_LENGTH } from "./shared/keyLimits";
import {
  DEFAULT_KEY_EXPIRY_MS,
  MAX_KEY_EXPIRY_DAYS,
  MIN_KEY_EXPIRY_DAYS,
  TIER_CONFIG,
} from "./shared/tiers";
import { z } from "zod";
import { ConvexError } from "convex/values";
import { serverEnv } from "./lib/env";
import { onKeyCreated, onKeyDeleted } from "./apiKeys/triggers";
import { checkKeyName } from "./apiKeys/policy";
import { createProfile, syncProfile } from "./users/profiles";
import { sendEmail } from "./email/outbox";
import { resetPasswordEmail } from "./email/config";

const authFunctions: AuthFunctions = internal.auth;

/**
 * The Better Auth component client. Triggers run in the same transaction as Better Auth's write:
 * a new user gets a profile; a new key gets its tier, usage counters and audit event, whichever
 * path created it (our wrapper or Better Auth's own routes); a key Better Auth deletes (expired
 * keys, its delete route) has its counters cleaned up.
 */
export const authComponent = createClient<DataModel, typeof authSchema>(components.betterAuth, {
  local: { schema: authSchema },
  verbose: false,
  authFunctions,
  triggers: {
    user: {
      onCreate: async (ctx, user) => {
        await createProfile(ctx, user);
      },
      onUpdate: async (ctx, user) => {
        await syncProfile(ctx, user);
      },
    },
    apikey: {
      onCreate: async (ctx, key) => await onKeyCreated(ctx, { ...key, _id: key._id as string }),
      onDelete: async (ctx, key) => await onKeyDeleted(ctx, { ...key, _id: key._id as string }, "better-auth"),
    },
  },
});

export const { onCreate, onUpdate, onDelete } = authComponent.triggersApi();

/** The API key plugin, configured once; its options are also what the schema generator reads. */
export const apiKeyPlugin = () =>
  apiKey({
    defaultPrefix: API_KEY_PREFIX,
    customKeyGenerator: () => generateApiKey(),
    enableMetadata: true,
    keyExpiration: {
      // Documented as milliseconds, but createApiKey reads it with getDate(…, "sec"): seconds.
      defaultExpiresIn: DEFAULT_KEY_EXPIRY_MS / 1000,
      minExpiresIn: MIN_KEY_EXPIRY_DAYS,
      maxExpiresIn: MAX_KEY_EXPIRY_DAYS,
    },
    // Keys made through Better Auth's own routes are free-tier keys: same limit as the tier.
    rateLimit: {
      enabled: true,
      timeWindow: TIER_CONFIG.free.limit!.windowMs,
      maxRequests: TIER_CONFIG.free.limit!.max,
    },
    startingCharactersConfig: { shouldStore: true, charactersLength: API_KEY_PREFIX.length + 4 },
    maximumNameLength: MAX_KEY_NAME_LENGTH,
  });

/**
 * Better Auth's own create route honours the 5-key cap and the account restriction with a clean
 * 403 (the apikey trigger is the backstop). A plugin, not `options.hooks`, so it runs after the plugins that resolve the
 * session from the Bearer/cross-domain headers. Server-side creation has no session and is
 * checked by our wrapper.
 */
const keyCapPlugin = (ctx: GenericCtx<DataModel>) =>
  ({
    id: "nak-key-cap",
    hooks: {
      before: [
        {
          matcher: (hookCtx) => hookCtx.path === "/api-key/create",
          handler: createAuthMiddleware(async (hookCtx) => {
            // Same name rules as the app's own create: no control or invisible formatting characters.
            const name = (hookCtx.body as { name?: unknown } | undefined)?.name;
            if (typeof name === "string") {
              const checked = checkKeyName(name);
              if (!checked.ok) throw new APIError("BAD_REQUEST", { message: checked.message });
            }
            if (!("runQuery" in ctx)) return;
            const session = await getSessionFromCtx(hookCtx);
            if (!session) return;
            const refused = await ctx.runQuery(internal.apiKeys.internal.creationRefusal, { userId: session.user.id });
            if (refused) throw new APIError("FORBIDDEN", { message: refused.message, code: refused.kind.toUpperCase() });
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;

/** Bounds on every sign-up field (Better Auth bounds the password; not the email or the name). */
export const SIGN_UP_LIMITS = { email: 254, name: 100, password: 128, url: 2048 } as const;
const signUpBody = z
  .object({
    email: z.string().max(SIGN_UP_LIMITS.email, `Emails are at most ${SIGN_UP_LIMITS.email} characters.`),
    name: z
      .string()
      .max(SIGN_UP_LIMITS.name, `Names are at most ${SIGN_UP_LIMITS.name} characters.`)
      .refine((name) => !/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u.test(name), "Names cannot contain control or invisible formatting characters."),
    password: z.string().max(SIGN_UP_LIMITS.password, `Passwords are at most ${SIGN_UP_LIMITS.password} characters.`),
    image: z.string().max(SIGN_UP_LIMITS.url).nullish(),
    callbackURL: z.string().max(SIGN_UP_LIMITS.url).nullish(),
    rememberMe: z.boolean().nullish(),
  })
  .strict();

/** Refuses sign-ups with an over-long or unexpected field before Better Auth stores anything. */
const signUpBoundsPlugin = () =>
  ({
    id: "nak-sign-up-bounds",
    hooks: {
      before: [
        {
          matcher: (hookCtx) => hookCtx.path === "/sign-up/email",
          handler: createAuthMiddleware(async (hookCtx) => {
            const parsed = signUpBody.safeParse(hookCtx.body);
            if (!parsed.success) {
              const issue = parsed.error.issues[0];
              const message = issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : issue.message;
              throw new APIError("BAD_REQUEST", { message });
            }
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;

/**
 * Better Auth's adapter, except that a key creation the apikey trigger refuses (the cap or the
 * account restriction, e.g. when two route requests race past the before-hook) answers 403 with
 * the refusal's message instead of Better Auth's generic 500, and that the plugin's sweep of
 * expired keys deletes one bounded batch (apiKeys/expirySweep.ts) instead of all of them.
 */
function refusalsAsForbidden(factory: ReturnType<typeof authComponent.adapter>): ReturnType<typeof authComponent.adapter> {
  return (options) => {
    const adapter = factory(options);
    return {
      ...adapter,
      deleteMany: async (args) =>
        isExpirySweep(args.model, args.where) ? await sweepBatch(sweepAdapter(adapter), args.where) : await adapter.deleteMany(args),
      create: async (args) => {
        try {
          return await adapter.create(args);
        } catch (error) {
          const data = error instanceof ConvexError ? (error.data as { kind?: unknown; message?: unknown }) : null;
          if (data && (data.kind === "limit_reached" || data.kind === "account_restricted") && typeof data.message === "string") {
            throw new APIError("FORBIDDEN", { message: data.message, code: data.kind.toUpperCase() });
          }
          throw error;
        }
      },
    } as typeof adapter;
  };
}

export const createAuthOptions = (ctx: GenericCtx<DataModel>) => {
  const env = serverEnv();
  return {
    baseURL: env.CONVEX_SITE_URL,
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: [env.SITE_URL],
    database: refusalsAsForbidden(authComponent.adapter(ctx)),
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: false,
      minPasswordLength: 8,
      // Reset links go to the email hook (dev mailbox offline, EMAIL_WEBHOOK_URL in production).
      sendResetPassword: async ({ user, url }) => await sendEmail(ctx, resetPasswordEmail(user.email.toLowerCase(), url)),
    },
    socialProviders:
      env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET } }
        : {},
    plugins: [
      apiKeyPlugin(),
      crossDomain({ siteUrl: env.SITE_URL }),
      convex({ authConfig, jwks: env.JWKS }),
      keyCapPlugin(ctx),
      signUpBoundsPlugin(),
    ],
  } satisfies BetterAuthOptions;
};

export const createAuth = (ctx: GenericCtx<DataModel>) => betterAuth(createAuthOptions(ctx));
