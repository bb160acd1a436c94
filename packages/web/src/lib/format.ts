// Formatting of dates, durations and numbers for display (the user's locale, absolute + relative).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const numberFormat = new Intl.NumberFormat();

export const formatDate = (ms: number) => dateFormat.format(ms);
export const formatDateTime = (ms: number) => dateTimeFormat.format(ms);
export const formatFull = (ms: number) => fullFormat.format(ms);
export const formatTime = (ms: number) => timeFormat.format(ms);
export const formatNumber = (n: number) => numberFormat.format(n);

/**
 * "in 3 days", "5 minutes ago", "just now".
 * @example relativeTime(now + 2 * DAY, now) === "in 2 days"
 */
export function relativeTime(ms: number, now: number = Date.now()): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff > 0 ? "in less than a minute" : "just now";
  // Never "in 0 minutes" nor "in 60 minutes": at least 1 of a unit, and rounding up to the next unit.
  const [value, unit] =
    abs < HOUR - 30_000
      ? [Math.max(1, Math.round(abs / MINUTE)), "minute"]
      : abs < DAY - 30 * MINUTE
        ? [Math.max(1, Math.round(abs / HOUR)), "hour"]
        : [Math.max(1, Math.round(abs / DAY)), "day"];
  const phrase = `${value} ${unit}${value === 1 ? "" : "s"}`;
  return diff > 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** A short label for a window length: "day", "minute". */
export function windowLabel(windowMs: number): string {
  if (windowMs === DAY) return "today";
  if (windowMs === MINUTE) return "this minute";
  if (windowMs === HOUR) return "this hour";
  return `per ${Math.round(windowMs / 1000)} s`;
}

/** Pretty-prints a JSON string; returns it unchanged when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Words that keep their capitals when an identifier is humanized. */
const ACRONYMS: Record<string, string> = { api: "API", ip: "IP", ips: "IPs", url: "URL", id: "ID", utc: "UTC" };

/** Human words for a snake_case identifier: "api_key_revoked" → "API key revoked". */
export function humanize(id: string): string {
  const words = id.split("_").map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
