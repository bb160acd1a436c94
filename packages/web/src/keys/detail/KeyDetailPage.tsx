// A customer's page for one key: what it is, its usage over time (errors and 429s), last use,
// request signing, its own events, and its request log (paginated). Only the owner's keys load:
// another id reads as not found.
import { useState } from "react";
import { usePaginatedQuery, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api, historyApi, type HistoryRange, type KeyView } from "../../lib/api";
import { formatDate, formatFull, formatNumber, humanize, relativeTime } from "../../lib/format";
import { Link } from "../../lib/router";
import { Badge } from "../../ui/Badge";
import { Card, PageHeader } from "../../ui/Card";
import { Select } from "../../ui/Field";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState, QueryBoundary } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { UsageChart } from "../../usage/UsageChart";
import { StatusBadge, TierBadge } from "../KeyBadges";
import { SigningPanel } from "./SigningPanel";
import { IpAllowlistPanel } from "./IpAllowlistPanel";
import { useCurrentHour, useKeyAt } from "../../lib/clock";

type LogRow = FunctionReturnType<typeof api.keyActivity.queries.requestLog>["page"][number];
type Overview = FunctionReturnType<typeof api.keyActivity.queries.overview>;

const RANGES: { value: HistoryRange; label: string }[] = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
];

const ACTOR_LABEL: Record<Overview["events"][number]["actor"], string> = { you: "You", admin: "An admin", system: "Automatic" };

export function KeyDetailPage({ keyId }: { keyId: string }) {
  const key = useKeyAt(useQuery(api.apiKeys.queries.get, { keyId }));
  if (key === undefined) return <LoadingState label="Loading the key…" />;
  return (
    <>
      <PageHeader
        title={key.name}
        description={
          <span className="row">
            <StatusBadge status={key.status} rotating={key.rotatedToId !== null} /> <TierBadge tier={key.tier} />
            <span className="mono small">{key.start ? `${key.start}…` : ""}</span>
            <Link to="/keys" className="small">All keys</Link>
          </span>
        }
      />
      <div className="stack">
        <KeyFacts keyView={key} />
        <QueryBoundary>
          <UsagePanel keyId={key.id} keyName={key.name} />
        </QueryBoundary>
        <SigningPanel keyView={key} />
        <QueryBoundary>
          <IpAllowlistPanel keyId={key.id} />
        </QueryBoundary>
        <QueryBoundary>
          <EventsPanel keyId={key.id} />
        </QueryBoundary>
        <QueryBoundary>
          <RequestLog keyId={key.id} />
        </QueryBoundary>
      </div>
    </>
  );
}

function KeyFacts({ keyView }: { keyView: KeyView }) {
  const overview = useQuery(api.keyActivity.queries.overview, { keyId: keyView.id });
  const last = overview?.lastUse;
  return (
    <Card title="About this key">
      <dl className="details">
        <dt>Created</dt>
        <dd>{formatDate(keyView.createdAt)}</dd>
        <dt>Expires</dt>
        <dd>{keyView.expiresAt ? formatDate(keyView.expiresAt) : "Never"}</dd>
        <dt>Scopes</dt>
        <dd>{keyView.permissions.join(", ") || "none"}</dd>
        {keyView.revokedReason && (
          <>
            <dt>Revoked</dt>
            <dd>{keyView.revokedReason}</dd>
          </>
        )}
        <dt>Last used</dt>
        <dd>
          {overview === undefined ? "…" : last ? (
            <span title={formatFull(last.at)}>
              {relativeTime(last.at)} from <span className="mono">{last.ipAddress}</span> ({last.userAgent || "no user agent"})
            </span>
          ) : (
            "Never"
          )}
        </dd>
      </dl>
    </Card>
  );
}

function UsagePanel({ keyId, keyName }: { keyId: string; keyName: string }) {
  const [range, setRange] = useState<HistoryRange>("24h");
  const history = useQuery(historyApi, { keyId, range, hour: useCurrentHour() });
  const totals = (history?.buckets ?? []).reduce(
    (acc, b) => ({ requests: acc.requests + b.requests, errors: acc.errors + b.errors, limited: acc.limited + b.rateLimited }),
    { requests: 0, errors: 0, limited: 0 },
  );
  return (
    <Card title="Usage">
      <div className="filters">
        <Select label="Period" value={range} onChange={(e) => setRange(e.target.value as HistoryRange)} options={RANGES} />
      </div>
      {history === undefined ? (
        <LoadingState label="Loading usage…" />
      ) : (
        <div className="stack">
          <p className="small">
            {formatNumber(totals.requests)} requests, {formatNumber(totals.errors)} errors, {formatNumber(totals.limited)} rate limited (429).
          </p>
          {totals.requests === 0 ? (
            <EmptyState icon="∅" title="No requests in this period" />
          ) : (
            <UsageChart buckets={history.buckets} range={range} title={`Requests of ${keyName}`} />
          )}
        </div>
      )}
    </Card>
  );
}

function EventsPanel({ keyId }: { keyId: string }) {
  const overview = useQuery(api.keyActivity.queries.overview, { keyId });
  return (
    <Card title="Events">
      {overview === undefined ? (
        <LoadingState label="Loading events…" />
      ) : overview.events.length === 0 ? (
        <EmptyState icon="📜" title="No events yet" />
      ) : (
        <ol className="timeline">
          {overview.events.map((e) => (
            <li key={e._id}>
              <strong>{humanize(e.type.replace(/^api_key_/, "key_"))}</strong> · {ACTOR_LABEL[e.actor]} ·{" "}
              <span title={formatFull(e.createdAt)}>{relativeTime(e.createdAt)}</span>
              {e.reason && <div className="small">{e.reason}</div>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function statusTone(code: number) {
  return code < 300 ? "success" : code === 429 ? "warning" : "danger";
}

function RequestLog({ keyId }: { keyId: string }) {
  const { results, status, loadMore } = usePaginatedQuery(api.keyActivity.queries.requestLog, { keyId }, { initialNumItems: 25 });
  const columns: Column<LogRow>[] = [
    { header: "Time", cell: (r) => <span title={formatFull(r.accessedAt)}>{relativeTime(r.accessedAt)}</span> },
    { header: "Request", cell: (r) => <span className="mono small">{r.method} {r.path}</span> },
    { header: "Status", cell: (r) => <Badge tone={statusTone(r.statusCode)}>{r.statusCode}{r.error ? ` ${r.error}` : ""}</Badge> },
    { header: "Address", cell: (r) => <span className="mono small">{r.ipAddress}</span> },
    { header: "User agent", cell: (r) => <span className="small">{r.userAgent}</span> },
  ];
  return (
    <Card title="Request log">
      {status === "LoadingFirstPage" ? (
        <LoadingState label="Loading requests…" />
      ) : results.length === 0 ? (
        <EmptyState icon="∅" title="No requests yet">Requests made with this key appear here.</EmptyState>
      ) : (
        <>
          <Table caption="Requests made with this key" columns={columns} rows={results} rowKey={(r) => r._id} />
          <LoadMore status={status} onLoadMore={() => loadMore(25)} count={results.length} noun="request" />
        </>
      )}
    </Card>
  );
}
