// Admin pages' states and actions: audit log filters, customers' plans, all keys (leak tracing:
// leaks/LeaksPage.test.tsx).
import { screen, within } from "@testing-library/react";
import { AuditPage, auditCsv } from "./audit/AuditPage";
import { CustomersPage } from "./customers/CustomersPage";
import { AdminKeysPage } from "./keys/AdminKeysPage";
import { api } from "../lib/api";
import { fake } from "../test/fakeConvex";
import { adminKeyRow, auditRow as event, customerKey, customerRow, NOW } from "../test/fixtures";
import { renderPage } from "../test/render";
import { QueryBoundary } from "../ui/States";

vi.mock("convex/react", () => import("../test/fakeConvex"));

beforeEach(() => fake.reset());

const wrap = (page: React.ReactNode) => <QueryBoundary>{page}</QueryBoundary>;

describe("AuditPage", () => {
  test("shows emails, key names with prefix (linked) and readable times instead of ids and epoch ms", () => {
    fake.setQuery(api.admin.auditLog.list, [event("e1", "api_key_revoked", "critical"), event("e2", "scraping_alert", "warning", { actor: "system", actorEmail: null })]);
    renderPage(wrap(<AuditPage />), { path: "/admin/audit" });
    const [, first, second] = screen.getAllByRole("row");
    expect(first).toHaveTextContent("API key revoked");
    expect(first).toHaveTextContent("Critical");
    expect(within(first!).getAllByRole("link", { name: "alice@example.com" })[0]).toHaveAttribute("href", "/admin/audit?email=alice%40example.com");
    expect(within(first!).getByRole("link", { name: /Alice prod nak_pk_ab12/ })).toHaveAttribute("href", "/admin/audit?email=alice%40example.com&key=key_9");
    expect(first).not.toHaveTextContent(String(NOW));
    expect(second).toHaveTextContent("System");
  });

  test("searches by a customer's email, then one of their keys picked by name, prefix and status", async () => {
    fake.setQuery(api.admin.auditLog.list, [event("e1", "api_key_created", "info")]);
    fake.setQuery(api.admin.auditLog.customerKeys, [
      customerKey({ id: "key_9", name: "Alice prod", start: "nak_pk_ab12", status: "active" }),
      customerKey({ id: "key_8", name: "Alice prod", start: "nak_pk_zz99", status: "revoked" }),
    ]);
    const { user } = renderPage(wrap(<AuditPage />), { path: "/admin/audit" });
    await user.type(screen.getByLabelText("Customer email"), "alice@example.com");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(fake.lastArgs(api.admin.auditLog.list)).toMatchObject({ email: "alice@example.com" });
    await user.selectOptions(screen.getByLabelText("Key"), "Alice prod (nak_pk_zz99…, revoked)");
    expect(fake.lastArgs(api.admin.auditLog.list)).toMatchObject({ email: "alice@example.com", apiKeyId: "key_8" });
  });

  test("filters by type, severity and a UTC date range on the server", async () => {
    fake.setQuery(api.admin.auditLog.list, [event("e1", "api_key_revoked", "critical")]);
    const { user } = renderPage(wrap(<AuditPage />), { path: "/admin/audit" });
    await user.selectOptions(screen.getByLabelText("Event type"), "plan_changed");
    await user.selectOptions(screen.getByLabelText("Severity"), "info");
    await user.type(screen.getByLabelText("From (UTC)"), "2026-11-01");
    await user.type(screen.getByLabelText("To (UTC)"), "2026-11-02");
    expect(fake.lastArgs(api.admin.auditLog.list)).toEqual({
      type: "plan_changed",
      severity: "info",
      from: Date.parse("2026-11-01T00:00:00Z"),
      to: Date.parse("2026-11-03T00:00:00Z") - 1,
    });
  });

  test("exports the loaded rows as CSV with quoting and formula-looking text defused", () => {
    const csv = auditCsv([event("e1", "api_key_revoked", "critical", { keyName: "=cmd, \"x\"" })]);
    const [header, line] = csv.trim().split("\n");
    expect(header).toBe("time,severity,event,actor,actor_email,customer_email,key_name,key_prefix,key_id,details");
    expect(line).toContain(`"'=cmd, ""x"""`);
    expect(line).toContain(new Date(NOW).toISOString());
  });

  test("shows an empty state", () => {
    fake.setQuery(api.admin.auditLog.list, []);
    renderPage(wrap(<AuditPage />), { path: "/admin/audit" });
    expect(screen.getByText("No events match these filters")).toBeInTheDocument();
  });
});

describe("CustomersPage", () => {
  const customer = customerRow();

  test("changes a plan after confirmation", async () => {
    fake.setQuery(api.admin.search.customers, [customer]);
    fake.setMutation(api.admin.customers.setPlan, () => null);
    const { user } = renderPage(wrap(<CustomersPage />));
    await user.selectOptions(screen.getByLabelText("Plan of fran@example.com"), "pro");
    const dialog = screen.getByRole("dialog", { name: "Change fran@example.com's plan?" });
    expect(dialog).toHaveTextContent("From Free to Pro.");
    await user.click(within(dialog).getByRole("button", { name: "Change plan" }));
    expect(fake.calls(api.admin.customers.setPlan)[0]!.args).toEqual({ profileId: "p1", plan: "pro" });
    expect(screen.getByText("fran@example.com is now on Pro.")).toBeInTheDocument();
  });

  test("cancelling leaves the plan alone", async () => {
    fake.setQuery(api.admin.search.customers, [customer]);
    const { user } = renderPage(wrap(<CustomersPage />));
    await user.selectOptions(screen.getByLabelText("Plan of fran@example.com"), "enterprise");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(fake.calls(api.admin.customers.setPlan)).toHaveLength(0);
    expect(screen.getByLabelText("Plan of fran@example.com")).toHaveValue("free");
  });
});

describe("AdminKeysPage", () => {
  test("lists every key with its owner; revokes active and unbans revoked keys", async () => {
    fake.setQuery(api.admin.search.keys, [
      adminKeyRow({ id: "k1", name: "Good key" }),
      adminKeyRow({ id: "k2", name: "Bad key", status: "revoked", revokedReason: "Scraping" }, null),
    ]);
    fake.setMutation(api.admin.keys.unban, () => adminKeyRow({ id: "k2", name: "Bad key" }).key);
    const { user } = renderPage(wrap(<AdminKeysPage />));
    expect(screen.getByRole("button", { name: "Revoke Good key" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Unban Good key" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Unban Bad key" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Unban key" }));
    expect(fake.calls(api.admin.keys.unban)[0]!.args).toEqual({ keyId: "k2", note: undefined });
  });
});
