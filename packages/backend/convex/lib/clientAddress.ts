/**
 * The one decision of a request's client address. Pure module (no Convex import).
 *
 * The left of `X-Forwarded-For` is written by the client and proves nothing; each proxy appends
 * the address of the peer it saw. So the client is the right-most entry that is not one of our
 * own trusted proxies (TRUSTED_PROXY_CIDRS). If every entry is a trusted proxy, the client is
 * inside our network and the left-most entry is it. Without the header, the platform's request
 * metadata (`ctx.meta.getRequestMetadata().ip`) is used. A value that is not an address is a
 * bucket of its own (`unparsed:<value>`), never one shared by strangers; "unknown" only when the
 * request carries no address at all. The raw chain is kept with the log row as evidence.
 *
 * @example
 *   decideClientAddress({ forwardedFor: "6.6.6.6, 203.0.113.9", platformIp: null, trustedProxies: [] })
 *   // { address: "203.0.113.9", source: "forwarded", forwardedFor: "6.6.6.6, 203.0.113.9" }
 */
import { formatIp, inCidr, parseCidr, parseIp, type ParsedCidr, type ParsedIp } from "./net";

/**
 * Default trusted proxies: private networks, where a deployment's own load balancers live.
 * Loopback is not trusted, so the offline backend's peer (127.0.0.1) is a real client address.
 */
export const DEFAULT_TRUSTED_PROXY_CIDRS = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";
/** Longest X-Forwarded-For kept as evidence, and most entries examined. */
export const MAX_FORWARDED_FOR_LENGTH = 512;
const MAX_ENTRIES = 32;
const MAX_UNPARSED_LENGTH = 64;

export type ClientAddress = {
  /** The trusted client address (normalised), `unparsed:<value>`, or "unknown". */
  address: string;
  source: "forwarded" | "platform" | "unparsed" | "none";
  /** The raw X-Forwarded-For chain ("" when absent), truncated, for evidence. */
  forwardedFor: string;
};

/** Parses a comma-separated CIDR list; returns the ranges, or the first entry that is not one. */
export function parseTrustedProxies(list: string): { ok: true; ranges: ParsedCidr[] } | { ok: false; invalid: string } {
  const ranges: ParsedCidr[] = [];
  for (const entry of list.split(",").map((e) => e.trim()).filter(Boolean)) {
    const cidr = parseCidr(entry.includes("/") ? entry : `${entry}/${entry.includes(":") ? 128 : 32}`);
    if (!cidr) return { ok: false, invalid: entry };
    ranges.push(cidr);
  }
  return { ok: true, ranges };
}

/** An address as proxies write it: bare, `[v6]:port`, or `v4:port`. */
function addressOf(entry: string): ParsedIp | null {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
  if (bracketed) return parseIp(bracketed[1]);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  return parseIp(v4WithPort ? v4WithPort[1] : entry);
}

function unparsed(value: string) {
  // Printable ASCII only, bounded: the value is a bucket name and evidence, not markup.
  return `unparsed:${value.replace(/[^\x21-\x7e]/g, "?").slice(0, MAX_UNPARSED_LENGTH)}`;
}

export function decideClientAddress(input: {
  forwardedFor: string | null;
  platformIp: string | null;
  trustedProxies: readonly ParsedCidr[];
}): ClientAddress {
  const forwardedFor = (input.forwardedFor ?? "").slice(0, MAX_FORWARDED_FOR_LENGTH);
  const entries = (input.forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean).slice(-MAX_ENTRIES);
  const trusted = (ip: ParsedIp) => input.trustedProxies.some((range) => inCidr(ip, range));
  for (let i = entries.length - 1; i >= 0; i--) {
    const ip = addressOf(entries[i]);
    if (ip === null) {
      // Not an address where a proxy of ours would have written one: the platform's view, else its own bucket.
      const platform = input.platformIp ? addressOf(input.platformIp.trim()) : null;
      if (platform) return { address: formatIp(platform), source: "platform", forwardedFor };
      return { address: unparsed(entries[i]), source: "unparsed", forwardedFor };
    }
    if (!trusted(ip) || i === 0) return { address: formatIp(ip), source: "forwarded", forwardedFor };
  }
  const platform = input.platformIp ? addressOf(input.platformIp.trim()) : null;
  if (platform) return { address: formatIp(platform), source: "platform", forwardedFor };
  if (input.platformIp?.trim()) return { address: unparsed(input.platformIp.trim()), source: "unparsed", forwardedFor };
  return { address: "unknown", source: "none", forwardedFor };
}
