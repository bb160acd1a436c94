// The key forms' fields, parsed at the boundary (names with zod, reasons; scopes and expiry by the backend's own rules).
import { type Permission, type Tier } from "@nak/backend/shared/tiers";
import { EXPIRY_PRESET_DAYS, maxExpiryDays, resolveExpiry, resolveScopes } from "@nak/backend/shared/keyChoices";
import { MAX_KEY_NAME_LENGTH, MAX_REASON_LENGTH, ROTATION_GRACE_CHOICES_HOURS } from "@nak/backend/shared/keyLimits";
import { text } from "../lib/validation";

export const KEY_NAME_MAX = MAX_KEY_NAME_LENGTH;
export const EXPIRY_CHOICES = EXPIRY_PRESET_DAYS;
export const DEFAULT_EXPIRY_DAYS = 30;
export const GRACE_CHOICES = ROTATION_GRACE_CHOICES_HOURS;

export const keyName = text(1, KEY_NAME_MAX, "Give the key a name, e.g. the app that will use it.");

export const REASON_MIN = 3;
export const reasonSchema = text(REASON_MIN, MAX_REASON_LENGTH, `Say briefly why (at least ${REASON_MIN} characters).`);

/** The expiry select's value: a preset's days, "custom" (a date field) or "never". */
export type ExpiryMode = `${number}` | "custom" | "never";

/** What the create mutation is sent: scopes, and days, a date (ms) or null (never). */
export type CreateKeyInput = {
  name: string;
  tier: Tier;
  permissions: Permission[];
  expiresInDays?: number;
  expiresAt?: number | null;
};

/** `YYYY-MM-DD` of a local date. */
export function isoDay(ms: number) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A custom expiry date means "until the end of that day", local time; NaN when not a date. */
export function endOfLocalDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return Number.NaN;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999).getTime();
}

/** The dates the custom field offers: from tomorrow to the tier's last allowed day. */
export function customDateRange(tier: Tier, now: number) {
  const day = 24 * 60 * 60 * 1000;
  return { min: isoDay(now + day), max: isoDay(now + (maxExpiryDays(tier) - 1) * day) };
}

/**
 * The create form's fields as the mutation's arguments, or the first problem per field
 * (`name`, `scopes`, `expiry`). Scopes and expiry are checked by the backend's own rules.
 */
export function parseCreateKey(
  form: { name: string; tier: Tier; scopes: readonly string[]; expiry: ExpiryMode; customDate: string },
  now: number,
): { ok: true; input: CreateKeyInput } | { ok: false; errors: Partial<Record<"name" | "scopes" | "expiry", string>> } {
  const errors: Partial<Record<"name" | "scopes" | "expiry", string>> = {};
  const name = keyName.safeParse(form.name);
  if (!name.success) errors.name = name.error.issues[0]?.message ?? "Check the name.";
  const scopes = resolveScopes(form.tier, form.scopes);
  if (!scopes.ok) errors.scopes = scopes.message;
  let expiry: Pick<CreateKeyInput, "expiresInDays" | "expiresAt"> = {};
  if (form.expiry === "never") expiry = { expiresAt: null };
  else if (form.expiry === "custom") expiry = { expiresAt: endOfLocalDay(form.customDate) };
  else expiry = { expiresInDays: Number(form.expiry) };
  const checked = resolveExpiry(
    form.tier,
    expiry.expiresAt === null ? { never: true } : expiry.expiresAt !== undefined ? { at: expiry.expiresAt } : { days: expiry.expiresInDays! },
    now,
  );
  if (!checked.ok) errors.expiry = form.expiry === "custom" && !form.customDate ? "Choose a date." : checked.message;
  if (!name.success || !scopes.ok || !checked.ok) return { ok: false, errors };
  return { ok: true, input: { name: name.data, tier: form.tier, permissions: scopes.scopes, ...expiry } };
}
