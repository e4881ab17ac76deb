/**
 * Authenticators used by the request core: one for Conversational Cloud APIs (Login Service
 * bearer or OAuth 2.0 access token), one for Conversation Builder (the CB token obtained by
 * exchanging the former, wire contract §4).
 */
import { z } from "zod";
import type { ResolvedCredentials } from "../credentials";
import type { DomainResolver } from "../domain";
import type { Authenticator, HttpCore } from "../http";
import { registerSecret } from "../redact";
import { cbEnvelope } from "../wire/connector";
import { loginWithLoginService, logoutFromLoginService } from "./login";
import { fetchClientCredentialsToken } from "./oauth2";
import type { CbToken, Session, SessionToken } from "./session";

const BEARER = /^Bearer\s+(.+)$/i;

/** `Authorization: Bearer <token>` from the shared session, logging in when needed. */
export function sessionAuthenticator(http: HttpCore, domain: DomainResolver, session: Session, creds: ResolvedCredentials): Authenticator {
  const login = async (): Promise<SessionToken> => {
    if (creds.authMethod === "oauth2") return fetchClientCredentialsToken(http, await domain.origin("sentinel"), creds);
    const origin = await domain.origin("agentVep");
    session.logout = (t) => logoutFromLoginService(http, origin, creds.accountId, t);
    return loginWithLoginService(http, origin, creds);
  };
  return {
    headers: async () => ({ authorization: `Bearer ${(await session.token(login)).value}` }),
    renew: async (refused) => {
      const m = BEARER.exec(refused.authorization ?? "");
      if (m) session.invalidate(m[1]!);
    },
  };
}

const cbAuthSchema = cbEnvelope(
  z.object({
    apiAccessToken: z.string().min(1),
    sessionOrganizationId: z.string().min(1),
    privileges: z.array(z.string()).nullish(),
  }),
);

/** The CB authenticator, which also tells the caller's Conversation Builder privileges. */
export interface CbAuthenticator extends Authenticator {
  /** Privileges granted by the CB exchange (e.g. `BOT_STATUS_ACCESS`), exchanging if needed. */
  privileges(): Promise<string[]>;
}

/** CB headers (`authorization: <apiAccessToken>`, `organizationid`), exchanged once per session token. */
export function cbAuthenticator(http: HttpCore, domain: DomainResolver, session: Session, lpAuth: Authenticator): CbAuthenticator {
  const exchange = async (): Promise<CbToken> => {
    const origin = await domain.origin("convBuild");
    return http.send({
      method: "GET",
      origin,
      path: "/le-auth/sso/authenticate",
      auth: lpAuth,
      parse: (res) => {
        const r = cbAuthSchema.parse(res.body).successResult;
        registerSecret(r.apiAccessToken);
        return { apiAccessToken: r.apiAccessToken, organizationId: r.sessionOrganizationId, privileges: r.privileges ?? [] };
      },
    });
  };
  return {
    headers: async () => {
      const lp = (await lpAuth.headers()).authorization ?? "";
      const cb = await session.cbToken(lp, exchange);
      return { authorization: cb.apiAccessToken, organizationid: cb.organizationId };
    },
    renew: async (refused) => {
      if (refused.authorization) session.invalidateCb(refused.authorization);
    },
    privileges: async () => {
      const lp = (await lpAuth.headers()).authorization ?? "";
      return [...(await session.cbToken(lp, exchange)).privileges];
    },
  };
}
