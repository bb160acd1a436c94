// The modal frame behind every dialog, built on Radix's Dialog (portal, focus trap and return,
// scroll lock, aria-modal, inert outside), with the app's header. Loaded apart from the pages
// (see Dialog.tsx): no page needs it for its first paint.
import * as RadixDialog from "@radix-ui/react-dialog";
import { useRef, useState, type ReactNode } from "react";
import { Icon } from "./Icon";

export type DialogProps = {
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

export function DialogFrame({ title, description, onClose, children, wide = false, dismissible = true }: DialogProps) {
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

