/**
 * Demo data for the offline backend and local development: an admin, customers on each plan,
 * a key of each tier, and the generated catalogue. Users are created through Better Auth
 * (passwords hashed, profiles by trigger) and keys through the tiered wrapper, never by raw
 * inserts. Run once on an empty deployment: `npx convex run demo/seed:run` (real Convex) or
 * automatically by the offline backend.
 */
import { v } from "convex/values";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { createAuth } from "../auth";
import { createTieredKey } from "../apiKeys/lifecycle";
import { getProfile } from "../users/profiles";
import type { Tier } from "../shared/tiers";
import { tier as tierValidator } from "../shared/validators";
import { generateCatalogue } from "./catalogue";
import { recordArticlePosition } from "../monitoring/catalogue";

export const DEMO_PASSWORD = "demo-password-2026";

const DEMO_USERS: Array<{ email: string; name: string; plan: Tier; role: "admin" | "user"; keyTier?: Tier }> = [
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

async function ensureUser(ctx: MutationCtx, user: (typeof DEMO_USERS)[number]) {
  const auth = createAuth(ctx);
  const existing = await ctx.db
    .query("profiles")
    .withIndex("by_email", (q) => q.eq("email", user.email))
    .unique();
  const userId: string =
    existing?.authUserId ??
    (
      await auth.api.signUpEmail({
        body: { email: user.email, password: DEMO_PASSWORD, name: user.name },
      })
    ).user.id;
  const profile = (await getProfile(ctx.db, userId))!;
  await ctx.db.patch("profiles", profile._id, { plan: user.plan, role: user.role });
  return { userId, created: !existing };
}

export const run = internalMutation({
  args: {},
  returns: v.object({
    logins: v.array(
      v.object({ role: v.union(v.literal("admin"), v.literal("user")), email: v.string(), password: v.string(), plan: tierValidator }),
    ),
    keys: v.array(v.object({ tier: tierValidator, key: v.string(), owner: v.string() })),
    articles: v.number(),
  }),
  handler: async (ctx) => {
    const articles = await seedCatalogue(ctx);
    const logins = [];
    const keys = [];
    for (const user of DEMO_USERS) {
      const { userId, created } = await ensureUser(ctx, user);
      logins.push({ role: user.role, email: user.email, password: DEMO_PASSWORD, plan: user.plan });
      // Plaintext keys exist only at creation: a re-run on existing data cannot show them again.
      if (created && user.keyTier) {
        const result = await createTieredKey(ctx, {
          userId,
          name: `Demo ${user.keyTier} key`,
          subscriptionTier: user.keyTier,
        });
        if (!result.success || !result.apiKey) throw new Error(`Demo key failed: ${result.error}`);
        keys.push({ tier: user.keyTier, key: result.apiKey, owner: user.email });
      }
    }
    return { logins, keys, articles };
  },
});
