// The key forms' fields, parsed with zod at the boundary (names, reasons, expiry choices).
import * as z from "zod/mini";
import { TIERS, MAX_KEY_EXPIRY_DAYS, MIN_KEY_EXPIRY_DAYS } from "@nak/backend/shared/tiers";
import { MAX_KEY_NAME_LENGTH, MAX_REASON_LENGTH, ROTATION_GRACE_CHOICES_HOURS } from "@nak/backend/shared/keyLimits";
import { text } from "../lib/validation";

export const KEY_NAME_MAX = MAX_KEY_NAME_LENGTH;
export const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;
export const DEFAULT_EXPIRY_DAYS = 30;
export const GRACE_CHOICES = ROTATION_GRACE_CHOICES_HOURS;

export const keyName = text(1, KEY_NAME_MAX, "Give the key a name, e.g. the app that will use it.");

export const createKeySchema = z.object({
  name: keyName,
  tier: z.enum(TIERS),
  expiresInDays: z.coerce.number().check(
    z.minimum(MIN_KEY_EXPIRY_DAYS),
    z.maximum(MAX_KEY_EXPIRY_DAYS),
    z.refine(Number.isInteger, "Choose a whole number of days."),
  ),
});

export const REASON_MIN = 3;
export const reasonSchema = text(REASON_MIN, MAX_REASON_LENGTH, `Say briefly why (at least ${REASON_MIN} characters).`);
