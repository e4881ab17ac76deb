/**
 * A programmable LiveEngage stand-in on a loopback port (listen(0)) for the client's transport
 * tests: Domain API, Login Service, OAuth 2.0 and CB auth answer by default; tests add routes.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { clearSessions } from "../../sdk/src/client/auth/session";
import { clearDomainCache } from "../../sdk/src/client/domain";
import { resetAccountSemaphores } from "../../sdk/src/client/semaphore";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  raw: string;
}

export type FakeHandler = (req: FakeRequest, res: http.ServerResponse) => unknown;

export interface FakeLiveEngage {
  host: string;
  accountId: string;
  requests: FakeRequest[];
  /** Bearers issued by the login route, in order. */
  bearers: string[];
  /** Adds a route; later routes win over earlier ones and over the defaults. */
  route(method: string, path: string | RegExp, handler: FakeHandler): void;
  count(method: string, path: string | RegExp): number;
  close(): Promise<void>;
}

/** Sends a JSON response. */
export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

/** Clears the client's process-wide caches so tests do not share sessions or semaphores. */
export function resetClientState(): void {
  clearSessions();
  clearDomainCache();
  resetAccountSemaphores();
}

let accounts = 0;

export async function startFake(): Promise<FakeLiveEngage> {
  const accountId = `9${String(++accounts).padStart(7, "0")}${process.pid % 1000}`;
  const routes: Array<{ method: string; path: string | RegExp; handler: FakeHandler }> = [];
  const requests: FakeRequest[] = [];
  const bearers: string[] = [];
  const matches = (p: string | RegExp, path: string) => (typeof p === "string" ? p === path : p.test(path));

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      let body: unknown = undefined;
      if (raw) {
        try {
          body = req.headers["content-type"]?.includes("json") ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
        } catch {
          body = raw;
        }
      }
      const fr: FakeRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body, raw };
      requests.push(fr);
      const route = [...routes].reverse().find((r) => r.method === fr.method && matches(r.path, fr.path));
      if (!route) return json(res, 404, { type: "not-found", message: `no fake route for ${fr.method} ${fr.path}` });
      Promise.resolve(route.handler(fr, res)).catch((e) => json(res, 500, { type: "internal", message: String(e) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeLiveEngage = {
    host,
    accountId,
    requests,
    bearers,
    route: (method, path, handler) => routes.push({ method, path, handler }),
    count: (method, path) => requests.filter((r) => r.method === method && matches(path, r.path)).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  fake.route("GET", /^\/api\/account\/[^/]+\/service\/[^/]+\/baseURI\.json$/, (req, res) =>
    json(res, 200, { service: req.path.split("/")[5], account: accountId, baseURI: host }),
  );
  fake.route("POST", `/api/account/${accountId}/login`, (_req, res) => {
    const bearer = `bearer-${bearers.length + 1}-${"b".repeat(24)}`;
    bearers.push(bearer);
    json(
      res,
      200,
      { bearer, csrf: `csrf-${"c".repeat(20)}`, sessionTTl: "28800000", config: { loginName: "admin" } },
      {
        "set-cookie": `Session_id=sess-${"s".repeat(20)}; Path=/; HttpOnly`,
      },
    );
  });
  fake.route("POST", `/sentinel/api/account/${accountId}/app/token`, (_req, res) => {
    const bearer = `jwt-${bearers.length + 1}-${"j".repeat(24)}`;
    bearers.push(bearer);
    json(res, 200, { access_token: bearer, token_type: "Bearer", expires_in: 3600 });
  });
  fake.route("GET", "/le-auth/sso/authenticate", (req, res) =>
    json(res, 200, {
      success: true,
      message: "ok",
      successResult: {
        apiAccessToken: `cb-${String(req.headers.authorization).slice(7)}`,
        apiAccessPermToken: "perm",
        sessionOrganizationId: "org-1",
        privileges: ["BOT_STATUS_ACCESS"],
      },
    }),
  );
  return fake;
}

/** Password credentials for the fake's account. */
export function passwordCreds(fake: FakeLiveEngage, password = "pa55word-for-tests") {
  return { accountId: fake.accountId, csdsDomain: fake.host, username: "admin", password };
}

/** Millisecond retry policy for tests. */
export const FAST_RETRY = { backoffMs: [5, 10, 15], rateLimitFloorMs: 5, loginRateLimitFloorMs: 5, maxRateLimitRetries: 3 };
