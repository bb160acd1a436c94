// Usage page: today's usage of every key against its limit, and one key's requests over time.
import { useState } from "react";
import { useQuery } from "convex/react";
import { api, historyApi, type HistoryRange, type KeyWithUsage } from "../lib/api";
import { formatNumber, relativeTime, windowLabel } from "../lib/format";
import { Link, navigate, useLocation } from "../lib/router";
import { KeyUsage } from "../keys/KeyUsage";
import { keyLabel, StatusBadge, TierBadge } from "../keys/KeyBadges";
import { sortKeys } from "../keys/sortKeys";
import { Card, PageHeader } from "../ui/Card";
import { Select } from "../ui/Field";
import { LoadingState } from "../ui/Spinner";
import { EmptyState, QueryBoundary } from "../ui/States";
import { Table, type Column } from "../ui/Table";
import { UsageChart } from "./UsageChart";
import { TIER_CONFIG, type Tier } from "@nak/backend/shared/tiers";
import { budgetAt, nextUsageChange } from "@nak/backend/shared/usage";
import { MINUTE, useCurrentHour, useNow, useRowsAt } from "../lib/clock";

const RANGES: { value: HistoryRange; label: string }[] = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
];

export function UsagePage() {
  const keys = useRowsAt(useQuery(api.apiKeys.queries.list));
  const { query } = useLocation();
  const [range, setRange] = useState<HistoryRange>("24h");

  if (keys === undefined) return <LoadingState label="Loading usage…" />;
  if (keys.length === 0) {
    return (
      <>
        <PageHeader title="Usage" />
        <Card>
          <EmptyState icon="chart" title="No keys, no usage yet" action={<Link to="/keys" className="btn btn-primary">Create a key</Link>}>
            Usage appears here once you call the API with one of your keys.
          </EmptyState>
        </Card>
      </>
    );
  }

  const sorted = sortKeys(keys);
  const selectedId = sorted.some((k) => k.key.id === query.get("key")) ? query.get("key")! : sorted[0]!.key.id;
  const selected = sorted.find((k) => k.key.id === selectedId)!;

  return (
    <>
      <PageHeader title="Usage" description="Requests per key, errors and rate-limited calls, and today's usage against each tier's limit." />
      <div className="stack">
        <Card title="Your budget" labelledBy="budget-heading">
          <QueryBoundary>
            <Budgets />
          </QueryBoundary>
        </Card>
        <Card title="Today" labelledBy="today-heading">
          <TodayTable rows={sorted} />
        </Card>
        <Card title="Requests over time" labelledBy="history-heading">
          <div className="filters">
            <Select
              label="Key"
              value={selectedId}
              onChange={(e) => navigate(`/usage?key=${encodeURIComponent(e.target.value)}`, { replace: true })}
              options={sorted.map((k) => ({ value: k.key.id, label: keyLabel(k.key) }))}
            />
            <Select label="Period" value={range} onChange={(e) => setRange(e.target.value as HistoryRange)} options={RANGES} />
          </div>
          <QueryBoundary key={`${selectedId}:${range}`}>
            <HistoryPanel keyId={selectedId} keyName={selected.key.name} range={range} />
          </QueryBoundary>
        </Card>
      </div>
    </>
  );
}

function TodayTable({ rows }: { rows: readonly KeyWithUsage[] }) {
  const columns: Column<KeyWithUsage>[] = [
    { header: "Key", cell: ({ key }) => <Link to={`/usage?key=${encodeURIComponent(key.id)}`}>{key.name}</Link> },
    { header: "Status", cell: ({ key }) => <StatusBadge status={key.status} rotating={key.rotatedToId !== null} /> },
    { header: "Tier", cell: ({ key }) => <TierBadge tier={key.tier} /> },
    { header: "Requests today (UTC)", className: "num", cell: ({ usage }) => formatNumber(usage?.requestsToday ?? 0) },
    { header: "Against limit", cell: ({ key, usage }) => <KeyUsage tier={key.tier} usage={usage} keyName={key.name} /> },
    {
      header: "Resets",
      cell: ({ usage }) => (usage?.resetAt ? <span className="small">{relativeTime(usage.resetAt)}</span> : <span className="muted small">—</span>),
    },
  ];
  return <Table caption="Today's usage per key" columns={columns} rows={rows} rowKey={({ key }) => key.id} />;
}

/**
 * What the customer has left per limited tier: one budget shared by all their keys of the tier,
 * whatever was created, rotated, revoked or deleted in the window (enterprise is unlimited).
 */
function Budgets() {
  const stored = useQuery(api.apiKeys.queries.budgets);
  // What is left changes with time alone (a window resets, tokens refill): re-render then.
  const now = useNow(MINUTE, (at) => (stored ?? []).map((b) => nextBudgetChange(b, at)));
  if (stored === undefined) return <LoadingState label="Loading your budget…" />;
  if (stored.length === 0) return <p className="muted">Your plan's keys are unlimited: there is no budget to spend.</p>;
  const budgets = stored.flatMap(({ tier, budget }) => {
    const limit = TIER_CONFIG[tier].limit;
    if (!limit) return [];
    const at = budgetAt(limit, budget, now);
    return [{ tier, limit: limit.max, windowMs: limit.windowMs, remaining: at.remaining, resetAt: at.resetAt }];
  });
  return (
    <ul className="stack" aria-label="Remaining budget per tier">
      {budgets.map((b) => (
        <li key={b.tier}>
          <TierBadge tier={b.tier} />{" "}
          <strong>
            {formatNumber(b.remaining)} of {formatNumber(b.limit)}
          </strong>{" "}
          requests left {windowLabel(b.windowMs)}, shared by all your {b.tier} keys.{" "}
          <span className="small muted">
            {b.windowMs === 60_000
              ? "Refills continuously (a full budget within a minute)."
              : `Resets ${relativeTime(b.resetAt, now)} (00:00 UTC).`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** When a stored budget next changes on its own (its window resets or a token refills). */
function nextBudgetChange({ tier, budget }: { tier: Tier; budget: { value: number; ts: number } | null }, now: number) {
  return nextUsageChange({ tier, budget, counts: null, hours: [], lastRequestTime: null }, now);
}

function HistoryPanel({ keyId, keyName, range }: { keyId: string; keyName: string; range: HistoryRange }) {
  const history = useQuery(historyApi, { keyId, range, hour: useCurrentHour() });
  if (history === undefined) return <LoadingState label="Loading history…" />;
  const totals = history.buckets.reduce(
    (acc, b) => ({ requests: acc.requests + b.requests, errors: acc.errors + b.errors, limited: acc.limited + b.rateLimited }),
    { requests: 0, errors: 0, limited: 0 },
  );
  return (
    <div className="stack">
      <div className="grid-cards">
        <Stat label={`Requests, ${RANGES.find((r) => r.value === range)!.label.toLowerCase()}`} value={totals.requests} />
        <Stat label="Errors (4xx/5xx, not 429)" value={totals.errors} />
        <Stat label="Rate limited (429)" value={totals.limited} />
      </div>
      <p className="small muted">
        The current hour is live: each request shows here as it is answered. Earlier hours are totalled every minute.
      </p>
      {totals.requests === 0 ? (
        <EmptyState icon="empty" title="No requests in this period">
          Calls made with “{keyName}” show up here as they are answered.
        </EmptyState>
      ) : (
        <UsageChart buckets={history.buckets} range={range} title={`Requests of ${keyName}, ${RANGES.find((r) => r.value === range)!.label.toLowerCase()}`} />
      )}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat card card-tight">
      <span className="stat-value">{formatNumber(value)}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
