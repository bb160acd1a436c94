// Keys page: the customer's keys with usage, the 5-key cap, and the key lifecycle in dialogs.
import { useState } from "react";
import { useMutation, useQuery } from "convex/react";
import { TIER_CONFIG } from "@nak/backend/shared/tiers";
import { countActiveAt } from "@nak/backend/apiKeys/status";
import { api, type CreatedKey, type KeyView } from "../lib/api";
import { MINUTE, useNow, useRowsAt } from "../lib/clock";
import { useAppConfig } from "../lib/appConfig";
import { Button } from "../ui/Button";
import { Card, PageHeader } from "../ui/Card";
import { Meter } from "../ui/Meter";
import { LoadingState } from "../ui/Spinner";
import { EmptyState } from "../ui/States";
import { useToast } from "../ui/Toast";
import { CreateKeyDialog } from "./CreateKeyDialog";
import { DeleteKeyDialog, RenameKeyDialog, RevokeKeyDialog, RotateKeyDialog } from "./KeyActionDialogs";
import { KeyTable, type KeyAction } from "./KeyTable";
import { RevealKeyDialog } from "./RevealKeyDialog";
import { PlanNotice } from "../plan/PlanNotice";
import { sortKeys } from "./sortKeys";

type DialogState =
  | null
  | { kind: "create" }
  | { kind: "reveal"; created: CreatedKey; rotated: boolean }
  | { kind: KeyAction; key: KeyView };

export function KeysPage() {
  const me = useQuery(api.users.queries.me);
  const keys = useRowsAt(useQuery(api.apiKeys.queries.list));
  // Keys leave the cap as they expire, with the page left open.
  const now = useNow(MINUTE, () => me?.liveKeyExpiries ?? []);
  const create = useMutation(api.apiKeys.mutations.create);
  const rename = useMutation(api.apiKeys.mutations.rename);
  const revoke = useMutation(api.apiKeys.mutations.revoke);
  const rotate = useMutation(api.apiKeys.mutations.rotate);
  const remove = useMutation(api.apiKeys.mutations.remove);
  const toast = useToast();
  const { siteUrl } = useAppConfig();
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = () => setDialog(null);

  if (me === undefined || keys === undefined) return <LoadingState label="Loading your keys…" />;

  const activeKeys = countActiveAt(me.liveKeyExpiries, now);
  const atCap = activeKeys >= me.maxActiveKeys;
  const createButton = (
    <Button variant="primary" onClick={() => setDialog({ kind: "create" })} disabled={atCap} aria-describedby="key-cap-text">
      Create key
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys authenticate your programs to the content API at <code>{siteUrl.replace(/\/$/, "")}/api/v1</code>. Your plan:{" "}
            <strong>{TIER_CONFIG[me.plan].label}</strong>.
          </>
        }
        actions={createButton}
      />
      <div className="stack">
        <PlanNotice />
        <Card tight>
          <div className="row-between">
            <div className="stack-sm" style={{ flex: "1 1 320px" }}>
              <strong>
                {Math.min(activeKeys, me.maxActiveKeys)} of {me.maxActiveKeys} active keys
              </strong>
              <p id="key-cap-text" className="small muted">
                {atCap
                  ? `You have reached the limit of ${me.maxActiveKeys} active keys. Revoke or delete a key to create another; you can still rotate any key.`
                  : `You can have up to ${me.maxActiveKeys} active keys at a time. Revoked and expired keys don't count; delete them to tidy up.`}
              </p>
            </div>
            <div style={{ flex: "0 1 240px", minWidth: 160 }}>
              <Meter value={activeKeys} max={me.maxActiveKeys} label="Active keys" text={`${activeKeys} / ${me.maxActiveKeys} active`} />
            </div>
          </div>
        </Card>

        {keys.length === 0 ? (
          <Card>
            <EmptyState icon="key" title="No API keys yet" action={createButton}>
              Create a key to start calling the content API. You will see it once, so have somewhere safe to store it.
            </EmptyState>
          </Card>
        ) : (
          <KeyTable rows={sortKeys(keys)} onAction={(kind, key) => setDialog({ kind, key })} />
        )}
      </div>

      {dialog?.kind === "create" && (
        <CreateKeyDialog
          allowedTiers={me.allowedTiers}
          plan={me.plan}
          onClose={close}
          onCreate={async (input) => {
            const created = await create(input);
            setDialog({ kind: "reveal", created, rotated: false });
            toast.show(`Key “${created.key.name}” created.`);
          }}
        />
      )}
      {dialog?.kind === "reveal" && <RevealKeyDialog created={dialog.created} rotated={dialog.rotated} onClose={close} />}
      {dialog?.kind === "rename" && (
        <RenameKeyDialog
          keyView={dialog.key}
          onClose={close}
          onRename={async (name) => {
            await rename({ keyId: dialog.key.id, name });
            close();
            toast.show(`Renamed to “${name}”.`);
          }}
        />
      )}
      {dialog?.kind === "revoke" && (
        <RevokeKeyDialog
          keyView={dialog.key}
          onClose={close}
          onRevoke={async (reason) => {
            await revoke({ keyId: dialog.key.id, reason });
            close();
            toast.show(`“${dialog.key.name}” revoked. Requests with it are now refused.`);
          }}
        />
      )}
      {dialog?.kind === "rotate" && (
        <RotateKeyDialog
          keyView={dialog.key}
          onClose={close}
          onRotate={async (gracePeriodHours) => {
            const created = await rotate({ keyId: dialog.key.id, gracePeriodHours });
            setDialog({ kind: "reveal", created, rotated: true });
            toast.show(gracePeriodHours > 0 ? `Rotated. The old key works for ${gracePeriodHours} more hour${gracePeriodHours === 1 ? "" : "s"}.` : "Rotated. The old key has stopped working.");
          }}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteKeyDialog
          keyView={dialog.key}
          onClose={close}
          onDelete={async () => {
            await remove({ keyId: dialog.key.id });
            close();
            toast.show(`“${dialog.key.name}” deleted.`);
          }}
        />
      )}
    </>
  );
}
