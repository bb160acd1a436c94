// Working examples of signed requests, shown when a customer enables signing for a key: the same
// scheme the server verifies (contentApi/signing.ts) and @nak/client implements.

export const EXAMPLE_PATH = "/api/v1/contents?limit=5";

/** curl + openssl (bash): signs GET <path> with an empty body. */
export function curlSigningExample(siteUrl: string, apiKey = "$NAK_API_KEY", secret = "$NAK_SIGNING_SECRET"): string {
  const base = siteUrl.replace(/\/$/, "");
  return [
    `API_KEY="${apiKey}"`,
    `SECRET="${secret}"`,
    `PATH_Q='${EXAMPLE_PATH}'`,
    `TS=$(date +%s)`,
    `BODY_HASH=$(printf '' | openssl dgst -sha256 -hex | sed 's/^.* //')`,
    `SIG=$(printf '%s\\n%s\\n%s\\n%s' "$TS" GET "$PATH_Q" "$BODY_HASH" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')`,
    `curl -H "Authorization: Bearer $API_KEY" -H "X-Signature-Timestamp: $TS" -H "X-Signature: v1=$SIG" "${base}$PATH_Q"`,
  ].join("\n");
}

/** TypeScript with @nak/client: the client signs every attempt itself. */
export function clientSigningExample(siteUrl: string): string {
  return [
    `import { NakClient } from "@nak/client";`,
    ``,
    `const nak = new NakClient({`,
    `  apiKey: process.env.NAK_API_KEY!,`,
    `  signingSecret: process.env.NAK_SIGNING_SECRET,`,
    `  baseUrl: "${siteUrl.replace(/\/$/, "")}",`,
    `});`,
    `const page = await nak.listContents({ limit: 5 });`,
  ].join("\n");
}

/** TypeScript with Web Crypto only (Node 20+, browsers, Deno). */
export function webCryptoSigningExample(siteUrl: string): string {
  return [
    `const enc = new TextEncoder();`,
    `const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");`,
    `const pathQ = "${EXAMPLE_PATH}";`,
    `const ts = String(Math.floor(Date.now() / 1000));`,
    `const bodyHash = hex(await crypto.subtle.digest("SHA-256", enc.encode("")));`,
    `const key = await crypto.subtle.importKey("raw", enc.encode(process.env.NAK_SIGNING_SECRET!), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);`,
    `const sig = hex(await crypto.subtle.sign("HMAC", key, enc.encode(\`\${ts}\\nGET\\n\${pathQ}\\n\${bodyHash}\`)));`,
    `const res = await fetch("${siteUrl.replace(/\/$/, "")}" + pathQ, {`,
    `  headers: { Authorization: \`Bearer \${process.env.NAK_API_KEY}\`, "X-Signature-Timestamp": ts, "X-Signature": \`v1=\${sig}\` },`,
    `});`,
  ].join("\n");
}
