// The app: a loading screen while the session is checked, the sign-in page when signed out,
// and the signed-in shell otherwise. Providers are set up in main.tsx.
import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";
import { AuthPage } from "./auth/AuthPage";
import { Shell } from "./app/Shell";
import { LoadingState } from "./ui/Spinner";

export function App() {
  return (
    <>
      <AuthLoading>
        <div className="full-center">
          <LoadingState label="Checking your session…" />
        </div>
      </AuthLoading>
      <Unauthenticated>
        <AuthPage />
      </Unauthenticated>
      <Authenticated>
        <Shell />
      </Authenticated>
    </>
  );
}
