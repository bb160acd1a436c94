// The attack: after API traffic of every kind, an attacker with a copy of the database (every
// table of the app and of every component, scheduled functions' arguments, audit details) looks
// for any API key, signing secret or server secret, raw or encoded. Nothing may be found.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { apiWorld, type World } from "../test/world";
import { dumpEverything } from "../test/dump";
import { signRequest } from "../signing/requestSignature";
import { generateApiKey, hashApiKey } from "../shared/keyFormat";
import { MINUTE } from "../lib/time";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-02T10:00:00Z"));
});
afterEach(() => vi.useRealTimers());

const bytes = (s: string) => new TextEncoder().encode(s);
const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

/** The forms a secret could be stored in: raw, base64 (padded or not), base64url, hex. */
export function encodings(secret: string): string[] {
  const b64 = toBase64(bytes(secret));
  const unpadded = b64.replace(/=+$/, "");
  const hex = Array.from(bytes(secret), (b) => b.toString(16).padStart(2, "0")).join("");
  return [secret, b64, unpadded, unpadded.replace(/\+/g, "-").replace(/\//g, "_"), hex, hex.toUpperCase()];
}

/** Every encoding of every secret, and of the secret part that follows a key's public prefix. */
function needles(secrets: string[]) {
  const out = new Set<string>();
  for (const secret of secrets) {
    for (const form of encodings(secret)) out.add(form);
    const body = secret.replace(/^nak_(pk|ss)_/, "");
    if (body !== secret) for (const form of encodings(body)) out.add(form);
  }
  return [...out];
}

/** Where each needle was found: component path, table and the row. */
function where(dump: Record<string, Record<string, unknown[]>>, found: string[]) {
  return Object.entries(dump).flatMap(([component, tables]) =>
    Object.entries(tables).flatMap(([table, rows]) =>
      rows.filter((row) => found.some((n) => JSON.stringify(row).includes(n))).map((row) => `${component || "app"}.${table}: ${JSON.stringify(row).slice(0, 400)}`),
    ),
  );
}

async function traffic(w: World) {
  const { t } = w;
  const sent: string[] = [];
  // Valid requests of every route, through both headers.
  for (const tier of ["free", "pro", "enterprise"] as const) {
    await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys[tier].key });
    await w.get("/api/v1/contents?limit=3", { headers: { "x-api-key": w.keys[tier].key } });
    await w.get("/api/v1/search?q=researcher", { key: w.keys[tier].key });
    await w.get("/api/v1/me", { key: w.keys[tier].key });
    await w.get("/api/v1/contents/no-such-article", { key: w.keys[tier].key });
  }
  // A signed key: a valid signature, then a wrong one (refused).
  const signing = await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
  sent.push(signing.signingSecret);
  const path = `/api/v1/contents/${w.slugs[1]}`;
  const good = await signRequest(signing.signingSecret, { method: "GET", pathWithQuery: path, body: "", timestamp: Math.floor(Date.now() / 1000) });
  const signedOk = await w.get(path, { key: w.keys.pro.key, headers: { "X-Signature": good.signature, "X-Signature-Timestamp": good.timestamp } });
  expect(signedOk.status).toBe(200);
  const refused = await w.get(path, { key: w.keys.pro.key, headers: { "X-Signature": "0".repeat(64), "X-Signature-Timestamp": good.timestamp } });
  expect(refused.status).toBe(401);
  // Rate limited (free: 25 a day).
  for (let i = 0; i < 26; i++) await w.get(`/api/v1/contents/${w.slugs[i % w.slugs.length]}`, { key: w.keys.free.key });
  // Keys in the query string and in the path, valid and invalid, with and without a header key.
  const stranger = generateApiKey();
  sent.push(stranger);
  for (const key of [w.keys.enterprise.key, stranger]) {
    await w.get(`/api/v1/contents?limit=2&api_key=${key}`, {});
    await w.get(`/api/v1/contents?limit=2&api_key=${key}`, { key: w.keys.enterprise.key });
    await w.get(`/api/v1/contents/${key}`, { key: w.keys.enterprise.key });
    await w.get(`/api/v1/contents/${key}`, { key: stranger });
    for (const header of [w.keys.enterprise.key, stranger]) {
      await w.get(`/api/v1/search?q=${key}`, { key: header });
      await w.get(`/api/v1/search?q=${key.slice(7)}`, { key: header });
      await w.get(`/api/v1/search?q=${encodeURIComponent(toBase64(bytes(key)))}`, { key: header });
    }
  }
  // Invalid keys: well-formed unknown, one character off a real key, garbage, until throttled.
  const typo = w.keys.pro.key.slice(0, -1) + (w.keys.pro.key.endsWith("A") ? "B" : "A");
  sent.push(typo);
  for (const key of [stranger, typo, "not-a-key", `nak_pk_${"x".repeat(60)}`]) {
    for (let i = 0; i < 4; i++) await w.get("/api/v1/me", { key, ip: "198.51.100.23" });
  }
  // Revoked, rotated and deleted keys keep being tried.
  const rotated = await w.owner.client.mutation(api.apiKeys.mutations.rotate, { keyId: w.keys.enterprise.id, gracePeriodHours: 1 });
  sent.push(rotated.apiKey);
  await w.get("/api/v1/me", { key: rotated.apiKey });
  await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: w.keys.free.id, reason: "leaked" });
  await w.get("/api/v1/me", { key: w.keys.free.key });
  // Scheduled work: detection and retention run over all of it.
  vi.advanceTimersByTime(2 * MINUTE);
  await t.mutation(internal.monitoring.detection.scan, {});
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  await t.mutation(internal.monitoring.retention.run, {});
  return sent;
}

