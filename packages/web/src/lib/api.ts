// The backend functions the web app calls, and the types of what they return (all derived from
// the backend's own validators through the generated `api`).
import { api } from "@nak/backend/convex/_generated/api";
import type { Id } from "@nak/backend/convex/_generated/dataModel";
import type { FunctionReturnType } from "convex/server";
import type { KeyRecordStatus, KeyStatus } from "@nak/backend/apiKeys/status";
import type { UsageSummary } from "@nak/backend/shared/usage";

export { api };
export type { Id };

// Queries return stored state (expiry instants, counter states); the app adds what depends on the
// time (status, usage now) with lib/clock.ts. `Stored*` are the queries' own types.
export type { KeyRecordStatus, KeyStatus, UsageSummary };
export type Me = FunctionReturnType<typeof api.users.queries.me>;
export type StoredKeyView = FunctionReturnType<typeof api.apiKeys.queries.get>;
/** A key with its status at the browser's time (`useKeyAt`, `useRowsAt`). */
export type KeyView = StoredKeyView & { status: KeyStatus };
export type StoredUsage = FunctionReturnType<typeof api.apiKeys.queries.usage>;
/** A key's usage at the browser's time (`usageAt` of shared/usage.ts). */
export type UsageView = UsageSummary;
export type StoredKeyWithUsage = FunctionReturnType<typeof api.apiKeys.queries.list>[number];
export type KeyWithUsage = { key: KeyView; usage: UsageView | null };
export type CreatedKey = FunctionReturnType<typeof api.apiKeys.mutations.create>;
export type StoredAdminKeyRow = FunctionReturnType<typeof api.admin.search.keys>["page"][number];
export type AdminKeyRow = Omit<StoredAdminKeyRow, "key" | "usage"> & KeyWithUsage;
export type CustomerRow = FunctionReturnType<typeof api.admin.search.customers>["page"][number];
/** A row of the admin audit log (emails and key names resolved on the server). */
export type AuditRow = FunctionReturnType<typeof api.admin.auditLog.list>["page"][number];
export type CustomerKeyOption = FunctionReturnType<typeof api.admin.auditLog.customerKeys>[number] & { status: KeyStatus };

export type Owner = { email: string; name: string } | null;

export type AlertRow = FunctionReturnType<typeof api.admin.alerts.list>["page"][number];
export type StoredAlertDetail = FunctionReturnType<typeof api.admin.alerts.get>;
export type AlertDetail = Omit<StoredAlertDetail, "key"> & { key: KeyView | null };
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
