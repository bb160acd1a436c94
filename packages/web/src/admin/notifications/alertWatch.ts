// Pure helpers of the admin alert watcher: the tab title with the count of open critical alerts,
// and which critical alerts are new since the last look.

const COUNT_PREFIX = /^\(\d+\+?\) /;

/**
 * The title with "(n) " in front when n > 0, replacing any earlier count.
 *
 * @example
 *   titleWithCount("Alerts · Nak", 3);      // "(3) Alerts · Nak"
 *   titleWithCount("(3) Alerts · Nak", 0);  // "Alerts · Nak"
 */
export function titleWithCount(title: string, count: number, capped = false): string {
  const base = title.replace(COUNT_PREFIX, "");
  return count > 0 ? `(${count}${capped ? "+" : ""}) ${base}` : base;
}

export type WatchedAlert = { _id: string };

/**
 * Alerts in `current` (the open critical ones) that were not in `seen`. The first look
 * (seen === null) only sets the baseline: alerts already open when the page opened are not "new".
 */
export function newCriticalAlerts<T extends WatchedAlert>(seen: ReadonlySet<string> | null, current: readonly T[]): T[] {
  if (seen === null) return [];
  return current.filter((a) => !seen.has(a._id));
}
