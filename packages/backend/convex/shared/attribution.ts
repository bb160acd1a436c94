/**
 * When leak tracing names a key, and when it only points at one: the thresholds on the
 * false-attribution probability (the chance that any of the keys compared would match a leak as
 * well as the best one). Shared by the tracer (`watermark/trace.ts`) and the leak page.
 */

/** A key is named only below this false-attribution probability (one in a million). */
export const ATTRIBUTION_THRESHOLD = 1e-6;

/**
 * Below this false-attribution probability (one in a thousand) the best candidate of a trace that
 * names no key is shown as the leading candidate: still not an attribution, but the key whose copy
 * more text of the same leak would most likely confirm.
 */
export const LEADING_THRESHOLD = 1e-3;
