// The app's gating: session loading, signed out, customer vs admin navigation, routing, sign out.
import { act, screen, waitFor, within } from "@testing-library/react";
import { App } from "./App";
import { readConfig } from "./config";
import { ConvexError } from "convex/values";
import { alertsApi, api } from "./lib/api";
import { fake } from "./test/fakeConvex";
import { me } from "./test/fixtures";
import { renderPage } from "./test/render";

vi.mock("convex/react", () => import("./test/fakeConvex"));

beforeEach(() => {
  fake.reset();
  fake.setQuery(api.users.queries.me, me());
  fake.setQuery(api.apiKeys.queries.list, []);
  fake.setQuery(api.apiKeys.tierChange.planNotice, null);
});

describe("App", () => {
  test("shows a loading state while the session is checked", () => {
    fake.setAuth({ isLoading: true, isAuthenticated: false });
    renderPage(<App />);
    expect(screen.getByRole("status")).toHaveTextContent("Checking your session");
  });

  test("shows the sign-in page when signed out", () => {
    fake.setAuth({ isLoading: false, isAuthenticated: false });
    renderPage(<App />);
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
  });

  test("hides the admin link from customers", () => {
    renderPage(<App />, { path: "/keys" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).queryByRole("link", { name: "Admin" })).not.toBeInTheDocument();
  });

  test("shows the admin link to admins", () => {
    fake.setQuery(api.users.queries.me, me({ role: "admin" }));
    renderPage(<App />, { path: "/keys" });
    expect(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Admin" })).toBeInTheDocument();
  });

  test("shows admins the number of open critical alerts, live", () => {
    fake.setQuery(api.users.queries.me, me({ role: "admin" }));
    fake.setQuery(alertsApi.summary, { open: 3, openCritical: 0, capped: false });
    renderPage(<App />, { path: "/keys" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Admin" })).toBeInTheDocument();
    act(() => fake.setQuery(alertsApi.summary, { open: 4, openCritical: 2, capped: false }));
    expect(within(nav).getByRole("link", { name: "Admin 2 open critical alerts" })).toBeInTheDocument();
  });

  test("offers to sign in again when the session has ended", async () => {
    fake.setQuery(api.apiKeys.queries.list, new ConvexError({ kind: "unauthenticated", message: "Your session has ended. Sign in again." }));
    const { user, auth } = renderPage(<App />, { path: "/keys" });
    // Pages load on demand: the keys page appears a moment later.
    expect(await screen.findByRole("alert", {}, { timeout: 5_000 })).toHaveTextContent("Your session has ended.");
    await user.click(screen.getByRole("button", { name: "Sign in again" }));
    expect(auth.signOut).toHaveBeenCalled();
  });

  test("a customer who reaches an admin page sees a forbidden state", () => {
    renderPage(<App />, { path: "/admin/alerts" });
    expect(screen.getByRole("alert")).toHaveTextContent("Admins only");
  });

  test("navigates between pages without reloading and sets the title", async () => {
    fake.setQuery(api.apiKeys.queries.list, []);
    const { user } = renderPage(<App />, { path: "/keys" });
    await user.click(screen.getByRole("link", { name: "Usage" }));
    expect(window.location.pathname).toBe("/usage");
    const title = await screen.findByRole("heading", { name: "Usage", level: 1 }, { timeout: 5_000 });
    expect(document.title).toBe("Usage · Nak");
    // Focus moves to the new page's title (not the whole content area).
    await waitFor(() => expect(title).toHaveFocus());
  });

  test("signs out through the auth client", async () => {
    const { user, auth } = renderPage(<App />, { path: "/keys" });
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(auth.signOut).toHaveBeenCalled();
  });

  test("shows a not-found page for unknown paths", () => {
    renderPage(<App />, { path: "/nope" });
    expect(screen.getByText("This page does not exist")).toBeInTheDocument();
  });
});

describe("readConfig", () => {
  test("rejects a missing Convex URL with a readable message", () => {
    const result = readConfig({ VITE_CONVEX_SITE_URL: "http://127.0.0.1:3211" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/VITE_CONVEX_URL/);
  });

  test("turns VITE_GOOGLE_SIGN_IN into a boolean, off by default", () => {
    const base = { VITE_CONVEX_URL: "http://127.0.0.1:3210", VITE_CONVEX_SITE_URL: "http://127.0.0.1:3211" };
    expect(readConfig(base)).toMatchObject({ ok: true, config: { VITE_GOOGLE_SIGN_IN: false } });
    expect(readConfig({ ...base, VITE_GOOGLE_SIGN_IN: "true" })).toMatchObject({ ok: true, config: { VITE_GOOGLE_SIGN_IN: true } });
  });
});
