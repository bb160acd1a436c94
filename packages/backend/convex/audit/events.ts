/**
 * The append-only security audit trail. Every lifecycle change, admin action and detector
 * finding goes through `logSecurityEvent`; nothing updates or deletes these rows.
 */
import type { MutationCtx } from "../_generated/server";
import type { EventSeverity, SecurityEventType } from "../shared/validators";

export type SecurityEventInput = {
  type: SecurityEventType;
  severity: EventSeverity;
  /** A Better Auth user id, "system" for crons, "anonymous" for unauthenticated callers. */
  actor: string;
  apiKeyId?: string;
  userId?: string;
  details: Record<string, unknown>;
};

/** Appends one event. @example await logSecurityEvent(ctx, { type: "api_key_created", … }) */
export async function logSecurityEvent(ctx: Pick<MutationCtx, "db">, event: SecurityEventInput) {
  return await ctx.db.insert("securityEvents", {
    type: event.type,
    severity: event.severity,
    actor: event.actor,
    apiKeyId: event.apiKeyId,
    userId: event.userId,
    details: JSON.stringify(event.details),
    createdAt: Date.now(),
  });
}
