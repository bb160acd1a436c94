/**
 * `GET /_dev/mailbox`: the development mailbox as a web page (the emails Better Auth sent:
 * password reset links, email verification…), newest first; `?to=<email>` narrows it,
 * `?format=json` returns the list. The app stores them when EMAIL_DEV_MAILBOX=1, which this server
 * sets unless EMAIL_WEBHOOK_URL is set (see packages/backend/convex/email/config.ts).
 * A plain GET without the dev header, so a developer can open it in the browser: it only exists
 * on this local, development-only server (and with dev endpoints on).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Value } from "convex/values";
import { sendJson } from "./http.js";

type Mail = { to: string; subject: string; text: string; url?: string; kind: string; createdAt: number };
type Call = (path: string, args: Record<string, Value>) => Promise<Value>;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function mailboxPage(call: Call, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://local");
  const to = url.searchParams.get("to") ?? undefined;
  let mails: Mail[];
  try {
    mails = (await call("email/devMailbox:list", { ...(to ? { to } : {}), limit: 50 })) as Mail[];
  } catch {
    return sendJson(res, 404, { message: "The served functions have no dev mailbox (email/devMailbox:list)." });
  }
  if (url.searchParams.get("format") === "json") return sendJson(res, 200, mails);
  const items = mails
    .map(
      (m) => `<article><h2>${escape(m.subject)}</h2><p class="meta">to ${escape(m.to)} · ${new Date(m.createdAt).toISOString()} · ${escape(m.kind)}</p>
${m.url ? `<p><a href="${escape(m.url)}">${escape(m.url)}</a></p>` : ""}<pre>${escape(m.text)}</pre></article>`,
    )
    .join("\n");
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Dev mailbox · Nak local backend</title><meta http-equiv="refresh" content="5">
<style>body{font:15px system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#1d232b}article{border:1px solid #d8dde3;border-radius:8px;padding:12px 16px;margin:12px 0}h2{font-size:17px;margin:0}.meta{color:#5b6572;font-size:13px}pre{white-space:pre-wrap;font:13px ui-monospace,monospace;background:#f4f6f8;padding:8px;border-radius:6px}a{word-break:break-all}</style>
</head><body><h1>Dev mailbox</h1><p class="meta">Emails the app sent while running on this development server (not mailed). Refreshes every 5 s.${to ? ` Only to ${escape(to)}.` : ""}</p>
${items || "<p>No emails yet. Use “Forgot password?” on the sign-in page.</p>"}</body></html>`);
}
