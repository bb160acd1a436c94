/**
 * Demo data for the offline backend and local development: an admin, customers on each plan,
 * a key of each tier, and the generated catalogue. Users are created through Better Auth
 * (passwords hashed, profiles by trigger) and keys through the tiered wrapper, never by raw
 * inserts. Run once on an empty deployment: `npx convex run demo/seed:run` (real Convex) or
 * automatically by the offline backend.
 *
 * Why an action of small steps: Convex gives a query or mutation 1 s of user code, and Better
 * Auth hashes passwords with pure-JavaScript scrypt in Convex's runtime (0.4–0.8 s per sign-up).
 * The sign-ups run in the action (no 1 s limit); the catalogue, each profile and each key are
 * their own small mutation. Every step is idempotent and the order is fixed, so the seed is
 * deterministic and a re-run after a partial failure completes it.
 */
import { v, type Infer } from "convex/values";
import { internalAction, internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import { internal } from "../_generated/api";
import { createAuth } from "../auth";
import { createTieredKey } from "../apiKeys/create";
import { listOwnedKeys } from "../apiKeys/keyRows";
import { getProfile, grantAdmin, setPlan } from "../users/profiles";
import type { Tier } from "../shared/tiers";
import { tier as tierValidator } from "../shared/validators";
import { generateCatalogue } from "./catalogue";
import { recordArticlePosition } from "../monitoring/catalogue";

export const DEMO_PASSWORD = "demo-password-2026";

const role = v.union(v.literal("admin"), v.literal("user"));

export const DEMO_USERS: Array<{ email: string; name: string; plan: Tier; role: "admin" | "user"; keyTier?: Tier }> = [
  { email: "admin@nak.test", name: "Ada Admin", plan: "enterprise", role: "admin" },
  { email: "free@nak.test", name: "Fran Free", plan: "free", role: "user", keyTier: "free" },
  { email: "pro@nak.test", name: "Pat Pro", plan: "pro", role: "user", keyTier: "pro" },
  { email: "enterprise@nak.test", name: "Erin Enterprise", plan: "enterprise", role: "user", keyTier: "enterprise" },
];

/** Inserts the catalogue unless it is already there. Returns the number of articles inserted. */
export async function seedCatalogue(ctx: Pick<MutationCtx, "db">, count = 400) {
  if (await ctx.db.query("articles").first()) return 0;
  const articles = generateCatalogue({ count });
  for (const article of articles) {
    await ctx.db.insert("articles", article);
    await recordArticlePosition(ctx.db, article);
  }
  return articles.length;
}

/** Step 1: the catalogue (405 small documents, far inside one mutation's limits). */
export const catalogue = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => await seedCatalogue(ctx),
});

/** The Better Auth user id behind a demo email, if that user exists. */
export const userIdByEmail = internalQuery({
  args: { email: v.string() },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, { email }) => {
    const profile = await ctx.db
      .query("profiles")
      .withIndex("by_email", (q) => q.eq("email", email))
      .unique();
    return profile?.authUserId ?? null;
  },
});

/**
 * Step 3, one per user: plan and role on the profile, and the user's first key of `keyTier`
 * when they have no key yet (plaintext keys exist only at creation, so a re-run shows none).
 */
export const settleUser = internalMutation({
  args: { userId: v.string(), plan: tierValidator, role, keyTier: v.optional(tierValidator), keyName: v.string() },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, args) => {
    const profile = await getProfile(ctx.db, args.userId);
    if (!profile) throw new Error(`Demo user ${args.userId} has no profile`);
    await setPlan(ctx, profile._id, args.plan);
    // The demo admin is made through the same internal path as `admin/bootstrap:grant`.
    if (args.role === "admin") await grantAdmin(ctx, profile);
    if (!args.keyTier || (await listOwnedKeys(ctx, args.userId)).length > 0) return null;
    const result = await createTieredKey(ctx, { userId: args.userId, name: args.keyName, tier: args.keyTier });
    if (!result.ok) throw new Error(`Demo key failed: ${result.message}`);
    return result.apiKey;
  },
});

const seedResult = v.object({
  logins: v.array(v.object({ role, email: v.string(), password: v.string(), plan: tierValidator })),
  keys: v.array(v.object({ tier: tierValidator, key: v.string(), owner: v.string() })),
  articles: v.number(),
});

export const run = internalAction({
  args: {},
  returns: seedResult,
  handler: async (ctx): Promise<Infer<typeof seedResult>> => {
    const articles: number = await ctx.runMutation(internal.demo.seed.catalogue, {});
    const logins = [];
    const keys = [];
    for (const user of DEMO_USERS) {
      // Step 2: the sign-up (and its scrypt) runs here, in the action; Better Auth's adapter
      // writes the user, account and profile in their own short mutations.
      let userId: string | null = await ctx.runQuery(internal.demo.seed.userIdByEmail, { email: user.email });
      if (!userId) {
        const signedUp = await createAuth(ctx).api.signUpEmail({
          body: { email: user.email, password: DEMO_PASSWORD, name: user.name },
        });
        userId = signedUp.user.id;
      }
      const key: string | null = await ctx.runMutation(internal.demo.seed.settleUser, {
        userId,
        plan: user.plan,
        role: user.role,
        keyTier: user.keyTier,
        keyName: `Demo ${user.keyTier ?? "none"} key`,
      });
      logins.push({ role: user.role, email: user.email, password: DEMO_PASSWORD, plan: user.plan });
      if (key && user.keyTier) keys.push({ tier: user.keyTier, key, owner: user.email });
    }
    return { logins, keys, articles };
  },
});
