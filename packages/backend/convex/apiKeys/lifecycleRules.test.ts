/**
 * The lifecycle rules (apiKeys/lifecycle.ts), called directly: who a revocation is recorded as,
 * that a key is revoked once, what an unban refuses and records, and what a rotation gives the
 * replacement (remaining lifetime, never-expiring only where it was, the grace period within its
 * bounds) and the old key ("Rotated", or its grace), and that a refused creation leaves the old
 * key as it was.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { MutationCtx } from "../_generated/server";
import { DAY, HOUR } from "../lib/time";
import { apiWorld, type World } from "../test/world";
import { getKey, setKeyExpiresAt, type ApiKeyRow } from "./keyRows";
import { deleteKey, revokeKey, rotateKey, unbanKey } from "./lifecycle";
import { MAX_ROTATION_GRACE_MS } from "./policy";
import { keyStatus } from "./status";

const NOW = Date.UTC(2026, 5, 1, 12);
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

/** Runs `fn` on the key's current row, in one transaction. */
const onKey = <T>(w: World, id: string, fn: (ctx: MutationCtx, key: ApiKeyRow) => Promise<T>) =>
  w.t.run(async (ctx) => fn(ctx, (await getKey(ctx, id))!));
const row = (w: World, id: string) => w.t.run((ctx) => getKey(ctx, id));
const events = (w: World, type: string) => w.t.run(async (ctx) => (await ctx.db.query("securityEvents").collect()).filter((e) => e.type === type));

describe("revoking", () => {
  test("is recorded as the system's, an admin's (another actor, or by: admin) or the owner's", async () => {
    const w = await apiWorld({ articles: 1 });
    const owner = w.owner.userId;
    await onKey(w, w.keys.free.id, (ctx, key) => revokeKey(ctx, key, "mine", owner));
    await onKey(w, w.keys.pro.id, (ctx, key) => revokeKey(ctx, key, "abuse", "system"));
    await onKey(w, w.keys.enterprise.id, (ctx, key) => revokeKey(ctx, key, "support", "admin-user-id"));
    expect((await row(w, w.keys.free.id))!.revokedBy).toBe("owner");
    expect((await row(w, w.keys.pro.id))!.revokedBy).toBe("system");
    expect((await row(w, w.keys.enterprise.id))!.revokedBy).toBe("admin");
    // An admin acting on their own key is still an admin's revocation.
    const w2 = await apiWorld({ articles: 1 });
    await onKey(w2, w2.keys.free.id, (ctx, key) => revokeKey(ctx, key, "as admin", w2.owner.userId, { by: "admin" }));
    expect((await row(w2, w2.keys.free.id))!.revokedBy).toBe("admin");
  });

  test("happens once: a second revocation changes nothing and is not audited; the audit names the severity and details", async () => {
    const w = await apiWorld({ articles: 1 });
    expect(await onKey(w, w.keys.pro.id, (ctx, key) => revokeKey(ctx, key, "abuse", "system", { alertId: "a1" }))).toBe(true);
    expect(await onKey(w, w.keys.pro.id, (ctx, key) => revokeKey(ctx, key, "again", w.owner.userId))).toBe(false);
    expect((await row(w, w.keys.pro.id))!).toMatchObject({ revokedReason: "abuse", revokedBy: "system" });
    await onKey(w, w.keys.free.id, (ctx, key) => revokeKey(ctx, key, "mine", w.owner.userId));
    const audited = await events(w, "api_key_revoked");
    expect(audited.map((e) => [e.apiKeyId, e.severity])).toEqual([
      [w.keys.pro.id, "critical"],
      [w.keys.free.id, "warning"],
    ]);
    expect(JSON.parse(audited[0]!.details)).toEqual({ reason: "abuse", revokedBy: "system", alertId: "a1" });
  });
});

