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
import type * as admin_alertOutcome from "../admin/alertOutcome.js";
import type * as admin_alerts from "../admin/alerts.js";
import type * as admin_audit from "../admin/audit.js";
import type * as admin_auditLog from "../admin/auditLog.js";
import type * as admin_customers from "../admin/customers.js";
import type * as admin_keys from "../admin/keys.js";
import type * as admin_leaks from "../admin/leaks.js";
import type * as apiKeys_internal from "../apiKeys/internal.js";
import type * as apiKeys_lifecycle from "../apiKeys/lifecycle.js";
import type * as apiKeys_liveHistory from "../apiKeys/liveHistory.js";
import type * as apiKeys_mutations from "../apiKeys/mutations.js";
import type * as apiKeys_queries from "../apiKeys/queries.js";
import type * as apiKeys_signingSecrets from "../apiKeys/signingSecrets.js";
import type * as apiKeys_status from "../apiKeys/status.js";
import type * as apiKeys_tierChange from "../apiKeys/tierChange.js";
import type * as apiKeys_usage from "../apiKeys/usage.js";
import type * as apiKeys_verify from "../apiKeys/verify.js";
import type * as apiKeys_views from "../apiKeys/views.js";
import type * as audit_events from "../audit/events.js";
import type * as auth from "../auth.js";
import type * as contentApi_articles from "../contentApi/articles.js";
import type * as contentApi_handle from "../contentApi/handle.js";
import type * as contentApi_http from "../contentApi/http.js";
import type * as contentApi_limits from "../contentApi/limits.js";
import type * as contentApi_mutations from "../contentApi/mutations.js";
import type * as contentApi_openapi from "../contentApi/openapi.js";
import type * as contentApi_request from "../contentApi/request.js";
import type * as contentApi_signing from "../contentApi/signing.js";
import type * as contentApi_throttle from "../contentApi/throttle.js";
import type * as contentApi_watermark from "../contentApi/watermark.js";
import type * as crons from "../crons.js";
import type * as demo_catalogue from "../demo/catalogue.js";
import type * as demo_seed from "../demo/seed.js";
import type * as email_config from "../email/config.js";
import type * as email_devMailbox from "../email/devMailbox.js";
import type * as email_outbox from "../email/outbox.js";
import type * as http from "../http.js";
import type * as lib_env from "../lib/env.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_random from "../lib/random.js";
import type * as lib_time from "../lib/time.js";
import type * as monitoring_detection from "../monitoring/detection.js";
import type * as monitoring_detectors from "../monitoring/detectors.js";
import type * as monitoring_retention from "../monitoring/retention.js";
import type * as monitoring_tally from "../monitoring/tally.js";
import type * as monitoring_thresholds from "../monitoring/thresholds.js";
import type * as shared_errors from "../shared/errors.js";
import type * as shared_keyFormat from "../shared/keyFormat.js";
import type * as shared_tiers from "../shared/tiers.js";
import type * as shared_validators from "../shared/validators.js";
import type * as test_setup from "../test/setup.js";
import type * as test_world from "../test/world.js";
import type * as users_profiles from "../users/profiles.js";
import type * as users_queries from "../users/queries.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  "admin/alertOutcome": typeof admin_alertOutcome;
  "admin/alerts": typeof admin_alerts;
  "admin/audit": typeof admin_audit;
  "admin/auditLog": typeof admin_auditLog;
  "admin/customers": typeof admin_customers;
  "admin/keys": typeof admin_keys;
  "admin/leaks": typeof admin_leaks;
  "apiKeys/internal": typeof apiKeys_internal;
  "apiKeys/lifecycle": typeof apiKeys_lifecycle;
  "apiKeys/liveHistory": typeof apiKeys_liveHistory;
  "apiKeys/mutations": typeof apiKeys_mutations;
  "apiKeys/queries": typeof apiKeys_queries;
  "apiKeys/signingSecrets": typeof apiKeys_signingSecrets;
  "apiKeys/status": typeof apiKeys_status;
  "apiKeys/tierChange": typeof apiKeys_tierChange;
  "apiKeys/usage": typeof apiKeys_usage;
  "apiKeys/verify": typeof apiKeys_verify;
  "apiKeys/views": typeof apiKeys_views;
  "audit/events": typeof audit_events;
  auth: typeof auth;
  "contentApi/articles": typeof contentApi_articles;
  "contentApi/handle": typeof contentApi_handle;
  "contentApi/http": typeof contentApi_http;
  "contentApi/limits": typeof contentApi_limits;
  "contentApi/mutations": typeof contentApi_mutations;
  "contentApi/openapi": typeof contentApi_openapi;
  "contentApi/request": typeof contentApi_request;
  "contentApi/signing": typeof contentApi_signing;
  "contentApi/throttle": typeof contentApi_throttle;
  "contentApi/watermark": typeof contentApi_watermark;
  crons: typeof crons;
  "demo/catalogue": typeof demo_catalogue;
  "demo/seed": typeof demo_seed;
  "email/config": typeof email_config;
  "email/devMailbox": typeof email_devMailbox;
  "email/outbox": typeof email_outbox;
  http: typeof http;
  "lib/env": typeof lib_env;
  "lib/errors": typeof lib_errors;
  "lib/functions": typeof lib_functions;
  "lib/random": typeof lib_random;
  "lib/time": typeof lib_time;
  "monitoring/detection": typeof monitoring_detection;
  "monitoring/detectors": typeof monitoring_detectors;
  "monitoring/retention": typeof monitoring_retention;
  "monitoring/tally": typeof monitoring_tally;
  "monitoring/thresholds": typeof monitoring_thresholds;
  "shared/errors": typeof shared_errors;
  "shared/keyFormat": typeof shared_keyFormat;
  "shared/tiers": typeof shared_tiers;
  "shared/validators": typeof shared_validators;
  "test/setup": typeof test_setup;
  "test/world": typeof test_world;
  "users/profiles": typeof users_profiles;
  "users/queries": typeof users_queries;
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
