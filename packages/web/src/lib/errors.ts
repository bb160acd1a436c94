// Reading the backend's errors: ConvexError data `{ kind, message }` (see shared/errors.ts).
import { ConvexError } from "convex/values";
import { isAppErrorData, type AppErrorData } from "@nak/backend/shared/errors";

/** The app error carried by a ConvexError, or null for anything else. */
export function appErrorOf(error: unknown): AppErrorData | null {
  if (error instanceof ConvexError && isAppErrorData(error.data)) return error.data;
  if (typeof error === "object" && error !== null && "data" in error && isAppErrorData((error as { data: unknown }).data)) {
    return (error as { data: AppErrorData }).data;
  }
  return null;
}

/** A sentence to show the user for any error. */
export function errorMessage(error: unknown): string {
  const app = appErrorOf(error);
  if (app) return app.message;
  if (error instanceof Error) {
    if (/Could not find public function/i.test(error.message)) return "This part of the backend is not available yet.";
    if (/Failed to fetch|NetworkError|Load failed/i.test(error.message)) return "Could not reach the server. Check your connection and try again.";
    // Convex wraps unexpected server errors as "[Request ID: …] Server Error …": keep it short.
    const first = error.message.replace(/^\[Request ID: [^\]]+\]\s*/, "").split("\n")[0] ?? "";
    if (!first || first === "Server Error") return "The server hit an unexpected error. Try again in a moment.";
    return first;
  }
  return "Unexpected error.";
}
