// The live alerts queue (forbidden, empty, filters, live arrival) and one alert's evidence and actions.
import { act, screen, within } from "@testing-library/react";
import { ConvexError } from "convex/values";
import { AlertsPage } from "./AlertsPage";
import { AlertDetailPage, tally } from "./AlertDetailPage";
import { AdminLayout } from "../AdminLayout";
import { alertsApi, api, type Id, type KeyView } from "../../lib/api";
import { fake } from "../../test/fakeConvex";
import { accessRow, alert, alertDetail, keyView, me, NOW } from "../../test/fixtures";
import { renderPage } from "../../test/render";
import { QueryBoundary } from "../../ui/States";

vi.mock("convex/react", () => import("../../test/fakeConvex"));

beforeEach(() => {
  fake.reset();
  fake.setQuery(api.users.queries.me, me({ role: "admin" }));
});

const inAdmin = (page: React.ReactNode) => (
  <QueryBoundary>
    <AdminLayout>{page}</AdminLayout>
  </QueryBoundary>
);

describe("AlertsPage", () => {
  test("is forbidden to customers, without asking the server for alerts", () => {
    fake.setQuery(api.users.queries.me, me({ role: "user" }));
    fake.setQuery(alertsApi.list, () => {
      throw new Error("must not be queried");
    });
    renderPage(inAdmin(<AlertsPage />));
    expect(screen.getByRole("alert")).toHaveTextContent("Admins only");
  });

  test("shows the server's forbidden answer as a forbidden state", () => {
    fake.setQuery(alertsApi.list, new ConvexError({ kind: "forbidden", message: "Admins only." }));
    renderPage(inAdmin(<AlertsPage />));
    expect(screen.getByRole("alert")).toHaveTextContent("You don’t have access to this page");
  });

  test("shows loading, then an empty queue", () => {
    fake.setQuery(alertsApi.list, undefined);
    renderPage(inAdmin(<AlertsPage />));
    expect(screen.getByRole("status")).toHaveTextContent("Loading alerts");
    act(() => fake.setQuery(alertsApi.list, []));
    expect(screen.getByText("No open alerts")).toBeInTheDocument();
  });

  test("lists open alerts with severity, evidence summary, key and owner", () => {
    fake.setQuery(alertsApi.list, [alert()]);
    renderPage(inAdmin(<AlertsPage />));
    const row = screen.getAllByRole("row")[1]!;
    expect(row).toHaveTextContent("Critical");
    expect(row).toHaveTextContent("Sequential access");
    expect(row).toHaveTextContent("Walked 120 articles in catalogue order");
    expect(row).toHaveTextContent("Scraper key");
    expect(row).toHaveTextContent("Revoked");
    expect(row).toHaveTextContent("scraper@example.com");
    expect(within(row).getByRole("link", { name: /Inspect/ })).toHaveAttribute("href", "/admin/alerts/alert_1");
  });

  test("a key deleted since the alert is still named (from its tombstone) and shown as deleted", () => {
    fake.setQuery(alertsApi.list, [alert({ keyName: "Scraper key", keyStatus: "deleted" })]);
    renderPage(inAdmin(<AlertsPage />));
    const row = screen.getAllByRole("row")[1]!;
    expect(row).toHaveTextContent("Scraper key");
    expect(row).toHaveTextContent("Deleted");
    expect(row).not.toHaveTextContent("Revoked");
  });

  test("a key with no record left reads as a deleted key", () => {
    fake.setQuery(alertsApi.list, [alert({ keyName: null, keyStatus: null })]);
    renderPage(inAdmin(<AlertsPage />));
    expect(screen.getAllByRole("row")[1]).toHaveTextContent("deleted key");
  });

  test("passes the filters to the server", async () => {
    fake.setQuery(alertsApi.list, []);
    const { user } = renderPage(inAdmin(<AlertsPage />));
    expect(fake.lastArgs(alertsApi.list)).toEqual({ alertType: undefined, severity: undefined, resolved: false });
    await user.selectOptions(screen.getByLabelText("Type"), "ip_rotation");
    await user.selectOptions(screen.getByLabelText("Severity"), "warning");
    await user.selectOptions(screen.getByLabelText("Status"), "all");
    expect(fake.lastArgs(alertsApi.list)).toEqual({ alertType: "ip_rotation", severity: "warning", resolved: undefined });
  });

  test("a new alert appears live, marked new", () => {
    fake.setQuery(alertsApi.list, [alert({ createdAt: Date.now() - 60_000 })]);
    renderPage(inAdmin(<AlertsPage />));
    expect(screen.getAllByRole("row")).toHaveLength(2);
    act(() =>
      fake.setQuery(alertsApi.list, [
        alert({ _id: "alert_2" as Id<"scrapingAlerts">, alertType: "ip_rotation", createdAt: Date.now() + 1_000, keyName: "Rotating key" }),
        alert({ createdAt: Date.now() - 60_000 }),
      ]),
    );
    const rows = screen.getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("IP rotation");
    expect(rows[1]).toHaveClass("is-new");
    expect(within(rows[1]!).getByText("New")).toBeInTheDocument();
    expect(screen.getByText("1 new since you opened this page")).toBeInTheDocument();
  });
});

