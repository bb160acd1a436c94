// Admin notifications: the webhook page's states and actions, the alert watcher's tab title and
// browser notifications, and their pure helpers.
import { act, screen } from "@testing-library/react";
import { api } from "../../lib/api";
import { fake } from "../../test/fakeConvex";
import { criticalAlert as alert, delivery, notificationSettings, openCritical as critical } from "../../test/fixtures";
import { renderPage } from "../../test/render";
import { QueryBoundary } from "../../ui/States";
import { AlertWatcher } from "./AlertWatcher";
import { newCriticalAlerts, titleWithCount } from "./alertWatch";
import { NotificationsPage } from "./NotificationsPage";

vi.mock("convex/react", () => import("../../test/fakeConvex"));

beforeEach(() => fake.reset());

const settings = notificationSettings();

describe("alert watch helpers", () => {
  test("titleWithCount prefixes the count and replaces an earlier one", () => {
    expect(titleWithCount("Alerts · Nak", 3)).toBe("(3) Alerts · Nak");
    expect(titleWithCount("(3) Alerts · Nak", 5)).toBe("(5) Alerts · Nak");
    expect(titleWithCount("(3) Alerts · Nak", 0)).toBe("Alerts · Nak");
    expect(titleWithCount("Alerts · Nak", 1000, true)).toBe("(1000+) Alerts · Nak");
  });

  test("newCriticalAlerts reports only alerts not seen before, none on the first look", () => {
    const rows = [alert("a"), alert("b")];
    expect(newCriticalAlerts(null, rows)).toEqual([]);
    expect(newCriticalAlerts(new Set(["a", "b"]), [alert("d"), ...rows]).map((a) => a._id)).toEqual(["d"]);
    expect(newCriticalAlerts(new Set(), rows).map((a) => a._id)).toEqual(["a", "b"]);
  });
});

describe("AlertWatcher", () => {
  const notified: Array<{ title: string; body?: string }> = [];
  class FakeNotification {
    static permission: NotificationPermission = "granted";
    static requestPermission = vi.fn(async () => "granted" as NotificationPermission);
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      notified.push({ title, body: options?.body });
    }
  }
  beforeEach(() => {
    notified.length = 0;
    vi.stubGlobal("Notification", FakeNotification);
    document.title = "Alerts · Nak";
  });
  afterEach(() => vi.unstubAllGlobals());

  test("shows the open critical count in the tab title, also after the page retitles itself", async () => {
    fake.setQuery(api.notifications.admin.openCritical, critical(["a", "b"]));
    renderPage(<AlertWatcher />, { path: "/admin" });
    expect(document.title).toBe("(2) Alerts · Nak");
    document.title = "Audit log · Nak";
    await vi.waitFor(() => expect(document.title).toBe("(2) Audit log · Nak"));
    act(() => fake.setQuery(api.notifications.admin.openCritical, critical([])));
    expect(document.title).toBe("Audit log · Nak");
  });

  test("notifies of a new critical alert, not of those open when the page opened", () => {
    fake.setQuery(api.notifications.admin.openCritical, critical(["old"]));
    renderPage(<AlertWatcher />, { path: "/admin" });
    expect(notified).toEqual([]);
    act(() => fake.setQuery(api.notifications.admin.openCritical, critical(["new", "old"])));
    expect(notified).toEqual([{ title: "Critical alert: Bulk access", body: 'Key "Scraper key". Open the alert to review the evidence.' }]);
    act(() => fake.setQuery(api.notifications.admin.openCritical, critical(["new", "old"])));
    expect(notified).toHaveLength(1);
  });

  test("asks for permission only when the admin clicks, and sends nothing without it", async () => {
    FakeNotification.permission = "default";
    fake.setQuery(api.notifications.admin.openCritical, critical([]));
    const { user } = renderPage(<AlertWatcher />, { path: "/admin" });
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    act(() => fake.setQuery(api.notifications.admin.openCritical, critical(["x"])));
    expect(notified).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Notify me of critical alerts" }));
    expect(FakeNotification.requestPermission).toHaveBeenCalledOnce();
    FakeNotification.permission = "granted";
  });
});

test("a failing watcher renders nothing and leaves the page alone", () => {
  fake.setQuery(api.notifications.admin.openCritical, new Error("forbidden"));
  renderPage(<div data-testid="page">Page<AlertWatcher /></div>, { path: "/admin" });
  expect(screen.getByTestId("page").innerHTML).toBe("Page");
});

describe("NotificationsPage", () => {
  test("says when no webhook is active, and shows an empty delivery log", () => {
    fake.setQuery(api.notifications.admin.settings, settings);
    fake.setQuery(api.notifications.admin.deliveries, []);
    renderPage(<QueryBoundary><NotificationsPage /></QueryBoundary>, { path: "/admin/notifications" });
    expect(screen.getByText("No webhook is active: nothing is sent.")).toBeInTheDocument();
    expect(screen.getByText("No deliveries yet")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send a test event" })).toBeDisabled();
  });

  test("saves the URL and shows the new signing secret once, with copy", async () => {
    fake.setQuery(api.notifications.admin.settings, settings);
    fake.setQuery(api.notifications.admin.deliveries, []);
    fake.setMutation(api.notifications.admin.configure, () => ({ secret: "whsec_abc123" }));
    const { user } = renderPage(<QueryBoundary><NotificationsPage /></QueryBoundary>, { path: "/admin/notifications" });
    await user.type(screen.getByLabelText("Webhook URL"), "https://hooks.example.com/nak");
    await user.selectOptions(screen.getByLabelText("Send alerts of"), "critical");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(fake.calls(api.notifications.admin.configure)[0].args).toEqual({ url: "https://hooks.example.com/nak", enabled: true, minSeverity: "critical", rotateSecret: false });
    expect(screen.getByText("whsec_abc123")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Copy/ })).toBeInTheDocument();
  });

  test("shows the server's refusal of a URL next to the field", async () => {
    const { ConvexError } = await import("convex/values");
    fake.setQuery(api.notifications.admin.settings, settings);
    fake.setQuery(api.notifications.admin.deliveries, []);
    fake.setMutation(api.notifications.admin.configure, () => {
      throw new ConvexError({ kind: "invalid_argument", message: "The webhook URL must use https (http only for localhost)." });
    });
    const { user } = renderPage(<QueryBoundary><NotificationsPage /></QueryBoundary>, { path: "/admin/notifications" });
    await user.type(screen.getByLabelText("Webhook URL"), "http://hooks.example.com");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/must use https/)).toBeInTheDocument();
  });

  test("lists deliveries with status and attempts, and filters by status on the server", async () => {
    fake.setQuery(api.notifications.admin.settings, notificationSettings({ activeUrl: "https://hooks.example.com/nak", source: "setting", url: "https://hooks.example.com/nak", hasSecret: true }));
    fake.setQuery(api.notifications.admin.deliveries, [delivery("d1", "delivered", { attempts: 2 }), delivery("d2", "failed", { lastStatusCode: 503, attempts: 7 })]);
    const { user } = renderPage(<QueryBoundary><NotificationsPage /></QueryBoundary>, { path: "/admin/notifications" });
    const rows = screen.getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Delivered");
    expect(rows[2]).toHaveTextContent("Failed");
    expect(rows[2]).toHaveTextContent("HTTP 503");
    expect(rows[2]).toHaveTextContent("7");
    await user.selectOptions(screen.getByLabelText("Delivery status"), "failed");
    expect(fake.lastArgs(api.notifications.admin.deliveries)).toEqual({ status: "failed" });
  });
});
