// Admin pages' states and actions: audit log filters, customers' plans, all keys (leak tracing:
// leaks/LeaksPage.test.tsx).
import { screen, within } from "@testing-library/react";
import { AuditPage } from "./audit/AuditPage";
import { CustomersPage } from "./customers/CustomersPage";
import { AdminKeysPage } from "./keys/AdminKeysPage";
import { api } from "../lib/api";
import { fake } from "../test/fakeConvex";
import { auditEvent, customerRow, keyView, usage } from "../test/fixtures";
import { renderPage } from "../test/render";
import { QueryBoundary } from "../ui/States";

vi.mock("convex/react", () => import("../test/fakeConvex"));

beforeEach(() => fake.reset());

const wrap = (page: React.ReactNode) => <QueryBoundary>{page}</QueryBoundary>;

describe("AuditPage", () => {
  const event = auditEvent;

  test("lists events and filters them by type and severity on the server", async () => {
    fake.setQuery(api.admin.audit.list, [event("e1", "api_key_revoked", "critical")]);
    const { user } = renderPage(wrap(<AuditPage />), { path: "/admin/audit" });
    expect(screen.getAllByRole("row")[1]).toHaveTextContent("Api key revoked");
    expect(screen.getAllByRole("row")[1]).toHaveTextContent("api_key_revoked happened");
    await user.selectOptions(screen.getByLabelText("Event type"), "plan_changed");
    await user.selectOptions(screen.getByLabelText("Severity"), "info");
    expect(fake.lastArgs(api.admin.audit.list)).toEqual({ type: "plan_changed", severity: "info" });
  });

  test("filters by key from the address, and the other filters on its events", async () => {
    fake.setQuery(api.admin.audit.list, [event("e1", "api_key_revoked", "critical"), event("e2", "api_key_created", "info")]);
    const { user } = renderPage(wrap(<AuditPage />), { path: "/admin/audit?key=key_9" });
    expect(fake.lastArgs(api.admin.audit.list)).toEqual({ apiKeyId: "key_9" });
    expect(screen.getAllByRole("row")).toHaveLength(3);
    await user.selectOptions(screen.getByLabelText("Severity"), "info");
    expect(screen.getAllByRole("row")).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Clear key filter" }));
    expect(window.location.search).toBe("");
  });

  test("shows an empty state", () => {
    fake.setQuery(api.admin.audit.list, []);
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
      { key: keyView({ id: "k1", name: "Good key" }), owner: { email: "a@example.com", name: "A" }, usage: usage() },
      { key: keyView({ id: "k2", name: "Bad key", status: "revoked", revokedReason: "Scraping" }), owner: null, usage: null },
    ]);
    fake.setMutation(api.admin.keys.unban, () => keyView());
    const { user } = renderPage(wrap(<AdminKeysPage />));
    expect(screen.getByRole("button", { name: "Revoke Good key" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Unban Good key" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Unban Bad key" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Unban key" }));
    expect(fake.calls(api.admin.keys.unban)[0]!.args).toEqual({ keyId: "k2", note: undefined });
  });
});
