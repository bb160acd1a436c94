// Badges for a key's status and tier, shared by the customer's and the admin's key views.
import { TIER_CONFIG, type Tier } from "@nak/backend/shared/tiers";
import { Badge, type Tone } from "../ui/Badge";
import type { KeyStatus } from "../lib/api";

const STATUS_TONE: Record<KeyStatus, Tone> = { active: "success", revoked: "danger", expired: "neutral" };
const STATUS_LABEL: Record<KeyStatus, string> = { active: "Active", revoked: "Revoked", expired: "Expired" };
const TIER_TONE: Record<Tier, Tone> = { free: "neutral", pro: "info", enterprise: "accent" };

export function StatusBadge({ status, rotating = false }: { status: KeyStatus; rotating?: boolean }) {
  if (status === "active" && rotating) return <Badge tone="warning">Rotating out</Badge>;
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

export function TierBadge({ tier }: { tier: Tier }) {
  return <Badge tone={TIER_TONE[tier]}>{TIER_CONFIG[tier].label}</Badge>;
}
