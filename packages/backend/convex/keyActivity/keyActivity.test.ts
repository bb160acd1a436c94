// A customer's key page: the request log as the API saw it, last use, and the key's own events,
// for the owner only.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { apiWorld } from "../test/world";
import { signUp } from "../test/setup";
import { requestPath } from "./view";

describe("requestPath", () => {
  test("rebuilds the path and query of each route", () => {
    expect(requestPath({ action: "get", contentSlug: "a-slug", metadata: "{}" })).toBe("/api/v1/contents/a-slug");
    expect(requestPath({ action: "list", contentSlug: "", metadata: '{"limit":5,"cursor":null}' })).toBe("/api/v1/contents?limit=5");
    expect(requestPath({ action: "search", contentSlug: "", metadata: '{"q":"a b","limit":3}' })).toBe("/api/v1/search?q=a+b&limit=3");
    expect(requestPath({ action: "list", contentSlug: "", metadata: "not json" })).toBe("/api/v1/contents");
  });
});

describe("key activity", () => {
  test("the request log lists the key's requests newest first, with path, status, address and agent", async () => {
    const w = await apiWorld({ articles: 10 });
    const key = w.keys.free;
    await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: key.key, ip: "203.0.113.5", headers: { "user-agent": "reader/1" } });
    await w.get("/api/v1/search?q=city", { key: key.key, ip: "203.0.113.6" });
    await w.get("/api/v1/contents/no-such-article", { key: key.key, ip: "203.0.113.7" });
    await w.get("/api/v1/contents?limit=2", { key: w.keys.pro.key, ip: "198.51.100.1" });
    const log = await w.owner.client.query(api.keyActivity.queries.requestLog, { keyId: key.id, paginationOpts: { numItems: 10, cursor: null } });
    expect(log.page.map((r) => [r.path, r.statusCode, r.error, r.ipAddress])).toEqual([
      ["/api/v1/contents/no-such-article", 404, "not_found", "203.0.113.7"],
      ["/api/v1/search?q=city&limit=10", 403, "insufficient_permissions", "203.0.113.6"],
      [`/api/v1/contents/${w.slugs[0]}`, 200, null, "203.0.113.5"],
    ]);
    expect(log.page[2]).toMatchObject({ method: "GET", userAgent: "reader/1" });
  });

  test("the request log pages through every row once", async () => {
    const w = await apiWorld({ articles: 10 });
    for (let i = 0; i < 5; i++) await w.get(`/api/v1/contents/${w.slugs[i]}`, { key: w.keys.pro.key });
    const first = await w.owner.client.query(api.keyActivity.queries.requestLog, { keyId: w.keys.pro.id, paginationOpts: { numItems: 3, cursor: null } });
    const second = await w.owner.client.query(api.keyActivity.queries.requestLog, { keyId: w.keys.pro.id, paginationOpts: { numItems: 3, cursor: first.continueCursor } });
    expect(first.page).toHaveLength(3);
    expect(second.page).toHaveLength(2);
    expect(second.isDone).toBe(true);
    expect(new Set([...first.page, ...second.page].map((r) => r._id)).size).toBe(5);
  });

  test("overview gives the last use and the key's own events with reasons, hiding admin-only ones", async () => {
    const w = await apiWorld({ articles: 10 });
    const key = w.keys.pro;
    expect((await w.owner.client.query(api.keyActivity.queries.overview, { keyId: key.id })).lastUse).toBeNull();
    await w.get(`/api/v1/contents/${w.slugs[1]}`, { key: key.key, ip: "203.0.113.9", headers: { "user-agent": "agent/2" } });
    await w.t.run((ctx) =>
      ctx.db.insert("securityEvents", { type: "scraping_alert", severity: "warning", actor: "system", apiKeyId: key.id, details: JSON.stringify({ summary: "internal evidence" }), createdAt: Date.now() }),
    );
    await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: key.id });
    await w.owner.client.mutation(api.apiKeys.mutations.revoke, { keyId: key.id, reason: "Moving to a new service" });
    const overview = await w.owner.client.query(api.keyActivity.queries.overview, { keyId: key.id });
    expect(overview.lastUse).toMatchObject({ ipAddress: "203.0.113.9", userAgent: "agent/2", statusCode: 200 });
    expect(overview.events.map((e) => e.type)).toEqual(["api_key_revoked", "signing_secret_created", "api_key_created"]);
    expect(overview.events[0]).toMatchObject({ actor: "you", reason: "Moving to a new service" });
    expect(JSON.stringify(overview)).not.toContain("internal evidence");
  });

  test("another customer cannot read the key's log or events", async () => {
    const w = await apiWorld({ articles: 5 });
    await w.get(`/api/v1/contents/${w.slugs[0]}`, { key: w.keys.free.key });
    const mallory = await signUp(w.t, "mallory@example.com");
    await expect(mallory.client.query(api.keyActivity.queries.requestLog, { keyId: w.keys.free.id, paginationOpts: { numItems: 10, cursor: null } })).rejects.toThrow(/No such API key/);
    await expect(mallory.client.query(api.keyActivity.queries.overview, { keyId: w.keys.free.id })).rejects.toThrow(/No such API key/);
  });
});
