// Attack (issue #11, finding 6): racing Better Auth's own create route past the 5-key cap.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newTest, signUp, WEB_ORIGIN } from "../test/setup";
import { activeKeysNow } from "../test/clockViews";

describe("the key cap under a race", () => {
  test("concurrent creates on Better Auth's route past the cap answer 403, never 500, and leave five keys", async () => {
    const t = newTest();
    const alice = await signUp(t, "alice@example.com");
    for (let i = 0; i < 4; i++) await alice.client.mutation(api.apiKeys.mutations.create, { name: `k${i}`, tier: "free" });
    const create = () =>
      t.fetch("/api/auth/api-key/create", {
        method: "POST",
        headers: { origin: WEB_ORIGIN, authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "racer" }),
      });
    const statuses = (await Promise.all([create(), create(), create()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 403, 403]);
    expect(activeKeysNow(await alice.client.query(api.users.queries.me, {}))).toBe(5);
  });

  test("Better Auth's own create route refuses names with bidi overrides or zero-width characters (400) and stores nothing", async () => {
    const t = newTest();
    const alice = await signUp(t, "alice@example.com");
    for (const name of ["pay\u202Eroll", "ad\u200Bmin", "tab\there"]) {
      const res = await t.fetch("/api/auth/api-key/create", {
        method: "POST",
        headers: { origin: WEB_ORIGIN, authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      expect(res.status).toBe(400);
    }
    expect(activeKeysNow(await alice.client.query(api.users.queries.me, {}))).toBe(0);
  });
});
