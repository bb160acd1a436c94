// HTTP actions on the site port, crons under the server's clock, and the dev endpoints.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ConvexClient } from "convex/browser";
import { api } from "./fixture/convex/_generated/api";
import { FIXTURE, dev, newClient, startLocalBackend, waitForValue, type StartedBackend } from "./helpers";

let server: StartedBackend;
let client: ConvexClient;

beforeAll(async () => {
  // Crons on: the fixture's `tick` runs every second.
  server = await startLocalBackend(["--functions", FIXTURE]);
  client = newClient(server.convexUrl);
});

afterAll(async () => {
  await client.close();
  expect(await server.stop()).toBe(0);
});

describe("site port (HTTP actions)", () => {
  test("routes through http.ts with the request's URL and headers, appending the TCP peer to X-Forwarded-For as an edge proxy does", async () => {
    const res = await fetch(`${server.siteUrl}/hello?x=1`, { headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      url: `${server.siteUrl}/hello?x=1`,
      // What the client wrote stays on the left; the address this server saw is appended.
      forwardedFor: "203.0.113.7, 10.0.0.1, 127.0.0.1",
      authorization: null,
      subject: null,
    });
  });

  test("passes bodies, statuses and response headers", async () => {
    const res = await fetch(`${server.siteUrl}/echo`, { method: "POST", body: "ping" });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-echo")).toBe("1");
    expect(await res.text()).toBe("ping");
  });

  test("an unknown route is 404", async () => {
    expect((await fetch(`${server.siteUrl}/nope`)).status).toBe(404);
  });
});

describe("crons", () => {
  test("an interval cron fires on its schedule under the server's clock", async () => {
    const ticks = await waitForValue(client, api.messages.byAuthor, { author: "cron" }, (m) => m.length >= 2, 10_000);
    const [a, b] = ticks.map((m) => m._creationTime);
    expect(b - a).toBeGreaterThanOrEqual(900);
    expect(b - a).toBeLessThan(3_000);
  });

  test("the dev endpoint lists crons and runs one now", async () => {
    const listed = (await (await dev(server.convexUrl, "/_dev/crons", { method: "GET" })).json()) as Array<{ id: string; runs: number }>;
    expect(listed.map((c) => c.id)).toEqual(["tick"]);
    const before = listed[0].runs;
    const res = await dev(server.convexUrl, "/_dev/crons/tick");
    expect(res.status).toBe(200);
    const after = (await (await dev(server.convexUrl, "/_dev/crons", { method: "GET" })).json()) as Array<{ runs: number }>;
    expect(after[0].runs).toBeGreaterThan(before);
    expect((await dev(server.convexUrl, "/_dev/crons/missing")).status).toBe(404);
  });
});

describe("dev endpoints", () => {
  test("refuse requests without the dev header", async () => {
    const res = await fetch(`${server.convexUrl}/_dev/crons/tick`, { method: "POST" });
    expect(res.status).toBe(403);
  });

  test("run any function, internal ones included", async () => {
    const res = await dev(server.convexUrl, "/_dev/run", {
      body: JSON.stringify({ path: "messages:insertInternal", args: { author: "dev-run", body: "internal" } }),
    });
    expect(res.status).toBe(200);
    expect(await waitForValue(client, api.messages.byAuthor, { author: "dev-run" }, (m) => m.length === 1)).toHaveLength(1);
  });

  test("status reports connections, refreshes and work in flight", async () => {
    await waitForValue(client, api.messages.count, {}, () => true);
    const status = (await (await dev(server.convexUrl, "/_dev/status", { method: "GET" })).json()) as {
      sync: { connections: number; refreshes: number };
      inFlight: unknown[];
      crons: unknown[];
    };
    expect(status.sync.connections).toBeGreaterThanOrEqual(1);
    expect(status.sync.refreshes).toBeGreaterThan(0);
    expect(Array.isArray(status.inFlight)).toBe(true);
    expect(status.crons).toHaveLength(1);
  });

  test("seed says when the app has no seed function", async () => {
    const res = await dev(server.convexUrl, "/_dev/seed");
    expect(res.status).toBe(404);
    expect(server.output).toContain("no demo seed function found (demo/seed:run); starting with an empty database");
  });
});
