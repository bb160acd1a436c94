// Attacks on the client address through the real HTTP routes (issue #11, finding 3).
import { describe, expect, test } from "vitest";
import { apiWorld } from "../test/world";
import { generateApiKey } from "../shared/keyFormat";
import { INVALID_KEY_ATTEMPTS_PER_MINUTE } from "./throttle";

describe("a forged X-Forwarded-For", () => {
  test("rotating the first entry does not evade the invalid-key throttle", async () => {
    const w = await apiWorld({ articles: 5 });
    const statuses = [];
    for (let i = 0; i < 2 * INVALID_KEY_ATTEMPTS_PER_MINUTE; i++) {
      const forged = `${(i * 7) % 250}.${i}.1.${i + 1}`;
      const res = await w.get("/api/v1/contents", { key: generateApiKey(), headers: { "x-forwarded-for": `${forged}, 198.51.100.66` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, INVALID_KEY_ATTEMPTS_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(INVALID_KEY_ATTEMPTS_PER_MINUTE).every((s) => s === 429)).toBe(true);
  });

  test("naming a victim's address does not get the victim's valid key throttled", async () => {
    const w = await apiWorld({ articles: 5 });
    for (let i = 0; i < 2 * INVALID_KEY_ATTEMPTS_PER_MINUTE; i++) {
      await w.get("/api/v1/contents", { key: generateApiKey(), headers: { "x-forwarded-for": "203.0.113.10, 198.51.100.66" } });
    }
    const victim = await w.get("/api/v1/contents", { key: w.keys.pro.key, ip: "203.0.113.10" });
    expect(victim.status).toBe(200);
  });

  test("values that are not addresses do not share one bucket with strangers", async () => {
    const w = await apiWorld({ articles: 5 });
    for (let i = 0; i < INVALID_KEY_ATTEMPTS_PER_MINUTE; i++) {
      await w.get("/api/v1/contents", { key: generateApiKey(), headers: { "x-forwarded-for": "not-an-address" } });
    }
    expect((await w.get("/api/v1/contents", { key: w.keys.pro.key, headers: { "x-forwarded-for": "not-an-address" } })).status).toBe(429);
    expect((await w.get("/api/v1/contents", { key: w.keys.pro.key, headers: { "x-forwarded-for": "also-not-one" } })).status).toBe(200);
    expect((await w.get("/api/v1/contents", { key: w.keys.pro.key })).status).toBe(200);
  });

  test("the log row (what the detectors read) has the trusted address and the full chain as evidence", async () => {
    const w = await apiWorld({ articles: 5 });
    for (const forged of ["1.2.3.4", "5.6.7.8", "9.10.11.12"]) {
      await w.get("/api/v1/contents", { key: w.keys.pro.key, headers: { "x-forwarded-for": `${forged}, 203.0.113.200` } });
    }
    const rows = await w.t.run((ctx) => ctx.db.query("contentAccessLog").collect());
    expect(new Set(rows.map((r) => r.ipAddress))).toEqual(new Set(["203.0.113.200"]));
    expect(rows.map((r) => r.forwardedFor)).toEqual(["1.2.3.4, 203.0.113.200", "5.6.7.8, 203.0.113.200", "9.10.11.12, 203.0.113.200"]);
  });
});
