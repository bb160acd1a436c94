// Component-test setup: jest-dom matchers, jsdom gaps, cleanup after each test.
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { NOW } from "./fixtures";

// jsdom does not implement scrolling; navigation calls it.
window.scrollTo = () => {};

// The app computes status and usage at the browser's time from stored state: freeze Date at the
// fixtures' NOW (timers stay real, so user events and waitFor work; tests of time passing fake
// the timers themselves).
beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
