// The key page's states, its signing set-up, and the signing examples (run for real: the curl +
// openssl one through bash, the Web Crypto one through the server's own verifier).
import { execFileSync } from "node:child_process";
import { act, screen, within } from "@testing-library/react";
import { ConvexError } from "convex/values";
import { verifyRequestSignature } from "../../../../backend/convex/signing/requestSignature";
import { api, historyApi } from "../../lib/api";
import { fake } from "../../test/fakeConvex";
import { history as historyOf, keyView, NOW, overviewEvent, requestLogRow } from "../../test/fixtures";
import { renderPage } from "../../test/render";
import { QueryBoundary } from "../../ui/States";
import { KeyDetailPage } from "./KeyDetailPage";
import { clientSigningExample, curlSigningExample, EXAMPLE_PATH, webCryptoSigningExample } from "./signingExamples";

vi.mock("convex/react", () => import("../../test/fakeConvex"));
beforeEach(() => fake.reset());

const SECRET = "nak_ss_" + "k".repeat(43);
const history = historyOf([{ start: NOW - 3_600_000, requests: 12, errors: 2, rateLimited: 1 }]);
const logRow = (id: string, statusCode: number, error: string | null = null) => requestLogRow(id, { statusCode, error });

function setUp(key = keyView({ id: "key_1", name: "Reader" })) {
  fake.setQuery(api.apiKeys.queries.get, key);
  fake.setQuery(historyApi, history);
  fake.setQuery(api.keyActivity.queries.overview, {
    lastUse: { at: NOW, ipAddress: "203.0.113.5", userAgent: "reader/1", statusCode: 200 },
    events: [overviewEvent("e1", { type: "api_key_revoked", actor: "admin", reason: "Scraping the catalogue" }), overviewEvent("e2", { type: "api_key_created", actor: "you" })],
  });
  fake.setQuery(api.keyActivity.queries.requestLog, [logRow("a-slug", 200), logRow("gone", 404, "not_found"), logRow("x", 429, "rate_limited")]);
  fake.setQuery(api.keyAccess.functions.ipAllowlist, []);
  return renderPage(<QueryBoundary><KeyDetailPage keyId={key.id} /></QueryBoundary>, { path: `/keys/${key.id}` });
}

