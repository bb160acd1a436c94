import { describe, expect, test } from "vitest";
import { internal } from "../_generated/api";
import { newTest } from "../test/setup";
import { verifyApiKey } from "../apiKeys/verify";
import { generateCatalogue } from "./catalogue";

describe("demo data", () => {
  test("the catalogue is deterministic, several hundred articles, with unique slugs and a few traps", () => {
    const a = generateCatalogue();
    const b = generateCatalogue();
    expect(a).toEqual(b);
    expect(a.filter((x) => !x.trap)).toHaveLength(400);
    expect(a.filter((x) => x.trap)).toHaveLength(5);
    expect(new Set(a.map((x) => x.slug)).size).toBe(a.length);
    expect(a.filter((x) => !x.trap).map((x) => x.ordinal)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(a[0].body.length).toBeGreaterThan(800);
  });

  test("seeding creates an admin, customers on each plan and a working key of each tier", async () => {
    const t = newTest();
    const result = await t.action(internal.demo.seed.run, {});
    expect(result.articles).toBe(405);
    expect(result.logins.map((l) => l.role)).toContain("admin");
    expect(result.keys.map((k) => k.tier).sort()).toEqual(["enterprise", "free", "pro"]);
    for (const { key, tier } of result.keys) {
      const verified = await t.run((ctx) => verifyApiKey(ctx, key, Date.now()));
      expect(verified).toMatchObject({ ok: true, tier });
    }
    const profiles = await t.run((ctx) => ctx.db.query("profiles").collect());
    expect(profiles.find((p) => p.email === "admin@nak.test")).toMatchObject({ role: "admin" });
    expect(profiles.find((p) => p.email === "pro@nak.test")).toMatchObject({ role: "user", plan: "pro" });
  });

  test("seeding twice adds no duplicate users or articles", async () => {
    const t = newTest();
    await t.action(internal.demo.seed.run, {});
    const again = await t.action(internal.demo.seed.run, {});
    expect(again.articles).toBe(0);
    expect(again.keys).toEqual([]);
    const profiles = await t.run((ctx) => ctx.db.query("profiles").collect());
    expect(profiles).toHaveLength(4);
  });
});
