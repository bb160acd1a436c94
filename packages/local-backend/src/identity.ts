/**
 * JWT identity, checked the way Convex checks it: the app's `auth.config.ts` lists providers
 * (`customJwt` with issuer + JWKS URL, or OIDC `domain` + `applicationID`); a token is accepted
 * only if its signature verifies against the provider's JWKS and its issuer, audience and expiry
 * hold. The identity is built like Convex builds it: `tokenIdentifier = iss + "|" + sub`,
 * `subject`, `issuer`, plus every non-registered claim as is.
 *
 * @example
 *   const verifier = new IdentityVerifier(providers, (url) => fetchJson(url));
 *   const { identity, expiresAt } = await verifier.verify(jwt); // throws AuthFailure
 */
import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import type { UserIdentity } from "convex/server";
import { z } from "zod";

/** Clock leeway Convex allows on `exp`/`nbf`/`iat`. */
const CLOCK_LEEWAY_SECONDS = 5;
/** Don't refetch a JWKS for an unknown `kid` more often than this. */
const JWKS_REFETCH_MS = 2_000;
const REGISTERED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

const customJwtProvider = z.object({
  type: z.literal("customJwt"),
  issuer: z.string(),
  jwks: z.string(),
  algorithm: z.string(),
  applicationID: z.string().optional(),
});
const oidcProvider = z.object({
  type: z.undefined().optional(),
  domain: z.string(),
  applicationID: z.string(),
});
const authConfig = z.object({ providers: z.array(z.union([customJwtProvider, oidcProvider])) });

export type AuthProviderConfig = z.infer<typeof customJwtProvider> | z.infer<typeof oidcProvider>;

/** A token was refused; the message is what the client sees in `AuthError`. */
export class AuthFailure extends Error {
  override name = "AuthFailure";
}

export type VerifiedIdentity = {
  identity: UserIdentity;
  /** `exp` in ms since the epoch, if the token has one. */
  expiresAt: number | undefined;
};

/** Parses the default export of `auth.config.ts`; throws a readable error on a bad shape. */
export function parseAuthConfig(config: unknown): AuthProviderConfig[] {
  if (config === undefined) return [];
  const parsed = authConfig.safeParse(config);
  if (!parsed.success) throw new Error(`auth.config.ts: ${z.prettifyError(parsed.error)}`);
  return parsed.data.providers;
}

/** Builds the Convex identity from verified claims. */
export function identityFromClaims(claims: JWTPayload): UserIdentity {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(claims)) if (!REGISTERED_CLAIMS.has(k)) extra[k] = v;
  return {
    ...extra,
    tokenIdentifier: `${claims.iss}|${claims.sub}`,
    subject: claims.sub!,
    issuer: claims.iss!,
  } as UserIdentity;
}

/** Decodes a `data:` JWKS URL (what `getAuthConfigProvider({ jwks })` produces). */
function decodeDataUrl(url: string): unknown {
  const comma = url.indexOf(",");
  const meta = url.slice(5, comma);
  const data = url.slice(comma + 1);
  const text = meta.endsWith(";base64") ? Buffer.from(data, "base64").toString("utf8") : decodeURIComponent(data);
  return JSON.parse(text);
}

const jwksShape = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

type JwksEntry = { keySet: ReturnType<typeof createLocalJWKSet>; fetchedAt: number };

export class IdentityVerifier {
  private readonly jwks = new Map<string, JwksEntry>();

  /**
   * @param providers from `auth.config.ts`
   * @param fetchJson GETs a URL (the server routes its own site URLs in-process)
   */
  constructor(
    private readonly providers: AuthProviderConfig[],
    private readonly fetchJson: (url: string) => Promise<unknown>,
  ) {}

  /** Verifies `token`; throws `AuthFailure` with a reason when it is not acceptable. */
  async verify(token: string): Promise<VerifiedIdentity> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new AuthFailure("Could not parse JWT payload. Check that the token is a valid JWT format.");
    }
    const provider = this.providers.find((p) => issuerOf(p) === unverified.iss || issuerOf(p) === `${unverified.iss}/`);
    if (!provider) {
      throw new AuthFailure(
        `No auth provider found matching the given token (issuer ${JSON.stringify(unverified.iss)}). Check your auth.config.ts.`,
      );
    }
    const options = {
      issuer: unverified.iss,
      audience: provider.applicationID,
      algorithms: "algorithm" in provider ? [provider.algorithm] : ["RS256"],
      clockTolerance: CLOCK_LEEWAY_SECONDS,
      requiredClaims: ["sub", "iss"],
    };
    const jwksUrl = await this.jwksUrl(provider);
    try {
      const { payload } = await jwtVerify(token, (await this.keySet(jwksUrl, false)).keySet, options);
      return { identity: identityFromClaims(payload), expiresAt: payload.exp === undefined ? undefined : payload.exp * 1000 };
    } catch (e) {
      if (e instanceof errors.JWKSNoMatchingKey) {
        // Keys may have rotated (or the server was restarted): refetch once, then decide.
        const fresh = await this.keySet(jwksUrl, true);
        try {
          const { payload } = await jwtVerify(token, fresh.keySet, options);
          return { identity: identityFromClaims(payload), expiresAt: payload.exp === undefined ? undefined : payload.exp * 1000 };
        } catch (again) {
          throw toAuthFailure(again);
        }
      }
      throw toAuthFailure(e);
    }
  }

  private async jwksUrl(provider: AuthProviderConfig): Promise<string> {
    if ("jwks" in provider) return provider.jwks;
    const discovery = z
      .object({ jwks_uri: z.string() })
      .parse(await this.fetchJson(`${provider.domain.replace(/\/$/, "")}/.well-known/openid-configuration`));
    return discovery.jwks_uri;
  }

  private async keySet(url: string, refresh: boolean): Promise<JwksEntry> {
    const cached = this.jwks.get(url);
    if (cached && (!refresh || Date.now() - cached.fetchedAt < JWKS_REFETCH_MS)) return cached;
    let raw: unknown;
    try {
      raw = url.startsWith("data:") ? decodeDataUrl(url) : await this.fetchJson(url);
    } catch (e) {
      throw new AuthFailure(`Could not fetch the JWKS at ${url}: ${(e as Error).message}`);
    }
    const parsed = jwksShape.safeParse(raw);
    if (!parsed.success) throw new AuthFailure(`The JWKS at ${url} is not a JSON Web Key Set`);
    const entry = { keySet: createLocalJWKSet(parsed.data as JSONWebKeySet), fetchedAt: Date.now() };
    this.jwks.set(url, entry);
    return entry;
  }
}

function issuerOf(p: AuthProviderConfig): string {
  return "issuer" in p ? p.issuer : p.domain;
}

function toAuthFailure(e: unknown): AuthFailure {
  if (e instanceof AuthFailure) return e;
  if (e instanceof errors.JWTExpired) return new AuthFailure("Token expired");
  if (e instanceof errors.JWTClaimValidationFailed) return new AuthFailure(`Could not verify token claim: ${e.message}`);
  if (e instanceof errors.JOSEError) return new AuthFailure(`Could not verify OIDC token claim: ${e.message}`);
  return new AuthFailure(`Invalid token: ${(e as Error).message}`);
}

/** True if `value` has the shape of a compact JWS (three base64url parts, a JSON header). */
export function looksLikeJwt(value: string): boolean {
  const parts = value.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return false;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as unknown;
    return typeof header === "object" && header !== null && "alg" in header;
  } catch {
    return false;
  }
}
