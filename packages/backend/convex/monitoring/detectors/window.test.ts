import { describe, expect, test } from "vitest";
import { slidingWindow, Tally } from "./window";

describe("slidingWindow", () => {
  const rows = [0, 1, 2, 10, 11, 30].map((accessedAt) => ({ accessedAt }));

  test("visits each window of rows spanning less than the window length, ending at each row", () => {
    const windows: Array<[number, number]> = [];
    slidingWindow(rows, 10, { enter: () => {}, leave: () => {}, visit: (from, to) => windows.push([from, to]) });
    expect(windows).toEqual([[0, 0], [0, 1], [0, 2], [1, 3], [2, 4], [5, 5]]);
  });

  test("every row enters once and leaves at most once, in order", () => {
    const entered: number[] = [];
    const left: number[] = [];
    slidingWindow(rows, 10, { enter: (_r, i) => entered.push(i), leave: (_r, i) => left.push(i), visit: () => {} });
    expect(entered).toEqual([0, 1, 2, 3, 4, 5]);
    expect(left).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("Tally", () => {
  test("counts values and how many are distinct, forgetting values counted down to zero", () => {
    const tally = new Tally<string>();
    tally.add("a");
    tally.add("a");
    tally.add("b");
    expect([tally.distinct, tally.countOf("a")]).toEqual([2, 2]);
    tally.remove("a");
    tally.remove("b");
    expect([tally.distinct, tally.countOf("a"), tally.countOf("b")]).toEqual([1, 1, 0]);
  });
});
