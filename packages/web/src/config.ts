// The web app's environment, parsed at the boundary (zod/mini: the same checks, a smaller bundle).
import * as z from "zod/mini";

const schema = z.object({
  VITE_CONVEX_URL: z.url(),
  VITE_CONVEX_SITE_URL: z.url(),
  /** "true" when Google sign-in is configured on the backend (GOOGLE_CLIENT_ID/SECRET set there). */
  VITE_GOOGLE_SIGN_IN: z.pipe(
    z.optional(z.enum(["true", "false", "1", "0", ""])),
    z.transform((v) => v === "true" || v === "1"),
  ),
});

export type WebConfig = z.infer<typeof schema>;

/** Parses Vite's env; returns a readable error instead of throwing so the app can show it. */
export function readConfig(env: Record<string, unknown>): { ok: true; config: WebConfig } | { ok: false; error: string } {
  const parsed = schema.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, error: z.prettifyError(parsed.error) };
}
