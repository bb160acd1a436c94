// The content API's boundary parser, driven directly: a `Request` in, a typed request or a coded
// error out. Each case names the promise it holds (where the key is read from, which routes exist,
// what a cursor or a limit may be) so a change in parsing cannot slip through unnoticed.
import { describe, expect, test } from "vitest";
import { parseCidr } from "../lib/net";
import {
  API_PREFIX,
  DEFAULT_LIST_LIMIT,
  DEFAULT_SEARCH_LIMIT,
  MAX_LIST_LIMIT,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  decodeCursor,
  encodeCursor,
  extractApiKey,
  parseApiRequest,
  parseRoute,
} from "./request";

/** A cursor-shaped encoding of any text (base64url without padding, as the API writes its own). */
const unpadded = (text: string) => btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const KEY = "nak_live_abcdefghijklmnopqrstuvwx";
const OTHER = "nak_live_zyxwvutsrqponmlkjihgfedc";
const url = (path: string) => new URL(`https://api.example.test${path}`);
const headers = (entries: Record<string, string>) => new Headers(entries);
const request = (path: string, entries: Record<string, string> = { "x-api-key": KEY }, method = "GET") =>
  new Request(`https://api.example.test${path}`, { method, headers: entries });

describe("where the key is read from", () => {
  test("a Bearer token in Authorization is the key, whatever the scheme's case and spacing", () => {
    for (const value of [`Bearer ${KEY}`, `bearer ${KEY}`, `BEARER   ${KEY}`, `  Bearer ${KEY}  `]) {
      expect(extractApiKey(headers({ authorization: value }))).toEqual({ ok: true, key: KEY });
    }
  });

  test("x-api-key is the key, trimmed (of any space, not only what HTTP strips)", () => {
    expect(extractApiKey(headers({ "x-api-key": `  ${KEY} ` }))).toEqual({ ok: true, key: KEY });
    expect(extractApiKey(headers({ "x-api-key": `\u00a0${KEY}\u00a0` }))).toEqual({ ok: true, key: KEY });
    expect(extractApiKey(headers({ authorization: `\u00a0Bearer ${KEY}\u00a0` }))).toEqual({ ok: true, key: KEY });
  });

  test("the same key in both headers is accepted", () => {
    expect(extractApiKey(headers({ authorization: `Bearer ${KEY}`, "x-api-key": KEY }))).toEqual({ ok: true, key: KEY });
  });

  test("two different keys are refused as a bad request, not resolved in favour of either", () => {
    const result = extractApiKey(headers({ authorization: `Bearer ${KEY}`, "x-api-key": OTHER }));
    expect(result).toEqual({ ok: false, code: "bad_request", message: "Authorization and x-api-key carry different keys." });
  });

  test("an Authorization scheme other than Bearer, alone, is a missing key with the accepted forms named", () => {
    for (const value of [`Basic ${KEY}`, KEY, "Bearer", "Bearer    ", `Token bearer ${KEY}`]) {
      expect(extractApiKey(headers({ authorization: value })), value).toEqual({
        ok: false,
        code: "missing_api_key",
        message: "Use Authorization: Bearer <key> or x-api-key: <key>.",
      });
    }
  });

  test("a non-Bearer Authorization next to x-api-key leaves x-api-key as the key", () => {
    expect(extractApiKey(headers({ authorization: "Basic dXNlcjpwYXNz", "x-api-key": KEY }))).toEqual({ ok: true, key: KEY });
  });

  test("no key at all is missing_api_key with a message that says where to send it", () => {
    for (const entries of [{}, { "x-api-key": "   " }, { "x-api-key": "" }] as Array<Record<string, string>>) {
      const result = extractApiKey(headers(entries));
      expect(result).toEqual({ ok: false, code: "missing_api_key", message: "Send your API key in Authorization: Bearer <key> or x-api-key." });
    }
  });

  test("an over-long key is cut to 256 characters and still treated as a (wrong) key", () => {
    const long = "k".repeat(1000);
    expect(extractApiKey(headers({ "x-api-key": long }))).toEqual({ ok: true, key: "k".repeat(256) });
    expect(extractApiKey(headers({ authorization: `Bearer ${long}` }))).toEqual({ ok: true, key: "k".repeat(256) });
  });
});

