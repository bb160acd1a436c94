/**
 * The content API's public path prefix: one source of truth for the HTTP layer (routing,
 * OpenAPI) and for domains that show a request line back to customers (keyActivity/view.ts).
 * Pure module (no Convex imports).
 */
export const API_PREFIX = "/api/v1";
