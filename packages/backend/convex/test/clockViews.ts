// What the web app shows at a moment, from a query's stored fields: tests read key status,
// usage and active-key counts through the same pure functions the web app uses.
import { countActiveAt, keyRecordStatus, keyStatus, type KeyStateFields } from "../apiKeys/status";
import { usageAt, type StoredUsage } from "../shared/usage";

export const statusNow = (key: KeyStateFields) => keyStatus(key, Date.now());
export const recordStatusNow = (record: KeyStateFields & { deletedAt: number | null }) => keyRecordStatus(record, Date.now());
export const usageNow = (stored: StoredUsage) => usageAt(stored, Date.now());
export const activeKeysNow = (me: { liveKeyExpiries: ReadonlyArray<number | null> }) => countActiveAt(me.liveKeyExpiries, Date.now());
/** `now` rounded down to a multiple of `ms` (one reading of the clock: two could straddle a boundary). */
const floorNow = (ms: number) => {
  const now = Date.now();
  return now - (now % ms);
};
/** The current UTC hour, as the web app passes it to the usage history. */
export const hourNow = () => floorNow(3_600_000);
/** The current minute, as the admin keys page passes it to its status filter. */
export const minuteNow = () => floorNow(60_000);
