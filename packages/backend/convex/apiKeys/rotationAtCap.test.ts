// Rotation at the 5-key cap (#15 item 2): a customer can always replace a key, the count of active
// keys never exceeds the cap, and refusals carry a kind and a sentence that explains them.
import { describe, expect, test } from "vitest";
import { ConvexError } from "convex/values";
import { api } from "../_generated/api";
import { newTest, signUp } from "../test/setup";
import { MAX_ACTIVE_KEYS_PER_USER } from "../shared/tiers";
import { activeKeysNow, statusNow } from "../test/clockViews";

async function atCap() {
  const t = newTest();
  const alice = await signUp(t, "alice@example.com");
  const ids: string[] = [];
  for (let i = 0; i < MAX_ACTIVE_KEYS_PER_USER; i++) {
    ids.push((await alice.client.mutation(api.apiKeys.mutations.create, { name: `k${i}`, tier: "free" })).apiKeyId);
  }
  return { t, alice, ids };
}

async function errorData(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConvexError) return error.data as { kind: string; message: string };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("rotation at the key cap", () => {
  test("every key can be rotated with a grace period at the cap, and the count stays at the cap", async () => {
    const { alice, ids } = await atCap();
    for (const keyId of ids) {
      const rotated = await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId, gracePeriodHours: 24 });
      expect(statusNow(rotated.key)).toBe("active");
      const me = await alice.client.query(api.users.queries.me, {});
      expect(activeKeysNow(me)).toBe(MAX_ACTIVE_KEYS_PER_USER);
    }
  });

  test("rotation without a grace period at the cap works after a rotation with one", async () => {
    const { alice, ids } = await atCap();
    const first = await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: ids[0]!, gracePeriodHours: 24 });
    const second = await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: ids[1]!, gracePeriodHours: 0 });
    const third = await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: first.apiKeyId, gracePeriodHours: 1 });
    expect([statusNow(second.key), statusNow(third.key)]).toEqual(["active", "active"]);
    expect(activeKeysNow(await alice.client.query(api.users.queries.me, {}))).toBe(MAX_ACTIVE_KEYS_PER_USER);
  });

  test("keys rotating out do not open room for a sixth key", async () => {
    const { alice, ids } = await atCap();
    await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: ids[0]!, gracePeriodHours: 24 });
    const refusal = await errorData(alice.client.mutation(api.apiKeys.mutations.create, { name: "sixth", tier: "free" }));
    expect(refusal.kind).toBe("limit_reached");
    expect(refusal.message).toMatch(/Revoke or delete one to create another; rotating an existing key is always possible/);
  });

  test("rotating a key twice is refused as a conflict that says what to do", async () => {
    const { alice, ids } = await atCap();
    await alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: ids[0]!, gracePeriodHours: 24 });
    const refusal = await errorData(alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: ids[0]!, gracePeriodHours: 0 }));
    expect(refusal).toEqual({ kind: "conflict", message: "Only an active key that was not rotated already can be rotated: rotate its replacement instead." });
  });

  test("a revoked key cannot be rotated, and says why", async () => {
    const { alice, ids } = await atCap();
    await alice.client.mutation(api.apiKeys.mutations.revoke, { keyId: ids[0]!, reason: "leaked on a forum" });
    const refusal = await errorData(alice.client.mutation(api.apiKeys.mutations.rotate, { keyId: ids[0]!, gracePeriodHours: 0 }));
    expect(refusal.kind).toBe("conflict");
    expect(refusal.message).toMatch(/revoked or expired/);
  });
});
