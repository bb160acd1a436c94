/**
 * Trap (honeypot) slugs: unlisted articles only a crawler guessing slugs or following hidden links
 * fetches. Not an alert type of its own: bulk_access and sequential_access use it. Pure module.
 */
import type { AccessRow, DetectionContext } from "./types";

/**
 * Gets of trap (honeypot) slugs, whatever their status: even a refused request shows the client
 * knows a slug that no listing ever returned.
 *
 * @example
 *   findTrapHits(rows, ctx); // { hits: 1, slugs: ["internal-pricing-notes-2019"] }
 */
export function findTrapHits(rows: readonly AccessRow[], ctx: DetectionContext) {
  let hits = 0;
  const slugs = new Set<string>();
  for (const row of rows) {
    if (row.action === "get" && row.contentSlug !== "" && ctx.isTrap(row.contentSlug)) {
      hits++;
      slugs.add(row.contentSlug);
    }
  }
  return { hits, slugs: [...slugs] };
}
