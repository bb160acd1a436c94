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
import type * as admin_auditLog from "../admin/auditLog.js";
import type * as admin_bootstrap from "../admin/bootstrap.js";
import type * as admin_customers from "../admin/customers.js";
import type * as admin_groupActions from "../admin/groupActions.js";
import type * as admin_keys from "../admin/keys.js";
import type * as admin_leaks from "../admin/leaks.js";
import type * as admin_search from "../admin/search.js";
import type * as apiKeys_create from "../apiKeys/create.js";
import type * as apiKeys_expirySweep from "../apiKeys/expirySweep.js";
import type * as apiKeys_internal from "../apiKeys/internal.js";
import type * as apiKeys_keyRows from "../apiKeys/keyRows.js";
import type * as apiKeys_lifecycle from "../apiKeys/lifecycle.js";
import type * as apiKeys_liveHistory from "../apiKeys/liveHistory.js";
import type * as apiKeys_mutations from "../apiKeys/mutations.js";
import type * as apiKeys_policy from "../apiKeys/policy.js";
import type * as apiKeys_queries from "../apiKeys/queries.js";
import type * as apiKeys_signingSecrets from "../apiKeys/signingSecrets.js";
import type * as apiKeys_status from "../apiKeys/status.js";
import type * as apiKeys_tierChange from "../apiKeys/tierChange.js";
import type * as apiKeys_tombstones from "../apiKeys/tombstones.js";
import type * as apiKeys_triggers from "../apiKeys/triggers.js";
import type * as apiKeys_usage from "../apiKeys/usage.js";
import type * as apiKeys_verify from "../apiKeys/verify.js";
import type * as apiKeys_views from "../apiKeys/views.js";
import type * as audit_events from "../audit/events.js";
import type * as audit_retention from "../audit/retention.js";
import type * as auth from "../auth.js";
import type * as authKeys from "../authKeys.js";
import type * as contentApi_accessLog from "../contentApi/accessLog.js";
import type * as contentApi_articles from "../contentApi/articles.js";
import type * as contentApi_handle from "../contentApi/handle.js";
import type * as contentApi_http from "../contentApi/http.js";
import type * as contentApi_mutations from "../contentApi/mutations.js";
import type * as contentApi_openapi from "../contentApi/openapi.js";
import type * as contentApi_request from "../contentApi/request.js";
import type * as contentApi_throttle from "../contentApi/throttle.js";
import type * as crons from "../crons.js";
import type * as demo_catalogue from "../demo/catalogue.js";
import type * as demo_seed from "../demo/seed.js";
import type * as email_config from "../email/config.js";
import type * as email_devMailbox from "../email/devMailbox.js";
import type * as email_outbox from "../email/outbox.js";
import type * as http from "../http.js";
import type * as keyAccess_allowlist from "../keyAccess/allowlist.js";
import type * as keyAccess_enforce from "../keyAccess/enforce.js";
import type * as keyAccess_functions from "../keyAccess/functions.js";
import type * as keyAccess_tables from "../keyAccess/tables.js";
import type * as keyActivity_queries from "../keyActivity/queries.js";
import type * as keyActivity_view from "../keyActivity/view.js";
import type * as lib_bytes from "../lib/bytes.js";
import type * as lib_clientAddress from "../lib/clientAddress.js";
import type * as lib_conflictRetry from "../lib/conflictRetry.js";
import type * as lib_env from "../lib/env.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_net from "../lib/net.js";
import type * as lib_random from "../lib/random.js";
import type * as lib_redact from "../lib/redact.js";
import type * as lib_time from "../lib/time.js";
import type * as monitoring_bitset from "../monitoring/bitset.js";
import type * as monitoring_catalogue from "../monitoring/catalogue.js";
import type * as monitoring_coordinated from "../monitoring/coordinated.js";
import type * as monitoring_coverage from "../monitoring/coverage.js";
import type * as monitoring_detection from "../monitoring/detection.js";
import type * as monitoring_detectors_bulk from "../monitoring/detectors/bulk.js";
import type * as monitoring_detectors_common from "../monitoring/detectors/common.js";
import type * as monitoring_detectors_coordinated from "../monitoring/detectors/coordinated.js";
import type * as monitoring_detectors_index from "../monitoring/detectors/index.js";
import type * as monitoring_detectors_ipRotation from "../monitoring/detectors/ipRotation.js";
import type * as monitoring_detectors_keySharing from "../monitoring/detectors/keySharing.js";
import type * as monitoring_detectors_sequential from "../monitoring/detectors/sequential.js";
import type * as monitoring_detectors_traps from "../monitoring/detectors/traps.js";
import type * as monitoring_detectors_types from "../monitoring/detectors/types.js";
import type * as monitoring_detectors_velocity from "../monitoring/detectors/velocity.js";
import type * as monitoring_detectors_window from "../monitoring/detectors/window.js";
import type * as monitoring_retention from "../monitoring/retention.js";
import type * as monitoring_standing from "../monitoring/standing.js";
import type * as monitoring_tally from "../monitoring/tally.js";
import type * as monitoring_thresholds from "../monitoring/thresholds.js";
import type * as notifications_admin from "../notifications/admin.js";
import type * as notifications_config from "../notifications/config.js";
import type * as notifications_deliver from "../notifications/deliver.js";
import type * as notifications_notify from "../notifications/notify.js";
import type * as notifications_pool from "../notifications/pool.js";
import type * as notifications_tables from "../notifications/tables.js";
import type * as notifications_webhookSignature from "../notifications/webhookSignature.js";
import type * as quotas_customerQuota from "../quotas/customerQuota.js";
import type * as secretBox_secretBox from "../secretBox/secretBox.js";
import type * as shared_apiPaths from "../shared/apiPaths.js";
import type * as shared_attribution from "../shared/attribution.js";
import type * as shared_errors from "../shared/errors.js";
import type * as shared_keyChoices from "../shared/keyChoices.js";
import type * as shared_keyFormat from "../shared/keyFormat.js";
import type * as shared_keyLimits from "../shared/keyLimits.js";
import type * as shared_tiers from "../shared/tiers.js";
import type * as shared_usage from "../shared/usage.js";
import type * as shared_validators from "../shared/validators.js";
import type * as signing_requestSignature from "../signing/requestSignature.js";
import type * as test_clockViews from "../test/clockViews.js";
import type * as test_dbRecorder from "../test/dbRecorder.js";
import type * as test_dump from "../test/dump.js";
import type * as test_setup from "../test/setup.js";
import type * as test_world from "../test/world.js";
import type * as users_profiles from "../users/profiles.js";
import type * as users_queries from "../users/queries.js";
import type * as watermark_mark from "../watermark/mark.js";
import type * as watermark_markup from "../watermark/markup.js";
import type * as watermark_mend from "../watermark/mend.js";
import type * as watermark_tokens from "../watermark/tokens.js";
import type * as watermark_trace from "../watermark/trace.js";
import type * as watermark_variants from "../watermark/variants.js";
import type * as watermark_visible from "../watermark/visible.js";
import type * as watermark_zeroWidth from "../watermark/zeroWidth.js";

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
  "admin/auditLog": typeof admin_auditLog;
  "admin/bootstrap": typeof admin_bootstrap;
  "admin/customers": typeof admin_customers;
  "admin/groupActions": typeof admin_groupActions;
  "admin/keys": typeof admin_keys;
  "admin/leaks": typeof admin_leaks;
  "admin/search": typeof admin_search;
  "apiKeys/create": typeof apiKeys_create;
  "apiKeys/expirySweep": typeof apiKeys_expirySweep;
  "apiKeys/internal": typeof apiKeys_internal;
  "apiKeys/keyRows": typeof apiKeys_keyRows;
  "apiKeys/lifecycle": typeof apiKeys_lifecycle;
  "apiKeys/liveHistory": typeof apiKeys_liveHistory;
  "apiKeys/mutations": typeof apiKeys_mutations;
  "apiKeys/policy": typeof apiKeys_policy;
  "apiKeys/queries": typeof apiKeys_queries;
  "apiKeys/signingSecrets": typeof apiKeys_signingSecrets;
  "apiKeys/status": typeof apiKeys_status;
  "apiKeys/tierChange": typeof apiKeys_tierChange;
  "apiKeys/tombstones": typeof apiKeys_tombstones;
  "apiKeys/triggers": typeof apiKeys_triggers;
  "apiKeys/usage": typeof apiKeys_usage;
  "apiKeys/verify": typeof apiKeys_verify;
  "apiKeys/views": typeof apiKeys_views;
  "audit/events": typeof audit_events;
  "audit/retention": typeof audit_retention;
  auth: typeof auth;
  authKeys: typeof authKeys;
  "contentApi/accessLog": typeof contentApi_accessLog;
  "contentApi/articles": typeof contentApi_articles;
  "contentApi/handle": typeof contentApi_handle;
  "contentApi/http": typeof contentApi_http;
  "contentApi/mutations": typeof contentApi_mutations;
  "contentApi/openapi": typeof contentApi_openapi;
  "contentApi/request": typeof contentApi_request;
  "contentApi/throttle": typeof contentApi_throttle;
  crons: typeof crons;
  "demo/catalogue": typeof demo_catalogue;
  "demo/seed": typeof demo_seed;
  "email/config": typeof email_config;
  "email/devMailbox": typeof email_devMailbox;
  "email/outbox": typeof email_outbox;
  http: typeof http;
  "keyAccess/allowlist": typeof keyAccess_allowlist;
  "keyAccess/enforce": typeof keyAccess_enforce;
  "keyAccess/functions": typeof keyAccess_functions;
  "keyAccess/tables": typeof keyAccess_tables;
  "keyActivity/queries": typeof keyActivity_queries;
  "keyActivity/view": typeof keyActivity_view;
  "lib/bytes": typeof lib_bytes;
  "lib/clientAddress": typeof lib_clientAddress;
  "lib/conflictRetry": typeof lib_conflictRetry;
  "lib/env": typeof lib_env;
  "lib/errors": typeof lib_errors;
  "lib/functions": typeof lib_functions;
  "lib/net": typeof lib_net;
  "lib/random": typeof lib_random;
  "lib/redact": typeof lib_redact;
  "lib/time": typeof lib_time;
  "monitoring/bitset": typeof monitoring_bitset;
  "monitoring/catalogue": typeof monitoring_catalogue;
  "monitoring/coordinated": typeof monitoring_coordinated;
  "monitoring/coverage": typeof monitoring_coverage;
  "monitoring/detection": typeof monitoring_detection;
  "monitoring/detectors/bulk": typeof monitoring_detectors_bulk;
  "monitoring/detectors/common": typeof monitoring_detectors_common;
  "monitoring/detectors/coordinated": typeof monitoring_detectors_coordinated;
  "monitoring/detectors/index": typeof monitoring_detectors_index;
  "monitoring/detectors/ipRotation": typeof monitoring_detectors_ipRotation;
  "monitoring/detectors/keySharing": typeof monitoring_detectors_keySharing;
  "monitoring/detectors/sequential": typeof monitoring_detectors_sequential;
  "monitoring/detectors/traps": typeof monitoring_detectors_traps;
  "monitoring/detectors/types": typeof monitoring_detectors_types;
  "monitoring/detectors/velocity": typeof monitoring_detectors_velocity;
  "monitoring/detectors/window": typeof monitoring_detectors_window;
  "monitoring/retention": typeof monitoring_retention;
  "monitoring/standing": typeof monitoring_standing;
  "monitoring/tally": typeof monitoring_tally;
  "monitoring/thresholds": typeof monitoring_thresholds;
  "notifications/admin": typeof notifications_admin;
  "notifications/config": typeof notifications_config;
  "notifications/deliver": typeof notifications_deliver;
  "notifications/notify": typeof notifications_notify;
  "notifications/pool": typeof notifications_pool;
  "notifications/tables": typeof notifications_tables;
  "notifications/webhookSignature": typeof notifications_webhookSignature;
  "quotas/customerQuota": typeof quotas_customerQuota;
  "secretBox/secretBox": typeof secretBox_secretBox;
  "shared/apiPaths": typeof shared_apiPaths;
  "shared/attribution": typeof shared_attribution;
  "shared/errors": typeof shared_errors;
  "shared/keyChoices": typeof shared_keyChoices;
  "shared/keyFormat": typeof shared_keyFormat;
  "shared/keyLimits": typeof shared_keyLimits;
  "shared/tiers": typeof shared_tiers;
  "shared/usage": typeof shared_usage;
  "shared/validators": typeof shared_validators;
  "signing/requestSignature": typeof signing_requestSignature;
  "test/clockViews": typeof test_clockViews;
  "test/dbRecorder": typeof test_dbRecorder;
  "test/dump": typeof test_dump;
  "test/setup": typeof test_setup;
  "test/world": typeof test_world;
  "users/profiles": typeof users_profiles;
  "users/queries": typeof users_queries;
  "watermark/mark": typeof watermark_mark;
  "watermark/markup": typeof watermark_markup;
  "watermark/mend": typeof watermark_mend;
  "watermark/tokens": typeof watermark_tokens;
  "watermark/trace": typeof watermark_trace;
  "watermark/variants": typeof watermark_variants;
  "watermark/visible": typeof watermark_visible;
  "watermark/zeroWidth": typeof watermark_zeroWidth;
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
  adminWebhooks: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"adminWebhooks">;
};
