// The usage page (today's table, chart, switching, empty and error states) and the chart's maths.
import { screen, within } from "@testing-library/react";
import { UsagePage } from "./UsagePage";
import { bucketLabel, niceScale, splitBucket } from "./UsageChart";
import { api, historyApi } from "../lib/api";
import { fake } from "../test/fakeConvex";
import { budget, history as historyOf, keyRow, NOW } from "../test/fixtures";
import { renderPage } from "../test/render";
import { QueryBoundary } from "../ui/States";

vi.mock("convex/react", () => import("../test/fakeConvex"));

const HOUR = 3_600_000;
const buckets = Array.from({ length: 24 }, (_, i) => ({
  start: NOW - (24 - i) * HOUR,
  requests: i === 20 ? 120 : 10,
  errors: i === 20 ? 30 : 0,
  rateLimited: i === 20 ? 20 : 0,
}));

beforeEach(() => {
  fake.reset();
  fake.setQuery(api.apiKeys.queries.list, [keyRow({ id: "k1", name: "Production site" }), keyRow({ id: "k2", name: "Batch job", tier: "enterprise" }, { limit: null, windowMs: null, requestsToday: 9000 })]);
  fake.setQuery(historyApi, historyOf(buckets));
  fake.setQuery(api.apiKeys.queries.budgets, [budget("free", 13), budget("pro", 63)]);
});

const renderUsage = (path = "/usage") =>
  renderPage(
    <QueryBoundary>
      <UsagePage />
    </QueryBoundary>,
    { path },
  );

describe("UsagePage", () => {
  test("shows today's usage of every key against its limit", () => {
    renderUsage();
    const table = screen.getByRole("table", { name: "Today's usage per key" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("37 / 100 this minute");
    expect(rows[1]).toHaveTextContent("9,000 today · unlimited");
  });

  test("charts the selected key's requests, errors and 429s", () => {
    renderUsage();
    expect(fake.lastArgs(historyApi)).toEqual({ keyId: "k1", range: "24h", hour: NOW - (NOW % HOUR) });
    const chart = screen.getByRole("img", { name: /Requests of Production site, last 24 hours/ });
    expect(chart).toHaveAccessibleDescription("350 requests in 24 buckets, of which 30 errors and 20 rate limited (429).");
    expect(screen.getByText("Rate limited (429)", { selector: ".stat-label" }).previousSibling).toHaveTextContent("20");
  });

  test("switches key and period", async () => {
    const { user } = renderUsage();
    await user.selectOptions(screen.getByLabelText("Key"), "k2");
    expect(window.location.search).toBe("?key=k2");
    await user.selectOptions(screen.getByLabelText("Period"), "7d");
    expect(fake.lastArgs(historyApi)).toEqual({ keyId: "k2", range: "7d", hour: NOW - (NOW % HOUR) });
  });

  test("says so when a key had no requests in the period", () => {
    fake.setQuery(historyApi, historyOf(buckets.map((b) => ({ ...b, requests: 0, errors: 0, rateLimited: 0 }))));
    renderUsage();
    expect(screen.getByText("No requests in this period")).toBeInTheDocument();
  });

  test("keeps today's table when the history fails", () => {
    fake.setQuery(historyApi, new Error("[Request ID: abc] Server Error\nCould not find public function for 'apiKeys/queries:history'"));
    renderUsage();
    expect(screen.getByRole("alert")).toHaveTextContent("This part of the backend is not available yet.");
    expect(screen.getByRole("table", { name: "Today's usage per key" })).toBeInTheDocument();
  });

  test("shows an empty state without keys", () => {
    fake.setQuery(api.apiKeys.queries.list, []);
    renderUsage();
    expect(screen.getByText("No keys, no usage yet")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create a key" })).toHaveAttribute("href", "/keys");
  });
});

describe("chart maths", () => {
  test("splits a bucket into successful, errors and 429s, counting a 429 once", () => {
    // The live history counts 429s in rateLimited only (apiKeys/liveHistory.ts).
    expect(splitBucket({ start: 0, requests: 120, errors: 10, rateLimited: 20 })).toEqual({ ok: 90, errors: 10, limited: 20 });
  });

  test("rounds the axis to 1, 2 or 5 times a power of ten", () => {
    expect(niceScale(0)).toEqual({ top: 4, step: 1 });
    expect(niceScale(120)).toEqual({ top: 150, step: 50 });
    expect(niceScale(9)).toEqual({ top: 10, step: 5 });
    expect(niceScale(1)).toEqual({ top: 1, step: 1 });
  });

  test("labels hourly buckets with a time and daily buckets with a date", () => {
    expect(bucketLabel(NOW, "24h")).toMatch(/\d{1,2}:\d{2}/);
    expect(bucketLabel(NOW, "7d")).toMatch(/Nov|22/);
  });
});

test("shows the customer's remaining budget per tier, shared by all their keys of the tier", async () => {
  renderUsage();
  const list = await screen.findByRole("list", { name: "Remaining budget per tier" });
  expect(list).toHaveTextContent("13 of 25 requests left today, shared by all your free keys.");
  expect(list).toHaveTextContent("Resets in 12 hours (00:00 UTC).");
  expect(list).toHaveTextContent("63 of 100 requests left this minute, shared by all your pro keys.");
  expect(list).toHaveTextContent("Refills continuously");
});

test("says there is no budget when the plan's keys are unlimited", async () => {
  fake.setQuery(api.apiKeys.queries.budgets, []);
  renderUsage();
  expect(await screen.findByText(/unlimited: there is no budget to spend/)).toBeInTheDocument();
});
