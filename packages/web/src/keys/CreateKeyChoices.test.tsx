// Creating a key with its choices (#14): scopes within the tier, expiry presets, a custom date
// within the tier's range, never where the tier allows; the reveal dialog's TypeScript snippet;
// scopes in the key list.
import { screen, within } from "@testing-library/react";
import { KeysPage } from "./KeysPage";
import { api } from "../lib/api";
import { fake } from "../test/fakeConvex";
import { keyRow, keyView, me } from "../test/fixtures";
import { renderPage, SITE_URL } from "../test/render";
import { QueryBoundary } from "../ui/States";
import { endOfLocalDay, isoDay } from "./forms";

vi.mock("convex/react", () => import("../test/fakeConvex"));

const PLAINTEXT = "nak_pk_TESTtestTESTtestTESTtestTESTtest12";
const DAY = 86_400_000;

beforeEach(() => {
  fake.reset();
  fake.setQuery(api.users.queries.me, me());
  fake.setQuery(api.apiKeys.queries.list, [keyRow()]);
  fake.setQuery(api.apiKeys.tierChange.planNotice, null);
  fake.setMutation(api.apiKeys.mutations.create, (args) => ({
    apiKey: PLAINTEXT,
    apiKeyId: "k_new",
    key: keyView({ id: "k_new", name: String(args.name), permissions: (args.permissions as string[] | undefined) ?? ["contents", "search"] }),
  }));
});

async function openCreate() {
  const view = renderPage(
    <QueryBoundary>
      <KeysPage />
    </QueryBoundary>,
    { path: "/keys" },
  );
  await view.user.click(screen.getByRole("button", { name: "Create key" }));
  const dialog = screen.getByRole("dialog", { name: "Create an API key" });
  await view.user.type(within(dialog).getByLabelText("Name"), "Worker");
  return { user: view.user, dialog };
}

const submit = (user: Awaited<ReturnType<typeof openCreate>>["user"], dialog: HTMLElement) =>
  user.click(within(dialog).getByRole("button", { name: "Create key" }));

describe("scopes", () => {
  test("a pro key offers both scopes, checked; unchecking contents creates a search-only key", async () => {
    const { user, dialog } = await openCreate();
    const scopes = within(dialog).getByRole("group", { name: "Scopes" });
    expect(within(scopes).getByRole("checkbox", { name: /contents/ })).toBeChecked();
    expect(within(scopes).getByRole("checkbox", { name: /search/ })).toBeChecked();
    await user.click(within(scopes).getByRole("checkbox", { name: /contents/ }));
    await submit(user, dialog);
    expect(fake.calls(api.apiKeys.mutations.create)[0]!.args).toMatchObject({ tier: "pro", permissions: ["search"] });
  });

  test("no scope at all is refused before the server is called", async () => {
    const { user, dialog } = await openCreate();
    for (const name of [/contents/, /search/]) await user.click(within(dialog).getByRole("checkbox", { name }));
    await submit(user, dialog);
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Choose at least one scope");
    expect(fake.calls(api.apiKeys.mutations.create)).toHaveLength(0);
  });

  test("a free key cannot be given search: the box is disabled and unchecked", async () => {
    const { user, dialog } = await openCreate();
    await user.selectOptions(within(dialog).getByLabelText("Tier"), "free");
    const search = within(dialog).getByRole("checkbox", { name: /search/ });
    expect(search).toBeDisabled();
    expect(search).not.toBeChecked();
    expect(within(dialog).getByText(/not in the Free tier/)).toBeInTheDocument();
    await submit(user, dialog);
    expect(fake.calls(api.apiKeys.mutations.create)[0]!.args).toMatchObject({ tier: "free", permissions: ["contents"] });
  });

  test("the key list shows each key's scopes", () => {
    fake.setQuery(api.apiKeys.queries.list, [keyRow({ id: "k1", name: "Searcher", permissions: ["search"] })]);
    renderPage(
      <QueryBoundary>
        <KeysPage />
      </QueryBoundary>,
      { path: "/keys" },
    );
    const row = screen.getAllByRole("row")[1]!;
    expect(within(row).getByLabelText("Scopes: search")).toHaveTextContent("search");
  });
});

