// The app's routes: path → page and title. Admin pages sit inside the admin frame.
// Every page is loaded on demand: the sign-in page never downloads the app's pages, customers
// never download the admin's, and the usage chart comes only with the usage page.
import { lazy, Suspense, type ReactNode } from "react";
import { AdminLayout } from "../admin/AdminLayout";
import { Link, matchPath } from "../lib/router";
import type { Id } from "../lib/api";
import { LoadingState } from "../ui/Spinner";
import { EmptyState } from "../ui/States";

const KeysPage = lazy(() => import("../keys/KeysPage").then((m) => ({ default: m.KeysPage })));
const UsagePage = lazy(() => import("../usage/UsagePage").then((m) => ({ default: m.UsagePage })));
const KeyDetailPage = lazy(() => import("../keys/detail/KeyDetailPage").then((m) => ({ default: m.KeyDetailPage })));
const PlanPage = lazy(() => import("../plan/PlanPage").then((m) => ({ default: m.PlanPage })));
const AlertsPage = lazy(() => import("../admin/alerts/AlertsPage").then((m) => ({ default: m.AlertsPage })));
const AlertDetailPage = lazy(() => import("../admin/alerts/AlertDetailPage").then((m) => ({ default: m.AlertDetailPage })));
const AuditPage = lazy(() => import("../admin/audit/AuditPage").then((m) => ({ default: m.AuditPage })));
const LeaksPage = lazy(() => import("../admin/leaks/LeaksPage").then((m) => ({ default: m.LeaksPage })));
const CustomersPage = lazy(() => import("../admin/customers/CustomersPage").then((m) => ({ default: m.CustomersPage })));
const NotificationsPage = lazy(() => import("../admin/notifications/NotificationsPage").then((m) => ({ default: m.NotificationsPage })));
const AdminKeysPage = lazy(() => import("../admin/keys/AdminKeysPage").then((m) => ({ default: m.AdminKeysPage })));

type Route = { pattern: string; title: string; render: (params: Record<string, string>) => ReactNode };

const page = (element: ReactNode) => <Suspense fallback={<LoadingState />}>{element}</Suspense>;

const admin = (page: ReactNode) => (
  <AdminLayout>
    <Suspense fallback={<LoadingState />}>{page}</Suspense>
  </AdminLayout>
);

export const ROUTES: Route[] = [
  { pattern: "/", title: "API keys", render: () => page(<KeysPage />) },
  { pattern: "/keys", title: "API keys", render: () => page(<KeysPage />) },
  { pattern: "/keys/:id", title: "API key", render: ({ id }) => page(<KeyDetailPage keyId={id} />) },
  { pattern: "/usage", title: "Usage", render: () => page(<UsagePage />) },
  { pattern: "/plan", title: "Your plan", render: () => page(<PlanPage />) },
  { pattern: "/admin", title: "Alerts", render: () => admin(<AlertsPage />) },
  { pattern: "/admin/alerts", title: "Alerts", render: () => admin(<AlertsPage />) },
  // The id comes from the address bar: the server validates it (a bad one reads as not found).
  { pattern: "/admin/alerts/:id", title: "Alert", render: ({ id }) => admin(<AlertDetailPage alertId={id as Id<"scrapingAlerts">} />) },
  { pattern: "/admin/keys", title: "All keys", render: () => admin(<AdminKeysPage />) },
  { pattern: "/admin/audit", title: "Audit log", render: () => admin(<AuditPage />) },
  { pattern: "/admin/leaks", title: "Leaks", render: () => admin(<LeaksPage />) },
  { pattern: "/admin/customers", title: "Customers", render: () => admin(<CustomersPage />) },
  { pattern: "/admin/notifications", title: "Notifications", render: () => admin(<NotificationsPage />) },
];

/** The page for a path, with its title; a not-found page otherwise. */
export function resolveRoute(path: string): { title: string; element: ReactNode } {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return { title: route.title, element: route.render(params) };
  }
  return {
    title: "Not found",
    element: (
      <div className="card">
        <EmptyState icon="?" title="This page does not exist" action={<Link to="/keys" className="btn btn-secondary btn-sm">Go to your keys</Link>} />
      </div>
    ),
  };
}
