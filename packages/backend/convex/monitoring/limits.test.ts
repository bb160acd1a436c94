/**
 * Detection under Convex's per-transaction limits (convex-test `transactionLimits: true`), at its
 * worst cases, sized for the regular suite; `pnpm bench` runs the same scenarios at full size
 * (100,000-row backlog, 10,000 keys, 10,000 articles of 50 KB) and prints the figures.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { DAY } from "../lib/time";
import { DETECTION_MAX_ROWS, DETECTION_MAX_SLUG_LOOKUPS } from "./thresholds";
import { FAN_OUT_CHUNK, SCAN_BATCH_ROWS } from "./detection";
import { RETENTION_BATCH_ROWS } from "./retention";
import { START, backlogAndRetention, scanOfDistinctKeys, unlimitedKeyAtFullSpeed, worstShare } from "../../test/detectionLimits";

/** "Well under": no transaction uses more than this share of any Convex limit. */
const HEADROOM = 0.6;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START - DAY);
});
afterEach(() => vi.useRealTimers());

describe("detection stays within Convex's transaction limits", () => {
  test("an unlimited key requesting thousands of distinct large articles within the hour is still judged (and revoked)", async () => {
    // 4,500 requests for 1,500 distinct 15 KB articles: the old per-slug article reads needed 22 MB.
    const { result, metrics } = await unlimitedKeyAtFullSpeed({ rows: 4_500, catalogue: 1_500, bodyBytes: 15_000 });
    expect(result).toMatchObject({ revoked: true });
    expect(result.alerts).toBeGreaterThan(0);
    expect(worstShare(metrics)).toBeLessThan(HEADROOM);
    expect(metrics.documentsRead.used).toBeLessThanOrEqual(DETECTION_MAX_ROWS + DETECTION_MAX_SLUG_LOOKUPS + 500);
    expect(metrics.bytesRead.used).toBeLessThan(8 * 1024 * 1024);
  }, 240_000);

  test("a scan batch of thousands of distinct keys schedules every key's run in bounded chunks", async () => {
    const keys = 2_500;
    const { scans, fanOut, keysScheduled } = await scanOfDistinctKeys({ keys });
    expect(keysScheduled).toBe(keys);
    expect(scans).toHaveLength(Math.ceil(keys / SCAN_BATCH_ROWS));
    for (const scan of scans) {
      expect(worstShare(scan)).toBeLessThan(HEADROOM);
      expect(scan.functionsScheduled.used).toBeLessThanOrEqual(FAN_OUT_CHUNK + 2);
    }
    expect(fanOut.functionsScheduled.used).toBeLessThanOrEqual(FAN_OUT_CHUNK + 1);
    expect(worstShare(fanOut)).toBeLessThan(HEADROOM);
  }, 240_000);

  test("a backlog costs one batch per scan, and retention one batch per run, whatever the log's size", async () => {
    const { scan, retention } = await backlogAndRetention({ backlog: 12_000, old: 8_000 });
    expect(scan.rows).toBe(SCAN_BATCH_ROWS);
    expect(scan.metrics.documentsRead.used).toBeLessThanOrEqual(SCAN_BATCH_ROWS + 2 * 100 + 10);
    expect(worstShare(scan.metrics)).toBeLessThan(HEADROOM);
    expect(retention.removed).toBe(RETENTION_BATCH_ROWS);
    expect(retention.metrics.documentsRead.used).toBeLessThanOrEqual(2 * RETENTION_BATCH_ROWS + 100);
    expect(worstShare(retention.metrics)).toBeLessThan(HEADROOM);
  }, 240_000);
});
