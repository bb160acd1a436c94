// Every customer's keys for admins: owner, status, usage; revoke and unban with confirmation.
import { useState } from "react";
import { useMutation, usePaginatedQuery } from "convex/react";
import { api, type AdminKeyRow, type KeyView } from "../../lib/api";
import { minuteOf, MINUTE, useNow, useRowsAt } from "../../lib/clock";
import { relativeTime } from "../../lib/format";
import { Link } from "../../lib/router";
import { Button } from "../../ui/Button";
import { PageHeader } from "../../ui/Card";
import { ConfirmDialog } from "../../ui/Dialog";
import { Textarea } from "../../ui/Field";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { useToast } from "../../ui/Toast";
import { StatusBadge, TierBadge } from "../../keys/KeyBadges";
import { KeyUsage } from "../../keys/KeyUsage";
import { RevokeKeyDialog } from "../../keys/KeyActionDialogs";
import { KeySearchFilters, type KeyFilters } from "../search/SearchFilters";

export function AdminKeysPage() {
  const [filters, setFilters] = useState<KeyFilters>({});
  // The active/expired filters apply at the admin's clock, in whole minutes (a cached page moves on with the minute).
  const now = useNow(MINUTE);
  const timed = filters.status === "active" || filters.status === "expired";
  const { results: stored, status, loadMore } = usePaginatedQuery(
    api.admin.search.keys,
    timed ? { ...filters, asOf: minuteOf(now) } : filters,
    { initialNumItems: 50 },
  );
  const results: AdminKeyRow[] = useRowsAt(stored) ?? [];
  const revoke = useMutation(api.admin.keys.revoke);
  const unban = useMutation(api.admin.keys.unban);
  const toast = useToast();
  const [dialog, setDialog] = useState<null | { kind: "revoke" | "unban"; key: KeyView }>(null);
  const [note, setNote] = useState("");
  const close = () => {
    setDialog(null);
    setNote("");
  };

  const columns: Column<AdminKeyRow>[] = [
    {
      header: "Key",
      cell: ({ key }) => (
        <div>
          <div className="cell-title">{key.name}</div>
          <div className="cell-sub mono">{key.start ? `${key.start}…` : ""}</div>
        </div>
      ),
    },
    { header: "Owner", cell: ({ owner }) => owner?.email ?? <span className="muted">unknown</span> },
    {
      header: "Status",
      cell: ({ key }) => (
        <div className="stack-sm" style={{ gap: 2 }}>
          <span><StatusBadge status={key.status} rotating={key.rotatedToId !== null} /></span>
          {key.revokedReason && <span className="cell-sub">{key.revokedReason}</span>}
        </div>
      ),
    },
    { header: "Tier", cell: ({ key }) => <TierBadge tier={key.tier} /> },
    { header: "Last used", cell: ({ key }) => (key.lastUsedAt ? relativeTime(key.lastUsedAt) : <span className="muted">Never</span>) },
    { header: "Usage", cell: ({ key, usage }) => <KeyUsage tier={key.tier} usage={usage} keyName={key.name} /> },
    {
      header: "Actions",
      hideHeader: true,
      className: "actions",
      cell: ({ key }) => (
        <div className="row">
          <Link to={`/admin/audit?key=${encodeURIComponent(key.id)}`} className="btn btn-ghost btn-sm" aria-label={`Audit log of ${key.name}`}>
            Audit
          </Link>
          {key.status === "active" && (
            <Button size="sm" variant="danger" onClick={() => setDialog({ kind: "revoke", key })} aria-label={`Revoke ${key.name}`}>
              Revoke
            </Button>
          )}
          {key.status === "revoked" && (
            <Button size="sm" onClick={() => setDialog({ kind: "unban", key })} aria-label={`Unban ${key.name}`}>
              Unban
            </Button>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="All keys" description="Every customer's keys with their owner and usage. Revoking refuses the key at once; unbanning restores it." />
      <KeySearchFilters value={filters} onChange={setFilters} />
      {status === "LoadingFirstPage" ? (
        <LoadingState label="Loading keys…" />
      ) : results.length === 0 ? (
        <div className="card">
          <EmptyState icon="key" title={Object.values(filters).some(Boolean) ? "No keys match this search" : "No keys yet"} />
        </div>
      ) : (
        <>
          <Table caption="All API keys" columns={columns} rows={results} rowKey={({ key }) => key.id} />
          <LoadMore status={status} onLoadMore={() => loadMore(50)} count={results.length} noun="key" />
        </>
      )}
      {dialog?.kind === "revoke" && (
        <RevokeKeyDialog
          admin
          keyView={dialog.key}
          onClose={close}
          onRevoke={async (reason) => {
            await revoke({ keyId: dialog.key.id, reason });
            close();
            toast.show(`“${dialog.key.name}” revoked.`);
          }}
        />
      )}
      {dialog?.kind === "unban" && (
        <ConfirmDialog
          title={`Unban “${dialog.key.name}”?`}
          description="The key works again at once. The unban is written to the audit log."
          confirmLabel="Unban key"
          onClose={close}
          onConfirm={async () => {
            await unban({ keyId: dialog.key.id, note: note.trim() || undefined });
            close();
            toast.show(`“${dialog.key.name}” unbanned.`);
          }}
        >
          <Textarea label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={500} data-autofocus />
        </ConfirmDialog>
      )}
    </>
  );
}