describe("AlertDetailPage", () => {
  const requests = [
    accessRow("r1", { contentSlug: "a-1", accessedAt: NOW - 3000 }),
    accessRow("r2", { contentSlug: "a-2", ipAddress: "10.0.0.2", accessedAt: NOW - 2000 }),
    accessRow("r3", { contentSlug: "a-3", statusCode: 429, accessedAt: NOW - 1000 }),
  ];
  const detail = (keyOverrides: Partial<KeyView> = {}) =>
    alertDetail({
      key: keyView({ id: "key_9", name: "Scraper key", status: "revoked", revokedReason: "Automatic: sequential_access", ...keyOverrides }),
      requests,
    });

  test("shows the evidence: summary, details, IPs, slugs and requests", () => {
    fake.setQuery(alertsApi.get, detail());
    renderPage(inAdmin(<AlertDetailPage alertId={"alert_1" as Id<"scrapingAlerts">} />));
    expect(fake.lastArgs(alertsApi.get)).toEqual({ alertId: "alert_1" });
    expect(screen.getByRole("heading", { name: "Sequential access alert" })).toBeInTheDocument();
    expect(screen.getByText("Walked 120 articles in catalogue order")).toBeInTheDocument();
    expect(screen.getByText("Sam Scraper <scraper@example.com>")).toBeInTheDocument();
    const ips = screen.getByRole("region", { name: "IP addresses" });
    expect(ips).toHaveTextContent("2 distinct");
    expect(ips).toHaveTextContent("10.0.0.1×2");
    expect(screen.getByRole("region", { name: "Slugs" })).toHaveTextContent("3 distinct");
    expect(screen.getByRole("table", { name: "Requests behind this alert" })).toHaveTextContent("429");
  });

  test("unbanning a revoked key resolves the open alert with the note", async () => {
    fake.setQuery(alertsApi.get, detail());
    fake.setMutation(api.admin.alertOutcome.unbanAndResolve, () => null);
    const { user } = renderPage(inAdmin(<AlertDetailPage alertId={"alert_1" as Id<"scrapingAlerts">} />));
    expect(screen.queryByRole("button", { name: "Revoke key" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Unban key" }));
    expect(screen.getByRole("dialog")).toHaveTextContent("this alert is resolved with your note");
    await user.type(screen.getByLabelText("Note (optional)"), "False positive");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Unban key" }));
    expect(fake.calls(api.admin.alertOutcome.unbanAndResolve)[0]!.args).toEqual({ alertId: "alert_1", note: "False positive" });
    expect(screen.getByText("“Scraper key” unbanned; alert resolved.")).toBeInTheDocument();
  });

  test("a resolved alert shows who resolved it, when, and their note", () => {
    fake.setQuery(alertsApi.get, { ...detail(), alert: { ...alert(), resolved: true, resolvedAt: NOW } });
    fake.setQuery(api.admin.alertOutcome.resolution, { byEmail: "admin@nak.test", at: NOW, note: "Benign partner sync" });
    renderPage(inAdmin(<AlertDetailPage alertId={"alert_1" as Id<"scrapingAlerts">} />));
    expect(screen.getByText(/admin@nak\.test/)).toBeInTheDocument();
    expect(screen.getByText("Benign partner sync")).toBeInTheDocument();
  });

  test("revokes an active key with a reason, and resolves the alert", async () => {
    fake.setQuery(alertsApi.get, detail({ status: "active", revokedReason: null }));
    fake.setMutation(api.admin.keys.revoke, () => keyView({ status: "revoked" }));
    fake.setMutation(alertsApi.resolve, () => null);
    const { user } = renderPage(inAdmin(<AlertDetailPage alertId={"alert_1" as Id<"scrapingAlerts">} />));
    await user.click(screen.getByRole("button", { name: "Revoke key" }));
    await user.type(screen.getByLabelText("Reason"), "Crawling the catalogue");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Revoke key" }));
    expect(fake.calls(api.admin.keys.revoke)[0]!.args).toEqual({ keyId: "key_9", reason: "Crawling the catalogue" });

    await user.click(screen.getByRole("button", { name: "Resolve alert" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Resolve alert" }));
    expect(fake.calls(alertsApi.resolve)[0]!.args).toEqual({ alertId: "alert_1", note: undefined });
  });

  test("a deleted key is named from its tombstone, marked deleted, and offers neither revoke nor unban", () => {
    fake.setQuery(alertsApi.get, alertDetail({ alert: alert({ keyName: "Scraper key", keyStatus: "deleted" }), key: null, requests }));
    renderPage(inAdmin(<AlertDetailPage alertId={"alert_1" as Id<"scrapingAlerts">} />));
    const card = screen.getByRole("region", { name: "Key and owner" });
    expect(card).toHaveTextContent("Scraper key");
    expect(card).toHaveTextContent("Deleted");
    expect(within(card).getByRole("link", { name: "Audit log of this key" })).toHaveAttribute("href", "/admin/audit?key=key_9");
    expect(screen.queryByRole("button", { name: "Revoke key" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Unban key" })).not.toBeInTheDocument();
  });

  test("counts distinct values, most frequent first", () => {
    expect(tally(["b", "a", "b"])).toEqual([
      { value: "b", count: 2 },
      { value: "a", count: 1 },
    ]);
  });
});
