// One alert's evidence: what the detector saw, the key and its owner, and the requests behind
// it (slugs, IPs, user agents); resolve the alert, revoke or unban the key.
import { KeyIdentity } from "../../keys/KeyBadges";
import { useState } from "react";
import { useMutation, useQuery } from "convex/react";
import { alertsApi, api, type AccessRow, type AlertDetail, type Id } from "../../lib/api";
import { formatFull, formatTime, humanize, relativeTime } from "../../lib/format";
import { Link } from "../../lib/router";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card, PageHeader } from "../../ui/Card";
import { GroupRevoke } from "../group/GroupRevoke";
import { ConfirmDialog } from "../../ui/Dialog";
import { Textarea } from "../../ui/Field";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState, QueryBoundary } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { useToast } from "../../ui/Toast";
import { StatusBadge, TierBadge } from "../../keys/KeyBadges";
import { RevokeKeyDialog } from "../../keys/KeyActionDialogs";
import { DetailsList, parseDetails } from "../Evidence";
import { ALERT_TYPE_LABEL, SEVERITY_TONE } from "../labels";
import { useKeyAt } from "../../lib/clock";

type Dialog = null | "resolve" | "revoke" | "unban";

/** Distinct values with their counts, most frequent first. */
export function tally(values: readonly string[]): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export function AlertDetailPage({ alertId }: { alertId: Id<"scrapingAlerts"> }) {
  const stored = useQuery(alertsApi.get, { alertId });
  const timedKey = useKeyAt(stored?.key);
  const detail: AlertDetail | undefined = stored && { ...stored, key: timedKey ?? null };
  const resolve = useMutation(alertsApi.resolve);
  const revoke = useMutation(api.admin.keys.revoke);
  const unbanAndResolve = useMutation(api.admin.alertOutcome.unbanAndResolve);
  const toast = useToast();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [note, setNote] = useState("");
  const close = () => {
    setDialog(null);
    setNote("");
  };

  if (detail === undefined) return <LoadingState label="Loading the evidence…" />;
  const { alert, key, owner } = detail;
  const label = ALERT_TYPE_LABEL[alert.alertType] ?? alert.alertType;

  return (
    <>
      <p className="small" style={{ marginBottom: 12 }}>
        <Link to="/admin/alerts">← All alerts</Link>
      </p>
      <PageHeader
        title={`${label} alert`}
        description={<>Raised <time dateTime={new Date(alert.createdAt).toISOString()}>{formatFull(alert.createdAt)}</time> ({relativeTime(alert.createdAt)}).</>}
        actions={
          <>
            {key?.status === "active" && (
              <Button variant="danger" onClick={() => setDialog("revoke")}>
                Revoke key
              </Button>
            )}
            {key?.status === "revoked" && (
              <Button onClick={() => setDialog("unban")}>Unban key</Button>
            )}
            {!alert.resolved && (
              <Button variant="primary" onClick={() => setDialog("resolve")}>
                Resolve alert
              </Button>
            )}
          </>
        }
      />
      <div className="stack">
        <div className="two-col">
          <Card title="Alert" labelledBy="alert-heading">
            <dl className="dl">
              <dt>Severity</dt>
              <dd><Badge tone={SEVERITY_TONE[alert.severity]}>{humanize(alert.severity)}</Badge></dd>
              <dt>Type</dt>
              <dd>{label}</dd>
              <dt>State</dt>
              <dd>
                {alert.resolved ? (
                  <Badge tone="success">Resolved{alert.resolvedAt ? ` ${relativeTime(alert.resolvedAt)}` : ""}</Badge>
                ) : (
                  <Badge>Open</Badge>
                )}
              </dd>
              {alert.resolved && <Resolution alertId={alertId} />}
              {typeof parseDetails(alert.details).summary === "string" && (
                <>
                  <dt>Summary</dt>
                  <dd>{String(parseDetails(alert.details).summary)}</dd>
                </>
              )}
            </dl>
          </Card>
          <Card title="Key and owner" labelledBy="key-heading">
            {key ? (
              <dl className="dl">
                <dt>Key</dt>
                <dd>
                  <strong>{key.name}</strong> <span className="mono small muted">{key.start ? `${key.start}…` : ""}</span>
                </dd>
                <dt>Status</dt>
                <dd className="row">
                  <StatusBadge status={key.status} /> {key.revokedReason && <span className="small muted">{key.revokedReason}</span>}
                </dd>
                <dt>Tier</dt>
                <dd><TierBadge tier={key.tier} /></dd>
                <dt>Owner</dt>
                <dd>{owner ? `${owner.name} <${owner.email}>` : <span className="muted">unknown</span>}</dd>
                <dt>History</dt>
                <dd><Link to={`/admin/audit?key=${encodeURIComponent(key.id)}`}>Audit log of this key</Link></dd>
              </dl>
            ) : (
              // Deleted since the alert: its tombstone still names it, and its audit log remains.
              <dl className="dl">
                <dt>Key</dt>
                <dd>
                  {alert.keyName ? <strong>{alert.keyName}</strong> : <span className="mono small">{alert.apiKeyId}</span>}
                </dd>
                <dt>Status</dt>
                <dd className="row">
                  <StatusBadge status="deleted" /> <span className="small muted">The key has been deleted.</span>
                </dd>
                <dt>Owner</dt>
                <dd>{owner ? `${owner.name} <${owner.email}>` : <span className="muted">unknown</span>}</dd>
                <dt>History</dt>
                <dd><Link to={`/admin/audit?key=${encodeURIComponent(alert.apiKeyId)}`}>Audit log of this key</Link></dd>
              </dl>
            )}
          </Card>
        </div>
        <Card title="Evidence" labelledBy="evidence-heading">
          <DetailsList details={parseDetails(alert.details)} />
        </Card>
        <RequestsEvidence requests={detail.requests} />
        <QueryBoundary fallback={() => null}><GroupRevoke alertId={alertId} /></QueryBoundary>
      </div>

      {dialog === "resolve" && (
        <ConfirmDialog
          title="Resolve this alert?"
          description="It leaves the open queue. The key keeps its current status."
          confirmLabel="Resolve alert"
          onClose={close}
          onConfirm={async () => {
            await resolve({ alertId, note: note.trim() || undefined });
            close();
            toast.show("Alert resolved.");
          }}
        >
          <Textarea label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={500} data-autofocus />
        </ConfirmDialog>
      )}
      {dialog === "revoke" && key && (
        <RevokeKeyDialog
          admin
          keyView={key}
          onClose={close}
          onRevoke={async (reason) => {
            await revoke({ keyId: key.id, reason });
            close();
            toast.show(`“${key.name}” revoked.`);
          }}
        />
      )}
      {dialog === "unban" && key && (
        <ConfirmDialog
          title={`Unban “${key.name}”?`}
          description={
            <>
              <KeyIdentity name={key.name} start={key.start} status={key.status} />
              <br />
              The key works again at once, with its tier’s limits{alert.resolved ? "" : ", and this alert is resolved with your note"}. Both are written to the audit log.
            </>
          }
          confirmLabel="Unban key"
          onClose={close}
          onConfirm={async () => {
            await unbanAndResolve({ alertId, note: note.trim() || undefined });
            close();
            toast.show(`“${key.name}” unbanned${alert.resolved ? "" : "; alert resolved"}.`);
          }}
        >
          <Textarea label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={500} hint="e.g. False positive: a benign batch job." data-autofocus />
        </ConfirmDialog>
      )}
    </>
  );
}