describe("no key or secret is stored in any readable form", () => {
  test("after traffic of every kind, no table, component, scheduled call or audit detail holds one", async () => {
    const w = await apiWorld({ articles: 30 });
    const sent = await traffic(w);
    const keys = [w.keys.free.key, w.keys.pro.key, w.keys.enterprise.key, ...sent];
    const serverSecrets = [process.env.BETTER_AUTH_SECRET!, process.env.API_KEY_ENCRYPTION_KEY!];
    const dump = await dumpEverything(w.t);
    // The dump is really everything: the app, Better Auth, the admin webhook pool, the rate limiter
    // and the batch worker each of the last two nests; the scan below reads every one of them.
    expect(Object.keys(dump).sort()).toEqual(["", "adminWebhooks", "adminWebhooks/batchWorker", "betterAuth", "rateLimiter", "rateLimiter/batchWorker"]);
    expect(Object.keys(dump).sort()).toEqual(["", ...w.t.componentPaths].sort());
    expect(dump[""].contentAccessLog.length).toBeGreaterThan(30);
    expect(dump[""].securityEvents.some((e) => (e as { type: string }).type === "invalid_key_attempt")).toBe(true);
    expect(dump.rateLimiter.rateLimits.length).toBeGreaterThan(0);
    const text = JSON.stringify(dump);
    const found = needles([...keys, ...serverSecrets]).filter((needle) => text.includes(needle));
    if (found.length) console.log(where(dump, found));
    expect(found).toEqual([]);
    // Only the hash of each issued key is kept (sanity check that the scan reads the key table).
    for (const key of [w.keys.pro.key, w.keys.enterprise.key]) expect(text).toContain(await hashApiKey(key));
  });

  test("the encodings searched for include base64, base64url and hex of the secret", () => {
    expect(encodings("nak_pk_ab?>")).toEqual([
      "nak_pk_ab?>",
      "bmFrX3BrX2FiPz4=",
      "bmFrX3BrX2FiPz4",
      "bmFrX3BrX2FiPz4",
      "6e616b5f706b5f61623f3e",
      "6E616B5F706B5F61623F3E",
    ]);
  });
});
