// ConvexError constructors for the app's error kinds (see shared/errors.ts for the kinds).
import { ConvexError } from "convex/values";
import type { AppErrorKind, Result } from "../shared/errors";

/**
 * A client-handleable error: `throw appError("not_found", "No such key")`.
 * The web app reads `error.data.kind` and `error.data.message`.
 */
export function appError(kind: AppErrorKind, message: string) {
  return new ConvexError({ kind, message });
}

/** The success of a result, or its denial thrown as an app error (public functions' edge). */
export function orThrow<T extends object>(result: Result<T>): { ok: true } & T {
  if (!result.ok) throw appError(result.kind, result.message);
  return result;
}
