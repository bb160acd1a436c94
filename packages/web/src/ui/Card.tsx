// Card and page header: the two layout blocks every page is made of.
import type { ReactNode } from "react";

export function Card({ title, children, actions, tight = false, labelledBy }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; tight?: boolean; labelledBy?: string }) {
  return (
    <section className={tight ? "card card-tight" : "card"} aria-labelledby={labelledBy}>
      {(title || actions) && (
        <div className="row-between" style={{ marginBottom: 12 }}>
          {title && <h2 id={labelledBy} style={{ margin: 0 }}>{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        {/* Focus lands here after navigation (Shell): the page's name, not the whole content area. */}
        <h1 tabIndex={-1} data-page-title>
          {title}
        </h1>
        {description && <p>{description}</p>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </header>
  );
}
