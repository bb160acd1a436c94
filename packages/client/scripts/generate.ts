/**
 * Writes src/generated/api.ts from the server's own OpenAPI document
 * (packages/backend/convex/contentApi/openapi.ts): the response types (via openapi-typescript)
 * and the runtime constants the client needs (error codes and statuses, header names, limits).
 * The published client has no dependency on the backend; a test fails when this file is stale.
 *
 *   pnpm --filter @nak/client generate
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderGeneratedApi } from "./render";

const target = fileURLToPath(new URL("../src/generated/api.ts", import.meta.url));
writeFileSync(target, await renderGeneratedApi());
console.log(`wrote ${target}`);
