// Words and tones for the admin area's enumerations (alert types, severities, event types).
import { ALERT_TYPES, ALERT_SEVERITIES, EVENT_SEVERITIES, SECURITY_EVENT_TYPES, LEAK_REPORTERS } from "@nak/backend/shared/validators";
import type { AlertType, EventSeverity, LeakReporter } from "@nak/backend/shared/validators";
import type { Tone } from "../ui/Badge";
import { humanize } from "../lib/format";

export const ALERT_TYPE_LABEL: Record<AlertType, string> = {
  sequential_access: "Sequential access",
  bulk_access: "Bulk access",
  velocity_exceeded: "Velocity exceeded",
  ip_rotation: "IP rotation",
  api_key_sharing: "Key sharing",
  coordinated_access: "Coordinated accounts",
};

export const SEVERITY_TONE: Record<EventSeverity, Tone> = { critical: "danger", warning: "warning", info: "info" };

export const REPORTER_LABEL: Record<LeakReporter, string> = {
  automated: "Automated scan",
  manual: "Manual find",
  user_report: "User report",
  investigation: "Investigation",
};

const all = (label: string) => ({ value: "", label });
export const alertTypeOptions = [all("All types"), ...ALERT_TYPES.map((t) => ({ value: t, label: ALERT_TYPE_LABEL[t] }))];
export const alertSeverityOptions = [all("All severities"), ...ALERT_SEVERITIES.map((s) => ({ value: s, label: humanize(s) }))];
export const eventSeverityOptions = [all("All severities"), ...EVENT_SEVERITIES.map((s) => ({ value: s, label: humanize(s) }))];
export const eventTypeOptions = [all("All event types"), ...SECURITY_EVENT_TYPES.map((t) => ({ value: t, label: humanize(t) }))];
export const reporterOptions = LEAK_REPORTERS.map((r) => ({ value: r, label: REPORTER_LABEL[r] }));
export const resolvedOptions = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "Open and resolved" },
];

/** "open" → false, "resolved" → true, "all" → undefined (the `resolved?` argument). */
export function resolvedArg(value: string): boolean | undefined {
  return value === "open" ? false : value === "resolved" ? true : undefined;
}
