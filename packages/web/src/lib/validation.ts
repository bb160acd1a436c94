// Shared form-validation pieces (zod/mini): trimmed text with length bounds, emails, field errors.
import * as z from "zod/mini";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A trimmed string of `min`..`max` characters, with messages for each bound. */
export function text(min: number, max: number, tooShort: string) {
  return z.string().check(z.trim(), z.minLength(min, tooShort), z.maxLength(max, `Use at most ${max} characters.`));
}

export const email = () => z.string().check(z.trim(), z.regex(EMAIL, "Enter a valid email address."));

/** The first message per field of a failed parse: `{ email: "Enter a valid email address." }`. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
