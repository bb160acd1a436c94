// Customers and their plans; an admin changes a plan after confirming (audited on the server).
import { useState } from "react";
import { useMutation, usePaginatedQuery } from "convex/react";
import { TIER_CONFIG, TIERS, type Tier } from "@nak/backend/shared/tiers";
import { api, type CustomerRow } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { Badge } from "../../ui/Badge";
import { PageHeader } from "../../ui/Card";
import { ConfirmDialog } from "../../ui/Dialog";
import { LoadMore } from "../../ui/LoadMore";
import { LoadingState } from "../../ui/Spinner";
import { EmptyState } from "../../ui/States";
import { Table, type Column } from "../../ui/Table";
import { useToast } from "../../ui/Toast";
import { CustomerSearchFilters, type CustomerFilters } from "../search/SearchFilters";
import { countActiveAt } from "@nak/backend/apiKeys/status";
import { MINUTE, useNow } from "../../lib/clock";

export function CustomersPage() {
  const [filters, setFilters] = useState<CustomerFilters>({});
  const { results, status, loadMore } = usePaginatedQuery(api.admin.search.customers, filters, { initialNumItems: 50 });
  const setPlan = useMutation(api.admin.customers.setPlan);
  const toast = useToast();
  const [change, setChange] = useState<{ customer: CustomerRow; plan: Tier } | null>(null);

  const columns: Column<CustomerRow>[] = [
    {
      header: "Customer",
      cell: (c) => (
        <div>
          <div className="cell-title">{c.name}</div>
          <div className="cell-sub">{c.email}</div>
        </div>
      ),
    },
    { header: "Role", cell: (c) => (c.role === "admin" ? <Badge tone="accent">Admin</Badge> : <Badge>Customer</Badge>) },
    {
      header: "Plan",
      cell: (c) => (
        <select
          className="select"
          style={{ minWidth: 140, maxWidth: 200 }}
          aria-label={`Plan of ${c.email}`}
          value={c.plan}
          onChange={(e) => setChange({ customer: c, plan: e.target.value as Tier })}
        >
          {TIERS.map((t) => (
            <option key={t} value={t}>
              {TIER_CONFIG[t].label}
            </option>
          ))}
        </select>
      ),
    },
    { header: "Active keys", className: "num", cell: (c) => <ActiveKeys liveKeyExpiries={c.liveKeyExpiries} /> },
    { header: "Joined", cell: (c) => formatDate(c.createdAt) },
  ];

  return (
    <>
      <PageHeader title="Customers" description="A customer's plan is the highest tier of key they may create. Existing keys keep their tier when a plan changes." />
      <CustomerSearchFilters value={filters} onChange={setFilters} />
      {status === "LoadingFirstPage" ? (
        <LoadingState label="Loading customers…" />
      ) : results.length === 0 ? (
        <div className="card">
          <EmptyState icon="user" title={Object.values(filters).some(Boolean) ? "No customers match this search" : "No customers yet"} />
        </div>
      ) : (
        <>
          <Table caption="Customers" columns={columns} rows={results} rowKey={(c) => c.profileId} />
          <LoadMore status={status} onLoadMore={() => loadMore(50)} count={results.length} noun="customer" />
        </>
      )}
      {change && (
        <ConfirmDialog
          title={`Change ${change.customer.email}'s plan?`}
          description={`From ${TIER_CONFIG[change.customer.plan].label} to ${TIER_CONFIG[change.plan].label}. ${
            TIERS.indexOf(change.plan) < TIERS.indexOf(change.customer.plan)
              ? "A downgrade only limits new keys; existing keys keep their tier."
              : "They can create keys of the new tier at once."
          }`}
          confirmLabel="Change plan"
          onClose={() => setChange(null)}
          onConfirm={async () => {
            await setPlan({ profileId: change.customer.profileId, plan: change.plan });
            toast.show(`${change.customer.email} is now on ${TIER_CONFIG[change.plan].label}.`);
            setChange(null);
          }}
        />
      )}
    </>
  );
}

/** How many of a customer's keys are active now: they leave the count as they expire, page open. */
function ActiveKeys({ liveKeyExpiries }: { liveKeyExpiries: ReadonlyArray<number | null> }) {
  const now = useNow(MINUTE, () => liveKeyExpiries);
  return <>{countActiveAt(liveKeyExpiries, now)}</>;
}
