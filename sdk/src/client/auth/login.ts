/**
 * Login Service (service `agentVep`): username/password or app-key login, and logout.
 * Wire contract §2.
 */
import { z } from "zod";
import type { ResolvedCredentials } from "../credentials";
import type { HttpCore } from "../http";
import { registerSecret } from "../redact";
import type { SessionToken } from "./session";

const LOGIN_VERSION = "1.3";
// The Login Service documents 8 h; used when the response omits sessionTTl.
const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const loginResponseSchema = z.object({
  bearer: z.string().min(1),
  csrf: z.string().optional(),
  wsuk: z.string().optional(),
  sessionTTl: z.union([z.string(), z.number()]).optional(),
  config: z.object({ loginName: z.string().optional(), userId: z.union([z.string(), z.number()]).optional() }).optional(),
});

/** Logs in with the password or the app-key quadruple of `creds`. */
export async function loginWithLoginService(http: HttpCore, origin: string, creds: ResolvedCredentials): Promise<SessionToken> {
  const body =
    creds.authMethod === "appKey"
      ? {
          username: creds.username,
          appKey: creds.appKey,
          secret: creds.appSecret,
          accessToken: creds.accessToken,
          accessTokenSecret: creds.accessTokenSecret,
        }
      : { username: creds.username, password: creds.password };
  return http.send({
    method: "POST",
    origin,
    path: `/api/account/${encodeURIComponent(creds.accountId)}/login`,
    query: { v: LOGIN_VERSION },
    json: body,
    login: true,
    // A repeated login only creates another session, which is harmless.
    idempotent: true,
    parse: (res) => {
      const parsed = loginResponseSchema.parse(res.body);
      const sessionId = sessionCookie(res.headers["set-cookie"]);
      registerSecret(parsed.bearer, parsed.csrf, parsed.wsuk, sessionId);
      const ttl = Number(parsed.sessionTTl ?? DEFAULT_SESSION_TTL_MS);
      return {
        value: parsed.bearer,
        expiresAt: Date.now() + (Number.isFinite(ttl) && ttl > 0 ? ttl : DEFAULT_SESSION_TTL_MS),
        csrf: parsed.csrf,
        sessionId,
      };
    },
  });
}

/** Ends a Login Service session (best effort is up to the caller). */
export async function logoutFromLoginService(http: HttpCore, origin: string, accountId: string, token: SessionToken): Promise<void> {
  await http.send({
    method: "POST",
    origin,
    path: `/api/account/${encodeURIComponent(accountId)}/logout`,
    query: { v: LOGIN_VERSION },
    headers: token.sessionId ? { cookie: `Session_id=${token.sessionId}` } : {},
    json: { csrf: token.csrf ?? "" },
    idempotent: true,
    parse: () => undefined,
  });
}

function sessionCookie(setCookie: string | string[] | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of all) {
    const m = /(?:^|;\s*)Session_id=([^;]+)/.exec(c);
    if (m) return m[1];
  }
  return undefined;
}
