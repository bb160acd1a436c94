// Per-key IP allowlists: parsing, the decision, and enforcement on the real request path
// (403 ip_not_allowed, logged), changes audited, other customers refused.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { apiWorld } from "../test/world";
import { signUp } from "../test/setup";
import { openApiDocument } from "../contentApi/openapi";
import { isAddressAllowed, MAX_ALLOWLIST_ENTRIES, normalizeAllowlist } from "./allowlist";

describe("allowlist (pure)", () => {
  test("normalises addresses and ranges, IPv4 and IPv6, and drops blanks and duplicates", () => {
    expect(normalizeAllowlist(["203.0.113.7", " 10.1.2.3/8 ", "", "2001:DB8::1/32", "203.0.113.7/32", "::1"])).toEqual({
      ok: true,
      entries: ["203.0.113.7/32", "10.0.0.0/8", "2001:db8::/32", "::1/128"],
    });
  });

  test("refuses what is not an address or range, and too many entries", () => {
    for (const bad of ["example.com", "10.0.0.0/33", "2001:db8::/129", "1.2.3", "10.0.0.1/-1", "fe80::1%eth0"]) {
      expect(normalizeAllowlist([bad]).ok).toBe(false);
    }
    const many = Array.from({ length: MAX_ALLOWLIST_ENTRIES + 1 }, (_, i) => `10.0.${i}.0/24`);
    expect(normalizeAllowlist(many).ok).toBe(false);
  });

  test("an empty list allows any address; a list allows only its ranges", () => {
    expect(isAddressAllowed([], "198.51.100.1")).toBe(true);
    expect(isAddressAllowed([], "unknown")).toBe(true);
    const list = ["203.0.113.0/24", "2001:db8::/32"];
    expect(isAddressAllowed(list, "203.0.113.200")).toBe(true);
    expect(isAddressAllowed(list, "203.0.114.1")).toBe(false);
    expect(isAddressAllowed(list, "2001:db8:1::5")).toBe(true);
    expect(isAddressAllowed(list, "2001:db9::5")).toBe(false);
    expect(isAddressAllowed(list, "::ffff:203.0.113.9")).toBe(true);
    expect(isAddressAllowed(list, "unknown")).toBe(false);
    expect(isAddressAllowed(list, "")).toBe(false);
  });
});

describe("IP allowlist on the request path", () => {
  test("a request from an unlisted address is refused with 403 ip_not_allowed and logged; a listed one is served", async () => {
    const w = await apiWorld({ articles: 5 });
    const key = w.keys.pro;
    const saved = await w.owner.client.mutation(api.keyAccess.functions.setIpAllowlist, { keyId: key.id, entries: ["203.0.113.0/24", "2001:db8::/32"] });
    expect(saved).toEqual(["203.0.113.0/24", "2001:db8::/32"]);

    const refused = await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: key.key, ip: "198.51.100.7" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("ip_not_allowed");
    expect((await w.get("/api/v1/me", { key: key.key, ip: "198.51.100.7" })).status).toBe(403);

    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: key.key, ip: "203.0.113.44" })).status).toBe(200);
    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: key.key, ip: "2001:db8:5::1" })).status).toBe(200);

    const log = await w.t.run((ctx) => ctx.db.query("contentAccessLog").withIndex("by_apiKeyId_and_accessedAt", (q) => q.eq("apiKeyId", key.id)).collect());
    expect(log.map((r) => [r.statusCode, r.ipAddress])).toEqual([[403, "198.51.100.7"], [200, "203.0.113.44"], [200, "2001:db8:5::1"]]);
    // #11: a refusal's code is the row's closed `outcome` (no longer a field of the metadata JSON).
    expect(log.map((r) => r.outcome)).toEqual(["ip_not_allowed", "ok", "ok"]);

    // Other keys of the same customer are not affected.
    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.enterprise.key, ip: "198.51.100.7" })).status).toBe(200);
  });

  test("clearing the list allows any address again; every change is audited", async () => {
    const w = await apiWorld({ articles: 5 });
    const key = w.keys.free;
    await w.owner.client.mutation(api.keyAccess.functions.setIpAllowlist, { keyId: key.id, entries: ["10.0.0.0/8"] });
    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: key.key, ip: "203.0.113.1" })).status).toBe(403);
    await w.owner.client.mutation(api.keyAccess.functions.setIpAllowlist, { keyId: key.id, entries: [] });
    expect(await w.owner.client.query(api.keyAccess.functions.ipAllowlist, { keyId: key.id })).toEqual([]);
    expect((await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: key.key, ip: "203.0.113.1" })).status).toBe(200);
    const audit = await w.t.run((ctx) => ctx.db.query("securityEvents").withIndex("by_type_and_createdAt", (q) => q.eq("type", "ip_allowlist_changed")).collect());
    expect(audit.map((e) => JSON.parse(e.details))).toEqual([{ from: [], to: ["10.0.0.0/8"] }, { from: ["10.0.0.0/8"], to: [] }]);
    expect(audit.every((e) => e.apiKeyId === key.id && e.actor === w.owner.userId)).toBe(true);
  });

  test("bad entries are refused with a clear message and nothing is stored", async () => {
    const w = await apiWorld({ articles: 5 });
    await expect(w.owner.client.mutation(api.keyAccess.functions.setIpAllowlist, { keyId: w.keys.free.id, entries: ["10.0.0.0/8", "not-an-ip"] })).rejects.toThrow(/not-an-ip.*is not an IP address/);
    expect(await w.t.run((ctx) => ctx.db.query("keyIpAllowlists").collect())).toEqual([]);
  });

  test("another customer can neither read nor set the key's allowlist", async () => {
    const w = await apiWorld({ articles: 5 });
    const mallory = await signUp(w.t, "mallory@example.com");
    await expect(mallory.client.mutation(api.keyAccess.functions.setIpAllowlist, { keyId: w.keys.free.id, entries: ["1.2.3.4"] })).rejects.toThrow(/No such API key/);
    await expect(mallory.client.query(api.keyAccess.functions.ipAllowlist, { keyId: w.keys.free.id })).rejects.toThrow(/No such API key/);
  });

  test("the OpenAPI document lists ip_not_allowed among the 403 answers", () => {
    const doc = JSON.stringify(openApiDocument("https://api.example.com"));
    expect(doc).toContain("ip_not_allowed");
    expect(doc).toMatch(/IP allowlist/);
  });
});

describe("a deleted key's allowlist", () => {
  test("goes with the key, whoever deletes it", async () => {
    const w = await apiWorld({ articles: 1 });
    for (const keyId of [w.keys.pro.id, w.keys.free.id]) {
      await w.owner.client.mutation(api.keyAccess.functions.setIpAllowlist, { keyId, entries: ["203.0.113.0/24"] });
    }
    await w.owner.client.mutation(api.apiKeys.mutations.remove, { keyId: w.keys.pro.id });
    const rows = await w.t.run((ctx) => ctx.db.query("keyIpAllowlists").collect());
    expect(rows.map((r) => r.apiKeyId)).toEqual([w.keys.free.id]);
  });
});
