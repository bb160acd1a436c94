// The client address rule (issue #11, finding 3) as a pure function: nobody can choose their address.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { decideClientAddress, DEFAULT_TRUSTED_PROXY_CIDRS, parseTrustedProxies } from "./clientAddress";

const trusted = (list = DEFAULT_TRUSTED_PROXY_CIDRS) => {
  const parsed = parseTrustedProxies(list);
  if (!parsed.ok) throw new Error(parsed.invalid);
  return parsed.ranges;
};
const decide = (forwardedFor: string | null, platformIp: string | null = null, list?: string) =>
  decideClientAddress({ forwardedFor, platformIp, trustedProxies: trusted(list) });

describe("client address", () => {
  test("is the right-most X-Forwarded-For entry, not the client-written first one", () => {
    expect(decide("6.6.6.6, 203.0.113.9")).toMatchObject({ address: "203.0.113.9", source: "forwarded" });
  });

  test("skips our own proxies (private ranges by default, or a configured list)", () => {
    expect(decide("6.6.6.6, 203.0.113.9, 10.1.2.3, 192.168.0.7").address).toBe("203.0.113.9");
    expect(decide("6.6.6.6, 203.0.113.9, 198.51.100.1", null, "198.51.100.0/24").address).toBe("203.0.113.9");
  });

  test("whatever a client prepends, the address stays the one the nearest proxy vouched for", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), { maxLength: 8 }), (forged) => {
        const chain = [...forged.map((f) => f.replace(/,/g, "")), "203.0.113.77"].join(", ");
        expect(decide(chain).address).toBe("203.0.113.77");
      }),
    );
  });

  test("uses the left-most entry when every hop is a trusted proxy, normalising the address", () => {
    expect(decide("10.0.0.5, 10.0.0.1").address).toBe("10.0.0.5");
    expect(decide("::ffff:203.0.113.4").address).toBe("203.0.113.4");
    expect(decide("[2001:db8::1]:443").address).toBe("2001:db8::1");
    expect(decide("203.0.113.4:5123").address).toBe("203.0.113.4");
  });

  test("falls back to the platform's address, and gives unusable values a bucket of their own", () => {
    expect(decide(null, "198.51.100.20")).toMatchObject({ address: "198.51.100.20", source: "platform" });
    expect(decide("nonsense", "198.51.100.20").address).toBe("198.51.100.20");
    const a = decide("garbage-one");
    const b = decide("garbage-two");
    expect(a).toMatchObject({ source: "unparsed" });
    expect(a.address).not.toBe(b.address);
    expect(a.address).not.toBe("unknown");
    expect(decide(null)).toMatchObject({ address: "unknown", source: "none", forwardedFor: "" });
  });

  test("keeps the raw chain (bounded) as evidence", () => {
    expect(decide("6.6.6.6, 203.0.113.9").forwardedFor).toBe("6.6.6.6, 203.0.113.9");
    expect(decide("1.1.1.1, ".repeat(200) + "203.0.113.9").forwardedFor.length).toBe(512);
  });

  test("refuses a trusted-proxy list with an entry that is not a range", () => {
    expect(parseTrustedProxies("10.0.0.0/8, nope")).toEqual({ ok: false, invalid: "nope" });
    expect(parseTrustedProxies("").ok).toBe(true);
  });
});
