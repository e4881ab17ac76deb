// Conversation Builder auth: exchange an LP bearer (or OAuth access token) for a CB token, and the
// check every later CB call makes (`authorization: <apiAccessToken>`, `organizationid`).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { cbErrors } from "../errors";
import { authenticate, callerFor, type Caller, type RouteContext } from "./context";

export function cbCaller(ctx: RouteContext, req: FastifyRequest): Caller {
  const token = req.headers.authorization;
  const org = req.headers.organizationid;
  if (typeof token !== "string" || token === "") throw cbErrors.unauthorized("missing authorization header");
  const principal = ctx.sessions.cb(token);
  const caller = principal && callerFor(ctx, principal);
  if (!caller) throw cbErrors.unauthorized("invalid or expired Conversation Builder token");
  if (org !== caller.acc.organizationId) throw cbErrors.unauthorized("organizationid does not match the token");
  return caller;
}

export function registerCbAuth(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/le-auth/sso/authenticate", async (req) => {
    const caller = authenticate(ctx, req);
    if (!caller.token) throw cbErrors.unauthorized("the exchange needs Authorization: Bearer <LP bearer>");
    const cbToken = ctx.sessions.exchangeForCb(caller.token, caller.acc.accountId);
    const userId = caller.user ? String(caller.user.id) : caller.principal.kind === "oauth" ? caller.principal.clientId : "";
    return {
      success: true,
      message: "ok",
      successResult: {
        apiAccessToken: cbToken,
        // The emulator has one kind of CB token; the "perm" token is the same value (choice).
        apiAccessPermToken: cbToken,
        sessionOrganizationId: caller.acc.organizationId,
        leAccountId: caller.acc.accountId,
        cbRegion: "emulator",
        leUserId: userId,
        privileges: caller.privileges,
        chatBotPlatformUser: { orgId: caller.acc.organizationId },
      },
    };
  });
}
