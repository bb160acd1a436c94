import { expect, test } from "vitest";
import fc from "fast-check";
import { generateApiKey } from "../shared/keyFormat";
import { generateSigningSecret } from "../signing/requestSignature";
import { REDACTED, redactSecrets } from "./redact";

test("keys, signing secrets and their bare random parts are redacted wherever they appear", () => {
  const key = generateApiKey();
  const secret = generateSigningSecret();
  expect(redactSecrets(`/api/v1/search?q=${key}&limit=2`)).toBe(`/api/v1/search?q=${REDACTED}&limit=2`);
  expect(redactSecrets(`find ${key.slice(7)} please`)).toBe(`find ${REDACTED} please`);
  expect(redactSecrets(secret)).toBe(REDACTED);
  expect(redactSecrets("nak_pk_")).toBe(REDACTED);
  // The marker says where something was taken out.
  expect(redactSecrets(`q=${key}`)).toBe("q=[redacted]");
});

test("ordinary search words are kept", () => {
  expect(redactSecrets("convex rate limiter 2026 état")).toBe("convex rate limiter 2026 état");
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z]{1,23}$/), { maxLength: 8 }), (words) => {
      const text = words.join(" ");
      expect(redactSecrets(text)).toBe(text);
    }),
  );
});

test("no generated key survives redaction in any surrounding text", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (before, after) => {
      const key = generateApiKey();
      expect(redactSecrets(`${before} ${key} ${after}`)).not.toContain(key.slice(7));
    }),
  );
});
