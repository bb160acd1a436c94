/** @nak/client: a TypeScript client for the Nak content API. */
export { NakClient } from "./client.js";
export type {
  Article,
  ArticleSummary,
  ContentsPage,
  KeyInfo,
  NakClientOptions,
  RateLimitInfo,
  RequestOptions,
  SearchResult,
} from "./client.js";
export { NakApiError, NakNetworkError, isNakApiError, isApiErrorCode, type ApiErrorCode } from "./errors.js";
export { DEFAULT_RETRY, parseRetryAfter, retryDelayMs, type RetryOptions } from "./retry.js";
export { canonicalString, signatureHeaders, type SignableRequest } from "./signing.js";
export { API_ERRORS, PERMISSIONS, TIERS, type Permission, type Tier, type components, type paths } from "./generated/api.js";