describe("expiry", () => {
  test.each([
    ["7", 7],
    ["30", 30],
    ["90", 90],
    ["365", 365],
  ])("the %s-day preset is sent as days", async (value, days) => {
    const { user, dialog } = await openCreate();
    await user.selectOptions(within(dialog).getByLabelText("Expires after"), value);
    await submit(user, dialog);
    expect(fake.calls(api.apiKeys.mutations.create)[0]!.args).toMatchObject({ expiresInDays: days });
    expect(fake.calls(api.apiKeys.mutations.create)[0]!.args).not.toHaveProperty("expiresAt");
  });

  test("a custom date is sent as the end of that day", async () => {
    const { user, dialog } = await openCreate();
    await user.selectOptions(within(dialog).getByLabelText("Expires after"), "custom");
    const date = within(dialog).getByLabelText("Expiry date");
    const day = isoDay(Date.now() + 45 * DAY);
    expect(date).toHaveAttribute("min", isoDay(Date.now() + DAY));
    expect(date).toHaveAttribute("max", isoDay(Date.now() + 364 * DAY));
    await user.type(date, day);
    await submit(user, dialog);
    expect(fake.calls(api.apiKeys.mutations.create)[0]!.args).toMatchObject({ expiresAt: endOfLocalDay(day) });
  });

  test.each([
    ["in the past", -3, /in the past/],
    ["beyond a year", 400, /at most 365 days/],
  ])("a custom date %s is refused with the server's rule, before calling it", async (_, offsetDays, message) => {
    const { user, dialog } = await openCreate();
    await user.selectOptions(within(dialog).getByLabelText("Expires after"), "custom");
    await user.type(within(dialog).getByLabelText("Expiry date"), isoDay(Date.now() + offsetDays * DAY));
    await submit(user, dialog);
    expect(within(dialog).getByRole("alert")).toHaveTextContent(message);
    expect(fake.calls(api.apiKeys.mutations.create)).toHaveLength(0);
  });

  test("a custom expiry without a date asks for one", async () => {
    const { user, dialog } = await openCreate();
    await user.selectOptions(within(dialog).getByLabelText("Expires after"), "custom");
    await submit(user, dialog);
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Choose a date.");
  });

  test("never is offered only where the tier allows it (enterprise)", async () => {
    const { dialog } = await openCreate();
    expect(within(dialog).getByRole("option", { name: "Never (Pro keys must expire)" })).toBeDisabled();
    expect(within(dialog).getByLabelText("Expires after")).toHaveAccessibleDescription(/only Enterprise keys may never expire/);
  });

  test("an enterprise customer may create a key that never expires", async () => {
    fake.setQuery(api.users.queries.me, me({ plan: "enterprise", allowedTiers: ["free", "pro", "enterprise"] }));
    const { user, dialog } = await openCreate();
    expect(within(dialog).getByLabelText("Tier")).toHaveValue("enterprise");
    await user.selectOptions(within(dialog).getByLabelText("Expires after"), "never");
    await submit(user, dialog);
    expect(fake.calls(api.apiKeys.mutations.create)[0]!.args).toMatchObject({ tier: "enterprise", expiresAt: null });
  });

  test("moving from enterprise to pro drops a chosen never back to the default", async () => {
    fake.setQuery(api.users.queries.me, me({ plan: "enterprise", allowedTiers: ["free", "pro", "enterprise"] }));
    const { user, dialog } = await openCreate();
    await user.selectOptions(within(dialog).getByLabelText("Expires after"), "never");
    await user.selectOptions(within(dialog).getByLabelText("Tier"), "pro");
    expect(within(dialog).getByLabelText("Expires after")).toHaveValue("30");
  });
});

describe("reveal dialog", () => {
  test("shows a TypeScript snippet with @nak/client next to curl, fitted to a search-only key", async () => {
    const { user, dialog } = await openCreate();
    await user.click(within(dialog).getByRole("checkbox", { name: /contents/ }));
    await submit(user, dialog);
    const reveal = screen.getByRole("dialog", { name: "Your API key" });
    expect(within(reveal).getByText(`curl -H "Authorization: Bearer ${PLAINTEXT}" "${SITE_URL}/api/v1/search?q=api&limit=5"`)).toBeInTheDocument();
    const snippet = within(reveal).getByTestId("reveal-ts-snippet");
    expect(snippet).toHaveTextContent(`import { NakClient, isNakApiError } from "@nak/client";`);
    expect(snippet).toHaveTextContent(`baseUrl: "${SITE_URL}"`);
    expect(snippet).toHaveTextContent(`nak.search("api", { limit: 5 })`);
    expect(snippet.textContent).not.toContain(PLAINTEXT);
    await user.click(within(reveal).getByRole("button", { name: "Copy TypeScript example" }));
    expect(await navigator.clipboard.readText()).toBe(snippet.textContent);
  });
});
