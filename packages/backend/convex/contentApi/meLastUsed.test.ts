// `/api/v1/me` is a use of the key: the key's "last used" moves, though it is not counted (#15 item 11).
import { expect, test } from "vitest";
import { api } from "../_generated/api";
import { apiWorld } from "../test/world";

test("a /me call updates the key's last used time and does not count against the limit", async () => {
  const { owner, keys, get } = await apiWorld({ articles: 5 });
  const before = await owner.client.query(api.apiKeys.queries.get, { keyId: keys.free.id });
  expect(before.lastUsedAt).toBeNull();
  expect((await get("/api/v1/me", { key: keys.free.key })).status).toBe(200);
  const after = await owner.client.query(api.apiKeys.queries.get, { keyId: keys.free.id });
  expect(after.lastUsedAt).toEqual(expect.any(Number));
  expect((await owner.client.query(api.apiKeys.queries.usage, { keyId: keys.free.id })).requestsToday).toBe(0);
});
