// The signed-in frame: top bar with navigation (admin link for admins only), account and sign
// out; the current page below, inside an error boundary that resets on navigation.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "convex/react";
import { TIER_CONFIG } from "@nak/backend/shared/tiers";
import { api } from "../lib/api";
import { Link, useLocation } from "../lib/router";
import { useAuthActions } from "../auth/AuthClientContext";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { QueryBoundary } from "../ui/States";
import { resolveRoute } from "./routes";

export function Shell() {
  const { path } = useLocation();
  const { title, element } = resolveRoute(path);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${title} · Nak`;
    // Move focus to the new page so keyboard and screen-reader users start there.
    if (first.current) first.current = false;
    else mainRef.current?.focus();
  }, [path, title]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <TopBar />
      <main id="main" className="content" ref={mainRef} tabIndex={-1}>
        <QueryBoundary key={path}>{element}</QueryBoundary>
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
          {me?.role === "admin" && (
            <Link to="/admin/alerts" activePrefix="/admin">
              Admin
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
