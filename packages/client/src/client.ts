/**
 * `NakClient`: the content API over `fetch`. The key goes in `Authorization: Bearer`; with a
 * signing secret every attempt is signed afresh (so a retried request is never stale); 429 and
 * 503 are retried per `retry.ts`; non-2xx answers become `NakApiError` with the API's code.
 */
import { API_PREFIX, MAX_LIST_LIMIT, type components } from "./generated/api.js";
import { errorFromResponse, NakNetworkError } from "./errors.js";
import { DEFAULT_RETRY, parseRetryAfter, retryDelayMs, type RetryOptions } from "./retry.js";
import { signatureHeaders } from "./signing.js";

export type ArticleSummary = components["schemas"]["ArticleSummary"];
export type Article = components["schemas"]["Article"];
export type KeyInfo = components["schemas"]["Key"];
export type ContentsPage = { data: ArticleSummary[]; nextCursor: string | null };
export type SearchResult = { data: ArticleSummary[]; query: string };

/** The `RateLimit-*` headers of the last answer (`null` values mean unlimited). */
export type RateLimitInfo = { limit: number | null; remaining: number | null; resetSeconds: number };

export type NakClientOptions = {
  /** The API key, `nak_pk_…`. */
  apiKey: string;
  /** The deployment's site URL, e.g. "https://happy-otter-123.convex.site". */
  baseUrl: string;
  /** The key's signing secret (`nak_ss_…`) when signing is enabled for it. */
  signingSecret?: string;
  retry?: RetryOptions;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof fetch;
  /** Waits between retries; replaceable in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  userAgent?: string;
};

export type RequestOptions = { signal?: AbortSignal };

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

function headerNumber(value: string | null): number | null {
  return value === null || value === "unlimited" || !/^\d+$/.test(value) ? null : Number(value);
}

/**
 * @example
 *   const nak = new NakClient({ apiKey: process.env.NAK_API_KEY!, baseUrl: "https://…convex.site" });
 *   for await (const article of nak.contents()) console.log(article.slug);
 */
export class NakClient {
  readonly #options: NakClientOptions;
  readonly #retry: Required<RetryOptions>;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Rate-limit headers of the most recent successful answer. */
  lastRateLimit: RateLimitInfo | null = null;

  constructor(options: NakClientOptions) {
    if (!options.apiKey) throw new Error("apiKey is required");
    new URL(options.baseUrl); // throws on a malformed base URL, before any request
    this.#options = options;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /** One page of articles in catalogue order. */
  async listContents(params: { limit?: number; cursor?: string | null } = {}, options?: RequestOptions): Promise<ContentsPage> {
    return await this.#get<ContentsPage>("/contents", { limit: params.limit, cursor: params.cursor ?? undefined }, options);
  }

  /**
   * Every article, page after page, following `nextCursor` until it is null.
   *
   * @example
   *   for await (const article of nak.contents({ pageSize: 100 })) index(article);
   */
  async *contents(params: { pageSize?: number } = {}, options?: RequestOptions): AsyncGenerator<ArticleSummary, void, undefined> {
    const limit = Math.min(params.pageSize ?? MAX_LIST_LIMIT, MAX_LIST_LIMIT);
    let cursor: string | null = null;
    do {
      const page: ContentsPage = await this.listContents({ limit, cursor }, options);
      yield* page.data;
      cursor = page.nextCursor;
    } while (cursor !== null);
  }

  /** One article with its full body. */
  async getContent(slug: string, options?: RequestOptions): Promise<Article> {
    const { data } = await this.#get<{ data: Article }>(`/contents/${encodeURIComponent(slug)}`, {}, options);
    return data;
  }

  /** Full-text search (pro and enterprise keys). */
  async search(q: string, params: { limit?: number } = {}, options?: RequestOptions): Promise<SearchResult> {
    return await this.#get<SearchResult>("/search", { q, limit: params.limit }, options);
  }

  /** The calling key: tier, permissions, limits, remaining (not counted against the limit). */
  async me(options?: RequestOptions): Promise<KeyInfo> {
    const { data } = await this.#get<{ data: KeyInfo }>("/me", {}, options);
    return data;
  }

  async #get<T>(path: string, query: Record<string, string | number | undefined>, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.#options.baseUrl.replace(/\/+$/, "") + API_PREFIX + path);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    for (let attempt = 1; ; attempt++) {
      const response = await this.#send(url, options.signal);
      if (response.ok) {
        this.lastRateLimit = {
          limit: headerNumber(response.headers.get("RateLimit-Limit")),
          remaining: headerNumber(response.headers.get("RateLimit-Remaining")),
          resetSeconds: headerNumber(response.headers.get("RateLimit-Reset")) ?? 0,
        };
        return (await response.json()) as T;
      }
      const retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
      const body = await response.text();
      const wait = retryDelayMs({ status: response.status, retryAfterSeconds, retry: attempt - 1 }, this.#retry);
      if (wait === null) throw errorFromResponse(response.status, body, retryAfterSeconds, attempt);
      await this.#sleep(wait, options.signal);
    }
  }

  async #send(url: URL, signal: AbortSignal | undefined): Promise<Response> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#options.apiKey}`,
      Accept: "application/json",
    };
    if (this.#options.userAgent) headers["User-Agent"] = this.#options.userAgent;
    if (this.#options.signingSecret) {
      Object.assign(headers, await signatureHeaders(this.#options.signingSecret, { method: "GET", pathWithQuery: url.pathname + url.search }));
    }
    try {
      return await this.#fetch(url, { method: "GET", headers, signal });
    } catch (error) {
      throw new NakNetworkError(`request to ${url.pathname} failed: ${String(error)}`, { cause: error });
    }
  }
}
