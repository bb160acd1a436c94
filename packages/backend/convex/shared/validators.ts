/**
 * Convex validators shared by the schema, the functions and the web app, with their types.
 * Enumerations come from the pure modules that own them (tiers.ts, monitoring thresholds…).
 */
import { v, type Infer } from "convex/values";
import { TIERS } from "./tiers";
import { APP_ERROR_KINDS, type ApiErrorCode } from "./errors";

const literals = <T extends string>(values: readonly T[]) =>
  v.union(...values.map((value) => v.literal(value)));

export const tier = literals(TIERS);
export const role = v.union(v.literal("user"), v.literal("admin"));
export type Role = Infer<typeof role>;

export const ACCESS_ACTIONS = ["list", "get", "search"] as const;
export const accessAction = literals(ACCESS_ACTIONS);
export type AccessAction = Infer<typeof accessAction>;

/**
 * How a logged content API request ended: `ok`, or the error code it was answered with (a closed
 * subset of shared/errors.ts codes: those that can follow a recognised key).
 */
export const ACCESS_OUTCOMES = [
  "ok",
  "not_found",
  "invalid_api_key",
  "key_revoked",
  "key_expired",
  "invalid_signature",
  "insufficient_permissions",
  "ip_not_allowed",
  "rate_limited",
] as const satisfies readonly ("ok" | ApiErrorCode)[];
export const accessOutcome = literals(ACCESS_OUTCOMES);
export type AccessOutcome = Infer<typeof accessOutcome>;

/** The closed list of denial kinds (shared/errors.ts) as a validator. */
export const appErrorKind = literals(APP_ERROR_KINDS);

export const ALERT_TYPES = [
  "sequential_access",
  "bulk_access",
  "velocity_exceeded",
  "ip_rotation",
  "api_key_sharing",
  "coordinated_access",
] as const;
export const alertType = literals(ALERT_TYPES);
export type AlertType = Infer<typeof alertType>;

export const ALERT_SEVERITIES = ["warning", "critical"] as const;
export const alertSeverity = literals(ALERT_SEVERITIES);
export type AlertSeverity = Infer<typeof alertSeverity>;

export const EVENT_SEVERITIES = ["critical", "warning", "info"] as const;
export const eventSeverity = literals(EVENT_SEVERITIES);
export type EventSeverity = Infer<typeof eventSeverity>;

/** Audit event types (the `securityEvents.type` values the app writes). */
export const SECURITY_EVENT_TYPES = [
  "api_key_created",
  "api_key_renamed",
  "api_key_revoked",
  "api_key_unbanned",
  "api_key_rotated",
  "api_key_deleted",
  "api_key_tier_changed",
  "signing_secret_created",
  "signing_secret_disabled",
  "scraping_alert",
  "alert_resolved",
  "content_leak",
  "content_leak_resolved",
  "plan_changed",
  "admin_granted",
  "invalid_key_attempt",
  "admin_webhook_changed",
  "ip_allowlist_changed",
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];
export const securityEventType = literals(SECURITY_EVENT_TYPES);

/**
 * Longest pasted text a leak trace reads (characters): ten times what a stripped copy of plain prose
 * needs, and small enough for the trace to stay well inside a query's second with 200 keys compared.
 */
export const MAX_LEAK_TEXT = 20_000;
export const LEAK_REPORTERS = ["automated", "manual", "user_report", "investigation"] as const;
export const leakReporter = literals(LEAK_REPORTERS);
export type LeakReporter = Infer<typeof leakReporter>;
