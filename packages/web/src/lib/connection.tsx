// The live connection to the backend, as the UI shows it: "live", "reconnecting" (the socket
// dropped, the client is retrying) or "offline" (the browser says it has no network, or the
// socket has been down for a while). Data on screen may be stale whenever it is not "live"
// (#15 item 3). Fed by ConvexReactClient.subscribeToConnectionState and the browser's
// online/offline events; without a provider (component tests) the app reads as live.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { Icon } from "../ui/Icon";

export type Connection = "live" | "reconnecting" | "offline";

/** What the provider needs of a Convex client (ConvexReactClient has both). */
export type ConnectionSource = {
  connectionState(): { isWebSocketConnected: boolean; hasEverConnected: boolean };
  subscribeToConnectionState(cb: (state: { isWebSocketConnected: boolean; hasEverConnected: boolean }) => void): () => void;
};

/** After this long without a socket, "reconnecting" becomes "offline". */
export const OFFLINE_AFTER_MS = 10_000;

const ConnectionContext = createContext<Connection>("live");

/**
 * The connection state from the socket and the browser.
 * @example connectionFrom({ isWebSocketConnected: false, hasEverConnected: true }, true, 2_000) === "reconnecting"
 */
export function connectionFrom(state: { isWebSocketConnected: boolean; hasEverConnected: boolean }, browserOnline: boolean, downForMs: number): Connection {
  if (!browserOnline) return "offline";
  if (state.isWebSocketConnected) return "live";
  if (!state.hasEverConnected) return "reconnecting";
  return downForMs >= OFFLINE_AFTER_MS ? "offline" : "reconnecting";
}

export function ConnectionProvider({ client, children }: { client: ConnectionSource; children: ReactNode }) {
  const [connection, setConnection] = useState<Connection>("live");
  useEffect(() => {
    let downSince: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      const state = client.connectionState();
      if (state.isWebSocketConnected) downSince = null;
      else downSince ??= Date.now();
      const next = connectionFrom(state, navigator.onLine, downSince === null ? 0 : Date.now() - downSince);
      setConnection(next);
      clearTimeout(timer);
      if (next === "reconnecting") timer = setTimeout(update, OFFLINE_AFTER_MS);
    };
    update();
    const unsubscribe = client.subscribeToConnectionState(update);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, [client]);
  return <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>;
}

/** Provides a fixed state (tests, storybook-like harnesses). */
export const ConnectionStateProvider = ConnectionContext.Provider;

export function useConnection(): Connection {
  return useContext(ConnectionContext);
}

const LABEL: Record<Connection, string> = { live: "Live", reconnecting: "Reconnecting…", offline: "Offline" };

/** "Live" only when it is: a small status next to live data. */
export function LiveIndicator() {
  const connection = useConnection();
  return (
    <span className="connection" data-state={connection}>
      {connection === "live" ? <span className="live-dot" aria-hidden="true" /> : <span className="dot" aria-hidden="true" />}
      {LABEL[connection]}
    </span>
  );
}

/** A banner under the top bar while the connection is down: what is shown may be out of date. */
export function ConnectionBanner() {
  const connection = useConnection();
  if (connection === "live") return null;
  return (
    <div className="offline-banner" role="status">
      <Icon name="alert" size={14} />{" "}
      {connection === "offline"
        ? "You are offline. What you see may be out of date; changes you make are sent when the connection is back."
        : "Reconnecting to the server… What you see may be out of date."}
    </div>
  );
}
