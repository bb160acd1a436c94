/**
 * What a customer may see of their key's access log and audit events, as plain functions. Pure
 * module: the request line is rebuilt from the log row (route + query), and an event keeps only
 * its type, time, who did it (you / an admin / the system) and a reason; detector evidence and
 * other internal details stay with admins.
 */
import { API_PREFIX } from "../shared/apiPaths";

export type LogRowInput = {
  action: string;
  contentSlug: string;
  metadata?: string;
  statusCode: number;
  /** How the request ended: "ok" or the error code (absent on rows from before the column). */
  outcome?: string;
  ipAddress: string;
  userAgent: string;
  accessedAt: number;
};

function parse(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The request's path and query as the API saw it (the API only serves GET).
 *
 * @example requestPath({ action: "search", contentSlug: "", metadata: '{"q":"a b","limit":5}' }) // "/api/v1/search?q=a+b&limit=5"
 */
export function requestPath(row: Pick<LogRowInput, "action" | "contentSlug" | "metadata">): string {
  const meta = parse(row.metadata);
  const query = new URLSearchParams();
  if (row.action === "get") return `${API_PREFIX}/contents/${encodeURIComponent(row.contentSlug)}`;
  if (row.action === "search" && typeof meta.q === "string") query.set("q", meta.q);
  if (typeof meta.limit === "number") query.set("limit", String(meta.limit));
  const path = row.action === "search" ? `${API_PREFIX}/search` : `${API_PREFIX}/contents`;
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** The error code of a refused request: the row's `outcome`, or the metadata of an older row. */
export function errorCode(row: Pick<LogRowInput, "metadata" | "outcome">): string | null {
  if (row.outcome !== undefined) return row.outcome === "ok" ? null : row.outcome;
  const error = parse(row.metadata).error;
  return typeof error === "string" ? error : null;
}

export type EventActor = "you" | "admin" | "system";

/** Who did it, as the key's owner should read it. */
export function actorLabel(actor: string, ownerId: string): EventActor {
  if (actor === ownerId) return "you";
  return actor === "system" || actor === "anonymous" ? "system" : "admin";
}

/** The one detail of an event a customer may read: a reason or note given with it. */
export function eventReason(details: string): string | null {
  const parsed = parse(details);
  for (const field of ["reason", "note"]) {
    const value = parsed[field];
    if (typeof value === "string" && value.trim() !== "") return value.slice(0, 500);
  }
  return null;
}
