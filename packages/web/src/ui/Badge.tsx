// Badge: a short status word in a tone (status, tier, severity).
import type { ReactNode } from "react";

export type Tone = "neutral" | "success" | "danger" | "warning" | "info" | "accent";

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={tone === "neutral" ? "badge" : `badge badge-${tone}`}>{children}</span>;
}
