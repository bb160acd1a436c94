// The design system's behaviour: dialog focus and Esc, menus by keyboard, meters, small helpers.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { ActionMenu } from "./ActionMenu";
import { ConfirmDialog, Dialog } from "./Dialog";
import { Meter } from "./Meter";
import { matchPath } from "../lib/router";
import { relativeTime } from "../lib/format";
import { errorMessage } from "../lib/errors";
import { ConvexError } from "convex/values";

function DialogHarness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open</button>
      {open && (
        <Dialog title="Settings" onClose={() => setOpen(false)}>
          <input aria-label="First" />
          <button>Last</button>
        </Dialog>
      )}
    </>
  );
}

describe("Dialog", () => {
  test("is a labelled modal that traps focus, closes on Esc and gives focus back", async () => {
    const user = userEvent.setup();
    render(<DialogHarness />);
    const opener = screen.getByRole("button", { name: "Open" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Settings" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(screen.getByRole("button", { name: "Close dialog" })).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText("First")).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("button", { name: "Last" })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("button", { name: "Close dialog" })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole("button", { name: "Last" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(opener).toHaveFocus());
  });

  test("an undismissible dialog ignores Esc and clicks outside and has no close button", async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const onClose = vi.fn();
    render(
      <Dialog title="Your API key" onClose={onClose} dismissible={false}>
        <button onClick={onClose}>I’ve stored my key</button>
      </Dialog>,
    );
    expect(screen.queryByRole("button", { name: "Close dialog" })).not.toBeInTheDocument();
    await user.keyboard("{Escape}");
    await user.click(document.querySelector(".dialog-backdrop")!);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog", { name: "Your API key" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "I’ve stored my key" }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  test("a confirmation shows progress and keeps the dialog open on failure", async () => {
    const user = userEvent.setup();
    let fail: (e: Error) => void = () => {};
    const onClose = vi.fn();
    render(
      <ConfirmDialog
        title="Delete?"
        confirmLabel="Delete"
        tone="danger"
        onClose={onClose}
        onConfirm={() => new Promise<void>((_, reject) => (fail = reject))}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(screen.getByRole("button", { name: "Delete" })).toHaveAttribute("aria-busy", "true");
    await user.keyboard("{Escape}");
    expect(onClose).not.toHaveBeenCalled();
    fail(new ConvexError({ kind: "conflict", message: "Already deleted." }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Already deleted.");
    expect(screen.getByRole("button", { name: "Delete" })).toBeEnabled();
  });
});

describe("ActionMenu", () => {
  test("opens by keyboard with focus on the first item, moves with arrows and closes on Esc", async () => {
    const user = userEvent.setup();
    const rename = vi.fn();
    render(<ActionMenu subject="Key" actions={[{ label: "Rename", onSelect: rename }, { label: "Delete", onSelect: () => {}, danger: true }]} />);
    // Label in name: the accessible name starts with the visible "Manage".
    const button = screen.getByRole("button", { name: "Manage Key" });
    expect(button).toHaveTextContent(/^Manage/);
    button.focus();
    await user.keyboard("{Enter}");
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("menuitem", { name: "Rename" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("menuitem", { name: "Delete" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("menuitem", { name: "Rename" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    await waitFor(() => expect(button).toHaveFocus());
    await user.click(button);
    await user.click(screen.getByRole("menuitem", { name: "Rename" }));
    expect(rename).toHaveBeenCalledOnce();
  });

  test("the menu is rendered outside the table, so the table's overflow cannot clip it", async () => {
    const user = userEvent.setup();
    render(
      <div style={{ overflow: "hidden" }} data-testid="card">
        <table><tbody><tr><td><ActionMenu subject="Key" actions={[{ label: "Rotate", onSelect: () => {} }]} /></td></tr></tbody></table>
      </div>,
    );
    await user.click(screen.getByRole("button", { name: "Manage Key" }));
    expect(screen.getByRole("menu")).toBeInTheDocument();
    expect(screen.getByTestId("card")).not.toContainElement(screen.getByRole("menu"));
  });
});

describe("small pieces", () => {
  test("Meter reports its value to assistive technology", () => {
    render(<Meter value={30} max={25} label="Usage" text="30 / 25 today" />);
    const meter = screen.getByRole("meter", { name: "Usage" });
    expect(meter).toHaveAttribute("aria-valuenow", "25");
    expect(meter).toHaveAttribute("aria-valuetext", "30 / 25 today");
  });

  test("matchPath extracts params and rejects other paths", () => {
    expect(matchPath("/admin/alerts/:id", "/admin/alerts/a%201")).toEqual({ id: "a 1" });
    expect(matchPath("/admin/alerts/:id", "/admin/alerts")).toBeNull();
    expect(matchPath("/keys", "/usage")).toBeNull();
  });

  test("relativeTime speaks in minutes, hours and days", () => {
    const now = 1_000_000_000_000;
    expect(relativeTime(now + 2 * 86_400_000, now)).toBe("in 2 days");
    expect(relativeTime(now - 5 * 60_000, now)).toBe("5 minutes ago");
    expect(relativeTime(now - 10_000, now)).toBe("just now");
    expect(relativeTime(now + 10_000, now)).toBe("in less than a minute");
  });

  test("relativeTime never says 0 minutes nor 60 minutes", () => {
    const now = 1_000_000_000_000;
    expect(relativeTime(now + 50_000, now)).toBe("in 1 minute");
    expect(relativeTime(now + 59 * 60_000 + 50_000, now)).toBe("in 1 hour");
    expect(relativeTime(now - 23 * 3_600_000 - 50 * 60_000, now)).toBe("1 day ago");
  });

  test("errorMessage prefers the app's message and shortens server errors", () => {
    expect(errorMessage(new ConvexError({ kind: "not_found", message: "No such API key." }))).toBe("No such API key.");
    expect(errorMessage(new Error("[Request ID: 12] Server Error\nUncaught Error: boom"))).toBe("The server hit an unexpected error. Try again in a moment.");
    expect(errorMessage("weird")).toBe("Unexpected error.");
  });
});
