/**
 * IP addresses and CIDR ranges, IPv4 and IPv6, as plain values: parse, test membership, classify
 * the range (public, private, CGNAT, …) and name the network an address belongs to (for grouping
 * addresses of one client). Used to decide the trusted client address of a request and by the
 * detectors. Pure module (no Convex import); no Node `net` (not in Convex's V8 runtime).
 *
 * Parsing is strict: anything that is not exactly an address (ports, brackets, zone ids such as
 * `fe80::1%eth0`, leading zeros in IPv4 octets, surrounding spaces) is refused with `null`.
 * IPv4-mapped IPv6 addresses (`::ffff:203.0.113.7`) are the IPv4 address they carry: a dual-stack
 * proxy writes them, and one client must not look like two.
 *
 * @example
 *   parseIp("203.0.113.7");                    // { version: 4, value: 3405803783n }
 *   parseIp("::ffff:203.0.113.7");             // the same IPv4 address
 *   parseIp("fe80::1%eth0");                   // null
 *   inCidr("10.1.2.3", "10.0.0.0/8");          // true
 *   ipRangeClass("100.64.0.1");                // "cgnat"
 *   networkOf("203.0.113.7");                  // "203.0.113.0/24"
 *   networkOf("2001:db8:1:2::1");              // "2001:db8:1::/48"
 */

export type IpVersion = 4 | 6;
/** An address as a number: 32 bits for IPv4, 128 bits for IPv6. */
export type ParsedIp = { version: IpVersion; value: bigint };
/** A range: the network address (host bits cleared) and its prefix length. */
export type ParsedCidr = { version: IpVersion; value: bigint; bits: number };
export type IpRangeClass =
  | "public"
  | "private"
  | "cgnat"
  | "loopback"
  | "link_local"
  | "documentation"
  | "unique_local"
  | "reserved";

const WIDTH: Record<IpVersion, number> = { 4: 32, 6: 128 };
/** The longest textual address: a full IPv6 address with an IPv4 tail. */
const MAX_ADDRESS_LENGTH = 45;
const IPV4_MAPPED_PREFIX = 0xffffn << 32n;

const IPV4_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PREFIX_BITS = /^(?:0|[1-9][0-9]{0,2})$/;

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseGroups(text: string): bigint[] | null {
  if (text === "") return [];
  const groups: bigint[] = [];
  for (const group of text.split(":")) {
    if (!IPV6_GROUP.test(group)) return null;
    groups.push(BigInt(parseInt(group, 16)));
  }
  return groups;
}

function parseIpv6(text: string): bigint | null {
  // An IPv4 tail ("::ffff:1.2.3.4", "64:ff9b::1.2.3.4") stands for the last two groups.
  let tail: bigint[] = [];
  let head = text;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [v4 >> 16n, v4 & 0xffffn];
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" keeps its "::"; "a:b:…:1.2.3.4" loses its trailing single colon.
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const left = parseGroups(halves[0]);
  const right = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (left === null || right === null) return null;
  const present = left.length + right.length + tail.length;
  let groups: bigint[];
  if (halves.length === 2) {
    // "::" stands for at least one zero group (RFC 4291 allows one, RFC 5952 never writes it so).
    if (present > 7) return null;
    groups = [...left, ...new Array<bigint>(8 - present).fill(0n), ...right, ...tail];
  } else {
    if (present !== 8) return null;
    groups = [...left, ...tail];
  }
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

/**
 * Parses an IPv4 or IPv6 address; `null` for anything else. IPv4-mapped IPv6 addresses come back
 * as IPv4.
 *
 * @example parseIp("2001:db8::1"); // { version: 6, value: 42540766411282592856903984951653826561n }
 */
export function parseIp(text: string): ParsedIp | null {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_ADDRESS_LENGTH) return null;
  if (!text.includes(":")) {
    const value = parseIpv4(text);
    return value === null ? null : { version: 4, value };
  }
  const value = parseIpv6(text);
  if (value === null) return null;
  if (value >> 32n === IPV4_MAPPED_PREFIX >> 32n) return { version: 4, value: value & 0xffffffffn };
  return { version: 6, value };
}

function mask(version: IpVersion, bits: number): bigint {
  const width = BigInt(WIDTH[version]);
  return ((1n << width) - 1n) ^ ((1n << (width - BigInt(bits))) - 1n);
}

/**
 * Parses a range `address/bits`; a bare address is a range of one (/32, /128). Host bits are
 * cleared (`10.1.2.3/8` is `10.0.0.0/8`). A range inside `::ffff:0:0/96` is the IPv4 range it
 * maps. `null` for anything else.
 *
 * @example parseCidr("192.168.0.0/16"); // { version: 4, value: 3232235520n, bits: 16 }
 */
export function parseCidr(text: string): ParsedCidr | null {
  if (typeof text !== "string") return null;
  const slash = text.indexOf("/");
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const bitsText = slash === -1 ? null : text.slice(slash + 1);
  if (bitsText !== null && !PREFIX_BITS.test(bitsText)) return null;
  if (!addressText.includes(":")) {
    const value = parseIpv4(addressText);
    const bits = bitsText === null ? 32 : Number(bitsText);
    if (value === null || bits > 32) return null;
    return { version: 4, value: value & mask(4, bits), bits };
  }
  if (addressText.length > MAX_ADDRESS_LENGTH) return null;
  const value = parseIpv6(addressText);
  const bits = bitsText === null ? 128 : Number(bitsText);
  if (value === null || bits > 128) return null;
  if (bits >= 96 && value >> 32n === IPV4_MAPPED_PREFIX >> 32n) {
    return { version: 4, value: value & 0xffffffffn & mask(4, bits - 96), bits: bits - 96 };
  }
  return { version: 6, value: value & mask(6, bits), bits };
}