describe("unbanning", () => {
  test("refuses a key that is not revoked, and one its owner revoked, each saying why", async () => {
    const w = await apiWorld({ articles: 1 });
    expect(await onKey(w, w.keys.pro.id, (ctx, key) => unbanKey(ctx, key, "admin-user-id"))).toEqual({
      ok: false, kind: "conflict", message: "This key is not revoked.",
    });
    await onKey(w, w.keys.pro.id, (ctx, key) => revokeKey(ctx, key, "mine", w.owner.userId));
    expect(await onKey(w, w.keys.pro.id, (ctx, key) => unbanKey(ctx, key, "admin-user-id"))).toEqual({
      ok: false, kind: "forbidden", message: "This key was revoked by its owner; only they decide, by creating a new key.",
    });
  });

  test("re-enables a key the system revoked, recording the previous reason, who had revoked it and the note", async () => {
    const w = await apiWorld({ articles: 1 });
    await onKey(w, w.keys.pro.id, (ctx, key) => revokeKey(ctx, key, "Automatic: bulk", "system"));
    await onKey(w, w.keys.enterprise.id, (ctx, key) => revokeKey(ctx, key, "support", "admin-user-id"));
    expect(await onKey(w, w.keys.pro.id, (ctx, key) => unbanKey(ctx, key, "admin-user-id", "false positive"))).toEqual({ ok: true });
    expect(await onKey(w, w.keys.enterprise.id, (ctx, key) => unbanKey(ctx, key, "admin-user-id"))).toEqual({ ok: true });
    expect(keyStatus((await row(w, w.keys.pro.id))!, NOW)).toBe("active");
    const unbanned = await events(w, "api_key_unbanned");
    expect(unbanned.map((e) => JSON.parse(e.details))).toEqual([
      { previousReason: "Automatic: bulk", revokedBy: "system", note: "false positive" },
      { previousReason: "support", revokedBy: "admin", note: null },
    ]);
  });
});

