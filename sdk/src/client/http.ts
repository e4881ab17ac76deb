/**
 * The request core: every call to LiveEngage goes through `HttpCore.send`. It owns, in one place,
 * the per-account concurrency limit, the retry policy (`retry.ts`), one re-login on 401, the
 * ambiguous-POST lookup, HTTP status → error mapping (`errors.ts`), redaction and the debug log.
 * It is also the only code that looks at status codes.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { request as undiciRequest, type Dispatcher } from "undici";
import { ApiError, InvalidResponseError, TransportError, mapHttpError, type RequestInfo } from "./errors";
import { redact } from "./redact";
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfterMs,
  transportErrorWasSent,
  type AttemptOutcome,
  type RetryPolicy,
} from "./retry";
import type { Semaphore } from "./semaphore";
import { getSharedAgent, type Timeouts } from "./transport";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** A received response; `body` is parsed JSON, the raw text when not JSON, or undefined when empty. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Supplies authentication headers and renews them after a 401. */
export interface Authenticator {
  /** Headers that authenticate a request (may log in first). */
  headers(): Promise<Record<string, string>>;
  /** Called once after a 401 with the refused headers; must make `headers()` return fresh ones. */
  renew(refused: Record<string, string>): Promise<void>;
}

/** One logical request (possibly several attempts). */
export interface HttpRequest<T> {
  method: HttpMethod;
  /** `scheme://host[:port]`, from `originFor`. */
  origin: string;
  /** Absolute path, without query string. */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** JSON request body. */
  json?: unknown;
  /** `application/x-www-form-urlencoded` request body. */
  form?: Record<string, string>;
  auth?: Authenticator;
  /** Login/token call: 429 waits at least the login floor (5 s by default). */
  login?: boolean;
  /** Defaults to true for everything but POST. */
  idempotent?: boolean;
  /** Turns a 2xx response into the result; throw to signal an unexpected shape. */
  parse: (res: HttpResponse) => T;
  /**
   * For non-idempotent requests: looks up whether an earlier attempt that failed ambiguously
   * (5xx, reset, timeout) took effect. Found → returned instead of re-sending.
   */
  findExisting?: () => Promise<T | undefined>;
  /**
   * One attempt, no retry of any kind, given up after this many milliseconds: for probes whose
   * point is to answer fast (preview's reachability check), where LivePerson's 5/10/15 s backoff
   * would turn a mistyped host into minutes.
   */
  onceWithinMs?: number;
}

/** Settings of one `HttpCore`. */
export interface HttpCoreOptions {
  retry: RetryPolicy;
  timeouts: Timeouts;
  /** Per-account in-flight limit shared by every client of the account. */
  semaphore: Semaphore;
  /** One line per attempt (method, redacted path, status, ms); never contains credentials. */
  log?: (line: string) => void;
  /** Transport override (tests); defaults to the shared keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Sees every response (or transport failure, status 0) as received; for `liveengage doctor`. */
  onExchange?: (exchange: Exchange) => void;
}

/** One request attempt and what came back, for observers. Credentials are in neither field. */
export interface Exchange {
  method: HttpMethod;
  /** Path without the query string. */
  path: string;
  /** Query parameter names (values left out: they may carry ids). */
  queryNames: string[];
  /** 0 when no response arrived. */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const USER_AGENT = "pulumi-liveengage-client";

/** The policy of a one-shot request ({@link HttpRequest.onceWithinMs}). */
const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, backoffMs: [], maxRateLimitRetries: 0 };

/** Sends requests with retries, re-login, concurrency limiting and error mapping. */
export class HttpCore {
  constructor(private readonly options: HttpCoreOptions) {}

