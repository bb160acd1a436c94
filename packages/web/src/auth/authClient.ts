// The Better Auth client for a Vite app on Convex: sessions live on the Convex HTTP actions
// origin (cross-domain plugin, kept in localStorage), and the convex plugin fetches Convex JWTs.
import { createAuthClient } from "better-auth/react";
import { convexClient, crossDomainClient } from "@convex-dev/better-auth/client/plugins";

export function createNakAuthClient(siteUrl: string) {
  return createAuthClient({ baseURL: siteUrl, plugins: [convexClient(), crossDomainClient()] });
}

export type NakAuthClient = ReturnType<typeof createNakAuthClient>;
