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
export type AdminKeyRow = FunctionReturnType<typeof api.admin.search.keys>["page"][number];
export type CustomerRow = FunctionReturnType<typeof api.admin.search.customers>["page"][number];
/** A row of the admin audit log (emails and key names resolved on the server). */
export type AuditRow = FunctionReturnType<typeof api.admin.auditLog.list>["page"][number];
export type CustomerKeyOption = FunctionReturnType<typeof api.admin.auditLog.customerKeys>[number];

export type KeyStatus = KeyView["status"];
/** A key named as evidence (alerts, leaks): live, or "deleted" when only its tombstone is left. */
export type KeyRecordStatus = NonNullable<AlertRow["keyStatus"]>;
export type Owner = { email: string; name: string } | null;

export type AlertRow = FunctionReturnType<typeof api.admin.alerts.list>["page"][number];
export type AlertDetail = FunctionReturnType<typeof api.admin.alerts.get>;
export type AccessRow = AlertDetail["requests"][number];
export type TraceResult = FunctionReturnType<typeof api.admin.leaks.trace>;
export type LeakRow = FunctionReturnType<typeof api.admin.leaks.list>["page"][number];
export type HistoryRange = "24h" | "7d" | "30d";
export type History = FunctionReturnType<typeof api.apiKeys.liveHistory.history>;
export type HistoryBucket = History["buckets"][number];
export type RequestLogRow = FunctionReturnType<typeof api.keyActivity.queries.requestLog>["page"][number];
export type KeyOverview = FunctionReturnType<typeof api.keyActivity.queries.overview>;
export type NotificationSettings = FunctionReturnType<typeof api.notifications.admin.settings>;
export type Delivery = FunctionReturnType<typeof api.notifications.admin.deliveries>["page"][number];
export type OpenCritical = FunctionReturnType<typeof api.notifications.admin.openCritical>;

export const alertsApi = api.admin.alerts;
export const leaksApi = api.admin.leaks;
/** Requests over time with a live current hour (apiKeys/liveHistory.ts). */
export const historyApi = api.apiKeys.liveHistory.history;
