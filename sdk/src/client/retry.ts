/**
 * LivePerson's retry policy (reference §9.1) as pure decisions, so it can be tested as a table:
 * - 4xx: never retried, except 429 (and 401, which `http.ts` answers with one re-login);
 * - 429: wait the server's `Retry-After`, at least 1 s, at least 5 s for login calls;
 * - 5xx and transport failures: retried with backoff (LivePerson recommends 5/10/15 s);
 * - a non-idempotent request (POST) that may have reached the server is never repeated blindly:
 *   the caller's `findExisting()` lookup is consulted first, and without one it is not repeated.
 */

/** Retry tuning. Delays are in milliseconds so tests can run in milliseconds. */
export interface RetryPolicy {
  /** Pause before each retry of a 5xx / transport failure; its length bounds those retries. @default [5000, 10000, 15000] */
  backoffMs: readonly number[];
  /** Retries of 429 responses. @default 3 */
  maxRateLimitRetries: number;
  /** Least wait after a 429. @default 1000 */
  rateLimitFloorMs: number;
  /** Least wait after a 429 from a login call. @default 5000 */
  loginRateLimitFloorMs: number;
  /** Most we wait for one `Retry-After`, whatever the server says. @default 60000 */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  backoffMs: Object.freeze([5_000, 10_000, 15_000]),
  maxRateLimitRetries: 3,
  rateLimitFloorMs: 1_000,
  loginRateLimitFloorMs: 5_000,
  maxRetryAfterMs: 60_000,
});

/** What happened on one attempt. */
export type AttemptOutcome =
  | { kind: "status"; status: number; retryAfter?: string | null }
  /** `sent`: false only when the request certainly never reached the server (connect refused). */
  | { kind: "transport"; sent: boolean };

/** Where the request is in its retry budget. */
export interface AttemptContext {
  /** True for GET/PUT/DELETE: repeating them is harmless. */
  idempotent: boolean;
  /** Login / token calls get the 5 s floor after 429. */
  login: boolean;
  /** 5xx/transport retries already made. */
  failureRetries: number;
  /** 429 retries already made. */
  rateLimitRetries: number;
  /** A `findExisting()` lookup is available for an ambiguous non-idempotent request. */
  canLookup: boolean;
}

/** What to do next. `lookup` means: wait, ask `findExisting()`, and re-send only if it finds nothing. */
export type RetryDecision =
  | { action: "fail" }
  | { action: "retry"; delayMs: number; reason: "rate_limited" | "server_error" | "transport" }
  | { action: "lookup"; delayMs: number; reason: "server_error" | "transport" };

/** Decides whether and when to try again. */
export function decideRetry(outcome: AttemptOutcome, ctx: AttemptContext, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (outcome.kind === "status" && outcome.status === 429) {
    if (ctx.rateLimitRetries >= policy.maxRateLimitRetries) return { action: "fail" };
    // A 429 means the request was refused unprocessed, so even a POST can be re-sent as is.
    return { action: "retry", delayMs: rateLimitDelayMs(outcome.retryAfter, ctx.login, policy), reason: "rate_limited" };
  }
  const serverError = outcome.kind === "status" && outcome.status >= 500;
  if (outcome.kind === "status" && !serverError) return { action: "fail" };
  if (ctx.failureRetries >= policy.backoffMs.length) return { action: "fail" };
  const delayMs = policy.backoffMs[ctx.failureRetries]!;
  const reason = serverError ? "server_error" : "transport";
  const ambiguous = serverError || (outcome.kind === "transport" && outcome.sent);
  if (ctx.idempotent || !ambiguous) return { action: "retry", delayMs, reason };
  return ctx.canLookup ? { action: "lookup", delayMs, reason } : { action: "fail" };
}

/** The wait after a 429: `Retry-After` (seconds or HTTP date), floored and capped. */
export function rateLimitDelayMs(
  retryAfter: string | null | undefined,
  login: boolean,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number {
  const floor = login ? Math.max(policy.loginRateLimitFloorMs, policy.rateLimitFloorMs) : policy.rateLimitFloorMs;
  const hinted = parseRetryAfterMs(retryAfter) ?? 0;
  return Math.min(Math.max(hinted, floor), Math.max(policy.maxRetryAfterMs, floor));
}

/** Parses `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unparsable. */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Whether a transport error may have happened after the request reached the server. Only
 * failures to connect are certainly "not sent"; a reset or timeout afterwards is ambiguous.
 */
export function transportErrorWasSent(code: string | undefined): boolean {
  return !(code !== undefined && NOT_SENT_CODES.has(code));
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
