// The app shell. Pages arrive with the web app issue; the shell proves the wiring to the backend.
import { api } from "@nak/backend/convex/_generated/api";
import { TIER_CONFIG, TIERS } from "@nak/backend/shared/tiers";

export const backendApi = api;

export function App() {
  return (
    <main>
      <h1>Nak</h1>
      <p>API keys and scraping defence for content APIs.</p>
      <ul aria-label="Tiers">
        {TIERS.map((t) => (
          <li key={t}>
            {TIER_CONFIG[t].label}: {TIER_CONFIG[t].limit?.label ?? "unlimited"}
          </li>
        ))}
      </ul>
    </main>
  );
}
