/**
 * Sends the emails Better Auth asks for (auth.ts's `sendResetPassword`, and any other send
 * callback: email verification…), to the destination `email/config.ts` picks from the
 * environment: a webhook in production, the dev mailbox in development.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { env, internalAction, internalMutation, type MutationCtx } from "../_generated/server";
import type { GenericCtx } from "@convex-dev/better-auth";
import type { DataModel } from "../_generated/dataModel";
import { emailDelivery, type OutgoingEmail } from "./config";

const emailArgs = { to: v.string(), subject: v.string(), text: v.string(), url: v.optional(v.string()), kind: v.string() };

/**
 * Delivers one email from a Better Auth callback, whatever context it runs in.
 * @example sendResetPassword: ({ user, url }) => sendEmail(ctx, resetPasswordEmail(user.email, url))
 */
export async function sendEmail(ctx: GenericCtx<DataModel>, email: OutgoingEmail): Promise<void> {
  // Better Auth runs in a mutation (db writer) or an HTTP action (runMutation, no db).
  if ("db" in ctx && "insert" in ctx.db && "scheduler" in ctx) {
    await deliverEmail(ctx as MutationCtx, email);
    return;
  }
  if (!("runMutation" in ctx)) throw new Error("sendEmail needs a mutation or action context");
  await ctx.runMutation(internal.email.outbox.deliver, email);
}

/** Stores (dev mailbox) or schedules the webhook POST (production) for one email. */
export async function deliverEmail(ctx: Pick<MutationCtx, "db" | "scheduler">, email: OutgoingEmail): Promise<void> {
  const delivery = emailDelivery(env);
  if (delivery.mode === "webhook") {
    await ctx.scheduler.runAfter(0, internal.email.outbox.postToWebhook, email);
  } else if (delivery.mode === "dev_mailbox") {
    await ctx.db.insert("devMailbox", { ...email, createdAt: Date.now() });
    console.log(`dev mailbox: "${email.subject}" to ${email.to}${email.url ? `: ${email.url}` : ""}`);
  } else {
    console.warn(`email "${email.kind}" to a user was not sent: set EMAIL_WEBHOOK_URL (see README, "Email")`);
  }
}

export const deliver = internalMutation({
  args: emailArgs,
  returns: v.null(),
  handler: async (ctx, email) => {
    await deliverEmail(ctx, email);
    return null;
  },
});

/** POSTs one email to the configured webhook; a refusal throws (the scheduler logs it). */
export const postToWebhook = internalAction({
  args: emailArgs,
  returns: v.null(),
  handler: async (_ctx, email) => {
    const delivery = emailDelivery(env);
    if (delivery.mode !== "webhook") return null;
    const response = await fetch(delivery.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(delivery.secret ? { authorization: `Bearer ${delivery.secret}` } : {}) },
      body: JSON.stringify(email),
    });
    if (!response.ok) throw new Error(`email webhook answered ${response.status} for "${email.kind}"`);
    return null;
  },
});
