/**
 * Small helpers between Node's `http` server and the Fetch API the Convex functions use:
 * request bodies, `Request` objects with every header, writing a `Response` back.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted (Convex's own limit for HTTP actions is 20 MiB). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request as a Fetch `Request` on `origin`, with all headers as sent. */
export async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    if (name.startsWith(":")) continue;
    try {
      headers.append(name, req.rawHeaders[i + 1]);
    } catch {
      // A header value Fetch refuses (e.g. invalid characters) is dropped, as a browser would.
    }
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body: body?.length ? new Uint8Array(body) : undefined });
}

/** Writes a Fetch `Response` to Node's response (all `Set-Cookie` headers kept). */
export async function writeFetchResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  const body = head || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

/** The client address Convex would report: first X-Forwarded-For entry, else the socket's. */
export function clientIp(req: IncomingMessage): string | null {
  const forwarded = req.headers["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || req.socket.remoteAddress || null;
}
