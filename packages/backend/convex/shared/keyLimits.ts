/**
 * Limits on what customers type into key forms, shared by the backend (which enforces them) and
 * the web app (which shows and pre-checks them): one source of truth, imported by both as
 * `@nak/backend/shared/keyLimits`. Pure module.
 */

/** Longest key name, in characters (Better Auth's `maximumNameLength` too). */
export const MAX_KEY_NAME_LENGTH = 64;

/** Longest revocation or unban reason kept, in characters. */
export const MAX_REASON_LENGTH = 500;

/** Longest grace period a rotated key keeps working, in hours (7 days). */
export const MAX_ROTATION_GRACE_HOURS = 7 * 24;

/** Grace periods the web app offers when rotating, in hours; each within MAX_ROTATION_GRACE_HOURS. */
export const ROTATION_GRACE_CHOICES_HOURS = [0, 1, 24, 72] as const;
