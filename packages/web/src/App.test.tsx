import { render, screen } from "@testing-library/react";
import { App } from "./App";
import { readConfig } from "./config";

describe("App shell", () => {
  test("lists every tier with its limit from the shared tier module", () => {
    render(<App />);
    const tiers = screen.getByRole("list", { name: "Tiers" });
    expect(tiers).toHaveTextContent("Free: 25 requests per day");
    expect(tiers).toHaveTextContent("Pro: 100 requests per minute");
    expect(tiers).toHaveTextContent("Enterprise: unlimited");
  });
});

describe("readConfig", () => {
  test("rejects a missing Convex URL with a readable message", () => {
    const result = readConfig({ VITE_CONVEX_SITE_URL: "http://127.0.0.1:3211" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/VITE_CONVEX_URL/);
  });
});
