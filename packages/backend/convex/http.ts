// HTTP routes: Better Auth's routes under /api/auth (with CORS for the web app), and the content
// API under /api/v1 (keys, not sessions; any origin).
import { httpRouter } from "convex/server";
import { authComponent, createAuth } from "./auth";
import { contentRequest, methodNotAllowed, openApi, preflight } from "./contentApi/http";

const http = httpRouter();

authComponent.registerRoutes(http, createAuth, { cors: true });

http.route({ path: "/api/v1/openapi.json", method: "GET", handler: openApi });
// Exact paths and a prefix: the handler parses the route itself and answers unknown ones with JSON 404.
for (const path of ["/api/v1/contents", "/api/v1/search", "/api/v1/me"]) {
  http.route({ path, method: "GET", handler: contentRequest });
}
http.route({ pathPrefix: "/api/v1/", method: "GET", handler: contentRequest });
http.route({ pathPrefix: "/api/v1/", method: "OPTIONS", handler: preflight });
for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
  http.route({ pathPrefix: "/api/v1/", method, handler: methodNotAllowed });
}

export default http;
