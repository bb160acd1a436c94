// The backend functions the web app calls, and the types of what they return.
// Functions still being built by the backend are typed here by name (makeFunctionReference)
// so the pages compile against the agreed shapes; when they land, these point at `api` instead.
import { api } from "@nak/backend/convex/_generated/api";
import { makeFunctionReference, type FunctionReturnType, type PaginationOptions, type PaginationResult } from "convex/server";
import type { AlertSeverity, AlertType, LeakReporter } from "@nak/backend/shared/validators";

export { api };

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

export type AlertRow = {
  _id: string;
  _creationTime?: number;
  apiKeyId: string;
  userId: string;
  alertType: AlertType;
  severity: AlertSeverity;
  /** JSON string of the evidence. */
  details: string;
  resolved: boolean;
  resolvedBy?: string;
  resolvedAt?: number;
  createdAt: number;
  keyName: string | null;
  ownerEmail: string | null;
  keyStatus: KeyStatus | null;
};

export type AccessRow = {
  _id: string;
  contentSlug: string;
  action: string;
  statusCode: number;
  ipAddress: string;
  userAgent: string;
  accessedAt: number;
};

export type AlertDetail = { alert: AlertRow; key: KeyView | null; owner: Owner; requests: AccessRow[] };

export type TraceResult =
  | { found: false; reason: string }
  | { found: true; apiKeyId: string; key: KeyView | null; owner: Owner; slug: string | null; confidence: number; copies?: number };

export type LeakRow = {
  _id: string;
  apiKeyId: string;
  slug: string;
  foundOn: string;
  foundAt: number;
  reportedBy: LeakReporter;
  resolved: boolean;
  createdAt: number;
  keyName?: string | null;
  ownerEmail?: string | null;
};

export type HistoryRange = "24h" | "7d" | "30d";
export type HistoryBucket = { start: number; requests: number; errors: number; rateLimited: number };

export const alertsApi = {
  list: makeFunctionReference<
    "query",
    { paginationOpts: PaginationOptions; alertType?: AlertType; severity?: AlertSeverity; resolved?: boolean },
    PaginationResult<AlertRow>
  >("admin/alerts:list"),
  get: makeFunctionReference<"query", { alertId: string }, AlertDetail>("admin/alerts:get"),
  resolve: makeFunctionReference<"mutation", { alertId: string; note?: string }, unknown>("admin/alerts:resolve"),
  summary: makeFunctionReference<"query", Record<string, never>, { open: number; openCritical: number; capped: boolean }>("admin/alerts:summary"),
};

export const leaksApi = {
  trace: makeFunctionReference<"query", { text: string }, TraceResult>("admin/leaks:trace"),
  record: makeFunctionReference<
    "mutation",
    { text: string; foundOn: string; reportedBy: LeakReporter; revoke: boolean },
    { leakId: string; apiKeyId: string; slug: string }
  >("admin/leaks:record"),
  list: makeFunctionReference<"query", { paginationOpts: PaginationOptions; resolved?: boolean }, PaginationResult<LeakRow>>(
    "admin/leaks:list",
  ),
  resolve: makeFunctionReference<"mutation", { leakId: string }, unknown>("admin/leaks:resolve"),
};

export const historyApi = makeFunctionReference<"query", { keyId: string; range: HistoryRange }, { buckets: HistoryBucket[] }>(
  "apiKeys/queries:history",
);
