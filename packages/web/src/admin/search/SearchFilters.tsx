// Search boxes and filters of the admin keys and customers pages. The server does the searching
// (admin/search.ts, indexed and paginated); these only hold the arguments, with the text
// debounced so typing does not start a query per keystroke.
import { useEffect, useState } from "react";
import { TIER_CONFIG, TIERS, type Tier } from "@nak/backend/shared/tiers";
import { Input, Select } from "../../ui/Field";

export const SEARCH_DEBOUNCE_MS = 250;

export type KeyFilters = { q?: string; tier?: Tier; status?: "active" | "revoked" | "expired" };
export type CustomerFilters = { q?: string; plan?: Tier; role?: "user" | "admin" };

const tierOptions = (all: string) => [{ value: "", label: all }, ...TIERS.map((t) => ({ value: t, label: TIER_CONFIG[t].label }))];
const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "revoked", label: "Revoked" },
  { value: "expired", label: "Expired" },
];
const ROLE_OPTIONS = [
  { value: "", label: "Any role" },
  { value: "user", label: "Customers" },
  { value: "admin", label: "Admins" },
];

/** The text of a search box, passed on once typing pauses. */
function useDebouncedText(initial: string, onSettled: (text: string) => void) {
  const [text, setText] = useState(initial);
  useEffect(() => {
    const timer = setTimeout(() => onSettled(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // onSettled changes identity on every render of the parent; the text is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return [text, setText] as const;
}

const orUndefined = <T extends string>(value: string) => (value === "" ? undefined : (value as T));

export function KeySearchFilters({ value, onChange }: { value: KeyFilters; onChange: (next: KeyFilters) => void }) {
  const [text, setText] = useDebouncedText(value.q ?? "", (q) => {
    if ((value.q ?? "") !== q) onChange({ ...value, q: q || undefined });
  });
  return (
    <form className="filters" role="search" aria-label="Key search" onSubmit={(e) => e.preventDefault()}>
      <Input
        label="Search keys"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Key name, nak_pk_… prefix, or owner email (with @)"
      />
      <Select label="Tier" value={value.tier ?? ""} onChange={(e) => onChange({ ...value, tier: orUndefined<Tier>(e.target.value) })} options={tierOptions("Any tier")} />
      <Select
        label="Status"
        value={value.status ?? ""}
        onChange={(e) => onChange({ ...value, status: orUndefined<NonNullable<KeyFilters["status"]>>(e.target.value) })}
        options={STATUS_OPTIONS}
      />
    </form>
  );
}

export function CustomerSearchFilters({ value, onChange }: { value: CustomerFilters; onChange: (next: CustomerFilters) => void }) {
  const [text, setText] = useDebouncedText(value.q ?? "", (q) => {
    if ((value.q ?? "") !== q) onChange({ ...value, q: q || undefined });
  });
  return (
    <form className="filters" role="search" aria-label="Customer search" onSubmit={(e) => e.preventDefault()}>
      <Input label="Search customers" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Email starts with…" />
      <Select label="Plan" value={value.plan ?? ""} onChange={(e) => onChange({ ...value, plan: orUndefined<Tier>(e.target.value) })} options={tierOptions("Any plan")} />
      <Select
        label="Role"
        value={value.role ?? ""}
        onChange={(e) => onChange({ ...value, role: orUndefined<NonNullable<CustomerFilters["role"]>>(e.target.value) })}
        options={ROLE_OPTIONS}
      />
    </form>
  );
}
