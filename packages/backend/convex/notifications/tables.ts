/**
 * Tables of the admin notifications domain, spread into schema.ts. Written only by
 * convex/notifications/*.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { alertSeverity } from "../shared/validators";

export const deliveryStatus = v.union(v.literal("pending"), v.literal("delivered"), v.literal("failed"));
export const webhookEventType = v.union(v.literal("alert.created"), v.literal("key.auto_revoked"), v.literal("webhook.test"));

export const notificationTables = {
  /** The admin webhook as set in the admin area (one row, `name: "adminWebhook"`). Env vars apply when absent. */
  notificationSettings: defineTable({
    name: v.literal("adminWebhook"),
    /** Delivery URL; undefined = fall back to ADMIN_WEBHOOK_URL. */
    url: v.optional(v.string()),
    /** AES-GCM ciphertext of the signing secret (API_KEY_ENCRYPTION_KEY, associated data "adminWebhook"). */
    encryptedSecret: v.optional(v.string()),
    enabled: v.boolean(),
    /** Alerts below this severity are not sent; revocations always are. */
    minSeverity: alertSeverity,
    updatedAt: v.number(),
    /** Better Auth user id of the admin who last changed it. */
    updatedBy: v.string(),
  }).index("by_name", ["name"]),

  /** One row per webhook event: what was sent where, and how delivery went. Admin-visible log. */
  webhookDeliveries: defineTable({
    /** `evt_…`, sent as Nak-Webhook-Id (constant across retries). */
    eventId: v.string(),
    eventType: webhookEventType,
    /** The exact JSON body sent (and signed). */
    payload: v.string(),
    url: v.string(),
    status: deliveryStatus,
    /** Attempts made so far (each HTTP try, successful or not). */
    attempts: v.number(),
    lastStatusCode: v.optional(v.number()),
    lastError: v.optional(v.string()),
    lastAttemptAt: v.optional(v.number()),
    createdAt: v.number(),
    /** When it was delivered or given up (ms). */
    completedAt: v.optional(v.number()),
  })
    .index("by_createdAt", ["createdAt"])
    .index("by_status_and_createdAt", ["status", "createdAt"]),
};
