// The order keys are listed in, on the keys page and the usage page.
import type { KeyWithUsage } from "../lib/api";

const STATUS_ORDER = { active: 0, revoked: 1, expired: 2 } as const;

/** Active keys first, newest first within a status. */
export function sortKeys(rows: readonly KeyWithUsage[]) {
  return [...rows].sort((a, b) => STATUS_ORDER[a.key.status] - STATUS_ORDER[b.key.status] || b.key.createdAt - a.key.createdAt);
}
