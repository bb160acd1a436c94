// The keys page: loading/empty/error states, usage against limits, the cap, and every key action.
import { screen, within } from "@testing-library/react";
import { ConvexError } from "convex/values";
import { KeysPage } from "./KeysPage";
import { api } from "../lib/api";
import { fake } from "../test/fakeConvex";
import { keyRow, keyView, me } from "../test/fixtures";
import { renderPage, SITE_URL } from "../test/render";
import { QueryBoundary } from "../ui/States";

vi.mock("convex/react", () => import("../test/fakeConvex"));

const PLAINTEXT = "nak_pk_TESTtestTESTtestTESTtestTESTtest12";

beforeEach(() => {
  fake.reset();
  fake.setQuery(api.users.queries.me, me());
  fake.setQuery(api.apiKeys.queries.list, [keyRow()]);
  fake.setQuery(api.apiKeys.tierChange.planNotice, null);
});

function renderKeys() {
  return renderPage(
    <QueryBoundary>
      <KeysPage />
    </QueryBoundary>,
    { path: "/keys" },
  );
}

async function openAction(user: ReturnType<typeof renderKeys>["user"], keyName: string, action: string) {
  await user.click(screen.getByRole("button", { name: new RegExp(`^Manage ${keyName} \\(`) }));
  await user.click(screen.getByRole("menuitem", { name: action }));
}

describe("KeysPage states", () => {
  test("shows a loading state while the keys load", () => {
    fake.setQuery(api.apiKeys.queries.list, undefined);
    renderKeys();
    expect(screen.getByRole("status")).toHaveTextContent("Loading your keys");
  });

  test("shows an empty state with a way to create the first key", () => {
    fake.setQuery(api.apiKeys.queries.list, []);
    fake.setQuery(api.users.queries.me, me({ activeKeys: 0 }));
    renderKeys();
    expect(screen.getByText("No API keys yet")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Create key" })).toHaveLength(2);
  });

  test("shows the server's error when the list fails", () => {
    fake.setQuery(api.apiKeys.queries.list, new ConvexError({ kind: "unauthenticated", message: "Your session has ended. Sign in again." }));
    renderKeys();
    expect(screen.getByRole("alert")).toHaveTextContent("Your session has ended. Sign in again.");
  });

  test("lists keys with status, tier, dates and usage against the tier's limit", () => {
    fake.setQuery(api.apiKeys.queries.list, [
      keyRow({ id: "k1", name: "Production site" }, { requestsThisMinute: 37, requestsToday: 420 }),
      keyRow({ id: "k2", name: "Old key", status: "revoked", revokedReason: "Leaked on a forum" }, null),
      keyRow({ id: "k3", name: "Free key", tier: "free" }, { requestsToday: 25, limit: 25, windowMs: 86_400_000, remaining: 0 }),
    ]);
    renderKeys();
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[0]!.textContent)).toEqual([
      expect.stringContaining("Production site"),
      expect.stringContaining("Free key"),
      expect.stringContaining("Old key"),
    ]);
    expect(within(rows[0]!).getByText("37 / 100 this minute")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("420 today")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Pro")).toBeInTheDocument();
    expect(within(rows[1]!).getByRole("meter", { name: "Usage of Free key" })).toHaveAttribute("aria-valuenow", "25");
    expect(within(rows[2]!).getByText("Revoked")).toBeInTheDocument();
    expect(within(rows[2]!).getByText("Leaked on a forum")).toBeInTheDocument();
  });

  test("explains the 5-key cap and disables creation at the cap", () => {
    fake.setQuery(api.users.queries.me, me({ activeKeys: 5 }));
    renderKeys();
    expect(screen.getByText("5 of 5 active keys")).toBeInTheDocument();
    const create = screen.getByRole("button", { name: "Create key" });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription(/reached the limit of 5 active keys/);
  });
});

