// Dialog: the app's modal (DialogFrame, on Radix's Dialog), whose code loads while the page
// renders rather than before it. ConfirmDialog builds on it for every action that needs a
// confirmation.
import { useState, type FormEvent, type ReactNode } from "react";
import { errorMessage } from "../lib/errors";
import { useConnection } from "../lib/connection";
import { Button } from "./Button";
import { deferred } from "./deferred";
import type { DialogProps } from "./DialogFrame";

export const Dialog = deferred<DialogProps>(() => import("./DialogFrame").then((m) => m.DialogFrame));

type ConfirmProps = {
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  onClose: () => void;
  /** Runs the action; a thrown error is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  children?: ReactNode;
  /** Disable the confirm button (e.g. a required field is empty). */
  disabled?: boolean;
  wide?: boolean;
};

/** A dialog with a form: Cancel / confirm; the confirm button shows progress; errors stay visible. */
export function ConfirmDialog({ title, description, confirmLabel, tone = "primary", onClose, onConfirm, children, disabled, wide }: ConfirmProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connection = useConnection();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || disabled) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      // The action usually closes the dialog; when it stays (a field error), it must work again.
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} description={description} onClose={onClose} dismissible={busy ? "busy" : true} wide={wide}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        {children}
        {error && (
          <div className="callout callout-danger" role="alert">
            {error}
          </div>
        )}
        {connection !== "live" && (
          <div className="callout callout-warning" role="status">
            {busy
              ? "Waiting for the connection: this is sent as soon as the server is reachable again."
              : "You are offline: this will be sent when the connection is back."}
          </div>
        )}
        <div className="form-actions">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant={tone} busy={busy} disabled={disabled}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
