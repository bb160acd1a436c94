/**
 * Per-key IP allowlists: parsing what a customer typed, and the decision for one request. Pure
 * module over lib/net.ts (IPv4 and IPv6, CIDR ranges). An empty list allows every address.
 */
import { formatIp, inCidr, parseCidr, parseIp, type ParsedCidr } from "../lib/net";

export const MAX_ALLOWLIST_ENTRIES = 50;

/**
 * Parses and normalises entries (addresses or CIDR ranges, one per item; blanks ignored,
 * duplicates removed). A bare address becomes a /32 or /128 range; host bits are cleared.
 *
 * @example normalizeAllowlist(["203.0.113.7", "2001:db8::/32"]) // { ok: true, entries: ["203.0.113.7/32", "2001:db8::/32"] }
 */
export function normalizeAllowlist(raw: readonly string[]): { ok: true; entries: string[] } | { ok: false; message: string } {
  const entries: string[] = [];
  for (const item of raw) {
    const text = item.trim();
    if (text === "") continue;
    const range = parseCidr(text);
    if (range === null) return { ok: false, message: `“${text.slice(0, 60)}” is not an IP address or CIDR range.` };
    const normalised = `${formatIp({ version: range.version, value: range.value })}/${range.bits}`;
    if (!entries.includes(normalised)) entries.push(normalised);
  }
  if (entries.length > MAX_ALLOWLIST_ENTRIES) return { ok: false, message: `At most ${MAX_ALLOWLIST_ENTRIES} addresses or ranges per key.` };
  return { ok: true, entries };
}

/**
 * Whether a request from `clientAddress` (the trusted client address) may use a key with this
 * allowlist. An empty list allows everything; with a list, an address that cannot be parsed
 * ("unknown") is refused.
 *
 * @example isAddressAllowed(["10.0.0.0/8"], "10.1.2.3") // true
 */
export function isAddressAllowed(entries: readonly string[], clientAddress: string): boolean {
  if (entries.length === 0) return true;
  const ip = parseIp(clientAddress.trim());
  if (ip === null) return false;
  return entries.some((entry) => {
    const range: ParsedCidr | null = parseCidr(entry);
    return range !== null && inCidr(ip, range);
  });
}
