// Sign in and sign up: validation, the server's refusals, tabs, Google only when configured.
import { screen } from "@testing-library/react";
import { AuthPage } from "./AuthPage";
import { fakeAuthActions, renderPage } from "../test/render";

describe("AuthPage", () => {
  test("validates the sign-in form before calling the server", async () => {
    const { user, auth } = renderPage(<AuthPage />);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByText("Enter a valid email address.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(auth.signIn.email).not.toHaveBeenCalled();
  });

  test("signs in with email and password", async () => {
    const { user, auth } = renderPage(<AuthPage />);
    await user.type(screen.getByLabelText("Email"), "pat@example.com");
    await user.type(screen.getByLabelText("Password"), "secret-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(auth.signIn.email).toHaveBeenCalledWith({ email: "pat@example.com", password: "secret-password" });
  });

  test("shows the server's refusal in words", async () => {
    const auth = fakeAuthActions();
    auth.signIn.email = vi.fn(async () => ({ data: null, error: { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" } }));
    const { user } = renderPage(<AuthPage />, { auth });
    await user.type(screen.getByLabelText("Email"), "pat@example.com");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong email or password.");
  });

  test("creates an account with a password of at least 8 characters", async () => {
    const { user, auth } = renderPage(<AuthPage />);
    await user.click(screen.getByRole("tab", { name: "Create account" }));
    await user.type(screen.getByLabelText("Name"), "Pat");
    await user.type(screen.getByLabelText("Email"), "pat@example.com");
    await user.type(screen.getByLabelText("Password"), "short");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(screen.getByText("Use at least 8 characters.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Password"), "-enough");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(auth.signUp.email).toHaveBeenCalledWith({ name: "Pat", email: "pat@example.com", password: "short-enough" });
  });

  test("switches between the forms with the arrow keys", async () => {
    const { user } = renderPage(<AuthPage />);
    await user.click(screen.getByRole("tab", { name: "Sign in" }));
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Create account" })).toHaveFocus();
    expect(screen.getByRole("tab", { name: "Create account" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel", { name: "Create account" })).toContainElement(screen.getByLabelText("Name"));
  });

  test("offers Google only when it is configured", () => {
    const { unmount } = renderPage(<AuthPage />);
    expect(screen.queryByRole("button", { name: "Continue with Google" })).not.toBeInTheDocument();
    unmount();
    renderPage(<AuthPage />, { googleSignIn: true });
    expect(screen.getByRole("button", { name: "Continue with Google" })).toBeInTheDocument();
  });
});

describe("Forgot password", () => {
  function withReset() {
    const auth = fakeAuthActions();
    auth.requestPasswordReset = vi.fn(async () => ({ data: { status: true }, error: null }));
    auth.resetPassword = vi.fn(async () => ({ data: { status: true }, error: null }));
    return auth;
  }

  test("the sign-in form links to the reset form, which asks for a link back to this app", async () => {
    const auth = withReset();
    const { user } = renderPage(<AuthPage />, { auth });
    await user.click(screen.getByRole("link", { name: "Forgot password?" }));
    expect(screen.getByRole("heading", { name: "Reset your password" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Email"), "pat@example.com");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    expect(auth.requestPasswordReset).toHaveBeenCalledWith({ email: "pat@example.com", redirectTo: `${window.location.origin}/reset-password` });
    // The same answer whether or not the account exists.
    expect(await screen.findByRole("status")).toHaveTextContent("If an account uses pat@example.com, a link to choose a new password is on its way.");
  });

  test("the emailed link's page sets the new password with its token", async () => {
    const auth = withReset();
    const { user } = renderPage(<AuthPage />, { auth, path: "/reset-password?token=tok123" });
    await user.type(screen.getByLabelText("New password"), "short");
    await user.click(screen.getByRole("button", { name: "Set new password" }));
    expect(screen.getByText("Use at least 8 characters.")).toBeInTheDocument();
    // One message, not the hint and the error saying the same thing.
    expect(screen.queryByText("At least 8 characters.")).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText("New password"));
    await user.type(screen.getByLabelText("New password"), "a-long-new-password");
    await user.click(screen.getByRole("button", { name: "Set new password" }));
    expect(auth.resetPassword).toHaveBeenCalledWith({ newPassword: "a-long-new-password", token: "tok123" });
    expect(await screen.findByRole("status")).toHaveTextContent("Your password is changed.");
  });

  test("an expired or used link says so and offers a new one", async () => {
    renderPage(<AuthPage />, { auth: withReset(), path: "/reset-password?error=INVALID_TOKEN" });
    expect(screen.getByRole("alert")).toHaveTextContent("This reset link has expired or was already used.");
    expect(screen.getByRole("link", { name: "Send a new link" })).toHaveAttribute("href", "/forgot-password");
  });
});
