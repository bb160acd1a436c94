/**
 * A customer's standing, as far as key creation is concerned: while they have an unresolved
 * critical scraping alert, they may not create keys (a banned scraper must not simply make a new
 * key and carry on). One indexed read.
 */
import type { DatabaseReader } from "../_generated/server";
import { deny, type Denial } from "../shared/errors";

export const RESTRICTED_MESSAGE =
  "New API keys are paused on your account while a critical security alert on one of your keys is under review. " +
  "Contact support (reply to the alert email, or write to your account contact) to have it resolved.";

/** The denial to answer a key creation with, or null when the customer is in good standing. */
export async function keyCreationRestriction(db: DatabaseReader, userId: string): Promise<Denial | null> {
  const open = await db
    .query("scrapingAlerts")
    .withIndex("by_userId_and_resolved_and_severity", (q) => q.eq("userId", userId).eq("resolved", false).eq("severity", "critical"))
    .first();
  return open ? deny("account_restricted", RESTRICTED_MESSAGE) : null;
}
