/**
 * The sliding time window the detectors share: walk rows in time order, keeping only those within
 * `windowMs` of the newest, and look at each window as it closes. Counting structures for what is
 * inside (`Tally`: counts per value, and how many distinct values) come with it. Pure module.
 *
 * @example
 *   const slugs = new Tally<string>();
 *   let widest = 0;
 *   slidingWindow(rows, HOUR, {
 *     enter: (row) => slugs.add(row.contentSlug),
 *     leave: (row) => slugs.remove(row.contentSlug),
 *     visit: () => (widest = Math.max(widest, slugs.distinct)),
 *   });
 */

/** Counts of values; `distinct` is how many values have a count above zero. */
export class Tally<T> {
  private readonly counts = new Map<T, number>();

  add(value: T): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  remove(value: T): void {
    const left = (this.counts.get(value) ?? 0) - 1;
    if (left <= 0) this.counts.delete(value);
    else this.counts.set(value, left);
  }

  get distinct(): number {
    return this.counts.size;
  }

  countOf(value: T): number {
    return this.counts.get(value) ?? 0;
  }
}

export type WindowHandlers<R> = {
  /** A row comes into the window (in time order). */
  enter: (row: R, index: number) => void;
  /** A row falls out of the window: it is `windowMs` or more older than the newest row. */
  leave: (row: R, index: number) => void;
  /** The window `rows[from..to]` (inclusive), after row `to` entered and old rows left. */
  visit: (from: number, to: number) => void;
};

/**
 * Visits every window of rows spanning less than `windowMs`, ending at each row in turn. Rows must
 * be sorted by `accessedAt`. O(rows): each row enters and leaves once.
 */
export function slidingWindow<R extends { accessedAt: number }>(
  rows: readonly R[],
  windowMs: number,
  handlers: WindowHandlers<R>,
): void {
  let from = 0;
  for (let to = 0; to < rows.length; to++) {
    handlers.enter(rows[to], to);
    while (rows[to].accessedAt - rows[from].accessedAt >= windowMs) {
      handlers.leave(rows[from], from);
      from++;
    }
    handlers.visit(from, to);
  }
}
