import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { countBits, longestRun, toBuffer, union, withPositions } from "./bitset";

describe("position bitsets", () => {
  test("hold the positions added, once each, and grow as needed", () => {
    const bits = withPositions(null, [1, 2, 3, 3, 900]);
    expect(countBits(bits)).toBe(4);
    expect(bits.length).toBe(Math.floor(900 / 8) + 1);
    expect(countBits(withPositions(bits, [2, 4]))).toBe(5);
  });

  test("ignore positions that are not non-negative integers", () => {
    expect(countBits(withPositions(null, [-1, 1.5, Number.NaN]))).toBe(0);
  });

  test("adding never changes the set it was given", () => {
    const bits = withPositions(null, [5]);
    withPositions(bits, [6]);
    expect(countBits(bits)).toBe(1);
  });

  test("union counts every position of every set once (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 50 }), { maxLength: 6 }), (lists) => {
        const expected = new Set(lists.flat()).size;
        expect(countBits(union(lists.map((l) => withPositions(null, l))))).toBe(expected);
      }),
    );
  });

  test("finds the longest run of consecutive positions", () => {
    expect(longestRun(withPositions(null, [1, 2, 3, 10, 11, 12, 13, 20]))).toEqual({ length: 4, from: 10 });
    expect(longestRun(new Uint8Array(0))).toEqual({ length: 0, from: -1 });
  });

  test("round-trips through an ArrayBuffer (the stored form)", () => {
    const bits = withPositions(null, [0, 7, 8, 63]);
    expect(countBits(new Uint8Array(toBuffer(bits)))).toBe(4);
  });
});
