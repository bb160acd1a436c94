/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as auth from "../auth.js";
import type * as http from "../http.js";
import type * as lib_env from "../lib/env.js";
import type * as lib_time from "../lib/time.js";
import type * as shared_errors from "../shared/errors.js";
import type * as shared_keyFormat from "../shared/keyFormat.js";
import type * as shared_tiers from "../shared/tiers.js";
import type * as shared_validators from "../shared/validators.js";
import type * as test_setup from "../test/setup.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  auth: typeof auth;
  http: typeof http;
  "lib/env": typeof lib_env;
  "lib/time": typeof lib_time;
  "shared/errors": typeof shared_errors;
  "shared/keyFormat": typeof shared_keyFormat;
  "shared/tiers": typeof shared_tiers;
  "shared/validators": typeof shared_validators;
  "test/setup": typeof test_setup;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  betterAuth: import("../betterAuth/_generated/component.js").ComponentApi<"betterAuth">;
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
};
