// Renders an alert's or event's JSON details readably: times as dates, lists as chips, nested
// objects (thresholds) as small lists. Unknown shapes still show, as plain values.
import { formatFull, humanize, parseJson } from "../lib/format";

const TIME_FIELDS = /(At|Start|End|Time)$/;

function Value({ name, value }: { name: string; value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === "number" && TIME_FIELDS.test(name) && value > 1e12) return <time dateTime={new Date(value).toISOString()}>{formatFull(value)}</time>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every((v) => typeof v !== "object" || v === null)) {
      return (
        <span className="chips">
          {value.map((v, i) => (
            <span key={i} className="chip">{String(v)}</span>
          ))}
        </span>
      );
    }
    return <code className="small">{JSON.stringify(value)}</code>;
  }
  if (typeof value === "object") return <DetailsList details={value as Record<string, unknown>} />;
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  return <>{String(value)}</>;
}

/** Evidence fields whose names are detector jargon, said in words (#15 item 12). */
const FIELD_LABELS: Record<string, string> = {
  maxInterleave: "Other requests allowed between two steps of a walk",
  refreshMedianFetches: "Re-reads per article above which it is a refresh, not a crawl (median)",
  distinctIps: "Distinct IP addresses",
  distinctNetworks: "Distinct networks (/24 or /48)",
  subscriptionTier: "Tier",
  graceHours: "Old key kept working for (hours)",
  newApiKeyId: "New key id",
  expiresAt: "Expires",
};

/** A readable label for a details field: a known wording, else its words ("maxPerMinute" → "Max per minute"). */
export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? humanize(key.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase());
}

export function DetailsList({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details).filter(([k]) => k !== "summary");
  if (entries.length === 0) return <span className="muted">No details.</span>;
  return (
    <dl className="dl">
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt>{fieldLabel(k)}</dt>
          <dd><Value name={k} value={v} /></dd>
        </div>
      ))}
    </dl>
  );
}

/** The parsed details object (or `{ value }` for non-object JSON). */
export function parseDetails(json: string): Record<string, unknown> {
  const parsed = parseJson(json);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
}

/** One line describing details: their `summary` when present, else the first few scalar fields. */
export function detailsSummary(json: string): string {
  const details = parseDetails(json);
  if (typeof details.summary === "string") return details.summary;
  if (typeof details.reason === "string") return details.reason;
  return Object.entries(details)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .slice(0, 3)
    .map(([k, v]) => `${fieldLabel(k)}: ${typeof v === "number" && TIME_FIELDS.test(k) && v > 1e12 ? formatFull(v) : String(v)}`)
    .join(" · ");
}
