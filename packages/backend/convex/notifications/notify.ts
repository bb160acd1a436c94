/**
 * `notifyAdmins(ctx, event)`: the one entry point the rest of the app calls when admins should
 * hear about something (monitoring: an alert raised, a key revoked automatically). It builds the
 * event body, writes a delivery row (the admin-visible log) and enqueues the signed POST on the
 * webhook workpool, all inside the caller's transaction: if the caller rolls back, nothing is sent.
 * With no webhook configured it does nothing.
 */
import type { MutationCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import { getKey } from "../apiKeys/lifecycle";
import { getSettings, resolveTarget } from "./config";
import { webhookPool, webhookRetry } from "./pool";

export type AdminEvent =
  | { type: "alert.created"; alertId: Id<"scrapingAlerts"> | string }
  | { type: "key.auto_revoked"; apiKeyId: string; reason: string; alertId?: Id<"scrapingAlerts"> | string }
  | { type: "webhook.test"; requestedBy: string };

const SEVERITY_RANK = { warning: 0, critical: 1 } as const;

/** Builds the event's `data`; null when the event should not be sent (unknown row, below threshold). */
async function eventData(ctx: MutationCtx, event: AdminEvent, minSeverity: "warning" | "critical") {
  switch (event.type) {
    case "alert.created": {
      const alertId = ctx.db.normalizeId("scrapingAlerts", event.alertId);
      const alert = alertId && (await ctx.db.get("scrapingAlerts", alertId));
      if (!alert || SEVERITY_RANK[alert.severity] < SEVERITY_RANK[minSeverity]) return null;
      const summary = (JSON.parse(alert.details) as { summary?: string }).summary ?? alert.alertType;
      return {
        alertId: alert._id,
        alertType: alert.alertType,
        severity: alert.severity,
        summary,
        apiKeyId: alert.apiKeyId,
        userId: alert.userId,
        createdAt: new Date(alert.createdAt).toISOString(),
      };
    }
    case "key.auto_revoked": {
      const key = await getKey(ctx, event.apiKeyId);
      return {
        apiKeyId: event.apiKeyId,
        userId: key?.referenceId ?? null,
        keyName: key?.name ?? null,
        keyStart: key?.start ?? null,
        reason: event.reason,
        alertId: event.alertId ?? null,
      };
    }
    case "webhook.test":
      return { message: "Test delivery from Nak.", requestedBy: event.requestedBy };
  }
}

/**
 * Tells admins about `event` through the webhook, if one is configured. Returns the delivery id.
 *
 * @example
 *   await notifyAdmins(ctx, { type: "alert.created", alertId });
 *   await notifyAdmins(ctx, { type: "key.auto_revoked", apiKeyId: key._id, reason, alertId });
 */
export async function notifyAdmins(ctx: MutationCtx, event: AdminEvent): Promise<Id<"webhookDeliveries"> | null> {
  const target = resolveTarget(await getSettings(ctx.db));
  if (!target) return null;
  const data = await eventData(ctx, event, target.minSeverity);
  if (!data) return null;
  const now = Date.now();
  const eventId = `evt_${crypto.randomUUID().replace(/-/g, "")}`;
  const payload = JSON.stringify({ id: eventId, type: event.type, createdAt: new Date(now).toISOString(), data });
  const deliveryId = await ctx.db.insert("webhookDeliveries", {
    eventId,
    eventType: event.type,
    payload,
    url: target.url,
    status: "pending",
    attempts: 0,
    createdAt: now,
  });
  await webhookPool.enqueueAction(ctx, internal.notifications.deliver.send, { deliveryId }, {
    retry: webhookRetry(),
    onComplete: internal.notifications.deliver.completed,
    context: { deliveryId },
  });
  return deliveryId;
}
