// HTTP routes: Better Auth's routes under /api/auth (with CORS for the web app).
import { httpRouter } from "convex/server";
import { authComponent, createAuth } from "./auth";

const http = httpRouter();

authComponent.registerRoutes(http, createAuth, { cors: true });

export default http;
