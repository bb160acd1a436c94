/**
 * Small helpers the detectors share: evidence fields, distinct lists, and how a client address is
 * grouped (its network; non-public ranges as one internal location). Pure module.
 */
import { MINUTE } from "../../lib/time";
import { formatIp, ipRangeClass, networkOf as cidrNetworkOf, parseIp } from "../../lib/net";
import { CLIENT_NETWORK_V4_BITS, CLIENT_NETWORK_V6_BITS, PUBLIC_RANGE_CLASSES } from "../thresholds";
import type { AccessRow, DetectionContext } from "./types";

export function isSortedByTime(rows: readonly { accessedAt: number }[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i].accessedAt < rows[i - 1].accessedAt) return false;
  return true;
}

export function baseEvidence(rows: readonly AccessRow[], ctx: DetectionContext, thresholds: Record<string, number>) {
  return {
    windowStart: rows[0]?.accessedAt ?? ctx.now,
    windowEnd: rows[rows.length - 1]?.accessedAt ?? ctx.now,
    detectedAt: ctx.now,
    rowsExamined: rows.length,
    thresholds,
  };
}

/** Distinct values in first-seen order, at most `cap` of them. */
export function distinctCapped(values: Iterable<string>, cap: number): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (out.size >= cap) break;
    out.add(value);
  }
  return [...out];
}

export function ratio(n: number, d: number): number {
  return d > 0 ? Math.round((n / d) * 1000) / 1000 : 0;
}

export function isSuccess(row: AccessRow): boolean {
  return row.statusCode >= 200 && row.statusCode < 400;
}

export function minutes(ms: number): string {
  const m = Math.round(ms / MINUTE);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/** Where a client address puts a client: the address (canonical) and its network. */
export type ClientLocation = { address: string; network: string; public: boolean };

/** The group of every address in non-public ranges: one internal location, never many clients. */
export const NON_PUBLIC_NETWORK = "non-public";

/**
 * Where an address puts its client. Public addresses are themselves, in their /24 (IPv4) or /48
 * (IPv6) network. Addresses in private, CGNAT, loopback, link-local, unique-local and reserved
 * ranges cannot name a client on the internet (they are what a proxy or NAT saw on its inside), so
 * they all count as one internal location: varying internal addresses are never "rotation".
 * Documentation ranges count as public unless configured otherwise (PUBLIC_RANGE_CLASSES).
 * Text that is not an address is its own location.
 *
 * @example
 *   clientLocation("203.0.113.7");   // { address: "203.0.113.7", network: "203.0.113.0/24", public: true }
 *   clientLocation("10.1.2.3");      // { address: "non-public", network: "non-public", public: false }
 */
export function clientLocation(ip: string): ClientLocation {
  const parsed = parseIp(ip);
  if (parsed === null) return { address: ip, network: ip, public: false };
  const kind = ipRangeClass(parsed)!;
  if (!PUBLIC_RANGE_CLASSES.includes(kind)) {
    return { address: NON_PUBLIC_NETWORK, network: NON_PUBLIC_NETWORK, public: false };
  }
  return { address: formatIp(parsed), network: cidrNetworkOf(parsed, CLIENT_NETWORK_V4_BITS, CLIENT_NETWORK_V6_BITS), public: true };
}

/**
 * The network an address groups into (see `clientLocation`).
 *
 * @example networkOf("2001:db8:1:2::5"); // "2001:db8:1::/48"
 */
export function networkOf(ip: string): string {
  return clientLocation(ip).network;
}

/** The location of each row's address, computing each distinct address once. */
export function locationsOf(rows: readonly AccessRow[]): ClientLocation[] {
  const memo = new Map<string, ClientLocation>();
  return rows.map((row) => {
    let location = memo.get(row.ipAddress);
    if (location === undefined) {
      location = clientLocation(row.ipAddress);
      memo.set(row.ipAddress, location);
    }
    return location;
  });
}
