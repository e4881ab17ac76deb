// Login Service (agentVep): login with password or app key, refresh and logout with the csrf and
// Session_id cookie; and the OAuth 2.0 client-credentials token endpoint (sentinel).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { cookie, OAUTH_TOKEN_TTL_S } from "../auth";
import { checkLogin, digestCredentials, isAdmin, privilegesOf, type LoginCredentials } from "../credentials";
import { digest, sameDigest } from "../secrets";
import { loginErrors, oauthErrors } from "../errors";
import { baseURIs } from "./domain";
import type { RouteContext } from "./context";

type Req = FastifyRequest<{ Params: { a: string }; Querystring: { v?: string } }>;

const nonEmpty = z.string().min(1);
const loginBody = z.union([
  z.strictObject({ username: nonEmpty, password: nonEmpty }),
  z.strictObject({ username: nonEmpty, appKey: nonEmpty, secret: nonEmpty, accessToken: nonEmpty, accessTokenSecret: nonEmpty }),
]);
const csrfBody = z.strictObject({ csrf: z.string() });

function requireV(req: Req): void {
  if (!req.query.v) throw loginErrors.badRequest("the query parameter v is required");
}

function csrfOf(req: Req): string {
  const r = csrfBody.safeParse(req.body);
  if (!r.success) throw loginErrors.badRequest('the body must be {"csrf": "…"}');
  return r.data.csrf;
}

export function registerLogin(app: FastifyInstance, ctx: RouteContext): void {
  app.post("/api/account/:a/login", async (req: Req, reply: FastifyReply) => {
    requireV(req);
    const parsed = loginBody.safeParse(req.body);
    if (!parsed.success) {
      throw loginErrors.badRequest("the body must be {username, password} or {username, appKey, secret, accessToken, accessTokenSecret}");
    }
    const acc = ctx.store.account(req.params.a);
    if (!acc) throw loginErrors.unauthorized(`invalid site ${req.params.a}`);
    const check = checkLogin(acc, digestCredentials(acc, parsed.data as LoginCredentials));
    if (!check.ok) throw loginErrors.unauthorized(check.reason);
    const user = check.user;
    const s = ctx.sessions.login({ kind: "user", accountId: acc.accountId, userId: user.id });
    reply.header("set-cookie", `Session_id=${s.sessionId}; Path=/; HttpOnly`);
    return {
      csrf: s.csrf,
      wsuk: `wsuk-${user.id}`,
      sessionTTl: String(ctx.sessions.ttlMs),
      bearer: s.bearer,
      config: {
        loginName: user.loginName,
        userId: String(user.id),
        userPid: user.pid,
        userPrivileges: privilegesOf(acc, user),
        serverCurrentTime: Date.now(),
        timeDiff: 0,
        serverTimeZoneName: "UTC",
        serverTimeGMTDiff: 0,
        isLPA: false,
        isAdmin: isAdmin(acc, user),
        accountTimeZoneId: "UTC",
      },
      csdsCollectionResponse: { baseURIs: baseURIs(acc.accountId, ctx.publicHost(req)) },
      accountData: { agentGroupsData: { items: [{ id: -1, deleted: false, name: "Main Group" }], revision: 1 } },
    };
  });

  app.post("/api/account/:a/refresh", async (req: Req, reply) => {
    requireV(req);
    const csrf = csrfOf(req);
    if (!ctx.sessions.refresh(req.params.a, cookie(req.headers.cookie, "Session_id"), csrf)) throw loginErrors.csrf();
    return reply.code(200).send();
  });

  app.post("/api/account/:a/logout", async (req: Req, reply) => {
    requireV(req);
    const csrf = csrfOf(req);
    if (!ctx.sessions.logout(req.params.a, cookie(req.headers.cookie, "Session_id"), csrf)) throw loginErrors.csrf();
    return reply.code(200).send();
  });

  // RFC 6749 §4.4 as LivePerson's clients send it: a form body, the client authenticated by
  // client_id/client_secret in the body or by HTTP Basic (§2.3.1; never both), an optional scope.
  app.post("/sentinel/api/account/:a/app/token", async (req: FastifyRequest<{ Params: { a: string } }>) => {
    const ct = String(req.headers["content-type"] ?? "");
    if (!ct.startsWith("application/x-www-form-urlencoded")) {
      throw oauthErrors.invalidRequest("the body must be application/x-www-form-urlencoded");
    }
    const form = (req.body ?? {}) as Record<string, string>;
    if (form.grant_type !== "client_credentials") throw oauthErrors.unsupportedGrantType();
    const basic = basicCredentials(req.headers.authorization);
    if (basic && (form.client_id !== undefined || form.client_secret !== undefined)) {
      throw oauthErrors.invalidRequest("authenticate the client one way only: HTTP Basic or client_id/client_secret in the body");
    }
    const clientId = basic?.id ?? form.client_id;
    const clientSecret = basic?.secret ?? form.client_secret;
    const acc = ctx.store.account(req.params.a);
    const client = acc?.oauthClients.find((c) => c.clientId === clientId);
    if (!acc || !client || typeof clientSecret !== "string" || !sameDigest(client.clientSecretDigest, digest(acc, clientSecret))) {
      throw oauthErrors.invalidClient();
    }
    const scope = (form.scope ?? "").trim();
    const issuer = `${req.protocol}://${ctx.publicHost(req)}/sentinel`;
    return {
      access_token: ctx.sessions.oauth(acc.accountId, client.clientId, issuer, scope),
      token_type: "Bearer",
      expires_in: OAUTH_TOKEN_TTL_S,
      ...(scope ? { scope } : {}),
    };
  });
}

/** `Authorization: Basic base64(urlencoded id ":" urlencoded secret)` (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = text.indexOf(":");
  if (i < 0) throw oauthErrors.invalidClient();
  try {
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return { id: decode(text.slice(0, i)), secret: decode(text.slice(i + 1)) };
  } catch {
    throw oauthErrors.invalidClient();
  }
}
