// Leaks: trace pasted text to a key, and the recorded leaks with their resolution.
import { useState } from "react";
import { useMutation, usePaginatedQuery } from "convex/react";
import { leaksApi, type LeakRow } from "../../lib/api";
import { formatFull, relativeTime } from "../../lib/format";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card, PageHeader } from "../../ui/Card";
import { ConfirmDialog } from "../../ui/Dialog";
import { Select } from "../../ui/Field";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState, QueryBoundary } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { useToast } from "../../ui/Toast";
import { REPORTER_LABEL, resolvedArg, resolvedOptions } from "../labels";
import { TraceLeak } from "./TraceLeak";

export function LeaksPage() {
  return (
    <>
      <PageHeader title="Content leaks" description="Every article served carries its key's watermark twice: invisible characters, and choices of words and spacing that survive stripping, re-typing and reformatting. Paste a leaked copy to find the key that fetched it." />
      <div className="stack">
        <TraceLeak />
        <QueryBoundary>
          <LeakList />
        </QueryBoundary>
      </div>
    </>
  );
}

function LeakList() {
  const [resolved, setResolved] = useState("open");
  const { results, status, loadMore } = usePaginatedQuery(leaksApi.list, { resolved: resolvedArg(resolved) }, { initialNumItems: 25 });
  const resolve = useMutation(leaksApi.resolve);
  const toast = useToast();
  const [resolving, setResolving] = useState<LeakRow | null>(null);

  const columns: Column<LeakRow>[] = [
    { header: "Found on", cell: (l) => <span className="small" style={{ wordBreak: "break-all" }}>{l.foundOn}</span> },
    { header: "Article", cell: (l) => <span className="mono small">{l.slug}</span> },
    { header: "Key", cell: (l) => (l.keyName ? <span>{l.keyName}{l.ownerEmail && <span className="cell-sub"> · {l.ownerEmail}</span>}</span> : <span className="mono small">{l.apiKeyId}</span>) },
    { header: "Reported by", cell: (l) => REPORTER_LABEL[l.reportedBy] ?? l.reportedBy },
    { header: "Found", cell: (l) => <time dateTime={new Date(l.foundAt).toISOString()} title={formatFull(l.foundAt)}>{relativeTime(l.foundAt)}</time> },
    { header: "State", cell: (l) => (l.resolved ? <Badge tone="success">Resolved</Badge> : <Badge tone="warning">Open</Badge>) },
    {
      header: "Actions",
      hideHeader: true,
      className: "actions",
      cell: (l) =>
        l.resolved ? null : (
          <Button size="sm" onClick={() => setResolving(l)} aria-label={`Resolve leak on ${l.foundOn}`}>
            Resolve
          </Button>
        ),
    },
  ];

  return (
    <Card title="Recorded leaks" labelledBy="leaks-heading" actions={<Select label="Show" value={resolved} onChange={(e) => setResolved(e.target.value)} options={resolvedOptions} />}>
      {status === "LoadingFirstPage" ? (
        <LoadingState label="Loading leaks…" />
      ) : results.length === 0 ? (
        <EmptyState icon="✓" title={resolved === "open" ? "No open leaks" : "No leaks recorded"} />
      ) : (
        <>
          <Table caption="Recorded leaks" columns={columns} rows={results} rowKey={(l) => l._id} />
          <LoadMore status={status} onLoadMore={() => loadMore(25)} count={results.length} noun="leak" />
        </>
      )}
      {resolving && (
        <ConfirmDialog
          title="Resolve this leak?"
          description={`Mark the copy on ${resolving.foundOn} as dealt with (taken down, or accepted).`}
          confirmLabel="Resolve leak"
          onClose={() => setResolving(null)}
          onConfirm={async () => {
            await resolve({ leakId: resolving._id });
            setResolving(null);
            toast.show("Leak resolved.");
          }}
        />
      )}
    </Card>
  );
}
