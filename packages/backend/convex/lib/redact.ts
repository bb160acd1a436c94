/**
 * Redaction of anything that may be a secret in free text the app keeps (search queries, request
 * paths in the audit trail): a customer who pastes a key where a query goes must not find it in
 * the access log, nor an attacker with a copy of the database. Pure module.
 *
 * Redacted: `nak_pk_`/`nak_ss_` tokens of any length, and any run of 24 or more base64url
 * characters (a key's or secret's random part without its prefix, a token, a hash). Search terms
 * are words: none is that long.
 *
 * @example
 *   redactSecrets("q=nak_pk_3kF9…&limit=2") // "q=[redacted]&limit=2"
 */
const SECRET_LIKE = /nak_(?:pk|ss)_[A-Za-z0-9_-]*|[A-Za-z0-9_-]{24,}/g;

export const REDACTED = "[redacted]";

export function redactSecrets(text: string): string {
  return text.replace(SECRET_LIKE, REDACTED);
}
