/**
 * Delivery of one admin webhook: the workpool runs `send` (one signed POST; throwing makes the
 * pool retry with backoff), each attempt is recorded on the delivery row, and `completed` marks
 * the row delivered or failed once the pool is done with it.
 */
import { v } from "convex/values";
import { NonRetryableError, vOnCompleteArgs } from "@convex-dev/workpool";
import { internal } from "../_generated/api";
import { internalAction, internalMutation, internalQuery } from "../_generated/server";
import { SECOND } from "../lib/time";
import { getSettings, resolveSecret } from "./config";
import {
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  webhookSignatureHeader,
} from "./webhookSignature";

/** A receiver gets this long to answer one attempt. */
export const DELIVERY_TIMEOUT_MS = 10 * SECOND;

/** Statuses worth retrying: the receiver's fault may pass (5xx, 408 timeout, 429 busy). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export const forSend = internalQuery({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.union(
    v.null(),
    v.object({ url: v.string(), payload: v.string(), eventId: v.string(), eventType: v.string(), secret: v.union(v.string(), v.null()) }),
  ),
  handler: async (ctx, { deliveryId }) => {
    const delivery = await ctx.db.get("webhookDeliveries", deliveryId);
    if (!delivery) return null;
    const secret = await resolveSecret(await getSettings(ctx.db));
    return { url: delivery.url, payload: delivery.payload, eventId: delivery.eventId, eventType: delivery.eventType, secret };
  },
});

export const recordAttempt = internalMutation({
  args: { deliveryId: v.id("webhookDeliveries"), statusCode: v.optional(v.number()), error: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { deliveryId, statusCode, error }) => {
    const delivery = await ctx.db.get("webhookDeliveries", deliveryId);
    if (!delivery) return null;
    await ctx.db.patch("webhookDeliveries", deliveryId, {
      attempts: delivery.attempts + 1,
      lastStatusCode: statusCode,
      lastError: error?.slice(0, 500),
      lastAttemptAt: Date.now(),
    });
    return null;
  },
});

/** One signed POST of a delivery. Throws on failure so the workpool retries it. */
export const send = internalAction({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.null(),
  handler: async (ctx, { deliveryId }) => {
    const delivery = await ctx.runQuery(internal.notifications.deliver.forSend, { deliveryId });
    if (!delivery) throw new NonRetryableError("delivery row not found");
    if (!delivery.secret) {
      await ctx.runMutation(internal.notifications.deliver.recordAttempt, { deliveryId, error: "no webhook secret configured" });
      throw new NonRetryableError("no webhook secret configured");
    }
    const signature = await webhookSignatureHeader(delivery.secret, delivery.payload, Date.now() / SECOND);
    let status: number;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Nak-Webhooks/1",
          [WEBHOOK_ID_HEADER]: delivery.eventId,
          [WEBHOOK_EVENT_HEADER]: delivery.eventType,
          [WEBHOOK_SIGNATURE_HEADER]: signature,
        },
        body: delivery.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await ctx.runMutation(internal.notifications.deliver.recordAttempt, { deliveryId, error: message });
      throw new Error(`webhook delivery failed: ${message}`);
    }
    const ok = status >= 200 && status < 300;
    await ctx.runMutation(internal.notifications.deliver.recordAttempt, { deliveryId, statusCode: status, error: ok ? undefined : `HTTP ${status}` });
    if (ok) return null;
    if (isRetryableStatus(status)) throw new Error(`webhook receiver answered ${status}`);
    throw new NonRetryableError(`webhook receiver refused the delivery with ${status}`);
  },
});

/** Called by the workpool when it is done with a delivery: success, failure after retries, or cancel. */
export const completed = internalMutation({
  args: vOnCompleteArgs(v.object({ deliveryId: v.id("webhookDeliveries") })),
  returns: v.null(),
  handler: async (ctx, { context, result }) => {
    const delivery = await ctx.db.get("webhookDeliveries", context.deliveryId);
    if (!delivery) return null;
    await ctx.db.patch("webhookDeliveries", delivery._id, {
      status: result.kind === "success" ? "delivered" : "failed",
      completedAt: Date.now(),
      ...(result.kind === "failed" ? { lastError: result.error.slice(0, 500) } : {}),
      ...(result.kind === "canceled" ? { lastError: "canceled" } : {}),
    });
    return null;
  },
});
