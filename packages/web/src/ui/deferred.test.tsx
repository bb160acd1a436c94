// Dialogs and menus load while the page renders (ui/deferred.tsx): what the user sees before the
// code is there, a press that arrives early, and a download that fails once.
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { deferred } from "./deferred";
import { ActionMenu } from "./ActionMenu";

// The menu's real code, held back until the test lets it through.
const gate = vi.hoisted(() => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open: () => open() };
});
vi.mock("./ActionMenuPopup", async (importOriginal) => {
  await gate.opened;
  return importOriginal();
});

function controlledLoad<P>() {
  let resolve!: (c: React.ComponentType<P>) => void;
  let reject!: (e: Error) => void;
  const load = vi.fn(
    () =>
      new Promise<React.ComponentType<P>>((res, rej) => {
        resolve = res;
        reject = rej;
      }),
  );
  return { load, resolve: (c: React.ComponentType<P>) => resolve(c), reject: (e: Error) => reject(e) };
}

describe("deferred components", () => {
  test("render the fallback until the code has loaded, then the component, and start loading at once", async () => {
    const { load, resolve } = controlledLoad<{ name: string }>();
    const Greeting = deferred(load, ({ name }) => <p>loading {name}</p>);
    expect(load).toHaveBeenCalledTimes(1); // before anything renders
    render(<Greeting name="Ada" />);
    expect(screen.getByText("loading Ada")).toBeInTheDocument();
    await act(async () => resolve(({ name }) => <p>hello {name}</p>));
    expect(await screen.findByText("hello Ada")).toBeInTheDocument();
    expect(screen.queryByText("loading Ada")).not.toBeInTheDocument();
  });

  test("render synchronously once loaded (a later mount never flashes the fallback)", async () => {
    const { load, resolve } = controlledLoad<object>();
    const Panel = deferred(load, () => <p>fallback</p>);
    await act(async () => resolve(() => <p>panel</p>));
    render(<Panel />);
    expect(screen.getByText("panel")).toBeInTheDocument();
    expect(screen.queryByText("fallback")).not.toBeInTheDocument();
  });

  test("a failed download is retried at the next mount", async () => {
    const { load, reject } = controlledLoad<object>();
    const Panel = deferred(load);
    await act(async () => reject(new Error("chunk failed")));
    expect(load).toHaveBeenCalledTimes(1);
    let second!: (c: React.ComponentType<object>) => void;
    load.mockImplementationOnce(() => new Promise((res) => (second = res)));
    render(<Panel />);
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => second(() => <p>panel</p>));
    expect(await screen.findByText("panel")).toBeInTheDocument();
  });
});

describe("ActionMenu before its code has loaded", () => {
  test("the Manage button is there at once, with its accessible name, and opens the menu when pressed", async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(<ActionMenu subject="Production key" actions={[{ label: "Rotate", onSelect }]} />);
    const button = screen.getByRole("button", { name: "Manage Production key" });
    await user.click(button);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    gate.open();
    await user.click(await screen.findByRole("menuitem", { name: "Rotate" }));
    expect(onSelect).toHaveBeenCalledTimes(1);
  });
});
