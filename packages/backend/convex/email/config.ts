/**
 * Where the emails Better Auth sends (password reset, email verification, any other) go. Pure
 * module: parses the environment given to it.
 * - `EMAIL_WEBHOOK_URL` set (production): each email is POSTed as JSON `{ to, subject, text, url,
 *   kind }` to that URL (with `Authorization: Bearer $EMAIL_WEBHOOK_SECRET` when set): the hook
 *   that hands it to your mail provider (a small function at Resend, Postmark, SES…).
 * - else `EMAIL_DEV_MAILBOX=1` (development; the local backend sets it): stored in the `devMailbox`
 *   table, printed to the server log, and listed at the local backend's `/_dev/mailbox` page.
 * - else: not delivered; the server logs a warning without the link.
 */
import { z } from "zod";

const schema = z.object({
  EMAIL_WEBHOOK_URL: z.url().optional(),
  EMAIL_WEBHOOK_SECRET: z.string().min(1).optional(),
  EMAIL_DEV_MAILBOX: z.enum(["1", "0", "true", "false"]).optional(),
});

export type EmailDelivery =
  | { mode: "webhook"; url: string; secret: string | undefined }
  | { mode: "dev_mailbox" }
  | { mode: "none" };

/** @example emailDelivery({ EMAIL_DEV_MAILBOX: "1" }) // { mode: "dev_mailbox" } */
export function emailDelivery(env: Record<string, string | undefined>): EmailDelivery {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid email environment: ${z.prettifyError(parsed.error)}`);
  const { EMAIL_WEBHOOK_URL, EMAIL_WEBHOOK_SECRET, EMAIL_DEV_MAILBOX } = parsed.data;
  if (EMAIL_WEBHOOK_URL) return { mode: "webhook", url: EMAIL_WEBHOOK_URL, secret: EMAIL_WEBHOOK_SECRET };
  if (EMAIL_DEV_MAILBOX === "1" || EMAIL_DEV_MAILBOX === "true") return { mode: "dev_mailbox" };
  return { mode: "none" };
}

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  /** The link the email is about (reset, verification), when there is one. */
  url?: string;
  /** What sent it: "reset_password", "verify_email", … */
  kind: string;
};

/** The password-reset email. */
export function resetPasswordEmail(to: string, url: string): OutgoingEmail {
  return {
    to,
    kind: "reset_password",
    subject: "Reset your Nak password",
    url,
    text: `Someone asked to reset the password of your Nak account. To choose a new one, open:\n\n${url}\n\nThe link works for one hour. If it was not you, ignore this email: your password stays as it is.`,
  };
}

/** The email-verification email. */
export function verifyEmailEmail(to: string, url: string): OutgoingEmail {
  return {
    to,
    kind: "verify_email",
    subject: "Confirm your email for Nak",
    url,
    text: `Confirm that this address is yours by opening:\n\n${url}\n\nIf you did not create a Nak account, ignore this email.`,
  };
}
