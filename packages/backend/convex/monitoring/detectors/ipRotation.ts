/**
 * ip_rotation: one key from many client addresses at once. Pure module.
 */
import type { AlertSeverity } from "../../shared/validators";
import {
  EVIDENCE_MAX_IPS,
  EVIDENCE_MAX_USER_AGENTS,
  IP_ROTATION_CRITICAL_IPS,
  IP_ROTATION_CRITICAL_NETWORKS,
  IP_ROTATION_WARNING_IPS,
  IP_ROTATION_WINDOW_MS,
} from "../thresholds";
import { baseEvidence, distinctCapped, locationsOf, minutes } from "./common";
import { slidingWindow, Tally } from "./window";
import type { AccessRow, DetectionContext, Finding } from "./types";

/**
 * Many distinct IPs for one key inside a sliding IP_ROTATION_WINDOW_MS: warning from
 * IP_ROTATION_WARNING_IPS; critical from IP_ROTATION_CRITICAL_IPS spread over
 * IP_ROTATION_CRITICAL_NETWORKS networks. A few changes spread over a day never get close.
 *
 * @example
 *   detectIpRotation(rows, ctx)?.evidence.distinctIps; // 37
 */
export function detectIpRotation(rows: readonly AccessRow[], ctx: DetectionContext): Finding | null {
  const locations = locationsOf(rows);
  const ips = new Tally<string>();
  const networks = new Tally<string>();
  let widest = { ips: 0, networks: 0, from: 0, to: -1 };
  let critical = null as typeof widest | null;
  slidingWindow(rows, IP_ROTATION_WINDOW_MS, {
    enter: (_row, i) => {
      ips.add(locations[i].address);
      networks.add(locations[i].network);
    },
    leave: (_row, i) => {
      ips.remove(locations[i].address);
      networks.remove(locations[i].network);
    },
    visit: (from, to) => {
      const current = { ips: ips.distinct, networks: networks.distinct, from, to };
      if (current.ips > widest.ips) widest = current;
      if (
        current.ips >= IP_ROTATION_CRITICAL_IPS &&
        current.networks >= IP_ROTATION_CRITICAL_NETWORKS &&
        (critical === null || current.ips > critical.ips)
      ) {
        critical = current;
      }
    },
  });
  const severity: AlertSeverity | null =
    critical !== null ? "critical" : widest.ips >= IP_ROTATION_WARNING_IPS ? "warning" : null;
  if (severity === null) return null;

  const window: typeof widest = critical ?? widest;
  const inWindow = rows.slice(window.from, window.to + 1);
  return {
    alertType: "ip_rotation",
    severity,
    summary: `${window.ips} distinct IPs from ${window.networks} networks within ${minutes(IP_ROTATION_WINDOW_MS)}`,
    evidence: {
      ...baseEvidence(rows, ctx, {
        windowMs: IP_ROTATION_WINDOW_MS,
        warningIps: IP_ROTATION_WARNING_IPS,
        criticalIps: IP_ROTATION_CRITICAL_IPS,
        criticalNetworks: IP_ROTATION_CRITICAL_NETWORKS,
      }),
      distinctIps: window.ips,
      distinctNetworks: window.networks,
      rotationStart: inWindow[0].accessedAt,
      rotationEnd: inWindow[inWindow.length - 1].accessedAt,
      requestsInWindow: inWindow.length,
      ips: distinctCapped(inWindow.map((r) => r.ipAddress), EVIDENCE_MAX_IPS),
      nonPublicRequests: locations.slice(window.from, window.to + 1).filter((l) => !l.public).length,
      userAgents: distinctCapped(inWindow.map((r) => r.userAgent), EVIDENCE_MAX_USER_AGENTS),
    },
  };
}
