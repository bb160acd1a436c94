// Rotation replaces a key's secret, not its restrictions: the replacement keeps the key's IP
// allowlist and its request-signing requirement (with the same signing secret, so the customer's
// signing set-up keeps working). Without this, rotating a restricted key silently lifted them.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { signRequest } from "../signing/requestSignature";
import { apiWorld } from "../test/world";

describe("rotating a restricted key", () => {
  test("the replacement keeps the IP allowlist: an unlisted address is still refused", async () => {
    const w = await apiWorld({ articles: 1 });
    await w.owner.client.mutation(api.keyAccess.functions.setIpAllowlist, { keyId: w.keys.pro.id, entries: ["203.0.113.0/24"] });
    const rotated = await w.owner.client.mutation(api.apiKeys.mutations.rotate, { keyId: w.keys.pro.id, gracePeriodHours: 0 });
    expect(await w.owner.client.query(api.keyAccess.functions.ipAllowlist, { keyId: rotated.key.id })).toEqual(["203.0.113.0/24"]);
    const refused = await w.get("/api/v1/contents", { key: rotated.apiKey, ip: "198.51.100.5" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("ip_not_allowed");
    expect((await w.get("/api/v1/contents", { key: rotated.apiKey, ip: "203.0.113.9" })).status).toBe(200);
  });

  test("the replacement still requires signed requests, with the same signing secret", async () => {
    const w = await apiWorld({ articles: 1 });
    const { signingSecret } = await w.owner.client.mutation(api.apiKeys.mutations.enableRequestSigning, { keyId: w.keys.pro.id });
    const rotated = await w.owner.client.mutation(api.apiKeys.mutations.rotate, { keyId: w.keys.pro.id, gracePeriodHours: 1 });
    const path = "/api/v1/contents?limit=1";
    const unsigned = await w.get(path, { key: rotated.apiKey });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe("invalid_signature");
    const signed = await signRequest(signingSecret!, { method: "GET", pathWithQuery: path });
    expect((await w.get(path, { key: rotated.apiKey, headers: { "x-signature": signed.signature, "x-signature-timestamp": signed.timestamp } })).status).toBe(200);
    // The old key, in its grace period, keeps its own requirement too.
    expect((await w.get(path, { key: w.keys.pro.key })).status).toBe(401);
  });

  test("a key without restrictions is replaced by one without them", async () => {
    const w = await apiWorld({ articles: 1 });
    const rotated = await w.owner.client.mutation(api.apiKeys.mutations.rotate, { keyId: w.keys.pro.id, gracePeriodHours: 0 });
    expect(await w.owner.client.query(api.keyAccess.functions.ipAllowlist, { keyId: rotated.key.id })).toEqual([]);
    expect((await w.get("/api/v1/contents", { key: rotated.apiKey, ip: "198.51.100.5" })).status).toBe(200);
  });
});
