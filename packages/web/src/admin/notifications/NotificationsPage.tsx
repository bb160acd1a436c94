// Admin notifications: the outbound webhook (URL, on/off, minimum severity, signing secret shown
// once, test delivery) and its delivery log, live.
import { useEffect, useState } from "react";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../lib/api";
import { appErrorOf } from "../../lib/errors";
import { formatFull, humanize, relativeTime } from "../../lib/format";
import { Badge, type Tone } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card, PageHeader } from "../../ui/Card";
import { CopyButton } from "../../ui/CopyButton";
import { Input, Select } from "../../ui/Field";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { useToast } from "../../ui/Toast";

type Delivery = FunctionReturnType<typeof api.notifications.admin.deliveries>["page"][number];
type Settings = FunctionReturnType<typeof api.notifications.admin.settings>;

const STATUS_TONE: Record<Delivery["status"], Tone> = { delivered: "success", failed: "danger", pending: "warning" };
const STATUS_OPTIONS = [
  { value: "", label: "All deliveries" },
  { value: "delivered", label: "Delivered" },
  { value: "pending", label: "Pending or retrying" },
  { value: "failed", label: "Failed" },
];

export function NotificationsPage() {
  const settings = useQuery(api.notifications.admin.settings);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="A signed webhook tells your systems about new alerts and automatic revocations. Deliveries are retried with backoff."
      />
      {settings === undefined ? <LoadingState label="Loading the webhook settings…" /> : <WebhookSettings settings={settings} />}
      <DeliveryLog />
    </>
  );
}

function WebhookSettings({ settings }: { settings: Settings }) {
  const configure = useMutation(api.notifications.admin.configure);
  const sendTest = useMutation(api.notifications.admin.sendTest);
  const toast = useToast();
  const [url, setUrl] = useState(settings.url ?? "");
  const [enabled, setEnabled] = useState(settings.enabled);
  const [minSeverity, setMinSeverity] = useState(settings.minSeverity);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  useEffect(() => setUrl(settings.url ?? ""), [settings.url]);

  async function save(rotateSecret = false) {
    setBusy(true);
    setError(null);
    try {
      const result = await configure({ url, enabled, minSeverity, rotateSecret });
      setSecret(result.secret);
      toast.show(result.secret ? "Saved. Copy the signing secret now: it is shown once." : "Webhook settings saved.");
    } catch (e) {
      setError(appErrorOf(e)?.message ?? "Could not save the settings.");
    } finally {
      setBusy(false);
    }
  }

  const active = settings.activeUrl
    ? `Deliveries go to ${settings.activeUrl} (${settings.source === "env" ? "from ADMIN_WEBHOOK_URL" : "set here"}).`
    : "No webhook is active: nothing is sent.";

  return (
    <Card title="Webhook">
      <form
        className="stack"
        aria-label="Webhook settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p className="small" role="status">{active}</p>
        <Input
          label="Webhook URL"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={settings.envConfigured ? "Empty: use ADMIN_WEBHOOK_URL" : "https://hooks.example.com/nak"}
          hint="https only (http for localhost). Leave empty to use the ADMIN_WEBHOOK_URL environment variable."
          error={error ?? undefined}
        />
        <Select
          label="Send alerts of"
          value={minSeverity}
          onChange={(e) => setMinSeverity(e.target.value as Settings["minSeverity"])}
          options={[
            { value: "warning", label: "Every severity" },
            { value: "critical", label: "Critical only" },
          ]}
        />
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Send notifications
        </label>
        <div className="row">
          <Button type="submit" variant="primary" busy={busy}>Save</Button>
          {settings.hasSecret && url.trim() !== "" && (
            <Button onClick={() => void save(true)} disabled={busy}>Rotate signing secret</Button>
          )}
          <Button
            disabled={!settings.activeUrl}
            onClick={async () => {
              try {
                await sendTest({});
                toast.show("Test event queued: see the delivery log.");
              } catch (e) {
                toast.show(appErrorOf(e)?.message ?? "Could not send a test event.", "error");
              }
            }}
          >
            Send a test event
          </Button>
        </div>
        {secret && (
          <div className="callout" role="alert">
            <p>Signing secret (shown once): <code>{secret}</code></p>
            <CopyButton text={secret} what="signing secret" />
          </div>
        )}
        <details>
          <summary>Verifying deliveries</summary>
          <p className="small">
            Each POST carries <code>Nak-Webhook-Id</code> (the same on retries), <code>Nak-Webhook-Event</code> and{" "}
            <code>Nak-Webhook-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</code>. Recompute the HMAC over
            the raw body, compare in constant time, and refuse a <code>t</code> more than 5 minutes old.
          </p>
        </details>
      </form>
    </Card>
  );
}

function DeliveryLog() {
  const [status, setStatus] = useState("");
  const { results, status: loading, loadMore } = usePaginatedQuery(
    api.notifications.admin.deliveries,
    { status: (status || undefined) as Delivery["status"] | undefined },
    { initialNumItems: 25 },
  );
  const columns: Column<Delivery>[] = [
    { header: "Event", cell: (d) => <div><div className="cell-title">{humanize(d.eventType.replace(".", "_"))}</div><div className="cell-sub">{d.eventId}</div></div> },
    { header: "Status", cell: (d) => <Badge tone={STATUS_TONE[d.status]}>{humanize(d.status)}</Badge> },
    { header: "Attempts", className: "num", cell: (d) => d.attempts },
    { header: "Last answer", cell: (d) => (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.lastError ?? "—") },
    { header: "Created", cell: (d) => <span title={formatFull(d.createdAt)}>{relativeTime(d.createdAt)}</span> },
  ];
  return (
    <Card title="Delivery log">
      <div className="filters">
        <Select label="Delivery status" value={status} onChange={(e) => setStatus(e.target.value)} options={STATUS_OPTIONS} />
      </div>
      {loading === "LoadingFirstPage" ? (
        <LoadingState label="Loading deliveries…" />
      ) : results.length === 0 ? (
        <EmptyState icon="📨" title="No deliveries yet" />
      ) : (
        <>
          <Table caption="Webhook deliveries" columns={columns} rows={results} rowKey={(d) => d._id} />
          <LoadMore status={loading} onLoadMore={() => loadMore(25)} count={results.length} noun="delivery" />
        </>
      )}
    </Card>
  );
}
