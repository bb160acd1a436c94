// Property-based: malformed headers, keys, slugs, cursors and query strings at every route never
// yield a 500, always a JSON body with a documented code and status, and corrupt nothing stored.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { apiWorld, type World } from "../test/world";
import { API_ERRORS } from "../shared/errors";
import { verifyApiKey } from "../apiKeys/verify";

const ROUTES = ["/api/v1/contents", "/api/v1/contents/", "/api/v1/search", "/api/v1/me", "/api/v1/"];
const noisyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "%", "%zz", "..", "../../etc/passwd", "null", "-1", "0", "1e9", "999999999", "🙂", "a".repeat(300), "<script>"),
);

function requestArbitrary(w: World) {
  const key = fc.oneof(
    fc.constantFrom(w.keys.free.key, w.keys.pro.key, w.keys.enterprise.key),
    fc.constant(w.keys.pro.key.slice(0, -1) + "x"),
    noisyString,
  );
  const query = fc.array(fc.tuple(fc.constantFrom("limit", "cursor", "q", "x", "limit"), noisyString), { maxLength: 4 });
  return fc.record({
    route: fc.constantFrom(...ROUTES),
    suffix: fc.oneof(fc.constant(""), noisyString.map(encodeURIComponent), noisyString.map((s) => s.replace(/[?#]/g, ""))),
    query,
    rawQuery: fc.option(noisyString.map((s) => s.replace(/#/g, "")), { nil: undefined }),
    auth: fc.oneof(
      key.map((k) => ({ authorization: `Bearer ${k}` })),
      key.map((k) => ({ "x-api-key": k })),
      fc.tuple(key, key).map(([a, b]) => ({ authorization: `Bearer ${a}`, "x-api-key": b })),
      noisyString.map((s) => ({ authorization: s })),
      fc.constant({}),
    ),
    ip: fc.option(noisyString, { nil: undefined }),
    userAgent: fc.option(noisyString, { nil: undefined }),
  });
}

function buildHeaders(values: Record<string, string | undefined>): Headers | null {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(values)) if (value !== undefined) headers.set(name, value);
    return headers;
  } catch {
    return null; // not a header a client could send at all
  }
}

describe("bad input", () => {
  test("every route answers malformed requests with a documented JSON error, never a 5xx", async () => {
    const w = await apiWorld({ articles: 30 });
    const articleCount = await w.t.run(async (ctx) => (await ctx.db.query("articles").collect()).length);
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(w), async (r) => {
        const headers = buildHeaders({ ...r.auth, "x-forwarded-for": r.ip, "user-agent": r.userAgent });
        fc.pre(headers !== null);
        const qs = r.rawQuery ?? new URLSearchParams(r.query).toString();
        const path = `${r.route}${r.route.endsWith("/") ? r.suffix : ""}${qs ? `?${qs}` : ""}`;
        let url: URL;
        try {
          url = new URL(path, "http://127.0.0.1");
        } catch {
          fc.pre(false);
          return;
        }
        // Dot segments can normalise a path out of the API entirely; those are not API requests.
        fc.pre(url.pathname.startsWith("/api/v1"));
        const res = await w.t.fetch(url.pathname + url.search, { headers: headers! });
        seen.add(res.status);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
        const body = (await res.json()) as { error?: { code: keyof typeof API_ERRORS; message: string } };
        if (res.status >= 400) {
          expect(Object.keys(API_ERRORS)).toContain(body.error!.code);
          expect(API_ERRORS[body.error!.code].status).toBe(res.status);
          expect(typeof body.error!.message).toBe("string");
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
    // The run exercised successes and several kinds of refusal.
    expect([...seen].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(3);
    expect(seen.has(200)).toBe(true);
    // Nothing stored was lost or corrupted: the catalogue and every key still work.
    expect(await w.t.run(async (ctx) => (await ctx.db.query("articles").collect()).length)).toBe(articleCount);
    for (const { key } of Object.values(w.keys)) {
      expect(await w.t.run((ctx) => verifyApiKey(ctx, key, Date.now()))).toMatchObject({ ok: true });
    }
  });
});
