// The customer's keys: status, tier, dates, usage against the limit, and a menu of actions.
import { Link } from "../lib/router";
import type { KeyView, KeyWithUsage } from "../lib/api";
import { formatDate, formatFull, relativeTime } from "../lib/format";
import { ActionMenu } from "../ui/ActionMenu";
import { Table, type Column } from "../ui/Table";
import { ExpiresSoonBadge, StatusBadge, TierBadge } from "./KeyBadges";
import { KeyUsage } from "./KeyUsage";

export type KeyAction = "rename" | "rotate" | "revoke" | "delete";

function When({ ms, empty = "—" }: { ms: number | null; empty?: string }) {
  if (ms === null) return <span className="muted">{empty}</span>;
  return <time dateTime={new Date(ms).toISOString()} title={formatFull(ms)}>{relativeTime(ms)}</time>;
}

export function KeyTable({ rows, onAction }: { rows: readonly KeyWithUsage[]; onAction: (action: KeyAction, key: KeyView) => void }) {
  const columns: Column<KeyWithUsage>[] = [
    {
      header: "Name",
      cell: ({ key }) => (
        <div>
          <div className="cell-title"><Link to={`/keys/${encodeURIComponent(key.id)}`}>{key.name}</Link></div>
          <div className="cell-sub mono">{key.start ? `${key.start}…` : "—"}</div>
        </div>
      ),
    },
    {
      header: "Status",
      cell: ({ key }) => (
        <div className="stack-sm" style={{ gap: 2 }}>
          <span><StatusBadge status={key.status} rotating={key.rotatedToId !== null} /> {key.rotatedToId === null && <ExpiresSoonBadge keyState={key} />}</span>
          {key.status === "revoked" && key.revokedReason && <span className="cell-sub">{key.revokedReason}</span>}
        </div>
      ),
    },
    {
      header: "Tier and scopes",
      cell: ({ key }) => (
        <div className="stack-sm" style={{ gap: 2 }}>
          <span><TierBadge tier={key.tier} /></span>
          <span className="cell-sub mono" aria-label={`Scopes: ${key.permissions.join(", ") || "none"}`}>{key.permissions.join(" · ") || "no scopes"}</span>
        </div>
      ),
    },
    { header: "Created", cell: ({ key }) => <time dateTime={new Date(key.createdAt).toISOString()} title={formatFull(key.createdAt)}>{formatDate(key.createdAt)}</time> },
    { header: "Last used", cell: ({ key }) => <When ms={key.lastUsedAt} empty="Never" /> },
    // A revoked key never expires "in 29 days": it is over (#15 item 11).
    { header: "Expires", cell: ({ key }) => (key.status === "revoked" ? <span className="muted">—</span> : <When ms={key.expiresAt} empty="Never" />) },
    { header: "Usage", cell: ({ key, usage }) => (key.status === "active" ? <KeyUsage tier={key.tier} usage={usage} keyName={key.name} /> : <span className="muted small">—</span>) },
    {
      header: "Actions",
      hideHeader: true,
      className: "actions",
      cell: ({ key }) => (
        <ActionMenu
          subject={`${key.name} (${key.start ?? ""}…)`}
          actions={[
            { label: "Rename", onSelect: () => onAction("rename", key) },
            { label: "Rotate", onSelect: () => onAction("rotate", key), disabled: key.status !== "active" || key.rotatedToId !== null },
            { label: "Revoke", onSelect: () => onAction("revoke", key), danger: true, disabled: key.status !== "active" },
            { label: "Delete", onSelect: () => onAction("delete", key), danger: true },
          ]}
        />
      ),
    },
  ];
  return <Table caption="Your API keys" columns={columns} rows={rows} rowKey={({ key }) => key.id} />;
}
