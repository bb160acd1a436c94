// The client's signatures are the ones the server accepts: checked with the server's own verifier.
import { describe, expect, test } from "vitest";
import { verifyRequestSignature } from "../../backend/convex/signing/requestSignature";
import { canonicalString, signatureHeaders } from "../src/signing";

const SECRET = "nak_ss_" + "a".repeat(43);
const NOW_S = 1_764_583_200;

async function verify(headers: Record<string, string>, pathWithQuery: string, secret = SECRET, nowMs = NOW_S * 1000) {
  return await verifyRequestSignature(secret, {
    method: "GET",
    pathWithQuery,
    body: "",
    timestampHeader: headers["X-Signature-Timestamp"],
    signatureHeader: headers["X-Signature"],
    now: nowMs,
  });
}

describe("signatureHeaders", () => {
  test("produces headers the server's verifier accepts", async () => {
    const headers = await signatureHeaders(SECRET, { method: "get", pathWithQuery: "/api/v1/search?q=a%20b&limit=5", timestamp: NOW_S });
    expect(headers["X-Signature-Timestamp"]).toBe(String(NOW_S));
    expect(headers["X-Signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(await verify(headers, "/api/v1/search?q=a%20b&limit=5")).toEqual({ ok: true });
  });

  test("a signature does not carry over to another path, secret or time", async () => {
    const headers = await signatureHeaders(SECRET, { method: "GET", pathWithQuery: "/api/v1/me", timestamp: NOW_S });
    expect(await verify(headers, "/api/v1/contents")).toEqual({ ok: false, reason: "mismatch" });
    expect(await verify(headers, "/api/v1/me", "nak_ss_" + "b".repeat(43))).toEqual({ ok: false, reason: "mismatch" });
    expect(await verify(headers, "/api/v1/me", SECRET, (NOW_S + 301) * 1000)).toEqual({ ok: false, reason: "stale" });
  });

  test("defaults the timestamp to now, in seconds", async () => {
    const headers = await signatureHeaders(SECRET, { method: "GET", pathWithQuery: "/api/v1/me" });
    expect(Math.abs(Number(headers["X-Signature-Timestamp"]) - Date.now() / 1000)).toBeLessThan(5);
    expect(await verify(headers, "/api/v1/me", SECRET, Date.now())).toEqual({ ok: true });
  });

  test("refuses milliseconds and an empty secret instead of signing something always stale", async () => {
    await expect(signatureHeaders(SECRET, { method: "GET", pathWithQuery: "/", timestamp: Date.now() })).rejects.toThrow(/unix seconds/);
    await expect(signatureHeaders("", { method: "GET", pathWithQuery: "/" })).rejects.toThrow(/empty/);
  });

  test("the canonical string hashes the body", async () => {
    expect(await canonicalString("1", { method: "post", pathWithQuery: "/x", body: "" })).toBe(
      "1\nPOST\n/x\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});
