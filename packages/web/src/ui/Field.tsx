// Form fields: Input, Select and Textarea, each with its label, hint and error wired by id.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

type FieldProps = { label: ReactNode; hint?: ReactNode; error?: string | null; className?: string };

function useFieldIds(id?: string) {
  const generated = useId();
  const fieldId = id ?? generated;
  return { fieldId, hintId: `${fieldId}-hint`, errorId: `${fieldId}-error` };
}

function describedBy(hint: unknown, error: unknown, hintId: string, errorId: string) {
  return [hint && !error ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
}

function FieldFrame({ label, hint, error, className, fieldId, hintId, errorId, children }: FieldProps & { fieldId: string; hintId: string; errorId: string; children: ReactNode }) {
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label htmlFor={fieldId}>{label}</label>
      {children}
      {/* The error replaces the hint: the two often say the same thing ("at least 8 characters"). */}
      {hint && !error && <span id={hintId} className="hint">{hint}</span>}
      {error && <span id={errorId} className="error" role="alert">{error}</span>}
    </div>
  );
}

export function Input({ label, hint, error, className, id, ...rest }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id);
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      <input
        id={ids.fieldId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, ids.hintId, ids.errorId)}
        {...rest}
      />
    </FieldFrame>
  );
}

export type Option = { value: string; label: string; disabled?: boolean };

export function Select({ label, hint, error, className, id, options, ...rest }: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly Option[] }) {
  const ids = useFieldIds(id);
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      <select
        id={ids.fieldId}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, ids.hintId, ids.errorId)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Textarea({ label, hint, error, className, id, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id);
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      <textarea
        id={ids.fieldId}
        className="textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, ids.hintId, ids.errorId)}
        {...rest}
      />
    </FieldFrame>
  );
}
