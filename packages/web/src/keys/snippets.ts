// Ready-to-run snippets for a new key, fitted to its scopes (a search-only key's first example is
// a search, not a /contents call that would answer 403): curl, and TypeScript with @nak/client.
import type { Permission } from "@nak/backend/shared/tiers";

/** The first request worth trying with a key of these scopes: its path (with query). */
export function firstRequestPath(permissions: readonly string[]) {
  return permissions.includes("contents") || !permissions.includes("search") ? "/api/v1/contents?limit=5" : "/api/v1/search?q=api&limit=5";
}

/** The curl line a customer can paste to try the key. */
export function curlCommand(siteUrl: string, apiKey: string, permissions: readonly string[] = ["contents"]) {
  return `curl -H "Authorization: Bearer ${apiKey}" "${siteUrl.replace(/\/$/, "")}${firstRequestPath(permissions)}"`;
}

/**
 * TypeScript with @nak/client (packages/client): the key comes from the environment, never the
 * source. Uses only the client's exported API (checked by a test that typechecks this snippet
 * against packages/client).
 */
export function clientSnippet(siteUrl: string, permissions: readonly (Permission | string)[] = ["contents"]) {
  const call = permissions.includes("contents") || !permissions.includes("search")
    ? [`  const page = await nak.listContents({ limit: 5 });`, `  console.log(page.data.map((article) => article.title));`]
    : [`  const found = await nak.search("api", { limit: 5 });`, `  console.log(found.data.map((article) => article.title));`];
  return [
    `import { NakClient, isNakApiError } from "@nak/client";`,
    ``,
    `const nak = new NakClient({`,
    `  apiKey: process.env.NAK_API_KEY!, // the key above`,
    `  baseUrl: "${siteUrl.replace(/\/$/, "")}",`,
    `});`,
    ``,
    `try {`,
    ...call,
    `} catch (error) {`,
    `  if (isNakApiError(error, "rate_limited")) console.log("Retry in", error.retryAfterSeconds, "s");`,
    `  else throw error;`,
    `}`,
  ].join("\n");
}
