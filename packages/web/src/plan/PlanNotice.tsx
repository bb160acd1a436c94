// Tells a customer that an admin changed their plan, once, until they dismiss it (#15 item 10).
import { useState } from "react";
import { useQuery } from "convex/react";
import { TIER_CONFIG } from "@nak/backend/shared/tiers";
import { countActiveAt } from "@nak/backend/apiKeys/status";
import { api } from "../lib/api";
import { MINUTE, useNow } from "../lib/clock";
import { formatDate } from "../lib/format";
import { Link } from "../lib/router";
import { Button } from "../ui/Button";

const SEEN_KEY = "nak.planNoticeSeen";

export function PlanNotice({ onPlanPage = false }: { onPlanPage?: boolean }) {
  const notice = useQuery(api.apiKeys.tierChange.planNotice);
  const [seen, setSeen] = useState(() => Number(localStorage.getItem(SEEN_KEY) ?? 0));
  const now = useNow(MINUTE, () => (notice ? notice.keysAbovePlan : []));
  if (!notice || (notice.changedAt <= seen && !onPlanPage)) return null;
  const upgrade = TIER_CONFIG[notice.to].label;
  const above = countActiveAt(notice.keysAbovePlan, now);
  return (
    <div className="callout callout-info row-between" role="status">
      <p>
        An admin changed your plan from <strong>{TIER_CONFIG[notice.from].label}</strong> to <strong>{upgrade}</strong> on{" "}
        {formatDate(notice.changedAt)}. Your keys keep their tiers until you move them
        {above > 0 ? `; ${above} active key${above === 1 ? " is" : "s are"} on a tier above your plan.` : "."}{" "}
        {!onPlanPage && <Link to="/plan">Change a key’s tier</Link>}
      </p>
      {!onPlanPage && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            localStorage.setItem(SEEN_KEY, String(notice.changedAt));
            setSeen(notice.changedAt);
          }}
        >
          Dismiss
        </Button>
      )}
    </div>
  );
}
