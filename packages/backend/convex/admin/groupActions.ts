/**
 * Acting on a group from an alert: the keys an alert names (its key plus any its evidence lists,
 * e.g. accounts acting as one client), and revoking several keys with one confirmation. Each
 * revocation is its own `api_key_revoked` audit entry, tagged with the alert and the batch size.
 */
import { v } from "convex/values";
import { components } from "../_generated/api";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { getKey, revokeKey } from "../apiKeys/lifecycle";
import { keyStateFields, keyStateOf } from "../apiKeys/views";
import { MAX_REASON_LENGTH } from "../apiKeys/mutations";

/** At most this many keys in one group action (one transaction). */
export const MAX_GROUP_KEYS = 50;

/**
 * Key ids an alert's evidence names, whatever the detector called the field: `apiKeyIds`,
 * `keyIds`, `relatedKeyIds`, or `keys`/`accounts` lists of ids or of objects with `apiKeyId`.
 * Pure; the alert's own key comes first.
 */
export function keyIdsInAlert(alertKeyId: string, details: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    parsed = {};
  }
  const ids = [alertKeyId];
  const evidence = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
  for (const field of ["apiKeyIds", "keyIds", "relatedKeyIds", "keys", "accounts"]) {
    const list = evidence[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const id = typeof item === "string" ? item : item && typeof item === "object" ? (item as { apiKeyId?: unknown }).apiKeyId : undefined;
      if (typeof id === "string" && id.length > 0 && id.length <= 64) ids.push(id);
    }
  }
  return [...new Set(ids)].slice(0, MAX_GROUP_KEYS);
}

export const alertKeys = adminQuery({
  args: { alertId: v.id("scrapingAlerts") },
  returns: v.array(
    v.object({ id: v.string(), name: v.string(), ownerEmail: v.union(v.string(), v.null()), ...keyStateFields }),
  ),
  handler: async (ctx, { alertId }) => {
    const alert = await ctx.db.get("scrapingAlerts", alertId);
    if (!alert) throw appError("not_found", "No such alert.");
    const rows = await Promise.all(
      keyIdsInAlert(alert.apiKeyId, alert.details).map(async (id) => {
        const key = await getKey(ctx, id);
        if (!key) return null;
        const owner = await ctx.runQuery(components.betterAuth.users.getById, { id: key.referenceId });
        return { id: key._id, name: key.name ?? "Unnamed key", ownerEmail: owner?.email ?? null, ...keyStateOf(key) };
      }),
    );
    return rows.filter((r) => r !== null);
  },
});

/** Revokes every listed key that is not revoked yet; one audit entry per key revoked. */
export const revokeKeys = adminMutation({
  args: { keyIds: v.array(v.string()), reason: v.string(), alertId: v.optional(v.id("scrapingAlerts")) },
  returns: v.object({ revoked: v.array(v.string()), skipped: v.array(v.object({ id: v.string(), why: v.union(v.literal("not_found"), v.literal("already_revoked")) })) }),
  handler: async (ctx, { keyIds, reason, alertId }) => {
    const ids = [...new Set(keyIds)];
    if (ids.length === 0) throw appError("invalid_argument", "Choose at least one key.");
    if (ids.length > MAX_GROUP_KEYS) throw appError("invalid_argument", `At most ${MAX_GROUP_KEYS} keys at once.`);
    const text = reason.trim().slice(0, MAX_REASON_LENGTH) || "Revoked by an admin";
    const revoked: string[] = [];
    const skipped: Array<{ id: string; why: "not_found" | "already_revoked" }> = [];
    for (const id of ids) {
      const key = await getKey(ctx, id);
      if (!key) {
        skipped.push({ id, why: "not_found" });
        continue;
      }
      const done = await revokeKey(ctx, key, text, ctx.viewer.userId, { by: "admin", group: ids.length, ...(alertId ? { alertId } : {}) });
      if (done) revoked.push(key._id);
      else skipped.push({ id: key._id, why: "already_revoked" });
    }
    return { revoked, skipped };
  },
});
