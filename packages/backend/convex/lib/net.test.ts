import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { formatIp, inCidr, ipRangeClass, networkOf, parseCidr, parseIp } from "./net";

describe("parseIp", () => {
  test.each([
    ["0.0.0.0", 4, 0n],
    ["203.0.113.7", 4, 0xcb007107n],
    ["255.255.255.255", 4, 0xffffffffn],
    ["::", 6, 0n],
    ["::1", 6, 1n],
    ["2001:db8::1", 6, 0x20010db8000000000000000000000001n],
    ["2001:DB8:0:0:0:0:0:1", 6, 0x20010db8000000000000000000000001n],
    ["1:2:3:4:5:6:7:8", 6, 0x00010002000300040005000600070008n],
    ["1::", 6, 1n << 112n],
    ["1:2:3:4:5:6:7::", 6, 0x00010002000300040005000600070000n],
    ["::2:3:4:5:6:7:8", 6, 0x00000002000300040005000600070008n],
    ["64:ff9b::192.0.2.33", 6, 0x0064ff9b0000000000000000c0000221n],
    ["1:2:3:4:5:6:1.2.3.4", 6, 0x00010002000300040005000601020304n],
    ["::1.2.3.4", 6, 0x01020304n],
  ])("parses %s", (text, version, value) => {
    expect(parseIp(text)).toEqual({ version, value });
  });

  test.each(["::ffff:203.0.113.7", "::FFFF:cb00:7107", "0:0:0:0:0:ffff:203.0.113.7"])(
    "reads the IPv4-mapped IPv6 address %s as the IPv4 address it carries",
    (text) => {
      expect(parseIp(text)).toEqual(parseIp("203.0.113.7"));
    },
  );

  test.each([
    ["", "empty"],
    ["1.2.3", "three octets"],
    ["1.2.3.4.5", "five octets"],
    ["256.1.1.1", "octet over 255"],
    ["01.2.3.4", "leading zero (octal ambiguity)"],
    ["1.2.3.-4", "sign"],
    ["1.2.3.4 ", "trailing space"],
    [" 1.2.3.4", "leading space"],
    ["1.2.3.4:80", "IPv4 with port"],
    ["[::1]", "brackets"],
    ["[::1]:443", "brackets and port"],
    ["fe80::1%eth0", "zone id"],
    ["fe80::1%25eth0", "URL-encoded zone id"],
    ["1::2::3", "two '::'"],
    [":::", "three colons"],
    ["1:2:3:4:5:6:7:8:9", "nine groups"],
    ["1:2:3:4:5:6:7", "seven groups without '::'"],
    ["1:2:3:4:5:6:7:8::", "'::' with eight groups"],
    ["12345::", "group of five digits"],
    ["g::1", "not hex"],
    [":1:2:3:4:5:6:7", "leading single colon"],
    ["1:2:3:4:5:6:7:", "trailing single colon"],
    ["1:2:3:4:5:6:7:1.2.3.4", "IPv4 tail making nine groups"],
    ["::1.2.3", "short IPv4 tail"],
    ["1.2.3.4::", "IPv4 before '::'"],
    ["unknown", "a word"],
    ["0x7f.0.0.1", "hex octet"],
    ["1".repeat(46), "too long"],
  ])("refuses %j (%s)", (text) => {
    expect(parseIp(text)).toBeNull();
  });

  test("refuses values that are not strings without throwing", () => {
    expect(parseIp(undefined as unknown as string)).toBeNull();
    expect(parseIp(42 as unknown as string)).toBeNull();
  });
});

describe("formatIp", () => {
  test.each([
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["0:0:0:0:0:0:0:0", "::"],
    ["1:0:0:2:0:0:0:3", "1:0:0:2::3"],
    ["10.0.0.1", "10.0.0.1"],
    ["::ffff:10.0.0.1", "10.0.0.1"],
  ])("writes %s as %s (RFC 5952)", (text, canonical) => {
    expect(formatIp(parseIp(text)!)).toBe(canonical);
  });

  test("round-trips every address through its canonical text", () => {
    const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value) => ({ version: 6 as const, value }));
    const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((value) => ({ version: 4 as const, value }));
    fc.assert(
      fc.property(fc.oneof(v4, v6), (ip) => {
        const parsed = parseIp(formatIp(ip));
        const mapped = ip.version === 6 && ip.value >> 32n === 0xffffn;
        expect(parsed).toEqual(mapped ? { version: 4, value: ip.value & 0xffffffffn } : ip);
      }),
    );
  });
});