const REQUESTS_SHOWN = 20;

function RequestsEvidence({ requests }: { requests: AlertDetail["requests"] }) {
  const [showAll, setShowAll] = useState(false);
  const ips = tally(requests.map((r) => r.ipAddress));
  const slugs = tally(requests.filter((r) => r.contentSlug).map((r) => r.contentSlug));
  const agents = tally(requests.map((r) => r.userAgent));
  const columns: Column<AccessRow>[] = [
    { header: "Time", className: "nowrap", cell: (r) => <time dateTime={new Date(r.accessedAt).toISOString()} title={formatFull(r.accessedAt)}>{formatTime(r.accessedAt)}</time> },
    { header: "Action", cell: (r) => r.action },
    { header: "Slug", cell: (r) => (r.contentSlug ? <span className="mono small">{r.contentSlug}</span> : <span className="muted">—</span>) },
    { header: "Status", cell: (r) => <Badge tone={r.statusCode >= 400 ? (r.statusCode === 429 ? "warning" : "danger") : "success"}>{r.statusCode}</Badge> },
    { header: "IP", cell: (r) => <span className="mono small">{r.ipAddress}</span> },
    { header: "User agent", cell: (r) => <span className="small">{r.userAgent}</span> },
  ];
  return (
    <>
      <div className="grid-cards">
        <TallyCard title="IP addresses" items={ips} />
        <TallyCard title="Slugs" items={slugs} />
        <TallyCard title="User agents" items={agents} />
      </div>
      <Card title={`Requests (${requests.length})`} labelledBy="requests-heading">
        {requests.length === 0 ? (
          <EmptyState title="No requests kept">The access log rows behind this alert have been rolled up by retention.</EmptyState>
        ) : (
          <div className="stack-sm">
            <Table caption="Requests behind this alert" columns={columns} rows={showAll ? requests : requests.slice(0, REQUESTS_SHOWN)} rowKey={(r) => r._id} />
            {requests.length > REQUESTS_SHOWN && (
              <div>
                <Button size="sm" variant="ghost" onClick={() => setShowAll((s) => !s)} aria-expanded={showAll}>
                  {showAll ? `Show the newest ${REQUESTS_SHOWN} only` : `Show all ${requests.length} requests`}
                </Button>
              </div>
            )}
          </div>
        )}
      </Card>
    </>
  );
}

function TallyCard({ title, items }: { title: string; items: Array<{ value: string; count: number }> }) {
  return (
    <section className="card card-tight" aria-label={title}>
      <div className="row-between" style={{ marginBottom: 8 }}>
        <h3>{title}</h3>
        <Badge>{items.length} distinct</Badge>
      </div>
      {items.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="tally">
          {items.slice(0, 8).map((i) => (
            <li key={i.value}>
              <span className="mono small">{i.value}</span>
              <span className="small muted">×{i.count}</span>
            </li>
          ))}
          {items.length > 8 && <li className="small muted">and {items.length - 8} more</li>}
        </ul>
      )}
    </section>
  );
}

/** Who resolved the alert, when, and their note (admin/alertOutcome.ts). */
function Resolution({ alertId }: { alertId: Id<"scrapingAlerts"> }) {
  const resolution = useQuery(api.admin.alertOutcome.resolution, { alertId });
  if (!resolution) return null;
  return (
    <>
      <dt>Resolved by</dt>
      <dd>
        {resolution.byEmail ?? "a deleted admin"}, <time dateTime={new Date(resolution.at).toISOString()}>{formatFull(resolution.at)}</time>
      </dd>
      <dt>Note</dt>
      <dd>{resolution.note ?? <span className="muted">No note.</span>}</dd>
    </>
  );
}
