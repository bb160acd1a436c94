// Badges for a key's status and tier, shared by the customer's and the admin's key views.
import { TIER_CONFIG, type Tier } from "@nak/backend/shared/tiers";
import { EXPIRES_SOON_MS, expiresSoon, keyRecordStatus, type KeyStateFields } from "@nak/backend/apiKeys/status";
import { MINUTE, useNow } from "../lib/clock";
import { Badge, type Tone } from "../ui/Badge";
import type { KeyRecordStatus, KeyStatus } from "../lib/api";

// Keys named as evidence (alerts, leaks) may be deleted: only their tombstone is left.
const STATUS_TONE: Record<KeyRecordStatus, Tone> = { active: "success", revoked: "danger", expired: "neutral", deleted: "neutral" };
const STATUS_LABEL: Record<KeyRecordStatus, string> = { active: "Active", revoked: "Revoked", expired: "Expired", deleted: "Deleted" };
const TIER_TONE: Record<Tier, Tone> = { free: "neutral", pro: "info", enterprise: "accent" };

export function StatusBadge({ status, rotating = false }: { status: KeyRecordStatus; rotating?: boolean }) {
  if (status === "active" && rotating) return <Badge tone="warning">Rotating out</Badge>;
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

/** A key's status from its stored state (alerts list), turning "Expired" at its expiry with the page open. */
export function KeyStateBadge({ state }: { state: KeyStateFields & { deletedAt: number | null } }) {
  const now = useNow(MINUTE, () => [state.expiresAt]);
  return <StatusBadge status={keyRecordStatus(state, now)} />;
}

/**
 * "Expires soon" on an active key less than a week before its expiry (EXPIRES_SOON_MS), computed
 * at the browser's time: it appears a week ahead and goes when the key expires.
 */
export function ExpiresSoonBadge({ keyState }: { keyState: KeyStateFields }) {
  const now = useNow(MINUTE, () => [keyState.expiresAt == null ? null : keyState.expiresAt - EXPIRES_SOON_MS + 1, keyState.expiresAt]);
  return expiresSoon(keyState, now) ? <Badge tone="warning">Expires soon</Badge> : null;
}

/** A key as a customer recognises it: name, the key's first characters, status (#15 item 8). */
export function KeyIdentity({ name, start, status, rotating = false }: { name: string; start: string | null; status: KeyStatus; rotating?: boolean }) {
  return (
    <span className="key-identity">
      <strong>{name}</strong> <code className="mono small">{start ? `${start}…` : "—"}</code> <StatusBadge status={status} rotating={rotating} />
    </span>
  );
}

/** The same as plain text, for selects and labels: "Prod (nak_pk_ab12…, active)". */
export function keyLabel(key: { name: string; start: string | null; status: KeyStatus; rotatedToId?: string | null }): string {
  const status = key.status === "active" && key.rotatedToId ? "rotating out" : key.status;
  return `${key.name} (${key.start ? `${key.start}…` : "no prefix"}, ${status})`;
}

export function TierBadge({ tier }: { tier: Tier }) {
  return <Badge tone={TIER_TONE[tier]}>{TIER_CONFIG[tier].label}</Badge>;
}
