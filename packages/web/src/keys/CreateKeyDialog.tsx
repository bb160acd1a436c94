// Create a key: name, tier (up to the plan), expiry. On success the parent reveals the key once.
import { useState } from "react";
import { TIER_CONFIG, TIERS, type Tier } from "@nak/backend/shared/tiers";
import { ConfirmDialog } from "../ui/Dialog";
import { Input, Select } from "../ui/Field";
import { DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, KEY_NAME_MAX, createKeySchema } from "./forms";

type Props = {
  allowedTiers: readonly Tier[];
  plan: Tier;
  onClose: () => void;
  onCreate: (input: { name: string; tier: Tier; expiresInDays: number }) => Promise<void>;
};

export function CreateKeyDialog({ allowedTiers, plan, onClose, onCreate }: Props) {
  const [name, setName] = useState("");
  const [tier, setTier] = useState<Tier>(allowedTiers[allowedTiers.length - 1] ?? "free");
  const [expiry, setExpiry] = useState(String(DEFAULT_EXPIRY_DAYS));
  const [nameError, setNameError] = useState<string | null>(null);

  const tierOptions = TIERS.map((t) => ({
    value: t,
    label: `${TIER_CONFIG[t].label} — ${TIER_CONFIG[t].limit?.label ?? "unlimited"}${allowedTiers.includes(t) ? "" : " (not in your plan)"}`,
    disabled: !allowedTiers.includes(t),
  }));

  async function confirm() {
    const parsed = createKeySchema.safeParse({ name, tier, expiresInDays: expiry });
    if (!parsed.success) {
      setNameError(parsed.error.issues.find((i) => i.path[0] === "name")?.message ?? "Check the form.");
      return;
    }
    setNameError(null);
    await onCreate(parsed.data);
  }

  return (
    <ConfirmDialog title="Create an API key" description="The key is shown once, right after creation. Store it somewhere safe." confirmLabel="Create key" onClose={onClose} onConfirm={confirm}>
      <Input
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={KEY_NAME_MAX}
        placeholder="e.g. Production website"
        error={nameError}
        data-autofocus
        required
      />
      <Select
        label="Tier"
        value={tier}
        onChange={(e) => setTier(e.target.value as Tier)}
        options={tierOptions}
        hint={`Your ${TIER_CONFIG[plan].label} plan lets you create ${listWords(allowedTiers.map((t) => TIER_CONFIG[t].label))} keys. ${TIER_CONFIG[tier].permissions.includes("search") ? "Includes search." : "Contents only, no search."}`}
      />
      <Select
        label="Expires after"
        value={expiry}
        onChange={(e) => setExpiry(e.target.value)}
        options={EXPIRY_CHOICES.map((d) => ({ value: String(d), label: d === 365 ? "1 year" : `${d} days` }))}
      />
    </ConfirmDialog>
  );
}

/** "Free", "Free and Pro", "Free, Pro and Enterprise". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
