/**
 * `pnpm bench`: mutation-to-subscription-update latency of the local backend with 50 live
 * subscriptions, measured with the real ConvexClient over WebSockets (fixture app, free ports).
 * Figures are printed, never asserted: these machines are shared and noisy.
 *
 *   A. 50 clients, each subscribed to the same query; one writer client mutates.
 *   B. one client with 50 subscriptions to different queries; each mutation changes one of them.
 */
import type { ConvexClient } from "convex/browser";
import { api } from "../test/fixture/convex/_generated/api";
import { FIXTURE, newClient, startLocalBackend, waitForValue } from "../test/helpers";

const SUBSCRIPTIONS = 50;
const ROUNDS = 60;
const WARMUP = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  console.log(`${label}: median ${median.toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms (${samples.length} samples)`);
}

/** Subscribes and resolves each time the subscription's length reaches a target. */
function lengthWatcher(client: ConvexClient, author: string) {
  let length = -1;
  let waiter: { target: number; resolve: (t: number) => void } | null = null;
  client.onUpdate(api.messages.byAuthor, { author }, (messages) => {
    length = messages.length;
    if (waiter && length >= waiter.target) {
      waiter.resolve(performance.now());
      waiter = null;
    }
  });
  return {
    get length() {
      return length;
    },
    until(target: number): Promise<number> {
      if (length >= target) return Promise.resolve(performance.now());
      return new Promise((resolve) => (waiter = { target, resolve }));
    },
  };
}

async function sameQueryManyClients(convexUrl: string) {
  const writer = newClient(convexUrl);
  const readers = Array.from({ length: SUBSCRIPTIONS }, () => newClient(convexUrl));
  const watchers = readers.map((r) => lengthWatcher(r, "bench-a"));
  await Promise.all(readers.map((r) => waitForValue(r, api.messages.byAuthor, { author: "bench-a" }, () => true)));
  const updates: number[] = [];
  const allUpdated: number[] = [];
  const roundTrips: number[] = [];
  for (let round = 1; round <= ROUNDS + WARMUP; round++) {
    const waits = watchers.map((w) => w.until(round));
    const t0 = performance.now();
    await writer.mutation(api.messages.send, { author: "bench-a", body: `round ${round}` });
    const tMutation = performance.now();
    const times = await Promise.all(waits);
    if (round <= WARMUP) continue;
    roundTrips.push(tMutation - t0);
    for (const t of times) updates.push(t - t0);
    allUpdated.push(Math.max(...times) - t0);
  }
  report(`A. ${SUBSCRIPTIONS} clients × 1 subscription (same query): mutation → update`, updates);
  report(`A. ${SUBSCRIPTIONS} clients × 1 subscription: mutation → all ${SUBSCRIPTIONS} updated`, allUpdated);
  report("A. mutation round trip (ConvexClient.mutation resolves)", roundTrips);
  await Promise.all([writer, ...readers].map((c) => c.close()));
}

async function manyQueriesOneClient(convexUrl: string) {
  const writer = newClient(convexUrl);
  const reader = newClient(convexUrl);
  const authors = Array.from({ length: SUBSCRIPTIONS }, (_, i) => `bench-b-${i}`);
  const watchers = authors.map((a) => lengthWatcher(reader, a));
  await Promise.all(authors.map((author) => waitForValue(reader, api.messages.byAuthor, { author }, () => true)));
  const updates: number[] = [];
  for (let round = 0; round < ROUNDS + WARMUP; round++) {
    const i = round % SUBSCRIPTIONS;
    const wait = watchers[i].until(watchers[i].length + 1);
    const t0 = performance.now();
    await writer.mutation(api.messages.send, { author: authors[i], body: `round ${round}` });
    const t = await wait;
    if (round >= WARMUP) updates.push(t - t0);
  }
  report(`B. 1 client × ${SUBSCRIPTIONS} subscriptions (distinct queries): mutation → update`, updates);
  await Promise.all([writer, reader].map((c) => c.close()));
}

console.log(`\n## offline backend: mutation → subscription update, ${SUBSCRIPTIONS} live subscriptions`);
const server = await startLocalBackend(["--functions", FIXTURE, "--no-crons", "--no-seed"]);
try {
  await sameQueryManyClients(server.convexUrl);
  await manyQueriesOneClient(server.convexUrl);
} finally {
  await server.stop();
}
