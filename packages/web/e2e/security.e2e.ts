// Journeys 2 and 3: a scraper walks the catalogue with a key and is caught (the key is revoked
// automatically, its owner sees why); an admin watching the alerts queue sees the alert arrive
// live, inspects the evidence and unbans the key; then the audit log, leak tracing, customers.
import type { Browser, Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { callApi, eventually, newContext, runDetection, screenshot, signIn, setUpChromium } from "./browser";

const stack = inject("stack");
const PASSWORD = "demo-password-2026";
// The scraper writes this X-Forwarded-For itself. Since #11 (client address nobody can forge) the
// backend trusts only the right-most entry that is not one of its proxies: the offline backend
// appends the TCP peer (loopback, not a trusted proxy), so the evidence names that address.
const FORGED_IP = "203.0.113.77";
const PEER_IP = "127.0.0.1";
let browser: Browser;
let admin: Page;
setUpChromium((s) => ({ browser, page: admin } = s), { width: 1360, height: 900 });

const scraperKey = () => {
  const key = stack.demoKeys.pro;
  if (!key) throw new Error("the backend printed no demo pro key");
  return key;
};

describe("a scraper is caught and its key revoked", () => {
  test("an admin opens the alerts queue before anything happens", async () => {
    expect(stack.logins["admin@nak.test"]).toBe(PASSWORD);
    await signIn(admin, stack.webUrl, "admin@nak.test", PASSWORD, "/admin/alerts");
    await admin.getByRole("heading", { name: "Scraping alerts" }).waitFor();
    await admin.getByText("No open alerts").waitFor();
    // Marks this page load: if the page reloaded, the marker would be gone.
    await admin.evaluate(() => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true));
  });

  test("the scraper walks the catalogue in order with the demo pro key", async () => {
    const headers = { "X-Forwarded-For": FORGED_IP, "User-Agent": "e2e-crawler/1.0" };
    const list = await callApi(stack.siteUrl, "/api/v1/contents?limit=60", scraperKey(), headers);
    expect(list.status).toBe(200);
    const items = (list.body as { data: Array<{ slug: string }> }).data;
    expect(items.length).toBeGreaterThanOrEqual(55);
    for (const { slug } of items.slice(0, 55)) {
      const got = await callApi(stack.siteUrl, `/api/v1/contents/${slug}`, scraperKey(), headers);
      expect(got.status).toBe(200);
    }
  });

  test("detection revokes the key: the API refuses it with 403 key_revoked", async () => {
    await runDetection(stack.convexUrl);
    let refused = await callApi(stack.siteUrl, "/api/v1/contents?limit=1", scraperKey());
    await eventually(async () => {
      refused = await callApi(stack.siteUrl, "/api/v1/contents?limit=1", scraperKey());
      return refused.status !== 200;
    }, 15_000, "the key to be revoked");
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "key_revoked" } });
  });

  test("the key's owner sees it revoked, with the reason", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, stack.webUrl, "pro@nak.test", PASSWORD, "/keys");
    const row = page.getByRole("row", { name: /Demo pro key/ });
    await row.getByText("Revoked").waitFor();
    expect(await row.textContent()).toMatch(/Automatic:/);
    await screenshot(page, "05-keys-revoked");
    await context.close();
  });
});

