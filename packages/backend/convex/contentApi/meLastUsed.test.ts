// `/api/v1/me` is a use of the key: the key's "last used" moves, though it is not counted (#15 item 11).
// Last use is recorded outside the request transaction (#11: a scheduled, debounced write), so
// the test lets scheduled work finish before reading it back.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { apiWorld } from "../test/world";
import { usageNow } from "../test/clockViews";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-02T10:00:00Z"));
});
afterEach(() => vi.useRealTimers());

test("a /me call updates the key's last used time and does not count against the limit", async () => {
  const { t, owner, keys, get } = await apiWorld({ articles: 5 });
  const before = await owner.client.query(api.apiKeys.queries.get, { keyId: keys.free.id });
  expect(before.lastUsedAt).toBeNull();
  expect((await get("/api/v1/me", { key: keys.free.key })).status).toBe(200);
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  const after = await owner.client.query(api.apiKeys.queries.get, { keyId: keys.free.id });
  expect(after.lastUsedAt).toEqual(Date.now());
  expect(usageNow(await owner.client.query(api.apiKeys.queries.usage, { keyId: keys.free.id })).requestsToday).toBe(0);
});
