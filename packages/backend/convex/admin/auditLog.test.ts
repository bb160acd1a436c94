// The admin audit log with names instead of ids, search by customer email, key and date range.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newTest, signUp, signUpAdmin } from "../test/setup";
import { statusNow } from "../test/clockViews";

const page = { numItems: 50, cursor: null };

async function world() {
  const t = newTest();
  const admin = await signUpAdmin(t);
  const alice = await signUp(t, "alice@example.com");
  const bob = await signUp(t, "bob@example.com");
  const aliceKey = await alice.client.mutation(api.apiKeys.mutations.create, { name: "Alice prod", tier: "free" });
  await bob.client.mutation(api.apiKeys.mutations.create, { name: "Bob app", tier: "free" });
  return { t, admin, alice, bob, aliceKey };
}

describe("admin audit log", () => {
  test("rows carry the actor's and owner's emails and the key's name and prefix", async () => {
    const { admin, aliceKey } = await world();
    const { page: rows } = await admin.client.query(api.admin.auditLog.list, { paginationOpts: page, type: "api_key_created" });
    const row = rows.find((r) => r.apiKeyId === aliceKey.apiKeyId)!;
    expect(row).toMatchObject({ actorEmail: "alice@example.com", userEmail: "alice@example.com", keyName: "Alice prod" });
    expect(row.keyStart).toMatch(/^nak_pk_/);
  });

  test("searching by a customer's email returns only their events; an unknown email says so", async () => {
    const { admin, alice } = await world();
    const { page: rows } = await admin.client.query(api.admin.auditLog.list, { paginationOpts: page, email: "ALICE@example.com " });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.userId === alice.userId)).toBe(true);
    await expect(admin.client.query(api.admin.auditLog.list, { paginationOpts: page, email: "nobody@example.com" })).rejects.toThrow(/No customer with the email/);
  });

  test("the key picker lists the customer's keys with prefix and status, and a date range bounds the rows", async () => {
    const { admin, aliceKey } = await world();
    const keys = await admin.client.query(api.admin.auditLog.customerKeys, { email: "alice@example.com" });
    expect(keys).toEqual([{ id: aliceKey.apiKeyId, name: "Alice prod", start: expect.stringMatching(/^nak_pk_/), enabled: true, expiresAt: expect.any(Number), revokedAt: null }]);
    expect(statusNow(keys[0]!)).toBe("active");
    const future = Date.now() + 60_000;
    const { page: none } = await admin.client.query(api.admin.auditLog.list, { paginationOpts: page, from: future });
    expect(none).toEqual([]);
    const { page: keyRows } = await admin.client.query(api.admin.auditLog.list, { paginationOpts: page, apiKeyId: aliceKey.apiKeyId, to: future });
    expect(keyRows.map((r) => r.type)).toEqual(["api_key_created"]);
  });

  test("customers cannot read the audit log", async () => {
    const { alice } = await world();
    await expect(alice.client.query(api.admin.auditLog.list, { paginationOpts: page })).rejects.toThrow();
    await expect(alice.client.query(api.admin.auditLog.customerKeys, { email: "bob@example.com" })).rejects.toThrow();
  });
});
