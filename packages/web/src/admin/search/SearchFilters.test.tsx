// The admin keys and customers pages pass their search and filters to the server's search queries.
import { act, screen } from "@testing-library/react";
import { AdminKeysPage } from "../keys/AdminKeysPage";
import { CustomersPage } from "../customers/CustomersPage";
import { api } from "../../lib/api";
import { fake } from "../../test/fakeConvex";
import { renderPage } from "../../test/render";
import { QueryBoundary } from "../../ui/States";
import { SEARCH_DEBOUNCE_MS } from "./SearchFilters";

vi.mock("convex/react", () => import("../../test/fakeConvex"));
beforeEach(() => fake.reset());

const settle = () => act(() => new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 50)));

describe("admin keys search", () => {
  test("sends the search text once typing pauses, and the tier and status filters", async () => {
    fake.setQuery(api.admin.search.keys, []);
    const { user } = renderPage(<QueryBoundary><AdminKeysPage /></QueryBoundary>, { path: "/admin/keys" });
    expect(fake.lastArgs(api.admin.search.keys)).toEqual({});
    expect(screen.getByText("No keys yet")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Search keys"), "fran@");
    await settle();
    expect(fake.lastArgs(api.admin.search.keys)).toEqual({ q: "fran@" });
    await user.selectOptions(screen.getByLabelText("Tier"), "pro");
    await user.selectOptions(screen.getByLabelText("Status"), "revoked");
    expect(fake.lastArgs(api.admin.search.keys)).toEqual({ q: "fran@", tier: "pro", status: "revoked" });
    expect(screen.getByText("No keys match this search")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Tier"), "");
    expect(fake.lastArgs(api.admin.search.keys)).toEqual({ q: "fran@", tier: undefined, status: "revoked" });
  });
});

describe("admin customers search", () => {
  test("searches by email and filters by plan and role", async () => {
    fake.setQuery(api.admin.search.customers, []);
    const { user } = renderPage(<QueryBoundary><CustomersPage /></QueryBoundary>, { path: "/admin/customers" });
    await user.type(screen.getByLabelText("Search customers"), "ann");
    await settle();
    await user.selectOptions(screen.getByLabelText("Plan"), "enterprise");
    await user.selectOptions(screen.getByLabelText("Role"), "admin");
    expect(fake.lastArgs(api.admin.search.customers)).toEqual({ q: "ann", plan: "enterprise", role: "admin" });
    expect(screen.getByText("No customers match this search")).toBeInTheDocument();
  });
});
