// A key's usage against its tier's limit: a meter for limited tiers, a count for unlimited ones.
import { TIER_CONFIG, type Tier } from "@nak/backend/shared/tiers";
import { formatNumber, windowLabel } from "../lib/format";
import type { UsageView } from "../lib/api";
import { Meter } from "../ui/Meter";

const DAY = 86_400_000;

export function KeyUsage({ tier, usage, keyName }: { tier: Tier; usage: UsageView | null; keyName: string }) {
  if (!usage) return <span className="muted small">No usage yet</span>;
  const limit = TIER_CONFIG[tier].limit;
  if (limit === null || usage.limit === null || usage.windowMs === null) {
    return <span className="small">{formatNumber(usage.requestsToday)} today · <span className="muted">unlimited</span></span>;
  }
  const used = usage.windowMs === DAY ? usage.requestsToday : usage.requestsThisMinute;
  const text = `${formatNumber(used)} / ${formatNumber(usage.limit)} ${windowLabel(usage.windowMs)}`;
  return (
    <div>
      <Meter value={used} max={usage.limit} label={`Usage of ${keyName}`} text={text} />
      {usage.windowMs !== DAY && <span className="meter-label">{formatNumber(usage.requestsToday)} today</span>}
    </div>
  );
}
