// While an admin has the admin area open: the tab title shows the number of open critical alerts,
// and a browser notification (once the admin allowed them) announces each new critical alert.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../lib/api";
import { humanize } from "../../lib/format";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { QueryBoundary } from "../../ui/States";
import { newCriticalAlerts, titleWithCount } from "./alertWatch";


/** Keeps "(n) " in front of the tab title, also after the page changes the title itself. */
function useTitleCount(count: number, capped: boolean) {
  useEffect(() => {
    const apply = () => {
      const next = titleWithCount(document.title, count, capped);
      if (document.title !== next) document.title = next;
    };
    apply();
    const titleElement = document.querySelector("title");
    const observer = titleElement ? new MutationObserver(apply) : null;
    if (titleElement) observer!.observe(titleElement, { childList: true, characterData: true, subtree: true });
    return () => {
      observer?.disconnect();
      document.title = titleWithCount(document.title, 0);
    };
  }, [count, capped]);
}

function notificationsSupported() {
  return typeof window !== "undefined" && "Notification" in window;
}

/** The watcher is an extra: if it fails (e.g. a lost admin role), the page around it carries on. */
export function AlertWatcher() {
  return (
    <QueryBoundary fallback={() => null}>
      <Watcher />
    </QueryBoundary>
  );
}

function Watcher() {
  const critical = useQuery(api.notifications.admin.openCritical);
  const seen = useRef<Set<string> | null>(null);
  const [permission, setPermission] = useState(() => (notificationsSupported() ? Notification.permission : "denied"));

  useTitleCount(critical?.count ?? 0, critical?.capped ?? false);

  useEffect(() => {
    if (!critical) return;
    const fresh = newCriticalAlerts(seen.current, critical.recent);
    seen.current = new Set([...(seen.current ?? []), ...critical.recent.map((a) => a._id)]);
    if (!notificationsSupported() || Notification.permission !== "granted") return;
    for (const alert of fresh) {
      const notification = new Notification(`Critical alert: ${humanize(alert.alertType)}`, {
        body: alert.keyName ? `Key "${alert.keyName}". Open the alert to review the evidence.` : "Open the alert to review the evidence.",
        tag: `nak-alert-${alert._id}`,
      });
      notification.onclick = () => {
        window.focus();
        navigate(`/admin/alerts/${alert._id}`);
      };
    }
  }, [critical]);

  if (!notificationsSupported() || permission !== "default") return null;
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={async () => setPermission(await Notification.requestPermission())}
    >
      Notify me of critical alerts
    </Button>
  );
}