  /**
   * Sends `req`, retrying per the policy.
   * @throws ApiError subclasses; TransportError when no response arrived.
   */
  async send<T>(req: HttpRequest<T>): Promise<T> {
    const idempotent = req.idempotent ?? req.method !== "POST";
    const info: RequestInfo = { method: req.method, path: pathWithQuery(req.path, req.query) };
    let failureRetries = 0;
    let rateLimitRetries = 0;
    let renewed = false;
    for (;;) {
      const authHeaders = req.auth ? await req.auth.headers() : {};
      const result = await this.attempt(req, info, authHeaders);
      if ("response" in result && result.response.status < 300) return this.parse(req, info, result.response);
      if ("response" in result && result.response.status === 401 && req.auth && !renewed) {
        // Sessions expire or are replaced by a newer login: log in once more, then retry.
        renewed = true;
        await req.auth.renew(authHeaders);
        continue;
      }
      const outcome: AttemptOutcome =
        "response" in result
          ? { kind: "status", status: result.response.status, retryAfter: header(result.response, "retry-after") }
          : { kind: "transport", sent: result.sent };
      const decision = decideRetry(
        outcome,
        { idempotent, login: req.login ?? false, failureRetries, rateLimitRetries, canLookup: req.findExisting !== undefined },
        req.onceWithinMs !== undefined ? NO_RETRY : this.options.retry,
      );
      if (decision.action === "fail") throw toError(result, info);
      if (decision.reason === "rate_limited") rateLimitRetries++;
      else failureRetries++;
      this.log(`liveengage ${info.method} ${redact(info.path)} retry in ${decision.delayMs}ms (${decision.reason})`);
      await sleep(decision.delayMs);
      if (decision.action === "lookup") {
        const existing = await req.findExisting!();
        if (existing !== undefined) {
          this.log(`liveengage ${info.method} ${redact(info.path)} took effect earlier; using the existing object`);
          return existing;
        }
      }
    }
  }

  private async attempt(
    req: HttpRequest<unknown>,
    info: RequestInfo,
    authHeaders: Record<string, string>,
  ): Promise<{ response: HttpResponse } | { error: unknown; sent: boolean }> {
    const { body, contentType } = encodeBody(req);
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": USER_AGENT,
      ...(contentType ? { "content-type": contentType } : {}),
      ...req.headers,
      ...authHeaders,
    };
    const started = Date.now();
    return this.options.semaphore.run(async () => {
      try {
        const res = await undiciRequest(`${req.origin}${info.path}`, {
          method: req.method,
          headers,
          body,
          dispatcher: this.options.dispatcher ?? getSharedAgent(),
          headersTimeout: this.options.timeouts.headersMs,
          bodyTimeout: this.options.timeouts.bodyMs,
          ...(req.onceWithinMs !== undefined ? { signal: AbortSignal.timeout(req.onceWithinMs) } : {}),
        });
        const text = await res.body.text();
        this.log(`liveengage ${info.method} ${redact(info.path)} -> ${res.statusCode} ${Date.now() - started}ms`);
        const response = { status: res.statusCode, headers: res.headers, body: decodeBody(text) };
        this.observe(req, response);
        return { response };
      } catch (error) {
        const code = errorCode(error);
        this.observe(req, { status: 0, headers: {}, body: undefined });
        this.log(`liveengage ${info.method} ${redact(info.path)} -> ${code ?? "transport error"} ${Date.now() - started}ms`);
        return { error, sent: transportErrorWasSent(code) };
      }
    });
  }

  private parse<T>(req: HttpRequest<T>, info: RequestInfo, res: HttpResponse): T {
    try {
      return req.parse(res);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      // zod messages list paths and expectations, not values, so they are safe to keep.
      const why = e instanceof Error ? e.message : String(e);
      throw new InvalidResponseError(
        "invalid_response",
        res.status,
        `LiveEngage ${info.method} ${info.path} returned an unexpected body: ${why}`,
        info,
      );
    }
  }

  private observe(req: HttpRequest<unknown>, res: HttpResponse): void {
    this.options.onExchange?.({
      method: req.method,
      path: req.path,
      queryNames: Object.keys(req.query ?? {}).filter((k) => req.query![k] !== undefined),
      status: res.status,
      headers: res.headers,
      body: res.body,
    });
  }

  private log(line: string): void {
    this.options.log?.(redact(line));
  }
}

/** Reads one header as a string (first value if repeated). */
export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function toError(result: { response: HttpResponse } | { error: unknown; sent: boolean }, info: RequestInfo): Error {
  if ("response" in result) {
    const retryAfter = parseRetryAfterMs(header(result.response, "retry-after"));
    return mapHttpError(result.response.status, result.response.body, info, retryAfter);
  }
  const code = errorCode(result.error);
  const what = result.error instanceof Error ? result.error.message : String(result.error);
  return new TransportError(
    `LiveEngage ${info.method} ${info.path} failed without a response (${code ?? "error"}): ${what}`,
    info,
    result.error,
    code,
  );
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function encodeBody(req: HttpRequest<unknown>): { body?: string; contentType?: string } {
  if (req.form) return { body: new URLSearchParams(req.form).toString(), contentType: "application/x-www-form-urlencoded" };
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: "application/json" };
  return {};
}

function decodeBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function pathWithQuery(path: string, query: Record<string, string | undefined> | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.append(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
