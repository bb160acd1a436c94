// Create a key: name, tier (up to the plan), scopes within the tier, expiry (preset, custom date,
// or never where the tier allows). On success the parent reveals the key once.
import { useState } from "react";
import { PERMISSIONS, TIER_CONFIG, TIERS, type Tier } from "@nak/backend/shared/tiers";
import { SCOPE_DESCRIPTIONS, maxExpiryDays, scopesForTier, tierAllowsNoExpiry } from "@nak/backend/shared/keyChoices";
import { ConfirmDialog } from "../ui/Dialog";
import { Input, Select } from "../ui/Field";
import { DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, KEY_NAME_MAX, customDateRange, parseCreateKey, type CreateKeyInput, type ExpiryMode } from "./forms";

type Props = {
  allowedTiers: readonly Tier[];
  plan: Tier;
  onClose: () => void;
  onCreate: (input: CreateKeyInput) => Promise<void>;
};

type Errors = Partial<Record<"name" | "scopes" | "expiry", string>>;

export function CreateKeyDialog({ allowedTiers, plan, onClose, onCreate }: Props) {
  const [name, setName] = useState("");
  const [tier, setTier] = useState<Tier>(allowedTiers[allowedTiers.length - 1] ?? "free");
  const [scopes, setScopes] = useState<string[]>([...scopesForTier(tier)]);
  const [expiry, setExpiry] = useState<ExpiryMode>(`${DEFAULT_EXPIRY_DAYS}`);
  const [customDate, setCustomDate] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  const tierOptions = TIERS.map((t) => ({
    value: t,
    label: `${TIER_CONFIG[t].label} — ${TIER_CONFIG[t].limit?.label ?? "unlimited"}${allowedTiers.includes(t) ? "" : " (not in your plan)"}`,
    disabled: !allowedTiers.includes(t),
  }));
  const neverAllowed = tierAllowsNoExpiry(tier);
  const expiryOptions = [
    ...EXPIRY_CHOICES.map((d) => ({ value: String(d), label: d === 365 ? "1 year" : `${d} days` })),
    { value: "custom", label: "Custom date…" },
    { value: "never", label: neverAllowed ? "Never" : `Never (${TIER_CONFIG[tier].label} keys must expire)`, disabled: !neverAllowed },
  ];
  // The date field's bounds are taken when the dialog opens; the server checks again on submit.
  const [openedAt] = useState(() => Date.now());
  const range = customDateRange(tier, openedAt);

  function changeTier(next: Tier) {
    setTier(next);
    // All of the new tier's scopes, as a fresh default; "never" only where the tier allows it.
    setScopes([...scopesForTier(next)]);
    if (expiry === "never" && !tierAllowsNoExpiry(next)) setExpiry(`${DEFAULT_EXPIRY_DAYS}`);
  }

  function toggleScope(scope: string, on: boolean) {
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  async function confirm() {
    const parsed = parseCreateKey({ name, tier, scopes, expiry, customDate }, Date.now());
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    await onCreate(parsed.input);
  }

  return (
    <ConfirmDialog title="Create an API key" description="The key is shown once, right after creation. Store it somewhere safe." confirmLabel="Create key" onClose={onClose} onConfirm={confirm}>
      <Input
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={KEY_NAME_MAX}
        placeholder="e.g. Production website"
        error={errors.name}
        data-autofocus
        required
      />
      <Select
        label="Tier"
        value={tier}
        onChange={(e) => changeTier(e.target.value as Tier)}
        options={tierOptions}
        hint={`Your ${TIER_CONFIG[plan].label} plan lets you create ${listWords(allowedTiers.map((t) => TIER_CONFIG[t].label))} keys. ${TIER_CONFIG[tier].permissions.includes("search") ? "Includes search." : "Contents only, no search."}`}
      />
      <fieldset className="field" aria-describedby={errors.scopes ? "create-scopes-error" : "create-scopes-hint"}>
        <legend>Scopes</legend>
        {PERMISSIONS.map((scope) => {
          const inTier = scopesForTier(tier).includes(scope);
          return (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                checked={inTier && scopes.includes(scope)}
                disabled={!inTier}
                onChange={(e) => toggleScope(scope, e.target.checked)}
              />
              <span>
                <span className="mono">{scope}</span> — {SCOPE_DESCRIPTIONS[scope]}
                {!inTier && <span className="muted"> (not in the {TIER_CONFIG[tier].label} tier)</span>}
              </span>
            </label>
          );
        })}
        {errors.scopes ? (
          <span id="create-scopes-error" className="error" role="alert">{errors.scopes}</span>
        ) : (
          <span id="create-scopes-hint" className="hint">A request outside the key’s scopes is refused with 403 insufficient_permissions.</span>
        )}
      </fieldset>
      <Select
        label="Expires after"
        value={expiry}
        onChange={(e) => setExpiry(e.target.value as ExpiryMode)}
        options={expiryOptions}
        error={expiry === "custom" ? null : errors.expiry}
        hint={`${TIER_CONFIG[tier].label} keys last at most ${maxExpiryDays(tier) === 365 ? "1 year" : `${maxExpiryDays(tier)} days`}${neverAllowed ? " or never expire" : `; only ${neverTiersLabel()} keys may never expire`}.`}
      />
      {expiry === "custom" && (
        <Input
          label="Expiry date"
          type="date"
          value={customDate}
          min={range.min}
          max={range.max}
          onChange={(e) => setCustomDate(e.target.value)}
          error={errors.expiry}
          hint={`The key stops working at the end of that day (your time), between ${range.min} and ${range.max}.`}
          required
        />
      )}
    </ConfirmDialog>
  );
}

function neverTiersLabel() {
  return listWords(TIERS.filter(tierAllowsNoExpiry).map((t) => TIER_CONFIG[t].label));
}

/** "Free", "Free and Pro", "Free, Pro and Enterprise". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
