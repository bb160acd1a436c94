// The backend functions the web app calls, and the types of what they return (all derived from
// the backend's own validators through the generated `api`).
import { api } from "@nak/backend/convex/_generated/api";
import type { Id } from "@nak/backend/convex/_generated/dataModel";
import type { FunctionReturnType } from "convex/server";

export { api };
export type { Id };

export type Me = FunctionReturnType<typeof api.users.queries.me>;
export type KeyView = FunctionReturnType<typeof api.apiKeys.queries.get>;
export type UsageView = FunctionReturnType<typeof api.apiKeys.queries.usage>;
export type KeyWithUsage = FunctionReturnType<typeof api.apiKeys.queries.list>[number];
export type CreatedKey = FunctionReturnType<typeof api.apiKeys.mutations.create>;
export type AdminKeyRow = FunctionReturnType<typeof api.admin.keys.list>["page"][number];
export type CustomerRow = FunctionReturnType<typeof api.admin.customers.list>["page"][number];
export type AuditEvent = FunctionReturnType<typeof api.admin.audit.list>["page"][number];

export type KeyStatus = KeyView["status"];
export type Owner = { email: string; name: string } | null;

export type AlertRow = FunctionReturnType<typeof api.admin.alerts.list>["page"][number];
export type AlertDetail = FunctionReturnType<typeof api.admin.alerts.get>;
export type AccessRow = AlertDetail["requests"][number];
export type TraceResult = FunctionReturnType<typeof api.admin.leaks.trace>;
export type LeakRow = FunctionReturnType<typeof api.admin.leaks.list>["page"][number];
export type HistoryRange = "24h" | "7d" | "30d";
export type HistoryBucket = FunctionReturnType<typeof api.apiKeys.liveHistory.history>["buckets"][number];

export const alertsApi = api.admin.alerts;
export const leaksApi = api.admin.leaks;
/** Requests over time with a live current hour (apiKeys/liveHistory.ts). */
export const historyApi = api.apiKeys.liveHistory.history;
