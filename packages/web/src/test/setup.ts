// Component-test setup: jest-dom matchers, jsdom gaps, cleanup after each test.
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// jsdom does not implement scrolling; navigation calls it.
window.scrollTo = () => {};

afterEach(() => cleanup());
