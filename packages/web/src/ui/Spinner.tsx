// Spinner: an indeterminate progress indicator with an accessible label.
export function Spinner({ size = "sm", label = "Loading" }: { size?: "sm" | "lg"; label?: string }) {
  return (
    <span
      className={size === "lg" ? "spinner spinner-lg" : "spinner"}
      role={label ? "status" : undefined}
      aria-label={label || undefined}
      aria-hidden={label ? undefined : true}
    />
  );
}

/** A centred loading state for a page or a panel. */
export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner spinner-lg" aria-hidden="true" />
      <p>{label}</p>
    </div>
  );
}