describe("KeyDetailPage", () => {
  test("shows usage totals, last use, events with reasons and the request log", () => {
    setUp();
    expect(screen.getByRole("heading", { name: "Reader" })).toBeInTheDocument();
    expect(screen.getByText("12 requests, 2 errors, 1 rate limited (429).")).toBeInTheDocument();
    expect(screen.getByText(/from/).textContent).toContain("203.0.113.5");
    expect(screen.getByText("Scraping the catalogue")).toBeInTheDocument();
    expect(screen.getByText("An admin", { exact: false })).toBeInTheDocument();
    const rows = within(screen.getByRole("table", { name: "Requests made with this key" })).getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(rows[2]).toHaveTextContent("GET /api/v1/contents/gone");
    expect(rows[2]).toHaveTextContent("404 not_found");
    expect(rows[3]).toHaveTextContent("429 rate_limited");
    expect(fake.lastArgs(api.keyActivity.queries.requestLog)).toEqual({ keyId: "key_1" });
  });

  test("shows empty states for a key never used", () => {
    setUp();
    act(() => {
      fake.setQuery(api.keyActivity.queries.requestLog, []);
      fake.setQuery(api.keyActivity.queries.overview, { lastUse: null, events: [] });
      fake.setQuery(historyApi, historyOf([]));
    });
    expect(screen.getByText("No requests yet")).toBeInTheDocument();
    expect(screen.getByText("No events yet")).toBeInTheDocument();
    expect(screen.getByText("Never")).toBeInTheDocument();
  });

  test("a key that is not yours reads as not found", () => {
    fake.setQuery(api.apiKeys.queries.get, new ConvexError({ kind: "not_found", message: "No such API key." }));
    renderPage(<QueryBoundary><KeyDetailPage keyId="someone-else" /></QueryBoundary>, { path: "/keys/someone-else" });
    expect(screen.getByText(/No such API key/)).toBeInTheDocument();
  });

  test("turns signing on after confirmation and shows the secret once, with examples", async () => {
    const { user } = setUp();
    fake.setMutation(api.apiKeys.mutations.enableRequestSigning, () => ({ signingSecret: SECRET, key: keyView({ id: "key_1", hasSigningSecret: true }) }));
    await user.click(screen.getByRole("button", { name: "Turn signing on" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Create secret" }));
    expect(fake.calls(api.apiKeys.mutations.enableRequestSigning)[0].args).toEqual({ keyId: "key_1" });
    expect(screen.getByText(SECRET)).toBeInTheDocument();
    expect(screen.getByText("curl + openssl")).toBeInTheDocument();
    expect(screen.getByText("TypeScript (@nak/client)")).toBeInTheDocument();
  });

  test("turns signing off after confirmation", async () => {
    const { user } = setUp(keyView({ id: "key_1", name: "Reader", hasSigningSecret: true }));
    fake.setMutation(api.apiKeys.mutations.disableRequestSigning, () => keyView({ id: "key_1" }));
    await user.click(screen.getByRole("button", { name: "Turn signing off" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Turn signing off" }));
    expect(fake.calls(api.apiKeys.mutations.disableRequestSigning)).toHaveLength(1);
  });
});

describe("IP allowlist panel", () => {
  test("saves the lines typed and shows the server's normalised list", async () => {
    const { user } = setUp();
    fake.setMutation(api.keyAccess.functions.setIpAllowlist, () => ["203.0.113.7/32", "2001:db8::/32"]);
    expect(screen.getByText(/Any address may use this key\. List/)).toBeInTheDocument();
    await user.type(screen.getByLabelText("Allowed addresses and ranges"), "203.0.113.7{enter}2001:db8::/32");
    await user.click(screen.getByRole("button", { name: "Save allowlist" }));
    expect(fake.calls(api.keyAccess.functions.setIpAllowlist)[0].args).toEqual({ keyId: "key_1", entries: ["203.0.113.7", "2001:db8::/32"] });
    expect(screen.getByLabelText("Allowed addresses and ranges")).toHaveValue("203.0.113.7/32\n2001:db8::/32");
  });

  test("shows the server's refusal of a bad entry", async () => {
    const { user } = setUp();
    fake.setMutation(api.keyAccess.functions.setIpAllowlist, () => {
      throw new ConvexError({ kind: "invalid_argument", message: "“nope” is not an IP address or CIDR range." });
    });
    await user.type(screen.getByLabelText("Allowed addresses and ranges"), "nope");
    await user.click(screen.getByRole("button", { name: "Save allowlist" }));
    expect(await screen.findByText(/is not an IP address or CIDR range/)).toBeInTheDocument();
  });
});

describe("signing examples", () => {
  test("the curl + openssl example signs the way the server verifies", async () => {
    vi.useRealTimers(); // the shell's clock signs: compare with the real one, not the tests' frozen NOW
    const script = curlSigningExample("http://127.0.0.1:3211", "nak_pk_x", SECRET).replace(/\ncurl .*$/, '\necho "$TS $SIG"');
    const [ts, sig] = execFileSync("bash", ["-c", script], { encoding: "utf8" }).trim().split(" ");
    const result = await verifyRequestSignature(SECRET, { method: "GET", pathWithQuery: EXAMPLE_PATH, body: "", timestampHeader: ts, signatureHeader: `v1=${sig}`, now: Date.now() });
    expect(result).toEqual({ ok: true });
  });

  test("the Web Crypto example signs the way the server verifies", async () => {
    const code = webCryptoSigningExample("http://127.0.0.1:3211")
      .replace(/const res = await fetch[\s\S]*$/, "return { ts, sig };")
      .replace(/process\.env\.NAK_SIGNING_SECRET!/, JSON.stringify(SECRET));
    const run = new Function(`return (async () => { ${code.replace(/: ArrayBuffer/g, "")} })();`) as () => Promise<{ ts: string; sig: string }>;
    const { ts, sig } = await run();
    const result = await verifyRequestSignature(SECRET, { method: "GET", pathWithQuery: EXAMPLE_PATH, body: "", timestampHeader: ts, signatureHeader: `v1=${sig}`, now: Date.now() });
    expect(result).toEqual({ ok: true });
  });

  test("the @nak/client example names the deployment and the secret", () => {
    const code = clientSigningExample("http://127.0.0.1:3211/");
    expect(code).toContain('baseUrl: "http://127.0.0.1:3211"');
    expect(code).toContain("signingSecret: process.env.NAK_SIGNING_SECRET");
  });
});