describe("routes", () => {
  test("the list route takes a limit and a cursor, with defaults", () => {
    expect(parseRoute(url(`${API_PREFIX}/contents`))).toEqual({ ok: true, route: { action: "list", limit: DEFAULT_LIST_LIMIT, afterOrdinal: undefined } });
    expect(parseRoute(url(`${API_PREFIX}/contents/`))).toEqual({ ok: true, route: { action: "list", limit: DEFAULT_LIST_LIMIT, afterOrdinal: undefined } });
    expect(parseRoute(url(`${API_PREFIX}/contents?limit=7&cursor=${encodeCursor(41)}`))).toEqual({ ok: true, route: { action: "list", limit: 7, afterOrdinal: 41 } });
    expect(parseRoute(url(`${API_PREFIX}/contents?cursor=`))).toEqual({ ok: true, route: { action: "list", limit: DEFAULT_LIST_LIMIT, afterOrdinal: undefined } });
    // Trailing slashes, however many, name the same route.
    expect(parseRoute(url(`${API_PREFIX}/contents///`))).toEqual({ ok: true, route: { action: "list", limit: DEFAULT_LIST_LIMIT, afterOrdinal: undefined } });
  });

  test("a list limit is a whole number from 1 to the maximum", () => {
    expect(parseRoute(url(`${API_PREFIX}/contents?limit=1`))).toMatchObject({ ok: true, route: { limit: 1 } });
    expect(parseRoute(url(`${API_PREFIX}/contents?limit=${MAX_LIST_LIMIT}`))).toMatchObject({ ok: true, route: { limit: MAX_LIST_LIMIT } });
    const cases: Array<[string, string]> = [
      ["0", "limit must be at least 1"],
      [String(MAX_LIST_LIMIT + 1), `limit must be at most ${MAX_LIST_LIMIT}`],
      ["9999", `limit must be at most ${MAX_LIST_LIMIT}`],
      ["10000", "limit must be a whole number"],
      ["-1", "limit must be a whole number"],
      ["2.5", "limit must be a whole number"],
      ["ten", "limit must be a whole number"],
      ["", "limit must be a whole number"],
    ];
    for (const [limit, message] of cases) {
      expect(parseRoute(url(`${API_PREFIX}/contents?limit=${limit}`)), limit).toEqual({ ok: false, code: "bad_request", message });
    }
  });

  test("a cursor this API did not return is refused", () => {
    for (const cursor of ["nope!", "bm9wZQ", unpadded("o:-1"), unpadded("o:12345678"), unpadded("x:12"), unpadded("xo:12"), "a".repeat(25)]) {
      expect(parseRoute(url(`${API_PREFIX}/contents?cursor=${encodeURIComponent(cursor)}`)), cursor).toEqual({
        ok: false,
        code: "bad_request",
        message: "cursor is not one this API returned",
      });
    }
  });

  test("an article is named by its slug; a bad slug or bad encoding is a bad request", () => {
    expect(parseRoute(url(`${API_PREFIX}/contents/the-first-article`))).toEqual({ ok: true, route: { action: "get", slug: "the-first-article" } });
    expect(parseRoute(url(`${API_PREFIX}/contents/a1`))).toEqual({ ok: true, route: { action: "get", slug: "a1" } });
    for (const slug of ["a", "7", "a".repeat(120)]) expect(parseRoute(url(`${API_PREFIX}/contents/${slug}`)), slug).toEqual({ ok: true, route: { action: "get", slug } });
    for (const slug of ["Upper", "-dash", "dash-", "under_score", "a".repeat(121), "%41bc"]) {
      expect(parseRoute(url(`${API_PREFIX}/contents/${slug}`)), slug).toEqual({ ok: false, code: "bad_request", message: "A slug is lowercase letters, digits and dashes." });
    }
    expect(parseRoute(url(`${API_PREFIX}/contents/%E0%A4%A`))).toEqual({ ok: false, code: "bad_request", message: "The slug is not valid URL encoding." });
    expect(parseRoute(url(`${API_PREFIX}/contents/abc?limit=3`))).toEqual({ ok: false, code: "bad_request", message: "Unknown query parameter: limit" });
  });

  test("search needs a query of 1 to 200 characters and takes a limit up to its own maximum", () => {
    expect(parseRoute(url(`${API_PREFIX}/search?q=%20tides%20`))).toEqual({ ok: true, route: { action: "search", q: "tides", limit: DEFAULT_SEARCH_LIMIT } });
    expect(parseRoute(url(`${API_PREFIX}/search?q=tides&limit=${MAX_SEARCH_LIMIT}`))).toEqual({ ok: true, route: { action: "search", q: "tides", limit: MAX_SEARCH_LIMIT } });
    expect(parseRoute(url(`${API_PREFIX}/search?q=${"x".repeat(MAX_QUERY_LENGTH)}`))).toMatchObject({ ok: true });
    const cases: Array<[string, string]> = [
      ["", "q is required"],
      ["?q=", "q must not be empty"],
      ["?q=%20%20", "q must not be empty"],
      [`?q=${"x".repeat(MAX_QUERY_LENGTH + 1)}`, `q is at most ${MAX_QUERY_LENGTH} characters`],
      [`?q=a&limit=${MAX_SEARCH_LIMIT + 1}`, `limit must be at most ${MAX_SEARCH_LIMIT}`],
      ["?q=a&cursor=abc", "Unknown query parameter: cursor"],
    ];
    for (const [query, message] of cases) {
      expect(parseRoute(url(`${API_PREFIX}/search${query}`)), query).toEqual({ ok: false, code: "bad_request", message });
    }
  });

  test("/me takes no parameters", () => {
    expect(parseRoute(url(`${API_PREFIX}/me`))).toEqual({ ok: true, route: { action: "me" } });
    expect(parseRoute(url(`${API_PREFIX}/me?x=1`))).toEqual({ ok: false, code: "bad_request", message: "Unknown query parameter: x" });
    expect(parseRoute(url(`${API_PREFIX}/me?x=1&y=2`))).toEqual({ ok: false, code: "bad_request", message: "Unknown query parameter: x, y" });
  });

  test("a repeated parameter is ambiguous and refused", () => {
    expect(parseRoute(url(`${API_PREFIX}/contents?limit=2&limit=3`))).toEqual({ ok: false, code: "bad_request", message: "Repeated query parameters are not allowed." });
  });

  test("any other path is not found, with a pointer to the API description", () => {
    for (const path of ["/", "/v2/contents", `${API_PREFIX}`, `${API_PREFIX}/content`, `${API_PREFIX}/searches`]) {
      expect(parseRoute(url(path)), path).toEqual({ ok: false, code: "not_found", message: `No route ${url(path).pathname}. See ${API_PREFIX}/openapi.json.` });
    }
  });
});