describe("parseCidr and inCidr", () => {
  test("parses a range and clears host bits", () => {
    expect(parseCidr("192.168.0.0/16")).toEqual({ version: 4, value: 0xc0a80000n, bits: 16 });
    expect(parseCidr("10.1.2.3/8")).toEqual({ version: 4, value: 0x0a000000n, bits: 8 });
    expect(parseCidr("2001:db8::1/32")).toEqual({ version: 6, value: 0x20010db8n << 96n, bits: 32 });
  });

  test("reads a bare address as a range of one", () => {
    expect(parseCidr("10.0.0.1")).toEqual({ version: 4, value: 0x0a000001n, bits: 32 });
    expect(parseCidr("::1")).toEqual({ version: 6, value: 1n, bits: 128 });
  });

  test("reads an IPv4-mapped IPv6 range as the IPv4 range it maps", () => {
    expect(parseCidr("::ffff:10.0.0.0/104")).toEqual(parseCidr("10.0.0.0/8"));
  });

  test.each(["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/8/8", "/8", "x/8", "fe80::%eth0/64"])(
    "refuses %j",
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );

  test.each([
    ["10.1.2.3", "10.0.0.0/8", true],
    ["11.0.0.0", "10.0.0.0/8", false],
    ["172.31.255.255", "172.16.0.0/12", true],
    ["172.32.0.0", "172.16.0.0/12", false],
    ["1.2.3.4", "0.0.0.0/0", true],
    ["10.0.0.1", "10.0.0.1", true],
    ["10.0.0.2", "10.0.0.1/32", false],
    ["::ffff:10.0.0.1", "10.0.0.0/8", true],
    ["10.0.0.1", "::ffff:10.0.0.0/104", true],
    ["2001:db8:1::5", "2001:db8::/32", true],
    ["2001:db9::", "2001:db8::/32", false],
    ["::1", "::/0", true],
    ["10.0.0.1", "::/0", false],
    ["::a00:1", "10.0.0.0/8", false],
    ["garbage", "10.0.0.0/8", false],
    ["10.0.0.1", "garbage", false],
  ])("%s in %s is %s", (ip, cidr, expected) => {
    expect(inCidr(ip, cidr)).toBe(expected);
  });

  test("takes parsed values as well as text", () => {
    expect(inCidr(parseIp("192.168.4.4")!, parseCidr("192.168.0.0/16")!)).toBe(true);
  });
});

describe("ipRangeClass", () => {
  test.each([
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.15.255.255", "public"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["100.128.0.0", "public"],
    ["127.0.0.1", "loopback"],
    ["169.254.10.1", "link_local"],
    ["192.0.2.1", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.7", "documentation"],
    ["0.1.2.3", "reserved"],
    ["198.18.0.1", "reserved"],
    ["224.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["::ffff:192.168.1.1", "private"],
    ["::1", "loopback"],
    ["::", "reserved"],
    ["fe80::1", "link_local"],
    ["fd12:3456::1", "unique_local"],
    ["fc00::1", "unique_local"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["ff02::1", "reserved"],
    ["2606:4700::1111", "public"],
    ["2a00:1450:4001::1", "public"],
    ["4000::1", "reserved"],
    ["2001::1", "reserved"],
  ])("classifies %s as %s", (ip, kind) => {
    expect(ipRangeClass(ip)).toBe(kind);
  });

  test("gives null for input that is not an address", () => {
    expect(ipRangeClass("localhost")).toBeNull();
  });
});

describe("networkOf", () => {
  test.each([
    ["198.51.100.23", "198.51.100.0/24"],
    ["::ffff:198.51.100.23", "198.51.100.0/24"],
    ["2001:db8:1:2::1", "2001:db8:1::/48"],
    ["2001:db8::1", "2001:db8::/48"],
  ])("puts %s in %s by default", (ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });

  test("takes other prefix lengths", () => {
    expect(networkOf("10.20.30.40", 16)).toBe("10.20.0.0/16");
    expect(networkOf("2001:db8:aa:bb::5", 24, 64)).toBe("2001:db8:aa:bb::/64");
    expect(networkOf("10.20.30.40", 32)).toBe("10.20.30.40/32");
    expect(networkOf("10.20.30.40", 0)).toBe("0.0.0.0/0");
  });

  test("groups the addresses of one /24 together and apart from the next", () => {
    expect(networkOf("203.0.113.1")).toBe(networkOf("203.0.113.254"));
    expect(networkOf("203.0.113.1")).not.toBe(networkOf("203.0.114.1"));
  });

  test("gives null for text that is not an address, and refuses impossible prefix lengths", () => {
    expect(networkOf("not-an-ip")).toBeNull();
    expect(() => networkOf("10.0.0.1", 33)).toThrow(RangeError);
  });
});
