// The security audit log, newest first, filtered by event type, severity or key (live).
import { useState } from "react";
import { usePaginatedQuery } from "convex/react";
import type { EventSeverity, SecurityEventType } from "@nak/backend/shared/validators";
import { api, type AuditEvent } from "../../lib/api";
import { formatFull, humanize, relativeTime } from "../../lib/format";
import { navigate, useLocation } from "../../lib/router";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { PageHeader } from "../../ui/Card";
import { Input, Select } from "../../ui/Field";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { DetailsList, detailsSummary, parseDetails } from "../Evidence";
import { SEVERITY_TONE, eventSeverityOptions, eventTypeOptions } from "../labels";

export function AuditPage() {
  const { query } = useLocation();
  const keyFilter = query.get("key") ?? "";
  const [type, setType] = useState("");
  const [severity, setSeverity] = useState("");
  const [keyInput, setKeyInput] = useState(keyFilter);
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.audit.list,
    keyFilter
      ? { apiKeyId: keyFilter }
      : { type: (type || undefined) as SecurityEventType | undefined, severity: (severity || undefined) as EventSeverity | undefined },
    { initialNumItems: 50 },
  );
  // A key's history is small: its type/severity filters apply on the loaded rows.
  const rows = keyFilter ? results.filter((e) => (!type || e.type === type) && (!severity || e.severity === severity)) : results;

  return (
    <>
      <PageHeader title="Audit log" description="Every key lifecycle change, detector finding, admin action and invalid-key attempt, newest first." />
      <form
        className="filters"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(keyInput.trim() ? `/admin/audit?key=${encodeURIComponent(keyInput.trim())}` : "/admin/audit");
        }}
      >
        <Select label="Event type" value={type} onChange={(e) => setType(e.target.value)} options={eventTypeOptions} />
        <Select label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value)} options={eventSeverityOptions} />
        <Input label="Key id" value={keyInput} onChange={(e) => setKeyInput(e.target.value)} placeholder="Any key" />
        <Button type="submit">Apply key filter</Button>
        {keyFilter && (
          <Button
            variant="ghost"
            onClick={() => {
              setKeyInput("");
              navigate("/admin/audit");
            }}
          >
            Clear key filter
          </Button>
        )}
      </form>
      {status === "LoadingFirstPage" ? (
        <LoadingState label="Loading the audit log…" />
      ) : rows.length === 0 ? (
        <div className="card">
          <EmptyState icon="scroll" title="No events match these filters" />
        </div>
      ) : (
        <>
          <AuditTable rows={rows} />
          <LoadMore status={status} onLoadMore={() => loadMore(50)} count={rows.length} noun="event" />
        </>
      )}
    </>
  );
}

function AuditTable({ rows }: { rows: readonly AuditEvent[] }) {
  const columns: Column<AuditEvent>[] = [
    { header: "When", cell: (e) => <time dateTime={new Date(e.createdAt).toISOString()} title={formatFull(e.createdAt)}>{relativeTime(e.createdAt)}</time> },
    { header: "Severity", cell: (e) => <Badge tone={SEVERITY_TONE[e.severity]}>{e.severity}</Badge> },
    { header: "Event", cell: (e) => <span className="cell-title">{humanize(e.type)}</span> },
    { header: "Actor", cell: (e) => <span className="mono small">{e.actor}</span> },
    { header: "Key", cell: (e) => (e.apiKeyId ? <span className="mono small">{e.apiKeyId}</span> : <span className="muted">—</span>) },
    {
      header: "Details",
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
