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
  origin(service: ServiceName): Promise<string> {
    return this.cachedOrigin(service, () => this.lookup(service));
  }

  /**
   * The same lookup as {@link origin}, but a single attempt given up after `withinMs`: whether the
   * Domain API is reachable at all and knows the account, answered in seconds (LivePerson's retry
   * backoff would make a mistyped host cost minutes). A success is cached like any lookup.
   * @throws TransportError (unreachable, timed out), AuthenticationError (401: unknown account),
   *   InvalidResponseError or another ApiError (the host does not answer as a Domain API).
   */
  probe(service: ServiceName, withinMs: number): Promise<string> {
    return this.cachedOrigin(service, () => this.lookup(service, withinMs));
  }

  private async cachedOrigin(service: ServiceName, lookup: () => Promise<string>): Promise<string> {
    const key = `${this.csdsOrigin}|${this.accountId}|${service}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = lookup();
      cache.set(key, pending);
      // A failed lookup must not poison the cache for the rest of the process.
      pending.catch(() => cache.delete(key));
    }
    return originFor(await pending, this.csdsOrigin.startsWith("https:") ? "https" : "http");
  }

  private lookup(service: ServiceName, onceWithinMs?: number): Promise<string> {
    return this.http.send({
      onceWithinMs,
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
