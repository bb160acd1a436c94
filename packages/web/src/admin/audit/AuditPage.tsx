// The security audit log (#15 item 4): newest first, with emails and key names (linked to their
// own filtered logs) instead of ids, readable times, search by a customer's email and then one of
// their keys (picked by name, prefix and status), a date range, type and severity, and a CSV
// export of the rows loaded. Filters live in the address bar, so a filtered log can be linked.
import { useState } from "react";
import { usePaginatedQuery, useQuery } from "convex/react";
import type { EventSeverity, SecurityEventType } from "@nak/backend/shared/validators";
import { api, type AuditRow } from "../../lib/api";
import { formatFull, humanize, relativeTime } from "../../lib/format";
import { Link, navigate, useLocation } from "../../lib/router";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { PageHeader } from "../../ui/Card";
import { Input, Select } from "../../ui/Field";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState, QueryBoundary } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { keyLabel } from "../../keys/KeyBadges";
import { DetailsList, detailsSummary, parseDetails } from "../Evidence";
import { SEVERITY_TONE, eventSeverityOptions, eventTypeOptions } from "../labels";
import { useKeysAt } from "../../lib/clock";


const DAY = 86_400_000;
/** yyyy-mm-dd (a date input's value) → the start of that UTC day, or the end of it. */
const dayStart = (day: string) => (day ? Date.parse(`${day}T00:00:00Z`) : undefined);
const dayEnd = (day: string) => (day ? Date.parse(`${day}T00:00:00Z`) + DAY - 1 : undefined);

/** Builds the page's address from its filters (empty ones left out). */
export function auditPath(filters: Record<string, string>): string {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const text = query.toString();
  return text ? `/admin/audit?${text}` : "/admin/audit";
}

export function AuditPage() {
  const { query } = useLocation();
  const filters = {
    type: query.get("type") ?? "",
    severity: query.get("severity") ?? "",
    email: query.get("email") ?? "",
    key: query.get("key") ?? "",
    from: query.get("from") ?? "",
    to: query.get("to") ?? "",
  };
  const [email, setEmail] = useState(filters.email);
  const set = (changes: Partial<typeof filters>) => navigate(auditPath({ ...filters, ...changes }), { replace: true });

  return (
    <>
      <PageHeader title="Audit log" description="Every key lifecycle change, detector finding, admin action and invalid-key attempt, newest first." />
      <form
        className="filters"
        role="search"
        aria-label="Search the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          set({ email: email.trim(), key: "" });
        }}
      >
        <Input label="Customer email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="Anyone" />
        <Button type="submit">Search</Button>
        {filters.email && <CustomerKeyPicker email={filters.email} value={filters.key} onChange={(key) => set({ key })} />}
        <Select label="Event type" value={filters.type} onChange={(e) => set({ type: e.target.value })} options={eventTypeOptions} />
        <Select label="Severity" value={filters.severity} onChange={(e) => set({ severity: e.target.value })} options={eventSeverityOptions} />
        <Input label="From (UTC)" type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        <Input label="To (UTC)" type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        {Object.values(filters).some(Boolean) && (
          <Button
            variant="ghost"
            onClick={() => {
              setEmail("");
              navigate("/admin/audit", { replace: true });
            }}
          >
            Clear filters
          </Button>
        )}
      </form>
      <QueryBoundary key={JSON.stringify(filters)}>
        <AuditResults filters={filters} />
      </QueryBoundary>
    </>
  );
}

function CustomerKeyPicker({ email, value, onChange }: { email: string; value: string; onChange: (key: string) => void }) {
  const keys = useKeysAt(useQuery(api.admin.auditLog.customerKeys, { email }));
  const options = [{ value: "", label: keys === undefined ? "Loading keys…" : "All their keys" }, ...(keys ?? []).map((k) => ({ value: k.id, label: keyLabel(k) }))];
  // A key linked from elsewhere that is not in the list (deleted) still shows as selected.
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: "A deleted key" });
  return <Select label="Key" value={value} onChange={(e) => onChange(e.target.value)} options={options} />;
}

