// Time passes with the page left open and no new query result (Convex caches a query's result
// until the data it read changes): a key turns expired at its expiry, "expires soon" appears a
// week ahead, the active-key count drops, a spent daily budget is whole again at 00:00 UTC, and
// "today" and "this minute" start over. Queries return stored state; the page computes the rest.
import { act, screen, within } from "@testing-library/react";
import { KeysPage } from "../keys/KeysPage";
import { UsagePage } from "../usage/UsagePage";
import { api, historyApi } from "./api";
import { nextTick } from "./clock";
import { fake } from "../test/fakeConvex";
import { budget, history, keyRow, me, NOW } from "../test/fixtures";
import { renderPage } from "../test/render";
import { QueryBoundary } from "../ui/States";

vi.mock("convex/react", () => import("../test/fakeConvex"));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

beforeEach(() => {
  fake.reset();
  // Timers too (setup.ts fakes only Date): time moves only when a test advances it.
  vi.useFakeTimers({ now: NOW, toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  fake.setQuery(api.apiKeys.tierChange.planNotice, null);
});

/**
 * Lets time pass until `target` as a browser would: React re-renders after each timer, so the
 * page's next timer is set before time moves on (one act per minute boundary at most).
 */
function advanceTo(target: number) {
  while (Date.now() < target) {
    const now = Date.now();
    void act(() => {
      vi.advanceTimersByTime(Math.min(target, now - (now % MINUTE) + MINUTE) - now);
    });
  }
  // Timers that came due while React was rendering fire now, as they would in a browser.
  for (let i = 0; i < 3; i++) {
    void act(() => {
      vi.advanceTimersByTime(0);
    });
  }
}

function renderKeys() {
  return renderPage(<QueryBoundary><KeysPage /></QueryBoundary>, { path: "/keys" });
}

function statusCell(name: string) {
  const row = screen.getByRole("link", { name }).closest("tr")!;
  return within(row).getAllByRole("cell")[1]!;
}

test("a key shown active turns expired at its expiry instant, with no new query result", () => {
  const expiresAt = NOW + 90 * MINUTE + 12_345;
  const row = keyRow({ id: "k1", name: "Short-lived", expiresAt });
  fake.setQuery(api.apiKeys.queries.list, [row]);
  fake.setQuery(api.users.queries.me, me({ liveKeyExpiries: [expiresAt] }));
  renderKeys();
  expect(statusCell("Short-lived")).toHaveTextContent("Active");
  expect(screen.getByText("1 of 5 active keys")).toBeInTheDocument();

  advanceTo(expiresAt - 1);
  expect(statusCell("Short-lived")).toHaveTextContent("Active");

  advanceTo(expiresAt);
  expect(statusCell("Short-lived")).toHaveTextContent("Expired");
  expect(screen.getByText("0 of 5 active keys")).toBeInTheDocument();
  // An expired key offers no rotation or revocation, and shows no usage meter.
  expect(within(screen.getByRole("link", { name: "Short-lived" }).closest("tr")!).queryByRole("meter")).toBeNull();
});

test("'Expires soon' appears a week before the expiry and goes when the key expires", () => {
  const expiresAt = NOW + 7 * DAY + 5 * MINUTE;
  vi.setSystemTime(expiresAt - 7 * DAY - 2 * MINUTE);
  fake.setQuery(api.apiKeys.queries.list, [keyRow({ id: "k1", name: "Monthly", expiresAt })]);
  fake.setQuery(api.users.queries.me, me({ liveKeyExpiries: [expiresAt] }));
  renderKeys();
  expect(statusCell("Monthly")).not.toHaveTextContent("Expires soon");

  advanceTo(expiresAt - 7 * DAY + 1);
  expect(statusCell("Monthly")).toHaveTextContent("Expires soon");
  expect(statusCell("Monthly")).toHaveTextContent("Active");

  vi.setSystemTime(expiresAt - 2 * MINUTE); // a week later, the page still open
  advanceTo(expiresAt - 1);
  expect(statusCell("Monthly")).toHaveTextContent("Expires soon");
  advanceTo(expiresAt);
  expect(statusCell("Monthly")).toHaveTextContent("Expired");
  expect(statusCell("Monthly")).not.toHaveTextContent("Expires soon");
});

test("a revoked key is never 'expiring soon'", () => {
  fake.setQuery(api.apiKeys.queries.list, [keyRow({ id: "k1", name: "Gone", status: "revoked", expiresAt: NOW + DAY })]);
  fake.setQuery(api.users.queries.me, me({ activeKeys: 0 }));
  renderKeys();
  expect(statusCell("Gone")).toHaveTextContent("Revoked");
  expect(statusCell("Gone")).not.toHaveTextContent("Expires soon");
});

describe("usage page across a window reset", () => {
  const midnight = NOW - (NOW % DAY) + DAY;

  beforeEach(() => {
    vi.setSystemTime(midnight - 90_000); // 23:58:30 UTC
    fake.setQuery(historyApi, history([]));
  });

  function renderUsage() {
    return renderPage(<QueryBoundary><UsagePage /></QueryBoundary>, { path: "/usage" });
  }

  test("a spent daily budget is whole again at 00:00 UTC, and the key's 'today' starts over", () => {
    // The stored state as of 23:58:30: the free budget spent, 25 requests counted today.
    const today = midnight - DAY;
    fake.setQuery(api.apiKeys.queries.budgets, [{ tier: "free", budget: { value: 0, ts: today } }]);
    fake.setQuery(api.apiKeys.queries.list, [
      {
        key: keyRow({ id: "k1", name: "Free app", tier: "free", expiresAt: midnight + 30 * DAY }).key,
        usage: { tier: "free", budget: { value: 0, ts: today }, counts: { day: today, requestsToday: 25, minute: midnight - 2 * MINUTE, requestsThisMinute: 4 }, hours: [], lastRequestTime: midnight - 100_000 },
      },
    ]);
    renderUsage();
    const budgets = screen.getByRole("list", { name: "Remaining budget per tier" });
    expect(budgets).toHaveTextContent("0 of 25 requests left today");
    const todayTable = screen.getByRole("table", { name: "Today's usage per key" });
    expect(todayTable).toHaveTextContent("Limit reached");

    advanceTo(midnight - 1);
    expect(budgets).toHaveTextContent("0 of 25 requests left today");

    advanceTo(midnight);
    expect(budgets).toHaveTextContent("25 of 25 requests left today");
    expect(todayTable).not.toHaveTextContent("Limit reached");
    expect(within(todayTable).getAllByRole("row")[1]).toHaveTextContent("0 / 25 today");
  });

  test("the pro budget refills token by token and the history moves to the new hour", () => {
    fake.setQuery(api.apiKeys.queries.budgets, [budget("pro", 0)]);
    fake.setQuery(api.apiKeys.queries.list, [keyRow({ id: "k1", name: "Pro app" })]);
    renderUsage();
    const budgets = screen.getByRole("list", { name: "Remaining budget per tier" });
    // budget("pro", 0) was stored at NOW; at 23:58:30 the bucket has long refilled.
    expect(budgets).toHaveTextContent("100 of 100 requests left this minute");
    const hourBefore = fake.lastArgs(historyApi);
    expect(hourBefore).toMatchObject({ hour: midnight - HOUR });
    advanceTo(midnight);
    expect(fake.lastArgs(historyApi)).toMatchObject({ hour: midnight });
  });

  test("a pro budget spent now comes back one token per 600 ms", () => {
    fake.setQuery(api.apiKeys.queries.budgets, [{ tier: "pro", budget: { value: 0, ts: Date.now() } }]);
    fake.setQuery(api.apiKeys.queries.list, [keyRow({ id: "k1", name: "Pro app" })]);
    renderUsage();
    const budgets = screen.getByRole("list", { name: "Remaining budget per tier" });
    expect(budgets).toHaveTextContent("0 of 100 requests left this minute");
    advanceTo(Date.now() + 600);
    expect(budgets).toHaveTextContent("1 of 100 requests left this minute");
    advanceTo(Date.now() + 30_000);
    expect(budgets).toHaveTextContent("51 of 100 requests left this minute");
  });
});

test("nextTick wakes at the earlier of the next interval and a named instant", () => {
  expect(nextTick(90_000, MINUTE, [100_000])).toBe(100_000);
  expect(nextTick(90_000, MINUTE, [130_000, null, undefined, 50_000])).toBe(120_000);
  expect(nextTick(120_000, MINUTE, [120_000])).toBe(180_000);
});
