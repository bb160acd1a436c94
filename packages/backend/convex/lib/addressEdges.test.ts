// Edges of the client address decision and the address parsing under it that mutation testing
// (issue #17, group clientAddress) showed no test held: a malformed or padded entry is never read
// as someone's address, the chain examined is bounded, and ranges keep their exact width.
import { describe, expect, test } from "vitest";
import { decideClientAddress, parseTrustedProxies } from "./clientAddress";
import { networkOf, parseCidr, parseIp } from "./net";

const decide = (forwardedFor: string | null, platformIp: string | null = null, list = "10.0.0.0/8") => {
  const parsed = parseTrustedProxies(list);
  if (!parsed.ok) throw new Error(parsed.invalid);
  return decideClientAddress({ forwardedFor, platformIp, trustedProxies: parsed.ranges });
};

describe("trusted proxy list", () => {
  test("a bare address in the list trusts exactly that address (IPv4 /32, IPv6 /128)", () => {
    expect(parseTrustedProxies("203.0.113.5, 2001:db8::7")).toEqual({ ok: true, ranges: [parseCidr("203.0.113.5/32"), parseCidr("2001:db8::7/128")] });
    expect(decide("198.51.100.1, 203.0.113.5", null, "203.0.113.5").address).toBe("198.51.100.1");
    expect(decide("198.51.100.1, 203.0.113.6", null, "203.0.113.5").address).toBe("203.0.113.6");
  });

  test("holds only the ranges listed", () => {
    expect(parseTrustedProxies("10.0.0.0/8")).toEqual({ ok: true, ranges: [parseCidr("10.0.0.0/8")] });
    expect(parseTrustedProxies(" , ")).toEqual({ ok: true, ranges: [] });
  });
});

describe("an X-Forwarded-For entry is an address only when it is exactly one", () => {
  test.each(["x[2001:db8::1]:443", "[2001:db8::1]:443x", "[2001:db8::1]x", "x203.0.113.4:5123", "203.0.113.4:5123x"])(
    "%j is its own bucket, not the address inside it",
    (entry) => {
      expect(decide(entry)).toMatchObject({ source: "unparsed" });
      expect(decide(entry).address).toMatch(/^unparsed:/);
    },
  );

  test("a bracketed IPv6 address is read with or without a port", () => {
    expect(decide("[2001:db8::1]")).toMatchObject({ address: "2001:db8::1", source: "forwarded" });
  });

  test("a bucket name keeps printable ASCII only: every other character becomes ?", () => {
    expect(decide("a\u202eb\u0000c d").address).toBe("unparsed:a?b?c?d");
  });

  test("a bucket name is bounded to 64 characters of the value", () => {
    expect(decide("x".repeat(300)).address).toBe(`unparsed:${"x".repeat(64)}`);
  });

  test("examines only the last 32 entries of a long chain of our own proxies", () => {
    const chain = Array.from({ length: 40 }, (_, i) => `10.0.0.${i + 1}`).join(", ");
    expect(decide(chain).address).toBe("10.0.0.9");
  });
});

describe("the platform's address", () => {
  test("is trimmed and named as the source when the chain is unusable or absent", () => {
    expect(decide("nonsense", " 198.51.100.20 ")).toMatchObject({ address: "198.51.100.20", source: "platform" });
    expect(decide(null, " 198.51.100.20 ")).toMatchObject({ address: "198.51.100.20", source: "platform" });
  });

  test("that is not an address is a bucket of its own, not unknown", () => {
    expect(decide(null, "garbage")).toEqual({ address: "unparsed:garbage", source: "unparsed", forwardedFor: "" });
    expect(decide(null, " garbage ")).toEqual({ address: "unparsed:garbage", source: "unparsed", forwardedFor: "" });
    expect(decide(null, "   ")).toEqual({ address: "unknown", source: "none", forwardedFor: "" });
  });
});

describe("address and range parsing", () => {
  test("refuses an address with two :: abbreviations", () => {
    expect(parseIp("1::2::3")).toBeNull();
    // Eight groups before the first "::" would otherwise read as a whole address.
    expect(parseIp("1:2:3:4:5:6:7:8::9::")).toBeNull();
    expect(parseCidr("1::2::3/64")).toBeNull();
  });

  test("accepts the longest valid text (45 characters), as an address and in a range", () => {
    const longest = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
    expect(longest).toHaveLength(45);
    expect(parseIp(longest)).toEqual({ version: 4, value: 0xffffffffn });
    expect(parseCidr(`${longest}/128`)).toEqual({ version: 4, value: 0xffffffffn, bits: 32 });
    expect(parseCidr(`0${longest}/128`)).toBeNull();
  });

  test("an IPv4-mapped range is IPv4 from /96 on; a wider one stays IPv6", () => {
    expect(parseCidr("::ffff:0.0.0.0/96")).toEqual({ version: 4, value: 0n, bits: 0 });
    expect(parseCidr("::ffff:0.0.0.0/95")).toEqual({ version: 6, value: 0xfffen << 32n, bits: 95 });
  });

  test("refuses a range of a value that is not text without throwing", () => {
    expect(parseCidr(undefined as unknown as string)).toBeNull();
  });

  test("networkOf refuses a negative or fractional prefix length", () => {
    expect(() => networkOf("10.0.0.1", -1)).toThrow(RangeError);
    expect(() => networkOf("2001:db8::1", 24, -8)).toThrow(RangeError);
    expect(() => networkOf("10.0.0.1", 8.5)).toThrow(/not a prefix length/);
  });
});
