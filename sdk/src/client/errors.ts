/**
 * The client's error hierarchy. HTTP statuses are turned into these classes in exactly one place
 * (`mapHttpError` below, called only by `http.ts`), so callers branch on classes, never on status
 * numbers or message text.
 *
 * Every message is passed through `redact` before it is stored: an error may be logged, printed
 * by Pulumi or serialized, and must never carry a credential.
 */
import { isMasked } from "../model/secretMask";
import { redact } from "./redact";

/** Machine-readable kind of an {@link ApiError}; stable across releases. */
export type ApiErrorCode =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "server_error"
  | "http_error"
  | "invalid_response"
  | "transport";

/** What the request was, with the query string's secrets removed. */
export interface RequestInfo {
  method: string;
  path: string;
}

/** Base of every error raised for a LiveEngage API call. `status` is 0 when no response arrived. */
export class ApiError extends Error {
  /** Machine-readable kind. */
  readonly code: ApiErrorCode;
  /** HTTP status, or 0 when no response was received. */
  readonly status: number;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Request path (query string redacted). */
  readonly path: string;
  /** The API's own error code: Account Config `type`, CB `errorCode`, Login `responseStatus`, OAuth `error`. */
  readonly apiCode?: string;

  constructor(code: ApiErrorCode, status: number, message: string, request: RequestInfo, apiCode?: string, options?: { cause?: unknown }) {
    super(redact(message), options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.method = request.method;
    this.path = redact(request.path);
    if (apiCode !== undefined) this.apiCode = apiCode;
  }
}

/** 400: the request was refused as invalid; `apiCode` carries the API's `type` / `errorCode`. */
export class ValidationError extends ApiError {}
/** 401: missing, wrong or expired credentials (raised after one re-login attempt). */
export class AuthenticationError extends ApiError {}
/** 403: authenticated but not allowed (e.g. PRODUCTION deploy without BOT_STATUS_ACCESS). */
export class ForbiddenError extends ApiError {}
/** 404: the object does not exist (or is soft-deleted). */
export class NotFoundError extends ApiError {}
/** 409: revision conflict, connector already assigned or running. */
export class ConflictError extends ApiError {}
/** 429 after the retry budget was spent. `retryAfterMs` is the server's last hint, if any. */
export class RateLimitError extends ApiError {
  readonly retryAfterMs?: number;
  constructor(message: string, request: RequestInfo, apiCode?: string, retryAfterMs?: number) {
    super("rate_limited", 429, message, request, apiCode);
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}
/** 5xx after the retry budget was spent. */
export class ServerError extends ApiError {}
/** No usable response: connection refused/reset, timeout, TLS failure. `cause` is the undici error. */
export class TransportError extends ApiError {
  /** The undici / Node error code (`UND_ERR_HEADERS_TIMEOUT`, `ECONNREFUSED`, …). */
  readonly transportCode?: string;
  constructor(message: string, request: RequestInfo, cause: unknown, transportCode?: string) {
    super("transport", 0, message, request, undefined, { cause });
    if (transportCode !== undefined) this.transportCode = transportCode;
  }
}
/** A 2xx response whose body does not have the documented shape. */
export class InvalidResponseError extends ApiError {}

/**
 * Missing or contradictory client configuration. `missingKeys` names the configuration keys,
 * never their values.
 */
export class ConfigurationError extends Error {
  readonly code = "configuration" as const;
  readonly missingKeys: readonly string[];
  constructor(message: string, missingKeys: readonly string[] = []) {
    super(redact(message));
    this.name = "ConfigurationError";
    this.missingKeys = [...missingKeys];
  }
}

/**
 * A write would send a secret's read-back mask (`********`) as its value. LiveEngage would store the
 * mask as the password and the connector or agent would stop logging in (Not Connected), so the
 * client refuses before sending anything. `keys` names the fields, never values.
 */
export class MaskedSecretError extends Error {
  readonly code = "masked_secret" as const;
  readonly keys: readonly string[];
  constructor(what: string, keys: readonly string[]) {
    super(
      `refusing to send ${what}: ${keys.join(", ")} ${keys.length === 1 ? "holds" : "hold"} the mask a read returns in place of a secret (********), not its value; LiveEngage would store the mask as the secret. Send the real value, or leave the field out`,
    );
    this.name = "MaskedSecretError";
    this.keys = [...keys];
  }
}

/** Throws MaskedSecretError when any of `values` (secret fields by name) is a read-back mask. */
export function refuseMaskedSecrets(what: string, values: Readonly<Record<string, unknown>>): void {
  const masked = Object.entries(values)
    .filter(([, v]) => isMasked(v))
    .map(([k]) => k);
  if (masked.length) throw new MaskedSecretError(what, masked);
}

/** The fields we look for in the four error body shapes the services use (wire contract §2, §3, §5). */
export interface ErrorBodySummary {
  apiCode?: string;
  apiMessage?: string;
}

/**
 * Extracts code and message from any of: Account Config `{type,message}`, Login Service
 * `{error:{message,internalCode,responseStatus}}`, CB `{success:false,errorCode,message}`,
 * OAuth `{error,error_description}`.
 */
export function summarizeErrorBody(body: unknown): ErrorBodySummary {
  if (typeof body !== "object" || body === null) return {};
  const b = body as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
  if (typeof b.error === "object" && b.error !== null) {
    const e = b.error as Record<string, unknown>;
    const internal = typeof e.internalCode === "number" ? String(e.internalCode) : undefined;
    return { apiCode: str(e.responseStatus) ?? internal, apiMessage: str(e.message) };
  }
  if (typeof b.error === "string") return { apiCode: b.error, apiMessage: str(b.error_description) };
  if (str(b.errorCode)) return { apiCode: str(b.errorCode), apiMessage: str(b.message) };
  return { apiCode: str(b.type), apiMessage: str(b.message) };
}

/** Maps a non-2xx response to its error class. The only status → class table in the client. */
export function mapHttpError(status: number, body: unknown, request: RequestInfo, retryAfterMs?: number): ApiError {
  const { apiCode, apiMessage } = summarizeErrorBody(body);
  const detail = `${apiCode ? ` (${apiCode})` : ""}${apiMessage ? `: ${apiMessage}` : ""}`;
  const message = `LiveEngage ${request.method} ${request.path} failed with HTTP ${status}${detail}`;
  if (status === 400) return new ValidationError("validation", status, message, request, apiCode);
  if (status === 401) return new AuthenticationError("unauthorized", status, message, request, apiCode);
  if (status === 403) return new ForbiddenError("forbidden", status, message, request, apiCode);
  if (status === 404) return new NotFoundError("not_found", status, message, request, apiCode);
  if (status === 409) return new ConflictError("conflict", status, message, request, apiCode);
  if (status === 429) return new RateLimitError(message, request, apiCode, retryAfterMs);
  if (status >= 500) return new ServerError("server_error", status, message, request, apiCode);
  return new ApiError("http_error", status, message, request, apiCode);
}

/** A connector reads Not Connected with a failing component: waiting longer will not connect it. */
export class ConnectorFailedError extends Error {
  readonly code = "connector_failed" as const;
  constructor(
    message: string,
    readonly lastStatus: string,
    readonly reasons: string[],
  ) {
    super(redact(message));
    this.name = "ConnectorFailedError";
  }
}

/** A wait for a state (e.g. a connector reaching CONNECTED) ran out of time. */
export class WaitTimeoutError extends Error {
  readonly code = "timeout" as const;
  /** The last state observed, if any. */
  readonly lastStatus?: string;
  constructor(message: string, lastStatus?: string) {
    super(redact(message));
    this.name = "WaitTimeoutError";
    if (lastStatus !== undefined) this.lastStatus = lastStatus;
  }
}