describe("rotating", () => {
  test("refuses a grace period outside 0 to 7 days, and creates nothing", async () => {
    const w = await apiWorld({ articles: 1 });
    for (const grace of [-1, Number.NaN, MAX_ROTATION_GRACE_MS + 1]) {
      expect(await onKey(w, w.keys.pro.id, (ctx, key) => rotateKey(ctx, key, grace, w.owner.userId))).toEqual({
        ok: false, kind: "invalid_argument", message: "The grace period must be between 0 and 7 days.",
      });
    }
    expect(await events(w, "api_key_rotated")).toEqual([]);
    expect((await onKey(w, w.keys.pro.id, (ctx, key) => rotateKey(ctx, key, MAX_ROTATION_GRACE_MS, w.owner.userId))).ok).toBe(true);
  });

  test("gives the replacement the old key's remaining lifetime in whole days, at least one", async () => {
    const w = await apiWorld({ articles: 1 });
    await w.t.run((ctx) => setKeyExpiresAt(ctx, w.keys.pro.id, NOW + 10.5 * DAY));
    await w.t.run((ctx) => setKeyExpiresAt(ctx, w.keys.free.id, NOW + 2 * HOUR));
    const pro = await onKey(w, w.keys.pro.id, (ctx, key) => rotateKey(ctx, key, 0, w.owner.userId));
    const free = await onKey(w, w.keys.free.id, (ctx, key) => rotateKey(ctx, key, 0, w.owner.userId));
    expect((await row(w, pro.ok ? pro.apiKeyId : ""))!.expiresAt).toBe(NOW + 11 * DAY);
    expect((await row(w, free.ok ? free.apiKeyId : ""))!.expiresAt).toBe(NOW + 1 * DAY);
  });

  test("without grace the old key is revoked as Rotated; with grace it ends then; the audit records both", async () => {
    const w = await apiWorld({ articles: 1 });
    const now = await onKey(w, w.keys.pro.id, (ctx, key) => rotateKey(ctx, key, 0, w.owner.userId));
    expect((await row(w, w.keys.pro.id))!).toMatchObject({ revokedReason: "Rotated", revokedBy: "owner" });
    const later = await onKey(w, w.keys.free.id, (ctx, key) => rotateKey(ctx, key, 2 * HOUR, w.owner.userId));
    const old = (await row(w, w.keys.free.id))!;
    expect(old.expiresAt).toBe(NOW + 2 * HOUR);
    expect(keyStatus(old, NOW)).toBe("active");
    expect((await events(w, "api_key_rotated")).map((e) => JSON.parse(e.details))).toEqual([
      { newApiKeyId: now.ok ? now.apiKeyId : "", graceHours: 0 },
      { newApiKeyId: later.ok ? later.apiKeyId : "", graceHours: 2 },
    ]);
  });

  test("a never-expiring key's replacement never expires, and the old one works through its grace; an expiring key's replacement expires", async () => {
    const w = await apiWorld({ articles: 1 });
    await w.t.run((ctx) => setKeyExpiresAt(ctx, w.keys.enterprise.id, null));
    const forever = await onKey(w, w.keys.enterprise.id, (ctx, key) => rotateKey(ctx, key, 2 * HOUR, w.owner.userId));
    expect((await row(w, forever.ok ? forever.apiKeyId : ""))!.expiresAt ?? null).toBeNull();
    const old = (await row(w, w.keys.enterprise.id))!;
    expect(old.expiresAt).toBe(NOW + 2 * HOUR);
    expect(keyStatus(old, NOW + HOUR)).toBe("active");

    const w2 = await apiWorld({ articles: 1 });
    const expiring = await onKey(w2, w2.keys.enterprise.id, (ctx, key) => rotateKey(ctx, key, 0, w2.owner.userId));
    expect((await row(w2, expiring.ok ? expiring.apiKeyId : ""))!.expiresAt).toBe(NOW + 30 * DAY);
  });

  test("when the replacement cannot be created the rotation is refused and the old key is left as it was", async () => {
    const w = await apiWorld({ articles: 1 });
    // An open critical alert restricts its owner's account: no new key, rotations included.
    await w.t.run((ctx) =>
      ctx.db.insert("scrapingAlerts", {
        apiKeyId: w.keys.free.id, userId: w.owner.userId, alertType: "bulk_access", severity: "critical",
        details: "{}", resolved: false, createdAt: NOW,
      }),
    );
    const refused = await onKey(w, w.keys.pro.id, (ctx, key) => rotateKey(ctx, key, 0, w.owner.userId));
    expect(refused).toMatchObject({ ok: false, kind: "account_restricted" });
    const old = (await row(w, w.keys.pro.id))!;
    expect(keyStatus(old, NOW)).toBe("active");
    expect(old.rotatedToId ?? null).toBeNull();
  });

  test("a key that signs but whose secret cannot be read is not rotated", async () => {
    const w = await apiWorld({ articles: 1 });
    const { api } = await import("../_generated/api");
    await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
    await w.t.run(async (ctx) => {
      for (const s of await ctx.db.query("signingSecrets").collect()) await ctx.db.delete("signingSecrets", s._id);
    });
    expect(await onKey(w, w.keys.pro.id, (ctx, key) => rotateKey(ctx, key, 0, w.owner.userId))).toMatchObject({ ok: false, kind: "conflict" });
    expect(keyStatus((await row(w, w.keys.pro.id))!, NOW)).toBe("active");
    expect(await events(w, "api_key_rotated")).toEqual([]);
  });
});

describe("deleting", () => {
  test("a key revoked by the system is kept as evidence, and its owner is told so", async () => {
    const w = await apiWorld({ articles: 1 });
    await onKey(w, w.keys.pro.id, (ctx, key) => revokeKey(ctx, key, "Automatic: bulk", "system"));
    expect(await onKey(w, w.keys.pro.id, (ctx, key) => deleteKey(ctx, key, w.owner.userId))).toEqual({
      ok: false, kind: "forbidden", message: "This key was revoked by an admin or by abuse detection and is kept as evidence. Contact support.",
    });
    expect(await row(w, w.keys.pro.id)).not.toBeNull();
  });
});