describe("cursors", () => {
  test("a cursor round-trips its ordinal and is URL-safe", () => {
    for (const ordinal of [0, 1, 62, 63, 999, 1234567, 9999999]) {
      const cursor = encodeCursor(ordinal);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).toBe(ordinal);
    }
  });

  test("anything else decodes to nothing: padding, spaces around it, standard base64, text around the ordinal", () => {
    const cursor41 = encodeCursor(41);
    expect(btoa("o:41")).toBe(`${cursor41}==`);
    for (const cursor of [
      "", "a+b", "a/b", "abc=", "x".repeat(25), "%%%", "abcde", btoa("o:41"), ` ${cursor41}`, `${cursor41} `, `${cursor41}\n`,
      // A stray "-" or "_" is not dropped on the way in: "bzo-0MQ" is not "bzo0MQ".
      `${cursor41.slice(0, 3)}-${cursor41.slice(3)}`, `${cursor41.slice(0, 3)}_${cursor41.slice(3)}`,
      ...["o:", "o:1a", " o:1", "xo:12", "o:12x", "o:12345678", "o:-1"].flatMap((text) => [btoa(text), unpadded(text)]),
    ]) {
      expect(decodeCursor(cursor), cursor).toBeNull();
    }
  });
});

describe("a whole request", () => {
  test("a request whose URL cannot be read is a bad request, not an exception", () => {
    const unreadable = { url: "not a url", headers: new Headers({ "x-api-key": KEY }), method: "GET" } as unknown as Request;
    expect(parseApiRequest(unreadable)).toEqual({ ok: false, code: "bad_request", message: "Malformed URL." });
  });

  test("route first: an unknown path is not found even without a key", () => {
    expect(parseApiRequest(request("/nowhere", {}))).toMatchObject({ ok: false, code: "not_found" });
  });

  test("then the key: a known route without one is missing_api_key", () => {
    expect(parseApiRequest(request(`${API_PREFIX}/me`, {}))).toMatchObject({ ok: false, code: "missing_api_key" });
  });

  test("a parsed request carries what the request mutation and the log need, and nothing the client chooses about its address", () => {
    const parsed = parseApiRequest(
      request(`${API_PREFIX}/search?q=tides&limit=3`, {
        authorization: `Bearer ${KEY}`,
        "user-agent": `curl/8 ${"u".repeat(600)}`,
        "x-forwarded-for": "6.6.6.6, 203.0.113.9",
        "x-signature-timestamp": "1764547200",
        "x-signature": "abc123",
      }, "get"),
      { platformIp: "10.0.0.5", trustedProxies: [parseCidr("10.0.0.0/8")!] },
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.request).toEqual({
      route: { action: "search", q: "tides", limit: 3 },
      apiKey: KEY,
      // The trusted proxy's peer is skipped; the hop it saw is the client. The spoofable first hop is not.
      ipAddress: "203.0.113.9",
      forwardedFor: "6.6.6.6, 203.0.113.9",
      userAgent: `curl/8 ${"u".repeat(600)}`.slice(0, 512),
      method: "GET",
      pathWithQuery: `${API_PREFIX}/search?q=tides&limit=3`,
      signatureTimestamp: "1764547200",
      signature: "abc123",
    });
  });

  test("the right-most hop (what the platform appended) is the client; what the client wrote to its left decides nothing", () => {
    const parsed = parseApiRequest(request(`${API_PREFIX}/me`, { "x-api-key": KEY, "x-forwarded-for": "6.6.6.6, 198.51.100.7" }));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.request.ipAddress).toBe("198.51.100.7");
      expect(parsed.request.userAgent).toBe("");
      expect(parsed.request.signature).toBeNull();
      expect(parsed.request.signatureTimestamp).toBeNull();
    }
  });
});
