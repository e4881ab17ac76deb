// What every route module receives, and the authentication shared by the APIs that need a bearer.
import type { FastifyRequest } from "fastify";
import type { Sessions, Principal } from "../auth";
import { isAdmin, privilegesOf, BOT_STATUS_ACCESS } from "../credentials";
import { loginErrors } from "../errors";
import type { Store } from "../store/store";
import type { AccountState, User } from "../store/state";
import type { OAuth1Verifier } from "../oauth1";
import type { StatusWordSetting } from "../status";

export interface RouteContext {
  store: Store;
  sessions: Sessions;
  oauth1: OAuth1Verifier;
  /** host:port the Domain API hands out for every service. */
  publicHost(req: FastifyRequest): string;
  /** The status vocabulary connector reads answer in (changeable through /_emulator). */
  statusWords: StatusWordSetting;
}

export interface Caller {
  acc: AccountState;
  principal: Principal;
  user?: User;
  admin: boolean;
  privileges: string[];
  /** The token the caller presented (for the CB exchange). */
  token?: string;
}

/** Checks that a principal is still valid against the live account (user not deleted/disabled…). */
export function callerFor(ctx: RouteContext, principal: Principal, token?: string): Caller | undefined {
  const acc = ctx.store.account(principal.accountId);
  if (!acc) return undefined;
  if (principal.kind === "user") {
    const user = acc.users[principal.userId];
    if (!user || user.deleted || !user.isEnabled) return undefined;
    return { acc, principal, user, admin: isAdmin(acc, user), privileges: privilegesOf(acc, user), token };
  }
  if (principal.kind === "oauth") {
    if (!acc.oauthClients.some((c) => c.clientId === principal.clientId)) return undefined;
  } else if (!acc.appKeys.some((k) => k.appKey === principal.appKey)) return undefined;
  // OAuth clients and app keys act as administrators (choice, docs/emulator.md).
  return { acc, principal, admin: true, privileges: [BOT_STATUS_ACCESS], token };
}

/**
 * Authenticates an Account Config / CB-exchange request: `Authorization: Bearer <bearer or OAuth
 * access_token>` or an OAuth 1.0-signed header. `accountId` (from the URL) must be the token's account.
 */
export function authenticate(ctx: RouteContext, req: FastifyRequest, accountId?: string): Caller {
  const h = req.headers.authorization;
  let principal: Principal | undefined;
  let token: string | undefined;
  if (typeof h === "string" && /^Bearer\s+/i.test(h)) {
    token = h.replace(/^Bearer\s+/i, "").trim();
    principal = ctx.sessions.bearer(token);
  } else if (typeof h === "string" && /^OAuth\s+/i.test(h)) {
    principal = ctx.oauth1.verify(req, h);
  } else {
    throw loginErrors.unauthorized("missing Authorization header");
  }
  if (!principal) throw loginErrors.unauthorized("invalid or expired token");
  if (accountId !== undefined && principal.accountId !== accountId) {
    throw loginErrors.unauthorized(`the token is not valid for account ${accountId}`);
  }
  const caller = callerFor(ctx, principal, token);
  if (!caller) throw loginErrors.unauthorized("invalid or expired token");
  return caller;
}
