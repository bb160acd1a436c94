// Journey 1: a customer signs up, creates a key (shown once), calls the content API with it and
// sees the usage; the session survives a reload; sign out.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import { screenshotOnFailure, callApi, launchChromium, newContext, runDetection, screenshot } from "./browser";

const stack = inject("stack");
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
  page = await context.newPage();
});
afterEach(async ({ task }) => {
  await screenshotOnFailure(page, task);
});
afterAll(async () => {
  await browser?.close();
});

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
    expect(await reveal.locator("pre").textContent()).toBe(
      `curl -H "Authorization: Bearer ${apiKey}" "${stack.siteUrl}/api/v1/contents?limit=5"`,
    );
    await screenshot(page, "02-key-created");
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
    // The history is counted by the detection scan (every minute; run now here).
    await runDetection(stack.convexUrl);
    await page.getByRole("img", { name: /Requests of My first app/ }).waitFor();
    await screenshot(page, "04-usage");
  });

  test("signs out", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });
});
