// Attacks on the admin role (issue #11, finding 1): nobody becomes admin by signing up.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newTest, signUp } from "../test/setup";

afterEach(() => vi.unstubAllEnvs());

describe("admin bootstrap", () => {
  test("signing up first with an admin's address (any case, unverified) grants neither role nor plan", async () => {
    vi.stubEnv("ADMIN_EMAILS", "boss@example.com");
    const t = newTest();
    const mallory = await signUp(t, "BOSS@example.com");
    const me = await mallory.client.query(api.users.queries.me, {});
    expect(me).toMatchObject({ role: "user", plan: "free" });
    await expect(mallory.client.query(api.admin.search.customers, { paginationOpts: { numItems: 5, cursor: null } })).rejects.toThrow(/Admins only/);
  });

  test("only the internal grant (deploy key: npx convex run admin/bootstrap:grant) makes an admin, and it is audited", async () => {
    const t = newTest();
    const boss = await signUp(t, "boss@example.com");
    expect(await t.mutation(internal.admin.bootstrap.grant, { email: "nobody@example.com" })).toMatchObject({ ok: false, kind: "not_found" });
    expect(await t.mutation(internal.admin.bootstrap.grant, { email: " Boss@Example.com " })).toMatchObject({ ok: true, userId: boss.userId, alreadyAdmin: false });
    expect(await boss.client.query(api.users.queries.me, {})).toMatchObject({ role: "admin", plan: "free" });
    expect(await t.mutation(internal.admin.bootstrap.grant, { email: "boss@example.com" })).toMatchObject({ ok: true, alreadyAdmin: true });
    const events = await t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "admin_granted")).collect());
    expect(events).toMatchObject([{ userId: boss.userId, actor: "deploy-key" }]);
  });
});
