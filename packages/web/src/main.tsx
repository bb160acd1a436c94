// Entry point: parses the environment, builds the Convex and Better Auth clients, and mounts the
// providers. A missing or malformed environment shows a readable error instead of a blank page.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConvexReactClient } from "convex/react";
import { ConvexBetterAuthProvider, type AuthClient } from "@convex-dev/better-auth/react";
import { App } from "./App";
import { readConfig } from "./config";
import { createNakAuthClient } from "./auth/authClient";
import { AuthClientProvider, type AuthActions } from "./auth/AuthClientContext";
import { AppConfigProvider } from "./lib/appConfig";
import { ToastProvider } from "./ui/Toast";
import { ConnectionProvider } from "./lib/connection";
import "./ui/styles.css";

const root = createRoot(document.getElementById("root")!);
const parsed = readConfig(import.meta.env);

if (!parsed.ok) {
  root.render(
    <main className="full-center" style={{ padding: 24 }}>
      <div className="card stack" role="alert" style={{ maxWidth: 560 }}>
        <h1>The web app is not configured</h1>
        <p>Set VITE_CONVEX_URL and VITE_CONVEX_SITE_URL (see the README), then reload.</p>
        <pre className="small">{parsed.error}</pre>
      </div>
    </main>,
  );
} else {
  const { config } = parsed;
  const convex = new ConvexReactClient(config.VITE_CONVEX_URL);
  const authClient = createNakAuthClient(config.VITE_CONVEX_SITE_URL);
  // The provider's AuthClient union types `useSession().data` as never for a client with both
  // plugins (a typing quirk of @convex-dev/better-auth 0.12); the runtime contract is the same.
  const providerClient = authClient as unknown as AuthClient;
  root.render(
    <StrictMode>
      <AppConfigProvider value={{ siteUrl: config.VITE_CONVEX_SITE_URL, googleSignIn: config.VITE_GOOGLE_SIGN_IN, devMailboxUrl: import.meta.env.DEV ? `${config.VITE_CONVEX_URL.replace(/\/$/, "")}/_dev/mailbox` : undefined }}>
        <ConvexBetterAuthProvider client={convex} authClient={providerClient}>
          <AuthClientProvider client={authClient as unknown as AuthActions}>
            <ToastProvider>
              <ConnectionProvider client={convex}>
                <App />
              </ConnectionProvider>
            </ToastProvider>
          </AuthClientProvider>
        </ConvexBetterAuthProvider>
      </AppConfigProvider>
    </StrictMode>,
  );
}
