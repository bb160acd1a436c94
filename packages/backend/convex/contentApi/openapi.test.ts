// The OpenAPI document describes what the routes really do: every path answers, statuses and
// bodies match the documented responses, and parameter bounds are the enforced ones.
import { describe, expect, test } from "vitest";
import { apiWorld } from "../test/world";
import { API_ERRORS } from "../shared/errors";
import { MAX_LIST_LIMIT, MAX_SEARCH_LIMIT } from "./request";

type Doc = {
  openapi: string;
  paths: Record<string, { get: { responses: Record<string, unknown>; parameters?: { name: string; schema: { maximum?: number } }[] } }>;
  components: { schemas: Record<string, { required?: string[] }> };
};

describe("OpenAPI document", () => {
  test("is served as OpenAPI 3.1 without a key", async () => {
    const w = await apiWorld({ articles: 5 });
    const res = await w.get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect((res.body as Doc).openapi).toBe("3.1.0");
  });

  test("documents every route with the statuses the route actually returns", async () => {
    const w = await apiWorld({ articles: 5 });
    const doc = (await w.get("/api/v1/openapi.json")).body as Doc;
    const slug = w.slugs[0];
    const cases: Array<[string, string, string | undefined]> = [
      ["/api/v1/contents", "/api/v1/contents", w.keys.pro.key],
      ["/api/v1/contents", "/api/v1/contents?limit=0", w.keys.pro.key],
      ["/api/v1/contents", "/api/v1/contents", undefined],
      ["/api/v1/contents/{slug}", `/api/v1/contents/${slug}`, w.keys.free.key],
      ["/api/v1/contents/{slug}", "/api/v1/contents/not-there", w.keys.free.key],
      ["/api/v1/search", "/api/v1/search?q=city", w.keys.pro.key],
      ["/api/v1/search", "/api/v1/search?q=city", w.keys.free.key],
      ["/api/v1/me", "/api/v1/me", w.keys.enterprise.key],
    ];
    for (const [documented, path, key] of cases) {
      const op = doc.paths[documented].get;
      const res = await w.get(path, { key });
      expect(Object.keys(op.responses), `${path} → ${res.status}`).toContain(String(res.status));
      if (res.status === 200) {
        const schemaName = documented === "/api/v1/me" ? "Key" : documented.includes("{slug}") ? "ArticleSummary" : null;
        expect(Object.keys(res.body)).toEqual(expect.arrayContaining(["data"]));
        if (schemaName) {
          expect(Object.keys(res.body.data)).toEqual(expect.arrayContaining(doc.components.schemas[schemaName].required!));
        }
        expect(res.headers.get("RateLimit-Limit")).not.toBeNull();
      } else {
        expect(API_ERRORS[res.body.error.code as keyof typeof API_ERRORS].status).toBe(res.status);
      }
    }
    expect(Object.keys(doc.paths).sort()).toEqual(
      ["/api/v1/contents", "/api/v1/contents/{slug}", "/api/v1/me", "/api/v1/openapi.json", "/api/v1/search"].sort(),
    );
  });

  test("states the limits the routes enforce", async () => {
    const w = await apiWorld({ articles: 5 });
    const doc = (await w.get("/api/v1/openapi.json")).body as Doc;
    const max = (path: string) => doc.paths[path].get.parameters!.find((p) => p.name === "limit")!.schema.maximum!;
    expect(max("/api/v1/contents")).toBe(MAX_LIST_LIMIT);
    expect(max("/api/v1/search")).toBe(MAX_SEARCH_LIMIT);
    expect((await w.get(`/api/v1/contents?limit=${MAX_LIST_LIMIT}`, { key: w.keys.pro.key })).status).toBe(200);
    expect((await w.get(`/api/v1/contents?limit=${MAX_LIST_LIMIT + 1}`, { key: w.keys.pro.key })).status).toBe(400);
    expect((await w.get(`/api/v1/search?q=a&limit=${MAX_SEARCH_LIMIT + 1}`, { key: w.keys.pro.key })).status).toBe(400);
  });
});