function AuditResults({ filters }: { filters: Record<"type" | "severity" | "email" | "key" | "from" | "to", string> }) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.auditLog.list,
    {
      type: (filters.type || undefined) as SecurityEventType | undefined,
      severity: (filters.severity || undefined) as EventSeverity | undefined,
      email: filters.email || undefined,
      apiKeyId: filters.key || undefined,
      from: dayStart(filters.from),
      to: dayEnd(filters.to),
    },
    { initialNumItems: 50 },
  );
  if (status === "LoadingFirstPage") return <LoadingState label="Loading the audit log…" />;
  if (results.length === 0) {
    return (
      <div className="card">
        <EmptyState icon="scroll" title="No events match these filters" />
      </div>
    );
  }
  return (
    <>
      <div className="row-between" style={{ marginBottom: 8 }}>
        <span className="small muted">{results.length} events loaded</span>
        <Button size="sm" onClick={() => downloadCsv(results)}>
          Export CSV
        </Button>
      </div>
      <AuditTable rows={results} />
      <LoadMore status={status} onLoadMore={() => loadMore(50)} count={results.length} noun="event" />
    </>
  );
}

function Who({ id, email }: { id: string | null; email: string | null }) {
  if (!id) return <span className="muted">—</span>;
  if (id === "system") return <span>System</span>;
  if (id === "anonymous") return <span>Anonymous</span>;
  if (!email) return <span className="muted">Deleted user</span>;
  return <Link to={auditPath({ email })}>{email}</Link>;
}

function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  const columns: Column<AuditRow>[] = [
    {
      header: "When",
      cell: (e) => (
        <time dateTime={new Date(e.createdAt).toISOString()}>
          {formatFull(e.createdAt)}
          <span className="cell-sub"> {relativeTime(e.createdAt)}</span>
        </time>
      ),
    },
    { header: "Severity", cell: (e) => <Badge tone={SEVERITY_TONE[e.severity]}>{humanize(e.severity)}</Badge> },
    { header: "Event", cell: (e) => <span className="cell-title">{humanize(e.type)}</span> },
    { header: "Actor", cell: (e) => <Who id={e.actor} email={e.actorEmail} /> },
    { header: "Customer", cell: (e) => <Who id={e.userId} email={e.userEmail} /> },
    {
      header: "Key",
      cell: (e) =>
        e.apiKeyId ? (
          <Link to={auditPath({ email: e.userEmail ?? "", key: e.apiKeyId })}>
            {e.keyName ?? "Deleted key"} {e.keyStart && <span className="mono small">{e.keyStart}…</span>}
          </Link>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      header: "Details",
      className: "details-cell",
      cell: (e) => (
        <details>
          <summary className="small">{detailsSummary(e.details) || "Details"}</summary>
          <div style={{ marginTop: 8 }}>
            <DetailsList details={parseDetails(e.details)} />
          </div>
        </details>
      ),
    },
  ];
  return <Table caption="Security events" columns={columns} rows={rows} rowKey={(e) => e._id} />;
}

/** One CSV field: quoted when it holds a comma, quote or line break; formula-looking text defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The loaded rows as CSV (ISO times, emails, key names, raw ids and details JSON). */
export function auditCsv(rows: readonly AuditRow[]): string {
  const header = ["time", "severity", "event", "actor", "actor_email", "customer_email", "key_name", "key_prefix", "key_id", "details"];
  const lines = rows.map((e) =>
    [new Date(e.createdAt).toISOString(), e.severity, e.type, e.actor, e.actorEmail ?? "", e.userEmail ?? "", e.keyName ?? "", e.keyStart ?? "", e.apiKeyId ?? "", e.details]
      .map(csvField)
      .join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}

function downloadCsv(rows: readonly AuditRow[]) {
  const url = URL.createObjectURL(new Blob([auditCsv(rows)], { type: "text/csv" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}
