// The one lookup that names a key, live or deleted (tombstones.ts, admin/leaks.ts lookupWatermark):
// a tombstone is written once and keeps what identifies the key (its visible start and prefix, its
// watermark code wherever the key kept it); a code or an id finds the key and its code either way.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { lookupWatermark } from "../admin/leaks";
import { apiWorld } from "../test/world";
import { getKey } from "./keyRows";
import { tombstoneOf, writeTombstone } from "./tombstones";
import { getUsageDoc } from "./usage";

async function world() {
  const w = await apiWorld({ articles: 1 });
  const id = w.keys.pro.id;
  const code = await w.t.run(async (ctx) => (await getUsageDoc(ctx.db, id))!.watermarkCode);
  return { w, id, code };
}

describe("a deleted key's tombstone", () => {
  test("is written once: a second deletion path keeps the first", async () => {
    const { w, id } = await world();
    await w.t.run(async (ctx) => {
      const key = (await getKey(ctx, id))!;
      await writeTombstone(ctx, key, "owner", 1_000);
      await writeTombstone(ctx, key, "better-auth", 2_000);
    });
    const rows = await w.t.run((ctx) => ctx.db.query("apiKeyTombstones").collect());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ apiKeyId: id, deletedBy: "owner", deletedAt: 1_000 });
  });

  test("keeps the key's visible start and prefix", async () => {
    const { w, id } = await world();
    const key = (await w.t.run((ctx) => getKey(ctx, id)))!;
    expect(key.start).toEqual(expect.any(String));
    expect(key.prefix).toEqual(expect.any(String));
    await w.t.run((ctx) => writeTombstone(ctx, key, "owner", 1_000));
    const stone = await w.t.run((ctx) => tombstoneOf(ctx.db, id));
    expect(stone).toMatchObject({ start: key.start, prefix: key.prefix, name: "pro key", tier: "pro" });
  });

  test("keeps the watermark code from the key's record, or from its row when it has no record", async () => {
    const { w, id, code } = await world();
    const key = (await w.t.run((ctx) => getKey(ctx, id)))!;
    // A key made before the row carried its code: only the record has it.
    await w.t.run((ctx) => writeTombstone(ctx, { ...key, watermarkCode: undefined }, "owner", 1_000));
    expect((await w.t.run((ctx) => tombstoneOf(ctx.db, id)))!.watermarkCode).toBe(code);

    const other = w.keys.enterprise.id;
    const otherKey = (await w.t.run((ctx) => getKey(ctx, other)))!;
    expect(otherKey.watermarkCode).toMatch(/^[0-9a-f]{12}$/);
    await w.t.run(async (ctx) => {
      await ctx.db.delete("apiKeyUsage", (await getUsageDoc(ctx.db, other))!._id);
      await writeTombstone(ctx, otherKey, "owner", 1_000);
    });
    expect((await w.t.run((ctx) => tombstoneOf(ctx.db, other)))!.watermarkCode).toBe(otherKey.watermarkCode);
  });
});

describe("looking a key up by watermark code or by id", () => {
  test("a code names its live key; an id gives the live key's code", async () => {
    const { w, id, code } = await world();
    const byCode = await w.t.run((ctx) => lookupWatermark(ctx, { code }));
    expect(byCode).toMatchObject({ apiKeyId: id, userId: w.owner.userId, code, record: { deleted: false } });
    const byId = await w.t.run((ctx) => lookupWatermark(ctx, { apiKeyId: id }));
    expect(byId).toMatchObject({ apiKeyId: id, userId: w.owner.userId, code, record: { deleted: false } });
  });

  test("an id gives the code from the key's row when the key has no record", async () => {
    const { w } = await world();
    const other = w.keys.enterprise.id;
    const rowCode = (await w.t.run((ctx) => getKey(ctx, other)))!.watermarkCode;
    expect(rowCode).toMatch(/^[0-9a-f]{12}$/);
    await w.t.run(async (ctx) => ctx.db.delete("apiKeyUsage", (await getUsageDoc(ctx.db, other))!._id));
    expect(await w.t.run((ctx) => lookupWatermark(ctx, { apiKeyId: other }))).toMatchObject({ apiKeyId: other, code: rowCode });
  });

  test("a deleted key is found by its code and by its id, through its tombstone", async () => {
    const { w, id, code } = await world();
    await w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: id });
    for (const by of [{ code }, { apiKeyId: id }]) {
      expect(await w.t.run((ctx) => lookupWatermark(ctx, by))).toMatchObject({ apiKeyId: id, userId: w.owner.userId, code, record: { deleted: true } });
    }
  });

  test("a code or an id no key ever had finds nothing", async () => {
    const { w } = await world();
    expect(await w.t.run((ctx) => lookupWatermark(ctx, { code: "0123456789ab" }))).toBeNull();
    expect(await w.t.run((ctx) => lookupWatermark(ctx, { apiKeyId: "k_never" }))).toBeNull();
  });
});
