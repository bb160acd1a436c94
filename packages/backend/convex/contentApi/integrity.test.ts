// The smaller attacks of issue #11 (finding 6): HEAD, replayed signatures, future skew, moved
// ciphertexts, disguised key names, unbounded sign-up fields.
import { afterEach, describe, expect, test, vi } from "vitest";
import { ConvexError } from "convex/values";
import { api } from "../_generated/api";
import { apiWorld } from "../test/world";
import { newTest, WEB_ORIGIN } from "../test/setup";
import { signRequest } from "../signing/requestSignature";

afterEach(() => vi.useRealTimers());

async function kindOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof ConvexError ? (error.data as { kind: string }).kind : String(error);
  }
}

describe("integrity, the small list", () => {
  test("HEAD is refused with 405 and Allow, without spending quota or logging a read", async () => {
    const w = await apiWorld({ articles: 5 });
    const head = await w.t.fetch(`/api/v1/contents/${w.slugs[0]}`, { method: "HEAD", headers: { authorization: `Bearer ${w.keys.free.key}` } });
    expect(head.status).toBe(405);
    expect(head.headers.get("Allow")).toBe("GET, OPTIONS");
    expect(await w.t.run((ctx) => ctx.db.query("contentAccessLog").collect())).toEqual([]);
    const me = await w.get("/api/v1/me", { key: w.keys.free.key });
    expect(me.body.data.remaining).toBe(25);
  });

  test("a signed request is accepted once; its replay is refused, and so is a timestamp minutes ahead", async () => {
    vi.useFakeTimers();
    const now = Date.UTC(2026, 10, 22, 12);
    vi.setSystemTime(now);
    const w = await apiWorld({ articles: 5 });
    const { signingSecret } = await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
    const path = "/api/v1/contents?limit=1";
    const signed = await signRequest(signingSecret, { method: "GET", pathWithQuery: path, timestamp: Math.floor(now / 1000) });
    const headers = { "x-signature-timestamp": signed.timestamp, "x-signature": signed.signature };
    expect((await w.get(path, { key: w.keys.pro.key, headers })).status).toBe(200);
    vi.setSystemTime(now + 60_000);
    const replay = await w.get(path, { key: w.keys.pro.key, headers });
    expect(replay).toMatchObject({ status: 401, body: { error: { code: "invalid_signature", message: expect.stringMatching(/replayed/) } } });
    const ahead = await signRequest(signingSecret, { method: "GET", pathWithQuery: path, timestamp: Math.floor(now / 1000) + 60 + 4 * 60 });
    const future = await w.get(path, { key: w.keys.pro.key, headers: { "x-signature-timestamp": ahead.timestamp, "x-signature": ahead.signature } });
    expect(future).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/stale/) } } });
  });

  test("a signing secret's ciphertext moved onto another key's row does not decrypt there", async () => {
    const w = await apiWorld({ articles: 5 });
    const a = await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
    await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.enterprise.id });
    await w.t.run(async (ctx) => {
      const rows = await ctx.db.query("signingSecrets").collect();
      const from = rows.find((r) => r.apiKeyId === w.keys.pro.id)!;
      const to = rows.find((r) => r.apiKeyId === w.keys.enterprise.id)!;
      await ctx.db.patch("signingSecrets", to._id, { encryptedSecret: from.encryptedSecret });
    });
    const path = "/api/v1/contents?limit=1";
    const signed = await signRequest(a.signingSecret, { method: "GET", pathWithQuery: path });
    const res = await w.get(path, { key: w.keys.enterprise.key, headers: { "x-signature-timestamp": signed.timestamp, "x-signature": signed.signature } });
    expect(res.status).toBe(401);
  });

  test("key names refuse control and invisible format characters (bidi overrides, zero-width)", async () => {
    const w = await apiWorld({ articles: 1 });
    for (const name of ["prod\u202Egnp.exe", "a\u200Bb", "tab\there", "line\nbreak", "\u2066isolate"]) {
      expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.create, { name, tier: "free" }))).toBe("invalid_argument");
      expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.rename, { keyId: w.keys.free.id, name }))).toBe("invalid_argument");
    }
    expect(await kindOf(w.owner.client.mutation(api.apiKeys.mutations.rename, { keyId: w.keys.free.id, name: "Café – prod ✓" }))).toBe("ok");
  });

  test("sign-up bounds every field: a 5,000-character email, long names and unknown fields are refused", async () => {
    const t = newTest();
    const signUp = (body: Record<string, unknown>) =>
      t.fetch("/api/auth/sign-up/email", { method: "POST", headers: { "content-type": "application/json", origin: WEB_ORIGIN }, body: JSON.stringify(body) });
    const ok = { email: "fine@example.com", password: "correct-horse-battery", name: "Fine" };
    expect((await signUp({ ...ok, email: `${"a".repeat(5000)}@example.com` })).status).toBe(400);
    expect((await signUp({ ...ok, name: "n".repeat(101) })).status).toBe(400);
    expect((await signUp({ ...ok, name: "evil\u202Eman" })).status).toBe(400);
    expect((await signUp({ ...ok, role: "admin" })).status).toBe(400);
    expect((await signUp(ok)).status).toBe(200);
    const users = await t.run((ctx) => ctx.db.query("profiles").collect());
    expect(users.map((u) => u.email)).toEqual(["fine@example.com"]);
  });
});
