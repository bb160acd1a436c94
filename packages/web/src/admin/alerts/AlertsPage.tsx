// Live alerts queue: filters by type, severity and resolution; new alerts appear (and are
// announced) without a reload because usePaginatedQuery is a live subscription.
import { LiveIndicator } from "../../lib/connection";
import { useState } from "react";
import { usePaginatedQuery } from "convex/react";
import type { AlertSeverity, AlertType } from "@nak/backend/shared/validators";
import { alertsApi, type AlertRow } from "../../lib/api";
import { formatFull, humanize, relativeTime } from "../../lib/format";
import { Link } from "../../lib/router";
import { Badge } from "../../ui/Badge";
import { PageHeader } from "../../ui/Card";
import { Select } from "../../ui/Field";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { KeyStateBadge } from "../../keys/KeyBadges";
import { detailsSummary } from "../Evidence";
import { ALERT_TYPE_LABEL, SEVERITY_TONE, alertSeverityOptions, alertTypeOptions, resolvedArg, resolvedOptions } from "../labels";

export function AlertsPage() {
  const [alertType, setAlertType] = useState("");
  const [severity, setSeverity] = useState("");
  const [resolved, setResolved] = useState("open");
  const [openedAt] = useState(() => Date.now());
  const { results, status, loadMore } = usePaginatedQuery(
    alertsApi.list,
    {
      alertType: (alertType || undefined) as AlertType | undefined,
      severity: (severity || undefined) as AlertSeverity | undefined,
      resolved: resolvedArg(resolved),
    },
    { initialNumItems: 25 },
  );
  const fresh = results.filter((a) => a.createdAt > openedAt && !a.resolved);

  return (
    <>
      <PageHeader
        title="Scraping alerts"
        description="Raised by the detectors as requests come in. This list updates live; critical alerts have already revoked their key."
        actions={
          <span className="row small muted" aria-live="polite">
            <LiveIndicator />
            {fresh.length > 0 && <Badge tone="warning">{fresh.length} new since you opened this page</Badge>}
          </span>
        }
      />
      <div className="filters" role="group" aria-label="Filter alerts">
        <Select label="Type" value={alertType} onChange={(e) => setAlertType(e.target.value)} options={alertTypeOptions} />
        <Select label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value)} options={alertSeverityOptions} />
        <Select label="Status" value={resolved} onChange={(e) => setResolved(e.target.value)} options={resolvedOptions} />
      </div>
      {status === "LoadingFirstPage" ? (
        <LoadingState label="Loading alerts…" />
      ) : results.length === 0 ? (
        <div className="card">
          <EmptyState icon="check" title={resolved === "open" ? "No open alerts" : "No alerts match these filters"}>
            New alerts appear here as soon as a detector raises them.
          </EmptyState>
        </div>
      ) : (
        <>
          <AlertTable rows={results} isNew={(a) => a.createdAt > openedAt} />
          <LoadMore status={status} onLoadMore={() => loadMore(25)} count={results.length} noun="alert" />
        </>
      )}
    </>
  );
}

function AlertTable({ rows, isNew }: { rows: readonly AlertRow[]; isNew: (a: AlertRow) => boolean }) {
  const columns: Column<AlertRow>[] = [
    { header: "Severity", cell: (a) => <Badge tone={SEVERITY_TONE[a.severity]}>{humanize(a.severity)}</Badge> },
    {
      header: "Alert",
      cell: (a) => (
        <div>
          <div className="cell-title">
            {ALERT_TYPE_LABEL[a.alertType] ?? a.alertType} {isNew(a) && <Badge tone="warning">New</Badge>}
          </div>
          <div className="cell-sub">{detailsSummary(a.details)}</div>
        </div>
      ),
    },
    {
      header: "Key",
      cell: (a) => (
        <div>
          <div>{a.keyName ?? <span className="muted">deleted key</span>}</div>
          {a.keyState && <KeyStateBadge state={a.keyState} />}
        </div>
      ),
    },
    { header: "Owner", cell: (a) => a.ownerEmail ?? <span className="muted">—</span> },
    { header: "Raised", cell: (a) => <time dateTime={new Date(a.createdAt).toISOString()} title={formatFull(a.createdAt)}>{relativeTime(a.createdAt)}</time> },
    { header: "State", cell: (a) => (a.resolved ? <Badge tone="success">Resolved</Badge> : <Badge>Open</Badge>) },
    {
      header: "Actions",
      hideHeader: true,
      className: "actions",
      cell: (a) => (
        <Link to={`/admin/alerts/${encodeURIComponent(a._id)}`} className="btn btn-secondary btn-sm" aria-label={`Inspect ${ALERT_TYPE_LABEL[a.alertType] ?? a.alertType} alert on ${a.keyName ?? "deleted key"}`}>
          Inspect
        </Link>
      ),
    },
  ];
  return <Table caption="Scraping alerts" columns={columns} rows={rows} rowKey={(a) => a._id} rowClassName={(a) => (isNew(a) ? "is-new" : undefined)} />;
}
