// Chromium for the journeys: Debian's /usr/bin/chromium driven by playwright-core, plus small
// helpers (sign in, screenshots, calling the content API like a customer's program).
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { WEB_ROOT } from "./stack";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = resolve(WEB_ROOT, "test-results/screenshots");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium chromium-driver (or set CHROMIUM_PATH)`);
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser profile (own localStorage, so its own session). */
export async function newContext(browser: Browser, viewport = { width: 1280, height: 860 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, colorScheme: "light" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
  context.setDefaultTimeout(20_000);
  return context;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: a full-page capture of a scrolled page repeats the sticky top bar mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** After a failed test, saves what the page showed (test-results/screenshots/FAILED-*.png). */
export async function screenshotOnFailure(page: Page | undefined, task: { name: string; result?: { state?: string } }) {
  if (!page || task.result?.state !== "fail") return;
  await screenshot(page, `FAILED-${task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => {});
}

export type BrowserSession = { browser: Browser; context: BrowserContext; page: Page };

/**
 * Chromium with one page for a spec file: launched before its tests, the page captured after a
 * failed test, closed after the last. `opened` receives the session once it is up.
 * @example let page: Page; setUpChromium((s) => ({ page } = s));
 */
export function setUpChromium(opened: (session: BrowserSession) => void, viewport?: { width: number; height: number }) {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    const browser = await launchChromium();
    const context = await newContext(browser, viewport);
    session = { browser, context, page: await context.newPage() };
    opened(session);
  });
  afterEach(async ({ task }) => {
    await screenshotOnFailure(session?.page, task);
  });
  afterAll(async () => {
    await session?.browser.close();
  });
}

/** Signs in through the sign-in form and waits for the signed-in shell. */
export async function signIn(page: Page, webUrl: string, email: string, password: string, path = "/keys") {
  await page.goto(`${webUrl}${path}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Calls the content API with a key, as a customer's program would. */
export async function callApi(siteUrl: string, path: string, key: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${siteUrl}${path}`, { headers: { Authorization: `Bearer ${key}`, ...headers } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body };
}

/** Runs one of the backend's crons now (the offline backend's dev endpoint), e.g. "detect scraping". */
export async function runCron(convexUrl: string, name: string): Promise<unknown> {
  const response = await fetch(`${convexUrl}/_dev/crons/${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "local-backend-dev": "true" },
  });
  const body = (await response.json()) as { status?: string; value?: unknown; errorMessage?: string };
  if (!response.ok || body.status !== "success") throw new Error(`cron ${name} failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.value;
}

/**
 * Makes the access log's newest rows visible to the detection scan and runs it: the scan leaves
 * rows younger than its lag (10 s, SCAN_LAG_MS) for the next run, so this waits that long first.
 * Per-key detection is scheduled by the scan and finishes shortly after.
 */
export async function runDetection(convexUrl: string) {
  await new Promise((r) => setTimeout(r, 10_500));
  return await runCron(convexUrl, "detect scraping");
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000, what = "condition") {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
