// Confirmation dialogs for a key's lifecycle: rename, revoke (with reason), rotate, delete.
import { useState } from "react";
import type { KeyView } from "../lib/api";
import { ConfirmDialog } from "../ui/Dialog";
import { Input, Select, Textarea } from "../ui/Field";
import { GRACE_CHOICES, KEY_NAME_MAX, keyName, REASON_MIN, reasonSchema } from "./forms";
import { KeyIdentity } from "./KeyBadges";

type Common = { keyView: KeyView; onClose: () => void };

export function RenameKeyDialog({ keyView, onClose, onRename }: Common & { onRename: (name: string) => Promise<void> }) {
  const [name, setName] = useState(keyView.name);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title="Rename key"
      description={<KeyIdentity name={keyView.name} start={keyView.start} status={keyView.status} rotating={keyView.rotatedToId !== null} />}
      confirmLabel="Save name"
      onClose={onClose}
      onConfirm={async () => {
        const parsed = keyName.safeParse(name);
        if (!parsed.success) return setError(parsed.error.issues[0]!.message);
        await onRename(parsed.data);
      }}
    >
      <Input label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={KEY_NAME_MAX} error={error} data-autofocus />
    </ConfirmDialog>
  );
}

export function RevokeKeyDialog({ keyView, onClose, onRevoke, admin = false }: Common & { onRevoke: (reason: string) => Promise<void>; admin?: boolean }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title={`Revoke “${keyView.name}”?`}
      description={
        <>
          <KeyIdentity name={keyView.name} start={keyView.start} status={keyView.status} rotating={keyView.rotatedToId !== null} />
          <br />
          {admin
            ? "Requests with this key are refused at once (403 key_revoked). You can unban it later; the owner is told the reason."
            : "Requests with this key are refused at once (403 key_revoked). This cannot be undone by you; create a new key if you need one."}
        </>
      }
      confirmLabel="Revoke key"
      tone="danger"
      onClose={onClose}
      onConfirm={async () => {
        const parsed = reasonSchema.safeParse(reason);
        if (!parsed.success) return setError(parsed.error.issues[0]!.message);
        await onRevoke(parsed.data);
      }}
    >
      <Textarea
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        placeholder={admin ? "e.g. Scraping the catalogue sequentially (alert …)" : "e.g. Key leaked in a public repository"}
        hint={`At least ${REASON_MIN} characters (${reason.trim().length} so far). Kept in the audit log.`}
        error={error}
        rows={3}
        data-autofocus
      />
    </ConfirmDialog>
  );
}

export function RotateKeyDialog({ keyView, onClose, onRotate }: Common & { onRotate: (gracePeriodHours: number) => Promise<void> }) {
  const [grace, setGrace] = useState("24");
  return (
    <ConfirmDialog
      title={`Rotate “${keyView.name}”?`}
      description={
        <>
          <KeyIdentity name={keyView.name} start={keyView.start} status={keyView.status} rotating={keyView.rotatedToId !== null} />
          <br />
          A new key replaces this one, with the same tier, scopes, usage and restrictions (IP allowlist, request signing with the same signing secret). The new key is shown once. Rotation is always possible,
          even at your key limit: the old key stops counting at once.
        </>
      }
      confirmLabel="Rotate key"
      onClose={onClose}
      onConfirm={() => onRotate(Number(grace))}
    >
      <Select
        label="Keep the old key working for"
        value={grace}
        onChange={(e) => setGrace(e.target.value)}
        options={GRACE_CHOICES.map((h) => ({ value: String(h), label: h === 0 ? "No grace period (stops now)" : h === 1 ? "1 hour" : `${h} hours` }))}
        hint="Time to deploy the new key before the old one stops working."
        data-autofocus
      />
    </ConfirmDialog>
  );
}

export function DeleteKeyDialog({ keyView, onClose, onDelete }: Common & { onDelete: () => Promise<void> }) {
  return (
    <ConfirmDialog
      title={`Delete “${keyView.name}”?`}
      description={
        <>
          <KeyIdentity name={keyView.name} start={keyView.start} status={keyView.status} rotating={keyView.rotatedToId !== null} />
          <br />
          The key stops working and disappears from your list. Its audit history is kept. This cannot be undone.
        </>
      }
      confirmLabel="Delete key"
      tone="danger"
      onClose={onClose}
      onConfirm={onDelete}
    />
  );
}
