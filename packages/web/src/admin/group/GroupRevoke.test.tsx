// Revoking the keys an alert names with one confirmation.
import { screen, within } from "@testing-library/react";
import { api, type Id } from "../../lib/api";
import { fake } from "../../test/fakeConvex";
import { renderPage } from "../../test/render";
import { GroupRevoke } from "./GroupRevoke";

vi.mock("convex/react", () => import("../../test/fakeConvex"));
beforeEach(() => fake.reset());

const alertId = "alert_1" as Id<"scrapingAlerts">;
// Stored state only: the card derives "revoked" from it.
const key = (id: string, status: "active" | "revoked" = "active") => ({
  id, name: `key ${id}`, ownerEmail: `${id}@example.com`, enabled: status === "active", expiresAt: null, revokedAt: status === "revoked" ? 1 : null,
});

test("revokes the chosen active keys with one confirmation and one reason", async () => {
  fake.setQuery(api.admin.groupActions.alertKeys, [key("a"), key("b"), key("c"), key("d", "revoked")]);
  fake.setMutation(api.admin.groupActions.revokeKeys, (args) => ({ revoked: args.keyIds, skipped: [] }));
  const { user } = renderPage(<GroupRevoke alertId={alertId} />, { path: "/admin/alerts/alert_1" });
  expect(screen.getByRole("checkbox", { name: /key d/ })).toBeDisabled();
  await user.click(screen.getByRole("checkbox", { name: /key c/ }));
  await user.click(screen.getByRole("button", { name: "Revoke 2 keys" }));
  const dialog = screen.getByRole("dialog");
  await user.type(within(dialog).getByLabelText(/Reason/), "Account farm");
  await user.click(within(dialog).getByRole("button", { name: "Revoke 2 keys" }));
  expect(fake.calls(api.admin.groupActions.revokeKeys)).toEqual([
    { name: "admin/groupActions:revokeKeys", args: { keyIds: ["a", "b"], reason: "Account farm", alertId } },
  ]);
});

test("shows nothing for an alert about one key", () => {
  fake.setQuery(api.admin.groupActions.alertKeys, [key("a")]);
  renderPage(<div data-testid="slot"><GroupRevoke alertId={alertId} /></div>, { path: "/admin/alerts/alert_1" });
  expect(screen.getByTestId("slot")).toBeEmptyDOMElement();
});
