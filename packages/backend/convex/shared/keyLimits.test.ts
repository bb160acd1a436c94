import { expect, test } from "vitest";
import { MAX_ROTATION_GRACE_HOURS, ROTATION_GRACE_CHOICES_HOURS } from "./keyLimits";

test("every grace period the web offers is one the backend accepts", () => {
  for (const hours of ROTATION_GRACE_CHOICES_HOURS) {
    expect(hours).toBeGreaterThanOrEqual(0);
    expect(hours).toBeLessThanOrEqual(MAX_ROTATION_GRACE_HOURS);
  }
});
