// Domain API (CSDS): every service name resolves to the emulator's own host:port.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { domainErrors } from "../errors";
import type { RouteContext } from "./context";

export const SERVICE_NAMES = [
  "accountConfigReadOnly",
  "accountConfigReadWrite",
  "agentVep",
  "sentinel",
  "asyncMessagingEnt",
  "botConnectorsDomain",
  "acCdnDomain",
  "idp",
  "msgHist",
  "convBuild",
  "cbBotPlatform",
  "cbMonitoring",
  "cbExternalIntegrations",
  "cbKb",
  "cbIbc",
  "botPlatform",
] as const;

type Req = FastifyRequest<{ Params: { a: string; service?: string }; Querystring: { version?: string } }>;

export function baseURIs(accountId: string, host: string) {
  return SERVICE_NAMES.map((service) => ({ service, account: accountId, baseURI: host }));
}

export function registerDomain(app: FastifyInstance, ctx: RouteContext): void {
  const check = (req: Req) => {
    if (!req.query.version) throw domainErrors.missingVersion();
    if (!ctx.store.account(req.params.a)) throw domainErrors.invalidSite(req.params.a);
  };
  const one = async (req: Req) => {
    check(req);
    const service = req.params.service!;
    // Case-sensitive, as the reference says.
    if (!(SERVICE_NAMES as readonly string[]).includes(service)) throw domainErrors.unknownService(service);
    return { service, account: req.params.a, baseURI: ctx.publicHost(req) };
  };
  const all = async (req: Req) => {
    check(req);
    return { baseURIs: baseURIs(req.params.a, ctx.publicHost(req)) };
  };
  for (const prefix of ["/api/account/:a", "/csdr/account/:a"]) {
    app.get(`${prefix}/service/:service/baseURI.json`, one);
    app.get(`${prefix}/service/baseURI.json`, all);
  }
}
