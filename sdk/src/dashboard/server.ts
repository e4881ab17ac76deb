/**
 * The dashboard's HTTP server (node:http, no framework): three static files, the snapshot as JSON,
 * and server-sent events that push every new snapshot. Read-only: GET and HEAD only.
 *
 * Access: on a loopback address the page is for this machine, and requests naming another host are
 * refused (a DNS-rebinding page cannot read it). On any other address an access token is required:
 * `/?token=…` once (it becomes an HttpOnly cookie, and the address bar loses it), or the cookie.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { DashboardSnapshot } from "./state";

export interface DashboardServerOptions {
  host: string;
  port: number;
  /** Required unless `host` is a loopback address. */
  token?: string;
  snapshot: () => DashboardSnapshot;
  /** SSE comment sent to idle streams so proxies keep them open. @default 15000 */
  heartbeatMs?: number;
}

export interface DashboardServer {
  /** The page's address (with `?token=` when a token is required). */
  url: string;
  /** Pushes the current snapshot to every open page. */
  publish(): void;
  close(): Promise<void>;
}

const COOKIE = "liveengage_dashboard";

/** The page: plain files, no build step. Served from sdk/src/dashboard/static in the source and in the package. */
export const STATIC_FILES: Readonly<Record<string, { file: string; type: string }>> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The directory holding index.html, app.js and style.css (next to this module in the source, under sdk/ from dist/). */
export function staticDir(): string {
  const beside = path.join(__dirname, "static");
  try {
    readFileSync(path.join(beside, "index.html"));
    return beside;
  } catch {
    return path.resolve(__dirname, "..", "..", "sdk", "src", "dashboard", "static");
  }
}

/** The page's files and their total size in bytes: what a browser downloads to show the page. */
export function loadStaticFiles(dir = staticDir()): { files: Map<string, { body: Buffer; type: string }>; bytes: number } {
  const files = new Map<string, { body: Buffer; type: string }>();
  let bytes = 0;
  for (const [route, { file, type }] of Object.entries(STATIC_FILES)) {
    const body = readFileSync(path.join(dir, file));
    files.set(route, { body, type });
    bytes += body.length;
  }
  return { files, bytes };
}

export async function startDashboardServer(opts: DashboardServerOptions): Promise<DashboardServer> {
  const loopback = isLoopback(opts.host);
  if (!loopback && !opts.token) {
    throw new Error(`refusing to serve the dashboard on ${opts.host} without an access token: pass --token, or listen on 127.0.0.1`);
  }
  const { files } = loadStaticFiles();
  const streams = new Set<ServerResponse>();
  const tokenDigest = opts.token ? digest(opts.token) : undefined;
  const tokenMatches = (candidate: string | undefined) =>
    tokenDigest !== undefined && candidate !== undefined && timingSafeEqual(digest(candidate), tokenDigest);

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) send(res, 400, "text/plain; charset=utf-8", "bad request\n");
      else res.end();
    }
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    if (loopback && !isLoopback(hostnameOf(req.headers.host))) {
      return send(res, 403, "text/plain; charset=utf-8", "this dashboard answers only to a loopback host name\n");
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return send(res, 405, "text/plain; charset=utf-8", "read-only: GET and HEAD only\n");
    }
    if (tokenDigest) {
      const fromQuery = url.searchParams.get("token") ?? undefined;
      if (url.pathname === "/" && tokenMatches(fromQuery)) {
        // Trade the token in the address for a cookie, so it stays out of history and screenshots.
        res.setHeader("set-cookie", `${COOKIE}=${encodeURIComponent(fromQuery!)}; HttpOnly; SameSite=Strict; Path=/`);
        res.writeHead(303, { ...SECURITY_HEADERS, location: "/" });
        return res.end();
      }
      if (!tokenMatches(cookieOf(req, COOKIE))) {
        return send(
          res,
          401,
          "text/plain; charset=utf-8",
          "access token required: open the address `liveengage dashboard` printed (with ?token=…)\n",
        );
      }
    }
    if (url.pathname === "/api/snapshot") return send(res, 200, "application/json; charset=utf-8", JSON.stringify(opts.snapshot()));
    if (url.pathname === "/api/events") return openStream(req, res);
    // Browsers ask for an icon; "none" is an answer that leaves no error in the console.
    if (url.pathname === "/favicon.ico") return send(res, 204, "image/x-icon", "");
    const file = files.get(url.pathname);
    if (file) return send(res, 200, file.type, file.body);
    return send(res, 404, "text/plain; charset=utf-8", "not found\n");
  };

  const openStream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/event-stream; charset=utf-8", connection: "keep-alive" });
    if (req.method === "HEAD") return res.end();
    // The browser reconnects on its own after a drop; 3 s keeps a restart of the server quiet.
    res.write(`retry: 3000\n\n${event(opts.snapshot())}`);
    streams.add(res);
    req.on("close", () => streams.delete(res));
  };
  const heartbeat = setInterval(() => {
    for (const s of streams) s.write(": keep-alive\n\n");
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostInUrl}:${port}/${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ""}`,
    publish() {
      if (streams.size === 0) return;
      const data = event(opts.snapshot());
      for (const s of streams) s.write(data);
    },
    async close() {
      clearInterval(heartbeat);
      for (const s of streams) s.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function event(snapshot: DashboardSnapshot): string {
  return `data: ${JSON.stringify(snapshot)}\n\n`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return "";
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return "";
  }
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}