function toIp(ip: ParsedIp | string): ParsedIp | null {
  return typeof ip === "string" ? parseIp(ip) : ip;
}

function toCidr(cidr: ParsedCidr | string): ParsedCidr | null {
  return typeof cidr === "string" ? parseCidr(cidr) : cidr;
}

/**
 * Whether an address lies in a range. False for unparseable input and across versions.
 *
 * @example inCidr("::ffff:10.0.0.1", "10.0.0.0/8"); // true
 */
export function inCidr(ip: ParsedIp | string, cidr: ParsedCidr | string): boolean {
  const address = toIp(ip);
  const range = toCidr(cidr);
  if (address === null || range === null || address.version !== range.version) return false;
  return (address.value & mask(range.version, range.bits)) === range.value;
}

/** Special-purpose ranges (IANA registries), most specific first where they nest. */
const SPECIAL_RANGES: ReadonlyArray<readonly [ParsedCidr, IpRangeClass]> = (
  [
    // IPv4
    ["0.0.0.0/8", "reserved"], // "this network"
    ["10.0.0.0/8", "private"],
    ["100.64.0.0/10", "cgnat"],
    ["127.0.0.0/8", "loopback"],
    ["169.254.0.0/16", "link_local"],
    ["172.16.0.0/12", "private"],
    ["192.0.0.0/24", "reserved"], // IETF protocol assignments
    ["192.0.2.0/24", "documentation"], // TEST-NET-1
    ["192.88.99.0/24", "reserved"], // deprecated 6to4 relay anycast
    ["192.168.0.0/16", "private"],
    ["198.18.0.0/15", "reserved"], // benchmarking
    ["198.51.100.0/24", "documentation"], // TEST-NET-2
    ["203.0.113.0/24", "documentation"], // TEST-NET-3
    ["224.0.0.0/4", "reserved"], // multicast
    ["240.0.0.0/4", "reserved"], // future use, and 255.255.255.255 broadcast
    // IPv6 (IPv4-mapped addresses are parsed as IPv4 and never reach these)
    ["::/128", "reserved"], // unspecified
    ["::1/128", "loopback"],
    ["::/8", "reserved"], // IPv4-compatible and other legacy forms
    ["64:ff9b:1::/48", "private"], // local-use NAT64 (RFC 8215)
    ["100::/64", "reserved"], // discard-only
    ["2001::/23", "reserved"], // IETF protocol assignments
    ["2001:db8::/32", "documentation"],
    ["3fff::/20", "documentation"], // RFC 9637
    ["fc00::/7", "unique_local"],
    ["fe80::/10", "link_local"],
    ["fec0::/10", "reserved"], // deprecated site-local
    ["ff00::/8", "reserved"], // multicast
  ] as const
).map(([text, kind]) => [parseCidr(text)!, kind] as const);
/** Outside these, IPv6 is unallocated: only 2000::/3 is global unicast. */
const IPV6_GLOBAL_UNICAST = parseCidr("2000::/3")!;

/**
 * The kind of range an address belongs to: whether it can name a client on the internet
 * ("public") or only a host behind a proxy, NAT or test setup. `null` for unparseable input.
 *
 * @example ipRangeClass("192.168.1.10"); // "private"
 */
export function ipRangeClass(ip: ParsedIp | string): IpRangeClass | null {
  const address = toIp(ip);
  if (address === null) return null;
  for (const [range, kind] of SPECIAL_RANGES) if (inCidr(address, range)) return kind;
  if (address.version === 6 && !inCidr(address, IPV6_GLOBAL_UNICAST)) return "reserved";
  return "public";
}

/**
 * An address in its canonical text: dotted IPv4, RFC 5952 IPv6 (lower case, longest run of two or
 * more zero groups as "::", the first of equal runs).
 *
 * @example formatIp(parseIp("2001:DB8:0:0:0:0:0:1")!); // "2001:db8::1"
 */
export function formatIp(ip: ParsedIp): string {
  if (ip.version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join(".");
  }
  const groups = [...Array(8).keys()].map((i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/**
 * The network an address belongs to, as CIDR text: the /24 of an IPv4 address, the /48 of an
 * IPv6 address by default (what one household, office or small provider block usually holds).
 * Addresses of one client that change within it group together. A string that is not an
 * address gives `null`.
 *
 * @example networkOf("198.51.100.23"); // "198.51.100.0/24"
 * @example networkOf("2001:db8:aa:bb::5", 24, 64); // "2001:db8:aa:bb::/64"
 */
export function networkOf(ip: ParsedIp, v4Bits?: number, v6Bits?: number): string;
export function networkOf(ip: string | ParsedIp, v4Bits?: number, v6Bits?: number): string | null;
export function networkOf(ip: string | ParsedIp, v4Bits = 24, v6Bits = 48): string | null {
  const address = toIp(ip);
  if (address === null) return null;
  const bits = address.version === 4 ? v4Bits : v6Bits;
  if (!Number.isInteger(bits) || bits < 0 || bits > WIDTH[address.version]) {
    throw new RangeError(`networkOf: ${bits} is not a prefix length for IPv${address.version}`);
  }
  const network = { version: address.version, value: address.value & mask(address.version, bits) };
  return `${formatIp(network)}/${bits}`;
}
