/**
 * Everything an API module needs, assembled once per client. @internal
 */
import { cbAuthenticator, sessionAuthenticator, type CbAuthenticator } from "./auth/authenticators";
import { sessionFor } from "./auth/session";
import type { ResolvedCredentials } from "./credentials";
import { DomainResolver } from "./domain";
import { HttpCore, type Authenticator, type Exchange } from "./http";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { accountSemaphore, DEFAULT_ACCOUNT_CONCURRENCY } from "./semaphore";
import { DEFAULT_TIMEOUTS, getSharedAgent, loadCaCertificate, type Timeouts } from "./transport";
import type { Dispatcher } from "undici";

/** Options of `createLiveEngageClient`. */
export interface ClientOptions {
  /** Retry tuning (delays in ms). @default LivePerson's policy: 5/10/15 s backoff, 429 ≥ 1 s (login ≥ 5 s) */
  retry?: Partial<RetryPolicy>;
  /** Request timeouts in ms. @default headers 30 s, body 30 s (connect: 10 s, on the shared Agent) */
  timeouts?: Partial<Timeouts>;
  /** In-flight requests per account, shared by all clients of the account (first one wins). @default 8 */
  concurrency?: number;
  /**
   * Re-read-and-retry rounds after a 409 revision conflict, each after a random pause (up to 3.2 s,
   * see `conflictDelayMs`). @default 16. The revision is the whole collection's, so parallel stacks
   * writing users collide on every write: 8 rounds were enough for 10 stacks × 1 bot, not for 10
   * stacks × 5 bots destroying at once on a loaded machine (bench/fleet.js, 180 conflicts, one delete
   * still stale after its 8th round). A conflict costs only when it happens.
   */
  conflictRetries?: number;
  /** Debug sink: one line per request attempt, credentials already redacted. */
  log?: (line: string) => void;
  /** Transport override for tests; defaults to the shared keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Sees every response as received (method, path, status, headers, body); for diagnostics. */
  onExchange?: (exchange: Exchange) => void;
}

/** Re-read-and-retry rounds after a revision conflict (see `ClientOptions.conflictRetries`). */
export const DEFAULT_CONFLICT_RETRIES = 16;

/** @internal */
export interface ClientContext {
  creds: ResolvedCredentials;
  http: HttpCore;
  domain: DomainResolver;
  lpAuth: Authenticator;
  cbAuth: CbAuthenticator;
  /** Last `ac-revision` seen per collection key. */
  revisions: Map<string, string>;
  conflictRetries: number;
}

/** @internal */
export function createContext(creds: ResolvedCredentials, options: ClientOptions = {}): ClientContext {
  const http = new HttpCore({
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    semaphore: accountSemaphore(creds.accountId, options.concurrency ?? DEFAULT_ACCOUNT_CONCURRENCY),
    log: options.log,
    onExchange: options.onExchange,
    dispatcher: options.dispatcher ?? (creds.caCert ? getSharedAgent(loadCaCertificate(creds.caCert)) : undefined),
  });
  const domain = new DomainResolver(http, creds.accountId, creds.csdsDomain);
  const session = sessionFor(creds);
  const lpAuth = sessionAuthenticator(http, domain, session, creds);
  const cbAuth = cbAuthenticator(http, domain, session, lpAuth);
  return {
    creds,
    http,
    domain,
    lpAuth,
    cbAuth,
    revisions: new Map(),
    conflictRetries: options.conflictRetries ?? DEFAULT_CONFLICT_RETRIES,
  };
}
