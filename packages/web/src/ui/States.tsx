// Empty and error states, and the ErrorBoundary that turns a failed query into an error state.
import { Component, type ErrorInfo, type ReactNode } from "react";
import { appErrorOf, errorMessage } from "../lib/errors";
import { Icon, type IconName } from "./Icon";

/** Glyphs pages used to pass before the SVG icons (emoji render as empty boxes without a font). */
const GLYPHS: Record<string, IconName> = { "✓": "check", "?": "question", "!": "alert", "○": "empty", "∅": "empty" };

function StateIcon({ icon }: { icon: string }) {
  const name = (GLYPHS[icon] ?? icon) as IconName;
  return (
    <span className="state-icon">
      <Icon name={name} size={28} />
    </span>
  );
}

export function EmptyState({ title, children, action, icon = "empty" }: { title: string; children?: ReactNode; action?: ReactNode; icon?: IconName | keyof typeof GLYPHS }) {
  return (
    <div className="state">
      <StateIcon icon={icon} />
      <h3>{title}</h3>
      {children && <div className="small">{children}</div>}
      {action && <div style={{ marginTop: 8 }}>{action}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const app = appErrorOf(error);
  if (app?.kind === "forbidden") {
    return (
      <div className="state state-error" role="alert">
        <StateIcon icon="block" />
        <h3>You don’t have access to this page</h3>
        <p className="small">{app.message} Ask an admin if you think you should.</p>
      </div>
    );
  }
  return (
    <div className="state state-error" role="alert">
      <StateIcon icon="alert" />
      <h3>{app?.kind === "not_found" ? "Not found" : "Something went wrong"}</h3>
      <p className="small">{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry} style={{ marginTop: 8 }}>
          Try again
        </button>
      )}
    </div>
  );
}

type BoundaryProps = { children: ReactNode; fallback?: (error: unknown, reset: () => void) => ReactNode };

/**
 * Catches errors thrown while rendering (Convex's `useQuery` throws the server's error) and shows
 * an error state in place of the failed panel only. Give it a `key` to reset it on navigation.
 */
export class QueryBoundary extends Component<BoundaryProps, { error: unknown }> {
  state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    if (import.meta.env.DEV && import.meta.env.MODE !== "test") console.warn("Panel failed:", error, info.componentStack);
  }

  reset = () => this.setState({ error: null });

  render() {
    if (this.state.error !== null) {
      if (this.props.fallback) return this.props.fallback(this.state.error, this.reset);
      return <ErrorState error={this.state.error} onRetry={this.reset} />;
    }
    return this.props.children;
  }
}
