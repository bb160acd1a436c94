// The HTTP action's own promises, around the request's one mutation: a fault of ours answers 503
// without internals, a write conflict is retried before that, bad input never reaches the
// mutation, and the platform's peer address is read where the runtime offers one.
import { afterEach, describe, expect, test, vi } from "vitest";
import { generateApiKey } from "../shared/keyFormat";
import { apiWorld, get } from "../test/world";
import type { ApiResponse } from "./handle";
import { answerContentRequest, platformIp, type ContentRuntime } from "./http";
import type { ApiRequest } from "./request";

const CONFLICT = new Error('Documents read from or written to the table "customerQuotas" changed while this mutation was being run and on every subsequent retry.');
const served: ApiResponse = { status: 200, body: JSON.stringify({ data: [] }), headers: { "RateLimit-Remaining": "7" } };

function runtime(answers: Array<ApiResponse | Error>, platform: string | null = null) {
  const calls: ApiRequest[] = [];
  const rt: ContentRuntime = {
    peer: { platformIp: platform, trustedProxies: [] },
    handle: async (req) => {
      calls.push(req);
      const next = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { rt, calls };
}

const request = (init: RequestInit & { path?: string } = {}) =>
  new Request(`https://api.example.com${init.path ?? "/api/v1/contents"}`, {
    ...init,
    headers: { authorization: `Bearer ${generateApiKey()}`, "user-agent": "probe/1.0", ...(init.headers as Record<string, string>) },
  });

afterEach(() => vi.restoreAllMocks());

describe("answering a content request around its one mutation", () => {
  test("a fault in the mutation answers 503 unavailable with Retry-After, and nothing of the fault", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { rt, calls } = runtime([new Error("secret internals: table customerQuotas index by_user")]);
    const res = await answerContentRequest(request(), rt);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { code: "unavailable", message: "Temporarily unavailable, retry shortly." } });
    expect(body).not.toContain("internals");
    expect(calls).toHaveLength(1); // not a conflict: never called again
    expect(logged).toHaveBeenCalledWith("content API request failed", expect.any(Error));
  });

  test("a write conflict is called again and then served as the mutation answered", async () => {
    const { rt, calls } = runtime([CONFLICT, CONFLICT, served]);
    const res = await answerContentRequest(request(), rt);
    expect(calls).toHaveLength(3);
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-remaining")).toBe("7");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ data: [] });
  });

  test("a conflict that outlasts every retry answers 503 after four calls", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { rt, calls } = runtime([CONFLICT]);
    const res = await answerContentRequest(request(), rt);
    expect(calls).toHaveLength(4);
    expect(res.status).toBe(503);
  });

  test("bad input is refused at the boundary and never reaches the mutation", async () => {
    const { rt, calls } = runtime([served]);
    const noKey = await answerContentRequest(new Request("https://api.example.com/api/v1/contents"), rt);
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).error.code).toBe("missing_api_key");
    const badLimit = await answerContentRequest(request({ path: "/api/v1/contents?limit=-3" }), rt);
    expect(badLimit.status).toBe(400);
    expect(calls).toHaveLength(0);
  });

  test("HEAD is refused with 405 and an Allow header, without calling the mutation", async () => {
    const { rt, calls } = runtime([served]);
    const res = await answerContentRequest(request({ method: "HEAD" }), rt);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, OPTIONS");
    expect(calls).toHaveLength(0);
  });

  test("the mutation receives the platform's peer address when no proxy header names another", async () => {
    const { rt, calls } = runtime([served], "203.0.113.7");
    await answerContentRequest(request(), rt);
    expect(calls[0]!.ipAddress).toBe("203.0.113.7");
  });
});

describe("the platform's peer address", () => {
  test("is the runtime's address, or none when it has none or cannot say", async () => {
    expect(await platformIp({ getRequestMetadata: async () => ({ ip: "198.51.100.4", userAgent: null }) as never })).toBe("198.51.100.4");
    expect(await platformIp({ getRequestMetadata: async () => ({ ip: null, userAgent: null }) as never })).toBeNull();
    expect(await platformIp({ getRequestMetadata: async () => ({}) as never })).toBeNull();
    expect(
      await platformIp({
        getRequestMetadata: async () => {
          throw new Error("not available here");
        },
      }),
    ).toBeNull();
  });

  test("a request without a proxy header is logged under the address the platform saw", async () => {
    const w = await apiWorld({ articles: 3 });
    const res = await get(w.t.withRequestMetadata({ ip: "203.0.113.77" }), "/api/v1/contents", { key: w.keys.pro.key });
    expect(res.status).toBe(200);
    const rows = await w.t.run((ctx) => ctx.db.query("contentAccessLog").collect());
    expect(rows.map((r) => r.ipAddress)).toEqual(["203.0.113.77"]);
  });
});
