// The signed-in frame: top bar with navigation (admin link for admins only), account and sign
// out; the current page below, inside an error boundary that resets on navigation.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "convex/react";
import { TIER_CONFIG } from "@nak/backend/shared/tiers";
import { alertsApi, api } from "../lib/api";
import { Link, useLocation } from "../lib/router";
import { useAuthActions } from "../auth/AuthClientContext";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { ErrorState, QueryBoundary } from "../ui/States";
import { appErrorOf } from "../lib/errors";
import { resolveRoute } from "./routes";
import { ConnectionBanner } from "../lib/connection";

export function Shell() {
  const { path } = useLocation();
  const { title, element } = resolveRoute(path);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${title} · Nak`;
    // Move focus to the new page's title so keyboard and screen-reader users start there (not
    // the whole content area: that drew a ring around the page and scrolled the title under the
    // sticky header). Lazy pages render their title a moment later: wait for it.
    if (first.current) {
      first.current = false;
      return;
    }
    return focusPageTitle(mainRef.current);
  }, [path, title]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <TopBar />
      <ConnectionBanner />
      <main id="main" className="content" ref={mainRef} tabIndex={-1}>
        <QueryBoundary key={path} fallback={(error, reset) => <PageError error={error} reset={reset} />}>
          {element}
        </QueryBoundary>
      </main>
    </div>
  );
}

function TopBar() {
  const me = useQuery(api.users.queries.me);
  const auth = useAuthActions();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/keys" className="brand" activePrefix="/__brand">
          <span className="brand-mark" aria-hidden="true">N</span>
          Nak
        </Link>
        <nav className="nav" aria-label="Main">
          <Link to="/keys">API keys</Link>
          <Link to="/usage">Usage</Link>
          <Link to="/plan">Plan</Link>
          {me?.role === "admin" && (
            <Link to="/admin/alerts" activePrefix="/admin">
              Admin{" "}
              <QueryBoundary fallback={() => null}>
                <OpenAlertsBadge />
              </QueryBoundary>
            </Link>
          )}
        </nav>
        <div className="user-menu">
          {me && (
            <div className="who">
              <span>{me.email}</span>
              <span>
                <Badge tone={me.role === "admin" ? "accent" : "neutral"}>{me.role === "admin" ? "Admin" : `${TIER_CONFIG[me.plan].label} plan`}</Badge>
              </span>
            </div>
          )}
          <Button
            size="sm"
            busy={signingOut}
            onClick={() => {
              setSigningOut(true);
              void Promise.resolve(auth.signOut()).finally(() => setSigningOut(false));
            }}
          >
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}

/** Open critical alerts, live, next to the Admin link (nothing when there are none). */
function OpenAlertsBadge() {
  const summary = useQuery(alertsApi.summary, {});
  if (!summary || summary.openCritical === 0) return null;
  return (
    <span className="nav-count" title="Open critical alerts (warnings are not counted)" aria-label={`${summary.openCritical} open critical alert${summary.openCritical === 1 ? "" : "s"}`}>
      {summary.capped ? `${summary.openCritical}+` : summary.openCritical} critical
    </span>
  );
}

/** A page that failed: its error, and for an ended session a way back to the sign-in page. */
function PageError({ error, reset }: { error: unknown; reset: () => void }) {
  const auth = useAuthActions();
  if (appErrorOf(error)?.kind === "unauthenticated") {
    return (
      <div className="card stack" style={{ alignItems: "center" }}>
        <ErrorState error={error} />
        <Button variant="primary" onClick={() => void auth.signOut()}>
          Sign in again
        </Button>
      </div>
    );
  }
  return (
    <div className="card">
      <ErrorState error={error} onRetry={reset} />
    </div>
  );
}

/** Focuses the page's `<h1 data-page-title>` once it is there (up to 3 s); returns a cancel. */
function focusPageTitle(main: HTMLElement | null): () => void {
  let frames = 0;
  let handle = 0;
  const attempt = () => {
    const title = main?.querySelector<HTMLElement>("[data-page-title]");
    if (title) title.focus({ preventScroll: true });
    else if (frames++ < 180) handle = requestAnimationFrame(attempt);
  };
  attempt();
  return () => cancelAnimationFrame(handle);
}
