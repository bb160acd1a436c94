// Renders a page with the app's providers (config, fake auth actions, toasts) at a given path.
import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";
import { AppConfigProvider } from "../lib/appConfig";
import { AuthClientProvider, type AuthActions } from "../auth/AuthClientContext";
import { ToastProvider } from "../ui/Toast";

export const SITE_URL = "http://127.0.0.1:3211";

export function fakeAuthActions(): AuthActions & { calls: Record<string, unknown[]> } {
  const ok = async () => ({ data: {}, error: null });
  return {
    calls: {},
    signIn: { email: vi.fn(ok), social: vi.fn(ok) },
    signUp: { email: vi.fn(ok) },
    signOut: vi.fn(ok),
  };
}

export function renderPage(ui: ReactElement, { path = "/", googleSignIn = false, auth = fakeAuthActions() } = {}) {
  window.history.replaceState(null, "", path);
  const user = userEvent.setup();
  const result = render(
    <AppConfigProvider value={{ siteUrl: SITE_URL, googleSignIn }}>
      <AuthClientProvider client={auth}>
        <ToastProvider>{ui}</ToastProvider>
      </AuthClientProvider>
    </AppConfigProvider>,
    // Errors caught by the pages' boundaries are the error states under test, not failures.
    { onCaughtError: () => {} },
  );
  return { ...result, user, auth };
}
