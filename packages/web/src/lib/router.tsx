// A tiny history router: the current path as external state, links that push, pattern matching.
// The app has a dozen routes and no nested data loading, so a library would add more than it saves.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to `to` (path + optional query) without reloading. */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo?.(0, 0);
  listeners.forEach((listener) => listener());
}

/** The current location, re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot, () => "/");
  const [path, search = ""] = current.split("?");
  return { path: path || "/", query: new URLSearchParams(search) };
}

/**
 * Matches `/admin/alerts/:id` against a path; returns the params or null.
 * @example matchPath("/keys/:id", "/keys/k1") → { id: "k1" }
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; activePrefix?: string };

/** An anchor that navigates in-app; `aria-current="page"` when the path is (under) its target. */
export function Link({ to, activePrefix, onClick, ...rest }: LinkProps) {
  const { path } = useLocation();
  const prefix = activePrefix ?? to;
  const active = path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`);
  function handle(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} aria-current={active ? "page" : undefined} onClick={handle} {...rest} />;
}
