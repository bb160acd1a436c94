// Journey 1: a customer signs up, creates a key (shown once), calls the content API with it and
// sees the usage; the session survives a reload; sign out.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { callApi, eventually, screenshot, setUpChromium } from "./browser";

const stack = inject("stack");
let context: BrowserContext;
let page: Page;
setUpChromium((s) => ({ context, page } = s));

describe("customer journey", () => {
  const email = `e2e-${Date.now()}@example.com`;
  let apiKey = "";

  test("signs up with email and password", async () => {
    await page.goto(stack.webUrl);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await screenshot(page, "01-sign-in");
    await page.getByRole("tab", { name: "Create account" }).click();
    await page.getByLabel("Name").fill("Erin Example");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByText("No API keys yet").waitFor();
    expect(await page.getByText("0 of 5 active keys").isVisible()).toBe(true);
  });

  test("creates a key that is shown exactly once, with a curl command", async () => {
    await page.getByRole("button", { name: "Create key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByLabel("Name").fill("My first app");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const reveal = page.getByRole("dialog", { name: "Your API key" });
    apiKey = (await reveal.getByTestId("new-api-key").textContent()) ?? "";
    expect(apiKey).toMatch(/^nak_pk_[A-Za-z0-9]+$/);
    expect(await reveal.getByLabel("Try it").textContent()).toBe(
      `curl -H "Authorization: Bearer ${apiKey}" "${stack.siteUrl}/api/v1/contents?limit=5"`,
    );
    await screenshot(page, "02-key-created");
    // The key is shown once: Esc and a click outside must not close it.
    await page.keyboard.press("Escape");
    await page.mouse.click(5, 5);
    expect(await reveal.isVisible()).toBe(true);
    expect(await reveal.getByRole("button", { name: "Close dialog" }).count()).toBe(0);
    await reveal.getByRole("button", { name: "I’ve stored my key" }).click();
    await reveal.waitFor({ state: "detached" });
    const row = page.getByRole("row", { name: /My first app/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Active");
    expect(await page.content()).not.toContain(apiKey);
  });

  test("calls the content API with the key and watches the usage update live", async () => {
    const response = await callApi(stack.siteUrl, "/api/v1/contents?limit=5", apiKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-limit")).toBe("25");
    const row = page.getByRole("row", { name: /My first app/ });
    await row.getByText("1 / 25 today").waitFor();
    await screenshot(page, "03-keys");
  });

  test("the Manage menu floats above the table: Rotate, Revoke and Delete are all visible", async () => {
    await page.getByRole("button", { name: /^Manage My first app \(nak_pk_/ }).click();
    const menu = page.getByRole("menu");
    for (const item of ["Rename", "Rotate", "Revoke", "Delete"]) {
      const box = await menu.getByRole("menuitem", { name: item }).boundingBox();
      expect(box, item).not.toBeNull();
      // Inside the viewport and actually the topmost element at its centre (not clipped).
      const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent ?? "", { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 });
      expect(hit).toBe(item);
    }
    // The table header did not scroll away.
    expect(await page.getByRole("columnheader", { name: "Name" }).isVisible()).toBe(true);
    await screenshot(page, "03c-keys-menu");
    await page.keyboard.press("Escape");
  });

  test("at the 5-key cap every key can still be rotated, and the count stays 5 of 5", async () => {
    for (let i = 2; i <= 5; i++) {
      await page.getByRole("button", { name: "Create key" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create an API key" });
      await dialog.getByLabel("Name").fill(`App ${i}`);
      await dialog.getByRole("button", { name: "Create key" }).click();
      await page.getByRole("dialog", { name: "Your API key" }).getByRole("button", { name: "I’ve stored my key" }).click();
    }
    await page.getByText("5 of 5 active keys").waitFor();
    expect(await page.getByRole("button", { name: "Create key" }).first().isDisabled()).toBe(true);
    // Rotate with a grace period, then another with none: both work at the cap.
    for (const [name, grace] of [["App 2", "24"], ["App 3", "0"]] as const) {
      await page.getByRole("button", { name: new RegExp(`^Manage ${name} \\(`) }).click();
      await page.getByRole("menuitem", { name: "Rotate" }).click();
      const dialog = page.getByRole("dialog", { name: `Rotate “${name}”?` });
      expect(await dialog.textContent()).toMatch(/nak_pk_\w+…/);
      await dialog.getByLabel("Keep the old key working for").selectOption(grace);
      await dialog.getByRole("button", { name: "Rotate key" }).click();
      const reveal = page.getByRole("dialog", { name: "Your new key" });
      await reveal.getByTestId("new-api-key").waitFor();
      await reveal.getByRole("button", { name: "I’ve stored my key" }).click();
      await page.getByText("5 of 5 active keys").waitFor();
    }
    expect(await page.getByText(/6 of 5/).count()).toBe(0);
    await page.getByRole("row", { name: /Rotating out/ }).first().waitFor();
    await screenshot(page, "03d-keys-rotated-at-cap");
  });

  test("offline: the app says so and that data may be stale; back online it recovers", async () => {
    await context.setOffline(true);
    await fetch(`${stack.convexUrl}/_dev/disconnect`, { method: "POST", headers: { "local-backend-dev": "true" } });
    await page.getByText(/You are offline\. What you see may be out of date/).waitFor();
    // A rename while offline says it waits for the connection instead of spinning silently.
    await page.getByRole("button", { name: /^Manage App 4 \(/ }).click();
    await page.getByRole("menuitem", { name: "Rename" }).click();
    const dialog = page.getByRole("dialog", { name: "Rename key" });
    await dialog.getByText(/You are offline: this will be sent when the connection is back/).waitFor();
    await screenshot(page, "03e-offline");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await context.setOffline(false);
    await page.getByText(/You are offline/).waitFor({ state: "detached", timeout: 30_000 });
  });

  test("works on a phone-sized screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("row", { name: /My first app/ }).waitFor();
    await screenshot(page, "03b-keys-mobile");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  test("keeps the session across a reload", async () => {
    await page.reload();
    await page.getByRole("row", { name: /My first app/ }).waitFor();
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
  });

  test("shows today's usage and requests over time", async () => {
    await page.getByRole("link", { name: "Usage" }).click();
    await page.getByRole("heading", { name: "Usage" }).waitFor();
    const today = page.getByRole("table", { name: "Today's usage per key" });
    await today.getByText("1 / 25 today").waitFor();
    // The current hour is live: no wait for the minute scan.
    await page.getByLabel("Key").selectOption({ label: (await page.getByLabel("Key").locator("option").allTextContents()).find((o) => o.startsWith("My first app"))! });
    await page.getByRole("img", { name: /Requests of My first app/ }).waitFor();
    await callApi(stack.siteUrl, "/api/v1/contents?limit=5", apiKey);
    await page.getByText("2 / 25 today").first().waitFor();
    await eventually(async () => /^2 requests/.test((await page.locator("svg.chart desc").textContent()) ?? ""), 10_000, "the chart's live hour");
    await screenshot(page, "04-usage");
  });

  test("every customer page is readable at desktop and phone sizes (screenshots)", async () => {
    for (const [width, height, size] of [[1280, 800, "desktop"], [390, 844, "phone"]] as const) {
      await page.setViewportSize({ width, height });
      for (const [path, name] of [["/keys", "keys"], ["/usage", "usage"], ["/plan", "plan"]] as const) {
        await page.goto(`${stack.webUrl}${path}`);
        await page.locator("h1").first().waitFor();
        await page.waitForTimeout(400);
        await screenshot(page, `page-${name}-${size}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  test("signs out", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });

  test("forgot password: the link from the dev mailbox sets a new password", async () => {
    for (const [width, height, size] of [[1280, 800, "desktop"], [390, 844, "phone"]] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `page-sign-in-${size}`);
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText(/a link to choose a new password is on its way/).waitFor();
    await screenshot(page, "page-forgot-password-desktop");
    let link = "";
    await eventually(async () => {
      const mails = (await (await fetch(`${stack.convexUrl}/_dev/mailbox?format=json&to=${encodeURIComponent(email)}`)).json()) as { url: string }[];
      link = mails[0]?.url ?? "";
      return link !== "";
    }, 10_000, "the reset email");
    await page.goto(link);
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/reset-password");
    await page.getByLabel("New password", { exact: true }).fill("a-new-password-2026");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Your password is changed.").waitFor();
    await page.getByRole("link", { name: "Back to sign in" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a-new-password-2026");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
  });
});
