// The admin area's frame: its own navigation, and a forbidden state for non-admins.
// The server enforces the role on every admin function; this only avoids a useless round trip.
import { Icon } from "../ui/Icon";
import type { ReactNode } from "react";
import { useQuery } from "convex/react";
import { api } from "../lib/api";
import { Link } from "../lib/router";
import { LoadingState } from "../ui/Spinner";
import { Card } from "../ui/Card";
import { AlertWatcher } from "./notifications/AlertWatcher";

const SECTIONS = [
  { to: "/admin/alerts", label: "Alerts" },
  { to: "/admin/keys", label: "Keys" },
  { to: "/admin/audit", label: "Audit log" },
  { to: "/admin/leaks", label: "Leaks" },
  { to: "/admin/customers", label: "Customers" },
  { to: "/admin/notifications", label: "Notifications" },
];

export function AdminLayout({ children }: { children: ReactNode }) {
  const me = useQuery(api.users.queries.me);
  if (me === undefined) return <LoadingState />;
  if (me.role !== "admin") return <Forbidden />;
  return (
    <>
      <nav className="subnav" aria-label="Admin sections">
        {SECTIONS.map((s) => (
          <Link key={s.to} to={s.to}>
            {s.label}
          </Link>
        ))}
        <AlertWatcher />
      </nav>
      {children}
    </>
  );
}

export function Forbidden() {
  return (
    <Card>
      <div className="state state-error" role="alert">
        <span className="state-icon"><Icon name="block" size={28} /></span>
        <h1 style={{ fontSize: "var(--text-lg)" }}>Admins only</h1>
        <p className="small">This area is for administrators. Your account does not have the admin role.</p>
        <Link to="/keys" className="btn btn-secondary btn-sm" style={{ marginTop: 8 }}>
          Back to your keys
        </Link>
      </div>
    </Card>
  );
}