describe("creating a key", () => {
  test("creates a key of an allowed tier and shows it once with copy and curl", async () => {
    fake.setMutation(api.apiKeys.mutations.create, (args) => ({
      apiKey: PLAINTEXT,
      apiKeyId: "k_new",
      key: keyView({ id: "k_new", name: String(args.name) }),
    }));
    const { user } = renderKeys();
    await user.click(screen.getByRole("button", { name: "Create key" }));
    const dialog = screen.getByRole("dialog", { name: "Create an API key" });
    expect(within(dialog).getByRole("option", { name: /Enterprise/ })).toBeDisabled();
    await user.type(within(dialog).getByLabelText("Name"), "Mobile app");
    await user.selectOptions(within(dialog).getByLabelText("Expires after"), "90");
    await user.click(within(dialog).getByRole("button", { name: "Create key" }));

    expect(fake.calls(api.apiKeys.mutations.create)[0]!.args).toEqual({ name: "Mobile app", tier: "pro", permissions: ["contents", "search"], expiresInDays: 90 });
    const reveal = screen.getByRole("dialog", { name: "Your API key" });
    expect(within(reveal).getByTestId("new-api-key")).toHaveTextContent(PLAINTEXT);
    expect(within(reveal).getByText(`curl -H "Authorization: Bearer ${PLAINTEXT}" "${SITE_URL}/api/v1/contents?limit=5"`)).toBeInTheDocument();

    await user.click(within(reveal).getByRole("button", { name: "Copy API key" }));
    expect(await navigator.clipboard.readText()).toBe(PLAINTEXT);
    expect(within(reveal).getByRole("button", { name: "Copy API key" })).toHaveTextContent("Copied");

    await user.click(within(reveal).getByRole("button", { name: "I’ve stored my key" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(PLAINTEXT);
    expect(screen.getByText("Key “Mobile app” created.")).toBeInTheDocument();
  });

  test("asks for a name before calling the server", async () => {
    fake.setMutation(api.apiKeys.mutations.create, () => {
      throw new Error("should not be called");
    });
    const { user } = renderKeys();
    await user.click(screen.getByRole("button", { name: "Create key" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Create key" }));
    expect(screen.getByText(/Give the key a name/)).toBeInTheDocument();
    expect(fake.calls(api.apiKeys.mutations.create)).toHaveLength(0);
  });

  test("keeps the dialog open with the server's message when creation is refused", async () => {
    fake.setMutation(api.apiKeys.mutations.create, () => {
      throw new ConvexError({ kind: "limit_reached", message: "Maximum 5 API keys per user" });
    });
    const { user } = renderKeys();
    await user.click(screen.getByRole("button", { name: "Create key" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Name"), "Sixth");
    await user.click(within(dialog).getByRole("button", { name: "Create key" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Maximum 5 API keys per user");
  });

  test("says why key creation is paused and how to reach support while a critical alert is open", async () => {
    fake.setMutation(api.apiKeys.mutations.create, () => {
      // The backend's message (monitoring/standing.ts RESTRICTED_MESSAGE) says why and who to contact.
      throw new ConvexError({
        kind: "account_restricted",
        message:
          "New API keys are paused on your account while a critical security alert on one of your keys is under review. Contact support (reply to the alert email, or write to your account contact) to have it resolved.",
      });
    });
    const { user } = renderKeys();
    await user.click(screen.getByRole("button", { name: "Create key" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Name"), "Replacement");
    await user.click(within(dialog).getByRole("button", { name: "Create key" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("paused on your account while a critical security alert");
    expect(alert).toHaveTextContent("Contact support");
  });
});

describe("key actions", () => {
  test("revoking asks for a reason and confirms", async () => {
    fake.setMutation(api.apiKeys.mutations.revoke, () => keyView({ status: "revoked" }));
    const { user } = renderKeys();
    await openAction(user, "Production site", "Revoke");
    const dialog = screen.getByRole("dialog", { name: "Revoke “Production site”?" });
    await user.click(within(dialog).getByRole("button", { name: "Revoke key" }));
    expect(within(dialog).getByText(/Say briefly why/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Reason"), "Leaked in a repository");
    await user.click(within(dialog).getByRole("button", { name: "Revoke key" }));
    expect(fake.calls(api.apiKeys.mutations.revoke)[0]!.args).toEqual({ keyId: "key_1", reason: "Leaked in a repository" });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByText("“Production site” revoked. Requests with it are now refused.")).toBeInTheDocument();
  });

  test("renaming saves the new name", async () => {
    fake.setMutation(api.apiKeys.mutations.rename, () => keyView({ name: "Staging" }));
    const { user } = renderKeys();
    await openAction(user, "Production site", "Rename");
    const input = within(screen.getByRole("dialog")).getByLabelText("Name");
    await user.clear(input);
    await user.type(input, "Staging");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(fake.calls(api.apiKeys.mutations.rename)[0]!.args).toEqual({ keyId: "key_1", name: "Staging" });
  });

  test("rotating with a grace period reveals the new key once", async () => {
    fake.setMutation(api.apiKeys.mutations.rotate, () => ({ apiKey: PLAINTEXT, apiKeyId: "k2", key: keyView({ id: "k2" }) }));
    const { user } = renderKeys();
    await openAction(user, "Production site", "Rotate");
    await user.selectOptions(screen.getByLabelText("Keep the old key working for"), "72");
    await user.click(screen.getByRole("button", { name: "Rotate key" }));
    expect(fake.calls(api.apiKeys.mutations.rotate)[0]!.args).toEqual({ keyId: "key_1", gracePeriodHours: 72 });
    expect(within(screen.getByRole("dialog", { name: "Your new key" })).getByTestId("new-api-key")).toHaveTextContent(PLAINTEXT);
    expect(screen.getByText("Rotated. The old key works for 72 more hours.")).toBeInTheDocument();
  });

  test("deleting needs a confirmation; cancelling does nothing", async () => {
    fake.setMutation(api.apiKeys.mutations.remove, () => null);
    const { user } = renderKeys();
    await openAction(user, "Production site", "Delete");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(fake.calls(api.apiKeys.mutations.remove)).toHaveLength(0);
    await openAction(user, "Production site", "Delete");
    await user.click(screen.getByRole("button", { name: "Delete key" }));
    expect(fake.calls(api.apiKeys.mutations.remove)[0]!.args).toEqual({ keyId: "key_1" });
  });

  test("revoked keys cannot be rotated or revoked again", async () => {
    fake.setQuery(api.apiKeys.queries.list, [keyRow({ status: "revoked" })]);
    const { user } = renderKeys();
    await user.click(screen.getByRole("button", { name: /^Manage Production site/ }));
    expect(screen.getByRole("menuitem", { name: "Rotate" })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("menuitem", { name: "Revoke" })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("menuitem", { name: "Delete" })).not.toHaveAttribute("aria-disabled");
  });
});
