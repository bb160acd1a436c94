// What components need from the environment (the HTTP actions URL, optional sign-in providers).
import { createContext, useContext, type ReactNode } from "react";

export type AppConfig = {
  /** The deployment's HTTP actions origin: the content API and Better Auth live there. */
  siteUrl: string;
  /** Google sign-in is configured on the backend (VITE_GOOGLE_SIGN_IN=true). */
  googleSignIn: boolean;
  /** Development only: where the local backend shows the emails it would have sent. */
  devMailboxUrl?: string;
};

const AppConfigContext = createContext<AppConfig>({ siteUrl: "http://127.0.0.1:3211", googleSignIn: false });

export function AppConfigProvider({ value, children }: { value: AppConfig; children: ReactNode }) {
  return <AppConfigContext.Provider value={value}>{children}</AppConfigContext.Provider>;
}

export const useAppConfig = () => useContext(AppConfigContext);
