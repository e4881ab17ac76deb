/**
 * Domain API (CSDS) lookups: which host serves which service for an account. Answers are cached
 * per (Domain API host, account, service) for the life of the process, and concurrent lookups
 * of the same key share one request.
 */
import { z } from "zod";
import type { HttpCore } from "./http";
import { originFor } from "./transport";

/** The real Domain API host; `csdsDomain` overrides it. */
export const DEFAULT_CSDS_DOMAIN = "api.liveperson.net";

/** Service names the client uses (case-sensitive, wire contract §1). */
export type ServiceName =
  | "accountConfigReadOnly"
  | "accountConfigReadWrite"
  | "agentVep"
  | "sentinel"
  | "convBuild"
  | "cbBotPlatform"
  | "cbMonitoring"
  | "cbExternalIntegrations";

const baseUriSchema = z.object({ service: z.string().optional(), account: z.string().optional(), baseURI: z.string().min(1) });

const cache = new Map<string, Promise<string>>();

/** Resolves service hosts through the Domain API. */
export class DomainResolver {
  private readonly csdsOrigin: string;

  constructor(
    private readonly http: HttpCore,
    private readonly accountId: string,
    csdsDomain: string = DEFAULT_CSDS_DOMAIN,
  ) {
    this.csdsOrigin = originFor(csdsDomain);
  }

  /** Origin (`scheme://host[:port]`) serving `service` for the account. */
  async origin(service: ServiceName): Promise<string> {
    const key = `${this.csdsOrigin}|${this.accountId}|${service}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = this.lookup(service);
      cache.set(key, pending);
      // A failed lookup must not poison the cache for the rest of the process.
      pending.catch(() => cache.delete(key));
    }
    return originFor(await pending, this.csdsOrigin.startsWith("https:") ? "https" : "http");
  }

  private lookup(service: ServiceName): Promise<string> {
    return this.http.send({
      method: "GET",
      origin: this.csdsOrigin,
      path: `/api/account/${encodeURIComponent(this.accountId)}/service/${encodeURIComponent(service)}/baseURI.json`,
      query: { version: "1.0" },
      parse: (res) => baseUriSchema.parse(res.body).baseURI,
    });
  }
}

/** Forgets every cached lookup. @internal For tests. */
export function clearDomainCache(): void {
  cache.clear();
}
