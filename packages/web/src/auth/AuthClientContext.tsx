// The auth client as React context, narrowed to what the pages use (so tests can pass a fake).
import { createContext, useContext, type ReactNode } from "react";

type AuthResult = Promise<{ error?: { message?: string; code?: string } | null } | unknown>;

export type AuthActions = {
  signIn: {
    email: (body: { email: string; password: string }) => AuthResult;
    social: (body: { provider: "google"; callbackURL?: string }) => AuthResult;
  };
  signUp: { email: (body: { email: string; password: string; name: string }) => AuthResult };
  signOut: () => AuthResult;
  /** "Forgot password?": Better Auth emails a link that leads to `redirectTo?token=…`. */
  requestPasswordReset?: (body: { email: string; redirectTo: string }) => AuthResult;
  resetPassword?: (body: { newPassword: string; token: string }) => AuthResult;
};

const AuthClientContext = createContext<AuthActions | null>(null);

export function AuthClientProvider({ client, children }: { client: AuthActions; children: ReactNode }) {
  return <AuthClientContext.Provider value={client}>{children}</AuthClientContext.Provider>;
}

export function useAuthActions(): AuthActions {
  const client = useContext(AuthClientContext);
  if (!client) throw new Error("useAuthActions must be used inside <AuthClientProvider>");
  return client;
}

/** The error message of a Better Auth client result (`{ data, error }`), or null on success. */
export function authErrorOf(result: unknown): string | null {
  if (typeof result !== "object" || result === null || !("error" in result)) return null;
  const error = (result as { error?: { message?: string; code?: string; status?: number } | null }).error;
  if (!error) return null;
  if (error.code === "INVALID_EMAIL_OR_PASSWORD") return "Wrong email or password.";
  if (error.code === "INVALID_TOKEN") return "This reset link has expired or was already used. Ask for a new one.";
  if (error.code === "USER_ALREADY_EXISTS" || error.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") {
    return "An account with this email already exists. Sign in instead.";
  }
  return error.message || `Could not sign in (${error.status ?? "error"}).`;
}
