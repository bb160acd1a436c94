/**
 * Where admin webhooks go and with which secret: the admin setting (notificationSettings) when
 * it has a URL, else the ADMIN_WEBHOOK_URL / ADMIN_WEBHOOK_SECRET environment variables. No
 * secret, no delivery: an unsigned webhook could be forged by anyone who knows the URL.
 */
import { z } from "zod";
import { env, type QueryCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { decryptSecret, encryptSecret } from "../secretBox/secretBox";
import type { AlertSeverity } from "../shared/validators";
import { checkWebhookUrl } from "./webhookSignature";

export const SETTINGS_NAME = "adminWebhook";
/** Associated data of the secret's ciphertext: a ciphertext copied from elsewhere won't decrypt. */
const SECRET_AAD = "adminWebhook";

const envSchema = z.object({
  ADMIN_WEBHOOK_URL: z.string().optional(),
  ADMIN_WEBHOOK_SECRET: z.string().min(16).optional(),
  API_KEY_ENCRYPTION_KEY: z.string().min(40).optional(),
});

function notificationEnv() {
  const parsed = envSchema.safeParse(env);
  return parsed.success ? parsed.data : {};
}

export type WebhookTarget = {
  url: string;
  source: "setting" | "env";
  minSeverity: AlertSeverity;
};

export async function getSettings(db: QueryCtx["db"]): Promise<Doc<"notificationSettings"> | null> {
  return await db
    .query("notificationSettings")
    .withIndex("by_name", (q) => q.eq("name", SETTINGS_NAME))
    .unique();
}

/** The webhook to deliver to now, or null when none is configured (or it is switched off). */
export function resolveTarget(settings: Doc<"notificationSettings"> | null): WebhookTarget | null {
  if (settings && !settings.enabled) return null;
  if (settings?.url && settings.encryptedSecret) {
    return { url: settings.url, source: "setting", minSeverity: settings.minSeverity };
  }
  const { ADMIN_WEBHOOK_URL, ADMIN_WEBHOOK_SECRET } = notificationEnv();
  if (!ADMIN_WEBHOOK_URL || !ADMIN_WEBHOOK_SECRET) return null;
  const checked = checkWebhookUrl(ADMIN_WEBHOOK_URL);
  if (!checked.ok) {
    console.error(`ADMIN_WEBHOOK_URL ignored: ${checked.message}`);
    return null;
  }
  return { url: checked.url, source: "env", minSeverity: settings?.minSeverity ?? "warning" };
}

/** The signing secret for the current target (decrypted from the setting, or the env var). */
export async function resolveSecret(settings: Doc<"notificationSettings"> | null): Promise<string | null> {
  if (settings?.url && settings.encryptedSecret) {
    const key = notificationEnv().API_KEY_ENCRYPTION_KEY;
    if (!key) return null;
    return await decryptSecret(settings.encryptedSecret, key, SECRET_AAD);
  }
  return notificationEnv().ADMIN_WEBHOOK_SECRET ?? null;
}

/** Encrypts a new secret for storage; throws when the deployment has no encryption key. */
export async function sealSecret(secret: string): Promise<string> {
  const key = notificationEnv().API_KEY_ENCRYPTION_KEY;
  if (!key) throw new Error("API_KEY_ENCRYPTION_KEY is not set: cannot store a webhook secret");
  return await encryptSecret(secret, key, SECRET_AAD);
}

/** Whether the environment variables configure a webhook (shown to admins). */
export function envConfigured(): boolean {
  const { ADMIN_WEBHOOK_URL, ADMIN_WEBHOOK_SECRET } = notificationEnv();
  return Boolean(ADMIN_WEBHOOK_URL && ADMIN_WEBHOOK_SECRET);
}
