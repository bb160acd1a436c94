// A key's usage against its tier's limit: a meter for limited tiers, a count for unlimited ones.
// At the limit it says so in words, when it resets, and where to get more (#15 item 9).
import { TIER_CONFIG, type Tier } from "@nak/backend/shared/tiers";
import { formatNumber, formatTime, windowLabel } from "../lib/format";
import type { UsageView } from "../lib/api";
import { Link } from "../lib/router";
import { Meter } from "../ui/Meter";

const DAY = 86_400_000;

/** "resets at 00:00 UTC" for the daily window, "refills within a minute" for the token bucket. */
export function resetText(usage: Pick<UsageView, "windowMs" | "resetAt">): string {
  if (usage.windowMs === DAY) return "resets at 00:00 UTC";
  if (usage.resetAt !== null) return `refills by ${formatTime(usage.resetAt)}`;
  return "refills within a minute";
}

export function KeyUsage({ tier, usage, keyName }: { tier: Tier; usage: UsageView | null; keyName: string }) {
  if (!usage) return <span className="muted small">No usage yet</span>;
  const limit = TIER_CONFIG[tier].limit;
  if (limit === null || usage.limit === null || usage.windowMs === null) {
    return <span className="small">{formatNumber(usage.requestsToday)} today · <span className="muted">unlimited</span></span>;
  }
  const used = usage.windowMs === DAY ? usage.requestsToday : usage.requestsThisMinute;
  const reached = used >= usage.limit || usage.remaining === 0;
  const text = `${formatNumber(used)} / ${formatNumber(usage.limit)} ${windowLabel(usage.windowMs)}`;
  return (
    <div>
      <Meter value={used} max={usage.limit} label={`Usage of ${keyName}`} text={text} />
      {usage.windowMs !== DAY && <span className="meter-label">{formatNumber(usage.requestsToday)} today</span>}
      {reached && (
        <p className="limit-reached small" role="status">
          <strong>Limit reached</strong>, {resetText(usage)}. <Link to="/plan">Need more?</Link>
        </p>
      )}
    </div>
  );
}
