// From an alert that names several keys (e.g. accounts acting as one client): choose some, give
// one reason, confirm once; the server revokes each and audits each on its own.
import { useState } from "react";
import { useMutation, useQuery } from "convex/react";
import { api, type Id } from "../../lib/api";
import { appErrorOf } from "../../lib/errors";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { ConfirmDialog } from "../../ui/Dialog";
import { Textarea } from "../../ui/Field";
import { useToast } from "../../ui/Toast";
import { StatusBadge } from "../../keys/KeyBadges";
import { useKeysAt } from "../../lib/clock";

export function GroupRevoke({ alertId }: { alertId: Id<"scrapingAlerts"> }) {
  const keys = useKeysAt(useQuery(api.admin.groupActions.alertKeys, { alertId }));
  const revokeKeys = useMutation(api.admin.groupActions.revokeKeys);
  const toast = useToast();
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");

  // One key is handled by the alert's own actions; the group card is for several.
  if (keys === undefined || keys.length < 2) return null;
  const active = keys.filter((k) => k.status === "active");
  const selected = chosen ?? new Set(active.map((k) => k.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  return (
    <Card title={`Keys named by this alert (${keys.length})`}>
      <fieldset className="stack-sm">
        <legend className="small">Choose the keys to revoke together.</legend>
        {keys.map((k) => (
          <label key={k.id} className="checkbox">
            <input type="checkbox" checked={selected.has(k.id)} disabled={k.status !== "active"} onChange={() => toggle(k.id)} />{" "}
            {k.name} <span className="muted small">{k.ownerEmail ?? "unknown owner"}</span> <StatusBadge status={k.status} />
          </label>
        ))}
      </fieldset>
      <Button variant="danger" disabled={selected.size === 0} onClick={() => setConfirming(true)}>
        Revoke {selected.size} key{selected.size === 1 ? "" : "s"}
      </Button>
      {confirming && (
        <ConfirmDialog
          title={`Revoke ${selected.size} key${selected.size === 1 ? "" : "s"}?`}
          description="Each key is refused at once, and each revocation is written to the audit log with this reason."
          confirmLabel={`Revoke ${selected.size} key${selected.size === 1 ? "" : "s"}`}
          tone="danger"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            try {
              const result = await revokeKeys({ keyIds: [...selected], reason: reason.trim() || "Revoked from an alert", alertId });
              toast.show(`${result.revoked.length} revoked${result.skipped.length ? `, ${result.skipped.length} skipped` : ""}.`);
              setChosen(null);
            } catch (e) {
              toast.show(appErrorOf(e)?.message ?? "Could not revoke the keys.", "error");
            }
            setConfirming(false);
          }}
        >
          <Textarea label="Reason (shown to the owners)" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} data-autofocus />
        </ConfirmDialog>
      )}
    </Card>
  );
}
