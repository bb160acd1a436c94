// The customer's plan: what each tier gives, which tiers the plan includes, how to get more, and
// moving an active key to another tier within the plan (audited on the server; #15 items 9, 10).
import { useState } from "react";
import { useMutation, useQuery } from "convex/react";
import { TIER_CONFIG, TIERS, type Tier } from "@nak/backend/shared/tiers";
import { api, type KeyView } from "../lib/api";
import { useRowsAt } from "../lib/clock";
import { errorMessage } from "../lib/errors";
import { Card, PageHeader } from "../ui/Card";
import { Select } from "../ui/Field";
import { LoadingState } from "../ui/Spinner";
import { useToast } from "../ui/Toast";
import { Button } from "../ui/Button";
import { keyLabel, TierBadge } from "../keys/KeyBadges";
import { PlanNotice } from "./PlanNotice";

export function PlanPage() {
  const me = useQuery(api.users.queries.me);
  const keys = useRowsAt(useQuery(api.apiKeys.queries.list));
  if (me === undefined || keys === undefined) return <LoadingState label="Loading your plan…" />;
  const active = keys.filter(({ key }) => key.status === "active" && key.rotatedToId === null).map(({ key }) => key);
  return (
    <>
      <PageHeader title="Your plan" description={<>You are on the <strong>{TIER_CONFIG[me.plan].label}</strong> plan.</>} />
      <div className="stack">
        <PlanNotice onPlanPage />
        <Card title="Tiers" labelledBy="tiers-title">
          <ul className="stack-sm">
            {TIERS.map((t) => (
              <li key={t} className="row">
                <TierBadge tier={t} /> {TIER_CONFIG[t].limit?.label ?? "No rate limit"}; endpoints: {TIER_CONFIG[t].permissions.join(", ")}.{" "}
                {me.allowedTiers.includes(t) ? <span className="muted small">In your plan.</span> : <span className="muted small">Not in your plan.</span>}
              </li>
            ))}
          </ul>
          <p className="small muted" style={{ marginTop: 12 }}>
            Need more than your plan gives? Plans are changed by an admin: ask your Nak contact for a higher plan. Once it is changed, move your keys
            below; they keep their secret, name and expiry.
          </p>
        </Card>
        <Card title="Key tiers" labelledBy="key-tiers-title">
          {active.length === 0 ? (
            <p className="muted">No active keys.</p>
          ) : (
            <ul className="stack">
              {active.map((key) => (
                <KeyTierRow key={key.id} keyView={key} allowed={me.allowedTiers} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function KeyTierRow({ keyView, allowed }: { keyView: KeyView; allowed: readonly Tier[] }) {
  const changeTier = useMutation(api.apiKeys.tierChange.changeTier);
  const toast = useToast();
  const [tier, setTier] = useState<Tier>(keyView.tier);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const aboveplan = !allowed.includes(keyView.tier);
  return (
    <li>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          changeTier({ keyId: keyView.id, tier })
            .then(() => toast.show(`“${keyView.name}” is now a ${TIER_CONFIG[tier].label} key.`))
            .catch((e: unknown) => setError(errorMessage(e)))
            .finally(() => setBusy(false));
        }}
      >
        <Select
          label={keyLabel(keyView)}
          value={tier}
          onChange={(e) => setTier(e.target.value as Tier)}
          options={TIERS.map((t) => ({ value: t, label: TIER_CONFIG[t].label, disabled: !allowed.includes(t) && t !== keyView.tier }))}
          hint={aboveplan ? "This key’s tier is above your current plan." : undefined}
          error={error}
        />
        <Button type="submit" size="sm" busy={busy} disabled={tier === keyView.tier}>
          Change tier
        </Button>
      </form>
    </li>
  );
}
