// Sign in / create account with email and password; Google when the backend has it configured.
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useAppConfig } from "../lib/appConfig";
import { Button } from "../ui/Button";
import { Input } from "../ui/Field";
import { authErrorOf, useAuthActions } from "./AuthClientContext";
import { fieldErrors, forgotSchema, resetSchema, signInSchema, signUpSchema } from "./forms";
import { navigate, useLocation } from "../lib/router";

type Mode = "sign-in" | "sign-up";
/** Where the emailed reset link brings the user back (Better Auth adds `?token=` or `?error=`). */
export const RESET_PATH = "/reset-password";
const MODES: { id: Mode; label: string }[] = [
  { id: "sign-in", label: "Sign in" },
  { id: "sign-up", label: "Create account" },
];

export function AuthPage() {
  const { path, query } = useLocation();
  if (path === RESET_PATH) return <AuthFrame title="Choose a new password"><ResetPasswordForm token={query.get("token")} linkError={query.get("error")} /></AuthFrame>;
  if (path === "/forgot-password") return <AuthFrame title="Reset your password"><ForgotPasswordForm /></AuthFrame>;
  return <SignInOrUp />;
}

function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="auth-page" id="main">
      <div className="auth-card card stack">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">N</span> Nak
        </div>
        <h1 style={{ textAlign: "center" }}>{title}</h1>
        {children}
      </div>
    </main>
  );
}

function SignInOrUp() {
  const [mode, setMode] = useState<Mode>("sign-in");
  const { googleSignIn } = useAppConfig();

  /** Arrow keys move between the two tabs (the WAI-ARIA tabs pattern). */
  function onTabKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next = mode === "sign-in" ? "sign-up" : "sign-in";
    setMode(next);
    document.getElementById(`tab-${next}`)?.focus();
  }
  return (
    <main className="auth-page" id="main">
      <div className="auth-card card stack">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">N</span> Nak
        </div>
        <div className="stack-sm" style={{ textAlign: "center" }}>
          <h1>{mode === "sign-in" ? "Sign in" : "Create your account"}</h1>
          <p className="muted small">API keys for the content API, and the usage behind them.</p>
        </div>
        <div className="tabs" role="tablist" aria-label="Sign in or create an account" onKeyDown={onTabKey}>
          {MODES.map((m) => (
            <button
              key={m.id}
              id={`tab-${m.id}`}
              type="button"
              role="tab"
              aria-selected={mode === m.id}
              aria-controls={`panel-${m.id}`}
              tabIndex={mode === m.id ? 0 : -1}
              onClick={() => setMode(m.id)}
            >
              {m.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${mode}`} aria-labelledby={`tab-${mode}`}>
          {mode === "sign-in" ? <SignInForm /> : <SignUpForm />}
        </div>
        {googleSignIn && (
          <>
            <div className="divider">or</div>
            <GoogleButton />
          </>
        )}
      </div>
    </main>
  );
}

function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      const message = authErrorOf(await action());
      if (message) setError(message);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function SignInForm() {
  const auth = useAuthActions();
  const { busy, error, run } = useSubmit();
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    void run(() => auth.signIn.email(parsed.data));
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Sign in">
      <Input label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Input label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      {error && <div className="callout callout-danger" role="alert">{error}</div>}
      <Button type="submit" variant="primary" busy={busy} block>
        Sign in
      </Button>
      <a
        href="/forgot-password"
        className="small"
        style={{ textAlign: "center" }}
        onClick={(event) => {
          event.preventDefault();
          navigate("/forgot-password");
        }}
      >
        Forgot password?
      </a>
    </form>
  );
}

function BackToSignIn() {
  return (
    <a
      href="/"
      className="small"
      style={{ textAlign: "center" }}
      onClick={(event) => {
        event.preventDefault();
        navigate("/");
      }}
    >
      Back to sign in
    </a>
  );
}

function ForgotPasswordForm() {
  const auth = useAuthActions();
  const { devMailboxUrl } = useAppConfig();
  const { busy, error, run } = useSubmit();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = forgotSchema.safeParse({ email: new FormData(event.currentTarget).get("email") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    const request = auth.requestPasswordReset;
    if (!request) return;
    void run(async () => {
      const result = await request({ email: parsed.data.email, redirectTo: `${window.location.origin}${RESET_PATH}` });
      if (!authErrorOf(result)) setSentTo(parsed.data.email);
      return result;
    });
  }

  if (sentTo) {
    return (
      <div className="stack">
        <div className="callout callout-info" role="status">
          If an account uses <strong>{sentTo}</strong>, a link to choose a new password is on its way. It works for one hour.
        </div>
        {devMailboxUrl && (
          <p className="small muted">
            Development: emails are not sent; open the <a href={devMailboxUrl} target="_blank" rel="noreferrer">dev mailbox</a>.
          </p>
        )}
        <BackToSignIn />
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Reset your password">
      <p className="small muted">Enter the email of your account: we send you a link to choose a new password.</p>
      <Input label="Email" name="email" type="email" autoComplete="email" required error={errors.email} data-autofocus />
      {error && <div className="callout callout-danger" role="alert">{error}</div>}
      <Button type="submit" variant="primary" busy={busy} block>
        Send reset link
      </Button>
      <BackToSignIn />
    </form>
  );
}

function ResetPasswordForm({ token, linkError }: { token: string | null; linkError: string | null }) {
  const auth = useAuthActions();
  const { busy, error, run } = useSubmit();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  if (!token || linkError) {
    return (
      <div className="stack">
        <div className="callout callout-danger" role="alert">This reset link has expired or was already used. Ask for a new one.</div>
        <a
          href="/forgot-password"
          onClick={(event) => {
            event.preventDefault();
            navigate("/forgot-password");
          }}
        >
          Send a new link
        </a>
      </div>
    );
  }
  if (done) {
    return (
      <div className="stack">
        <div className="callout callout-info" role="status">Your password is changed. Sign in with the new one.</div>
        <BackToSignIn />
      </div>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = resetSchema.safeParse({ password: new FormData(event.currentTarget).get("password") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    const reset = auth.resetPassword;
    if (!reset || !token) return;
    void run(async () => {
      const result = await reset({ newPassword: parsed.data.password, token });
      if (!authErrorOf(result)) setDone(true);
      return result;
    });
  }
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Choose a new password">
      <Input label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.password} />
      {error && <div className="callout callout-danger" role="alert">{error}</div>}
      <Button type="submit" variant="primary" busy={busy} block>
        Set new password
      </Button>
    </form>
  );
}

function SignUpForm() {
  const auth = useAuthActions();
  const { busy, error, run } = useSubmit();
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signUpSchema.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    void run(() => auth.signUp.email(parsed.data));
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Create account">
      <Input label="Name" name="name" autoComplete="name" required error={errors.name} />
      <Input label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Input label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.password} />
      {error && <div className="callout callout-danger" role="alert">{error}</div>}
      <Button type="submit" variant="primary" busy={busy} block>
        Create account
      </Button>
    </form>
  );
}

function GoogleButton() {
  const auth = useAuthActions();
  const { busy, error, run } = useSubmit();
  return (
    <div className="stack-sm">
      <Button variant="secondary" block busy={busy} onClick={() => void run(() => auth.signIn.social({ provider: "google", callbackURL: window.location.href }))}>
        Continue with Google
      </Button>
      {error && <div className="callout callout-danger" role="alert">{error}</div>}
    </div>
  );
}
