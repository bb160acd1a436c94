// The key forms' fields, parsed with zod at the boundary (names, reasons, expiry choices).
import { z } from "zod";
import { TIERS, MAX_KEY_EXPIRY_DAYS, MIN_KEY_EXPIRY_DAYS } from "@nak/backend/shared/tiers";

export const KEY_NAME_MAX = 64;
export const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;
export const DEFAULT_EXPIRY_DAYS = 30;
export const GRACE_CHOICES = [0, 1, 24, 72] as const;

export const keyName = z
  .string()
  .trim()
  .min(1, "Give the key a name, e.g. the app that will use it.")
  .max(KEY_NAME_MAX, `Use at most ${KEY_NAME_MAX} characters.`);

export const createKeySchema = z.object({
  name: keyName,
  tier: z.enum(TIERS),
  expiresInDays: z.coerce.number().int().min(MIN_KEY_EXPIRY_DAYS).max(MAX_KEY_EXPIRY_DAYS),
});

export const reasonSchema = z.string().trim().min(3, "Say briefly why (at least 3 characters).").max(500, "Use at most 500 characters.");
