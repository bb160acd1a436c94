/**
 * api_key_sharing: one key used by several distinct clients at once. Pure module.
 */
import type { AlertSeverity } from "../../shared/validators";
import {
  EVIDENCE_MAX_IPS,
  EVIDENCE_MAX_USER_AGENTS,
  KEY_SHARING_BUCKET_MS,
  KEY_SHARING_CRITICAL_CLIENTS,
  KEY_SHARING_CRITICAL_MIN_NETWORKS,
  KEY_SHARING_MIN_CLIENT_MINUTES,
  KEY_SHARING_SUSTAINED_MINUTES,
  KEY_SHARING_WARNING_CLIENTS,
} from "../thresholds";
import { baseEvidence, distinctCapped, locationsOf } from "./common";
import type { AccessRow, DetectionContext, Finding } from "./types";

/**
 * One key used by several distinct clients at once. A client is a (network, user agent) pair that
 * is active in at least KEY_SHARING_MIN_CLIENT_MINUTES minutes; per minute, the concurrent clients
 * are counted. Warning when ≥ KEY_SHARING_WARNING_CLIENTS in ≥ KEY_SHARING_SUSTAINED_MINUTES
 * minutes; critical when ≥ KEY_SHARING_CRITICAL_CLIENTS from ≥ KEY_SHARING_CRITICAL_MIN_NETWORKS
 * networks in as many minutes.
 *
 * @example
 *   detectKeySharing(rows, ctx)?.evidence.peakConcurrentClients; // 4
 */
export function detectKeySharing(rows: readonly AccessRow[], ctx: DetectionContext): Finding | null {
  type Client = { network: string; ip: string; userAgent: string; minutes: number; lastMinute: number };
  const clients = new Map<string, Client>();
  const clientOfRow: Client[] = [];
  const locations = locationsOf(rows);
  rows.forEach((row, i) => {
    const network = locations[i].network;
    const key = `${network}\u0000${row.userAgent}`;
    const minute = Math.floor(row.accessedAt / KEY_SHARING_BUCKET_MS);
    let client = clients.get(key);
    if (client === undefined) {
      client = { network, ip: row.ipAddress, userAgent: row.userAgent, minutes: 1, lastMinute: minute };
      clients.set(key, client);
    } else if (client.lastMinute !== minute) {
      client.minutes++;
      client.lastMinute = minute;
    }
    clientOfRow.push(client);
  });

  let warningMinutes = 0;
  let criticalMinutes = 0;
  let peak = { clients: 0, networks: 0, minute: 0 };
  const involved = new Set<Client>();
  let minute = Number.NaN;
  let active = new Set<Client>();
  const closeMinute = () => {
    if (active.size < KEY_SHARING_WARNING_CLIENTS) return;
    const networkCount = new Set([...active].map((c) => c.network)).size;
    warningMinutes++;
    for (const client of active) involved.add(client);
    if (active.size >= KEY_SHARING_CRITICAL_CLIENTS && networkCount >= KEY_SHARING_CRITICAL_MIN_NETWORKS) {
      criticalMinutes++;
    }
    if (active.size > peak.clients) peak = { clients: active.size, networks: networkCount, minute };
  };
  rows.forEach((row, i) => {
    const rowMinute = Math.floor(row.accessedAt / KEY_SHARING_BUCKET_MS);
    if (rowMinute !== minute) {
      closeMinute();
      minute = rowMinute;
      active = new Set();
    }
    const client = clientOfRow[i];
    if (client.minutes >= KEY_SHARING_MIN_CLIENT_MINUTES) active.add(client);
  });
  closeMinute();

  const severity: AlertSeverity | null =
    criticalMinutes >= KEY_SHARING_SUSTAINED_MINUTES
      ? "critical"
      : warningMinutes >= KEY_SHARING_SUSTAINED_MINUTES
        ? "warning"
        : null;
  if (severity === null) return null;

  const sample = [...involved].slice(0, EVIDENCE_MAX_IPS);
  return {
    alertType: "api_key_sharing",
    severity,
    summary: `Used by up to ${peak.clients} clients at once from ${peak.networks} networks, in ${warningMinutes} minutes`,
    evidence: {
      ...baseEvidence(rows, ctx, {
        bucketMs: KEY_SHARING_BUCKET_MS,
        minClientMinutes: KEY_SHARING_MIN_CLIENT_MINUTES,
        warningClients: KEY_SHARING_WARNING_CLIENTS,
        criticalClients: KEY_SHARING_CRITICAL_CLIENTS,
        criticalMinNetworks: KEY_SHARING_CRITICAL_MIN_NETWORKS,
        sustainedMinutes: KEY_SHARING_SUSTAINED_MINUTES,
      }),
      peakConcurrentClients: peak.clients,
      peakNetworks: peak.networks,
      peakMinuteStart: peak.minute * KEY_SHARING_BUCKET_MS,
      minutesAtWarning: warningMinutes,
      minutesAtCritical: criticalMinutes,
      distinctClients: involved.size,
      clients: sample.map((c) => ({ ip: c.ip, network: c.network, userAgent: c.userAgent, activeMinutes: c.minutes })),
      ips: distinctCapped(sample.map((c) => c.ip), EVIDENCE_MAX_IPS),
      userAgents: distinctCapped([...involved].map((c) => c.userAgent), EVIDENCE_MAX_USER_AGENTS),
    },
  };
}
