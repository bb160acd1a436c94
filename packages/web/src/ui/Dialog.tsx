// Dialog: a modal built on Radix's Dialog (portal, focus trap and return, scroll lock, aria-modal,
// inert outside), with the app's header. ConfirmDialog builds on it for every action that needs a
// confirmation.
import * as RadixDialog from "@radix-ui/react-dialog";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage } from "../lib/errors";
import { useConnection } from "../lib/connection";
import { Button } from "./Button";
import { Icon } from "./Icon";

type DialogProps = {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /**
   * `true` (default): Esc, a click outside and the close button close it. `"busy"`: nothing closes
   * it for now (a request in flight). `false`: only the dialog's own buttons close it (the one-time
   * key reveal: a stray click or Esc must not lose the key); no close button is shown.
   */
  dismissible?: boolean | "busy";
};

export function Dialog({ title, description, onClose, children, wide = false, dismissible = true }: DialogProps) {
  const contentRef = useRef<HTMLDivElement>(null);
  // Where focus was when the dialog opened: it goes back there on close (the app opens dialogs
  // from menus and buttons, not from a Radix Trigger, so Radix would not know where to return).
  const [opener] = useState(() => (typeof document === "undefined" ? null : (document.activeElement as HTMLElement | null)));
  const canDismiss = dismissible === true;
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && canDismiss && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-backdrop" />
        <RadixDialog.Content
          ref={contentRef}
          className={wide ? "dialog dialog-wide" : "dialog"}
          aria-modal="true"
          {...(description ? {} : { "aria-describedby": undefined })}
          onOpenAutoFocus={(event) => {
            const wanted = contentRef.current?.querySelector<HTMLElement>("[data-autofocus]");
            if (wanted) {
              event.preventDefault();
              wanted.focus();
            }
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (opener?.isConnected) opener.focus();
          }}
          onEscapeKeyDown={(event) => !canDismiss && event.preventDefault()}
          onInteractOutside={(event) => !canDismiss && event.preventDefault()}
        >
          <div className="dialog-header">
            <div>
              <RadixDialog.Title asChild>
                <h2>{title}</h2>
              </RadixDialog.Title>
              {description && (
                <RadixDialog.Description asChild>
                  <p>{description}</p>
                </RadixDialog.Description>
              )}
            </div>
            {dismissible !== false && (
              <RadixDialog.Close className="btn btn-ghost btn-sm" aria-label="Close dialog" disabled={!canDismiss}>
                <Icon name="close" />
              </RadixDialog.Close>
            )}
          </div>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

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
