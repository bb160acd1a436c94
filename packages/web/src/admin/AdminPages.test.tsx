// Admin pages' states and actions: audit log filters, customers' plans, leak tracing, all keys.
import { screen, within } from "@testing-library/react";
import { AuditPage } from "./audit/AuditPage";
import { CustomersPage } from "./customers/CustomersPage";
import { LeaksPage } from "./leaks/LeaksPage";
import { AdminKeysPage } from "./keys/AdminKeysPage";
import { api, leaksApi } from "../lib/api";
import { fake } from "../test/fakeConvex";
import { keyView, NOW, usage } from "../test/fixtures";
import { renderPage } from "../test/render";
import { QueryBoundary } from "../ui/States";

vi.mock("convex/react", () => import("../test/fakeConvex"));

beforeEach(() => fake.reset());

const wrap = (page: React.ReactNode) => <QueryBoundary>{page}</QueryBoundary>;

describe("AuditPage", () => {
  const event = (id: string, type: string, severity: "info" | "warning" | "critical") => ({
    _id: id,
    _creationTime: NOW,
    type,
    severity,
    actor: "system",
    apiKeyId: "key_9",
    details: JSON.stringify({ reason: `${type} happened` }),
    createdAt: NOW,
  });

  test("lists events and filters them by type and severity on the server", async () => {
    fake.setQuery(api.admin.audit.list, [event("e1", "api_key_revoked", "critical")]);
    const { user } = renderPage(wrap(<AuditPage />), { path: "/admin/audit" });
    expect(screen.getAllByRole("row")[1]).toHaveTextContent("API key revoked");
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
  const customer = { profileId: "p1", userId: "u1", email: "fran@example.com", name: "Fran", plan: "free", role: "user", createdAt: NOW, activeKeys: 2 };

  test("changes a plan after confirmation", async () => {
    fake.setQuery(api.admin.customers.list, [customer]);
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
    fake.setQuery(api.admin.customers.list, [customer]);
    const { user } = renderPage(wrap(<CustomersPage />));
    await user.selectOptions(screen.getByLabelText("Plan of fran@example.com"), "enterprise");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(fake.calls(api.admin.customers.setPlan)).toHaveLength(0);
    expect(screen.getByLabelText("Plan of fran@example.com")).toHaveValue("free");
  });
});

describe("LeaksPage", () => {
  const leaked = "A long paragraph of leaked article text copied from somewhere.";

  beforeEach(() => fake.setQuery(leaksApi.list, []));

  test("traces text that carries no watermark", async () => {
    fake.setQuery(leaksApi.trace, { found: false, reason: "No watermark in this text." });
    const { user } = renderPage(wrap(<LeaksPage />));
    await user.type(screen.getByLabelText("Leaked text"), leaked);
    await user.click(screen.getByRole("button", { name: "Trace" }));
    expect(fake.lastArgs(leaksApi.trace)).toEqual({ text: leaked });
    expect(screen.getByText("No watermark in this text.")).toBeInTheDocument();
  });

  test("names the key and owner, then records the leak and revokes the key", async () => {
    fake.setQuery(leaksApi.trace, {
      found: true,
      apiKeyId: "key_9",
      key: keyView({ id: "key_9", name: "Scraper key" }),
      owner: { email: "sam@example.com", name: "Sam" },
      slug: "article-42",
      confidence: 0.97,
    });
    fake.setMutation(leaksApi.record, () => ({ leakId: "l1", apiKeyId: "key_9", slug: "article-42" }));
    const { user } = renderPage(wrap(<LeaksPage />));
    await user.type(screen.getByLabelText("Leaked text"), leaked);
    await user.click(screen.getByRole("button", { name: "Trace" }));
    const result = screen.getByRole("region", { name: "Trace result" });
    expect(result).toHaveTextContent("confidence 97%");
    expect(result).toHaveTextContent("Sam <sam@example.com>");
    expect(result).toHaveTextContent("article-42");
    await user.click(within(result).getByRole("button", { name: "Record leak and revoke key" }));
    expect(within(result).getByText(/Say where the copy was found/)).toBeInTheDocument();
    await user.type(within(result).getByLabelText("Found on"), "https://copycat.example/article-42");
    await user.click(within(result).getByRole("button", { name: "Record leak and revoke key" }));
    expect(fake.calls(leaksApi.record)[0]!.args).toEqual({ text: leaked, foundOn: "https://copycat.example/article-42", reportedBy: "manual", revoke: true });
    expect(within(result).getByText("Recorded")).toBeInTheDocument();
  });

  test("asks for enough text before tracing", async () => {
    fake.setQuery(leaksApi.trace, () => {
      throw new Error("must not be queried");
    });
    const { user } = renderPage(wrap(<LeaksPage />));
    await user.type(screen.getByLabelText("Leaked text"), "too short");
    await user.click(screen.getByRole("button", { name: "Trace" }));
    expect(screen.getByText(/at least a paragraph/)).toBeInTheDocument();
  });

  test("resolves a recorded leak", async () => {
    fake.setQuery(leaksApi.list, [
      { _id: "l1", apiKeyId: "key_9", slug: "article-42", foundOn: "copycat.example", foundAt: NOW, reportedBy: "user_report", resolved: false, createdAt: NOW },
    ]);
    fake.setMutation(leaksApi.resolve, () => null);
    const { user } = renderPage(wrap(<LeaksPage />));
    expect(fake.lastArgs(leaksApi.list)).toEqual({ resolved: false });
    await user.click(screen.getByRole("button", { name: "Resolve leak on copycat.example" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Resolve leak" }));
    expect(fake.calls(leaksApi.resolve)[0]!.args).toEqual({ leakId: "l1" });
  });

  test("the leak list's failure does not take the tracer down", () => {
    fake.setQuery(leaksApi.list, new Error("Could not find public function for 'admin/leaks:list'"));
    renderPage(wrap(<LeaksPage />));
    expect(screen.getByRole("alert")).toHaveTextContent("not available yet");
    expect(screen.getByLabelText("Leaked text")).toBeInTheDocument();
  });
});

describe("AdminKeysPage", () => {
  test("lists every key with its owner; revokes active and unbans revoked keys", async () => {
    fake.setQuery(api.admin.keys.list, [
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