describe("an admin sees the alert live, inspects it and unbans the key", () => {
  test("the alert appears in the open queue without a reload", async () => {
    const row = admin.getByRole("row", { name: /Sequential access/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Critical/);
    expect(await row.textContent()).toMatch(/Demo pro key/);
    expect(await row.textContent()).toMatch(/pro@nak\.test/);
    expect(await admin.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
    await admin.getByText(/new since you opened this page/).waitFor();
    await screenshot(admin, "06-admin-alerts-live");
  });

  test("the evidence names the slugs, the client's real IP (not the one it forged) and the requests", async () => {
    await admin.getByRole("row", { name: /Sequential access/ }).getByRole("link", { name: /Inspect/ }).click();
    await admin.getByRole("heading", { name: "Sequential access alert" }).waitFor();
    const ips = admin.getByRole("region", { name: "IP addresses" });
    await ips.getByText(PEER_IP).waitFor();
    expect(await ips.textContent()).not.toContain(FORGED_IP);
    expect(await admin.getByRole("region", { name: "Slugs" }).textContent()).toMatch(/55 distinct/);
    expect(await admin.getByRole("region", { name: "User agents" }).textContent()).toContain("e2e-crawler/1.0");
    const requests = admin.getByRole("table", { name: "Requests behind this alert" });
    expect(await requests.getByRole("row").count()).toBe(21);
    await screenshot(admin, "07-admin-alert-evidence");
    await admin.getByRole("button", { name: /Show all \d+ requests/ }).click();
    expect(await requests.getByRole("row").count()).toBeGreaterThan(55);
  });

  test("unbanning restores the key: the API answers 200 again", async () => {
    await admin.getByRole("button", { name: "Unban key" }).click();
    const dialog = admin.getByRole("dialog", { name: /Unban/ });
    await dialog.getByLabel("Note (optional)").fill("Reviewed with the customer: a one-off migration.");
    await dialog.getByRole("button", { name: "Unban key" }).click();
    await admin.getByText("“Demo pro key” unbanned; alert resolved.").waitFor();
    await admin.getByRole("button", { name: "Revoke key" }).waitFor();
    const again = await callApi(stack.siteUrl, "/api/v1/contents?limit=1", scraperKey());
    expect(again.status).toBe(200);
  });

  test("unbanning resolved the alert: the page says who and why, the open queue is empty", async () => {
    await admin.getByText("Reviewed with the customer: a one-off migration.").waitFor();
    expect(await admin.getByText(/admin@nak\.test,/).isVisible()).toBe(true);
    expect(await admin.getByRole("button", { name: "Resolve alert" }).count()).toBe(0);
    await admin.getByRole("link", { name: "← All alerts" }).click();
    await admin.getByText("No open alerts").waitFor();
  });

  test("the audit log records the revocation and the unban", async () => {
    await admin.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Audit log" }).click();
    await admin.getByRole("heading", { name: "Audit log" }).waitFor();
    await admin.getByRole("row", { name: /API key unbanned/ }).first().waitFor();
    await admin.getByLabel("Event type").selectOption("api_key_revoked");
    await admin.getByRole("row", { name: /API key revoked/ }).first().waitFor();
    await admin.getByLabel("Event type").selectOption("");
    await admin.getByRole("row", { name: /Scraping alert/ }).first().waitFor();
    await screenshot(admin, "08-admin-audit");
  });

  test("the audit log is searched by a customer's email, then one of their keys by name and prefix", async () => {
    await admin.getByLabel("Customer email").fill("pro@nak.test");
    await admin.getByRole("button", { name: "Search" }).click();
    const rows = admin.getByRole("table", { name: "Security events" }).getByRole("row");
    await admin.getByRole("row", { name: /API key unbanned/ }).first().waitFor();
    // Emails and key names, not ids; readable times, not epoch milliseconds.
    const first = (await rows.nth(1).textContent()) ?? "";
    expect(first).toContain("pro@nak.test");
    expect(first).not.toMatch(/\b1\d{12}\b/);
    const picker = admin.getByLabel("Key");
    const demoKey = (await picker.locator("option").allTextContents()).find((o) => o.startsWith("Demo pro key (nak_pk_"))!;
    expect(demoKey).toMatch(/^Demo pro key \(nak_pk_\w+…, active\)$/);
    await picker.selectOption({ label: demoKey });
    await admin.getByRole("row", { name: /API key revoked/ }).first().waitFor();
    expect(admin.url()).toContain("email=pro%40nak.test");
    expect(admin.url()).toContain("key=");
    const csv = admin.waitForEvent("download");
    await admin.getByRole("button", { name: "Export CSV" }).click();
    expect((await csv).suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    await screenshot(admin, "08b-admin-audit-search");
    await admin.getByRole("button", { name: "Clear filters" }).click();
  });

  /** The first article's body as the demo enterprise key is served it (its marks in it). */
  async function servedToEnterprise(): Promise<string> {
    const enterprise = stack.demoKeys.enterprise!;
    const list = await callApi(stack.siteUrl, "/api/v1/contents?limit=1", enterprise);
    const slug = (list.body as { data: Array<{ slug: string }> }).data[0]!.slug;
    const article = await callApi(stack.siteUrl, `/api/v1/contents/${slug}`, enterprise);
    return (article.body as { data: { body: string } }).data.body;
  }

  test("leak tracing names the key that fetched a pasted article", async () => {
    const body = await servedToEnterprise();
    await admin.getByRole("link", { name: "Leaks" }).click();
    await admin.getByLabel("Leaked text", { exact: true }).fill(body);
    await admin.getByRole("button", { name: "Trace" }).click();
    const result = admin.getByRole("region", { name: "Trace result" });
    await result.getByText("enterprise@nak.test", { exact: false }).waitFor();
    await result.getByLabel("Found on").fill("https://copycat.example/stolen");
    await result.getByLabel(/Revoke/).uncheck();
    await result.getByRole("button", { name: "Record leak" }).click();
    await result.getByText("Recorded").waitFor();
    await admin.getByRole("row", { name: /copycat\.example/ }).waitFor();
    await screenshot(admin, "09-admin-leaks");
  });

  test("a stripped copy too short to name a key lists the keys that fetched the article as candidates, with no way to record it", async () => {
    const body = await servedToEnterprise();
    // What an ASCII-only copy tool leaves: no invisible character, 400 characters.
    const stripped = body.normalize("NFKD").replace(/[^\n\x20-\x7E]/g, "").slice(0, 400);
    await admin.getByLabel("Leaked text", { exact: true }).fill(stripped);
    await admin.getByRole("button", { name: "Trace" }).click();
    const result = admin.getByRole("region", { name: "Trace result" });
    await result.getByText("Too short to name a key", { exact: false }).waitFor();
    await result.getByRole("heading", { name: "Candidates — not an attribution" }).waitFor();
    await result.getByRole("row", { name: /enterprise@nak\.test/ }).waitFor();
    expect(await result.getByRole("button", { name: "Record leak" }).count()).toBe(0);
    await screenshot(admin, "09b-admin-leaks-candidates");
  });

  test("customers and their plans are listed for the admin", async () => {
    await admin.getByRole("link", { name: "Customers" }).click();
    await admin.getByLabel("Plan of free@nak.test").waitFor();
    expect(await admin.getByLabel("Plan of free@nak.test").inputValue()).toBe("free");
    await screenshot(admin, "10-admin-customers");
  });

  test("every admin page is readable at desktop and phone sizes (screenshots)", async () => {
    const pages = [
      ["/admin/alerts", "Scraping alerts", "alerts"],
      ["/admin/keys", "All keys", "keys"],
      ["/admin/audit", "Audit log", "audit"],
      ["/admin/leaks", "Leaks", "leaks"],
      ["/admin/customers", "Customers", "customers"],
    ] as const;
    for (const [width, height, size] of [[1280, 800, "desktop"], [390, 844, "phone"]] as const) {
      await admin.setViewportSize({ width, height });
      for (const [path, , name] of pages) {
        await admin.goto(`${stack.webUrl}${path}`);
        await admin.locator("h1").first().waitFor();
        await admin.waitForTimeout(400);
        // On the phone the admin sections scroll sideways instead of being cut off.
        if (size === "phone") {
          const nav = admin.getByRole("navigation", { name: "Admin sections" });
          expect(await nav.evaluate((el) => getComputedStyle(el).overflowX)).toBe("auto");
        }
        await screenshot(admin, `page-admin-${name}-${size}`);
      }
    }
    await admin.setViewportSize({ width: 1360, height: 900 });
  });
});
