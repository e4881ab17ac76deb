import {
  DEFAULT_RETRY_POLICY,
  decideRetry,
  parseRetryAfterMs,
  rateLimitDelayMs,
  transportErrorWasSent,
  type AttemptContext,
  type AttemptOutcome,
} from "../../../sdk/src/client/retry";

const ctx = (o: Partial<AttemptContext> = {}): AttemptContext => ({
  idempotent: true,
  login: false,
  failureRetries: 0,
  rateLimitRetries: 0,
  canLookup: false,
  ...o,
});
const status = (s: number, retryAfter?: string): AttemptOutcome => ({ kind: "status", status: s, retryAfter });

describe("decideRetry", () => {
  it.each([400, 401, 403, 404, 409, 412, 451])("never retries %i", (s) => {
    expect(decideRetry(status(s), ctx())).toEqual({ action: "fail" });
    expect(decideRetry(status(s), ctx({ idempotent: false, canLookup: true }))).toEqual({ action: "fail" });
  });

  it("retries 5xx on idempotent requests with LivePerson's 5/10/15 s pauses, then gives up", () => {
    expect(decideRetry(status(503), ctx({ failureRetries: 0 }))).toEqual({ action: "retry", delayMs: 5000, reason: "server_error" });
    expect(decideRetry(status(500), ctx({ failureRetries: 1 }))).toEqual({ action: "retry", delayMs: 10000, reason: "server_error" });
    expect(decideRetry(status(502), ctx({ failureRetries: 2 }))).toEqual({ action: "retry", delayMs: 15000, reason: "server_error" });
    expect(decideRetry(status(503), ctx({ failureRetries: 3 }))).toEqual({ action: "fail" });
  });

  it("uses the configured backoff", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, backoffMs: [7] };
    expect(decideRetry(status(500), ctx(), policy)).toEqual({ action: "retry", delayMs: 7, reason: "server_error" });
    expect(decideRetry(status(500), ctx({ failureRetries: 1 }), policy)).toEqual({ action: "fail" });
  });

  it("never repeats an ambiguous POST blindly: lookup when possible, else fail", () => {
    expect(decideRetry(status(500), ctx({ idempotent: false, canLookup: false }))).toEqual({ action: "fail" });
    expect(decideRetry(status(500), ctx({ idempotent: false, canLookup: true }))).toEqual({
      action: "lookup",
      delayMs: 5000,
      reason: "server_error",
    });
    expect(decideRetry({ kind: "transport", sent: true }, ctx({ idempotent: false, canLookup: false }))).toEqual({ action: "fail" });
    expect(decideRetry({ kind: "transport", sent: true }, ctx({ idempotent: false, canLookup: true }))).toEqual({
      action: "lookup",
      delayMs: 5000,
      reason: "transport",
    });
  });

  it("re-sends a POST that certainly never reached the server", () => {
    expect(decideRetry({ kind: "transport", sent: false }, ctx({ idempotent: false }))).toEqual({
      action: "retry",
      delayMs: 5000,
      reason: "transport",
    });
  });

  it("retries 429 even for POST, honouring Retry-After with a 1 s floor, bounded", () => {
    expect(decideRetry(status(429, "3"), ctx({ idempotent: false }))).toEqual({ action: "retry", delayMs: 3000, reason: "rate_limited" });
    expect(decideRetry(status(429), ctx())).toEqual({ action: "retry", delayMs: 1000, reason: "rate_limited" });
    expect(decideRetry(status(429, "0"), ctx())).toEqual({ action: "retry", delayMs: 1000, reason: "rate_limited" });
    expect(decideRetry(status(429), ctx({ rateLimitRetries: 3 }))).toEqual({ action: "fail" });
  });

  it("waits at least 5 s after a 429 on login", () => {
    expect(decideRetry(status(429, "1"), ctx({ login: true }))).toEqual({ action: "retry", delayMs: 5000, reason: "rate_limited" });
    expect(decideRetry(status(429, "8"), ctx({ login: true }))).toEqual({ action: "retry", delayMs: 8000, reason: "rate_limited" });
  });

  it("counts 429 retries separately from failure retries", () => {
    expect(decideRetry(status(429), ctx({ failureRetries: 3 })).action).toBe("retry");
    expect(decideRetry(status(500), ctx({ rateLimitRetries: 3 })).action).toBe("retry");
  });
});

describe("Retry-After parsing", () => {
  it.each([
    ["2", 2000],
    [" 10 ", 10000],
    ["0", 0],
    ["1.5", 1500],
  ])("parses delta-seconds %p", (v, ms) => expect(parseRetryAfterMs(v)).toBe(ms));

  it("parses an HTTP date relative to now, never negative", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:04 GMT", now)).toBe(4000);
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });

  it.each([undefined, null, "", "soon"])("ignores %p", (v) => expect(parseRetryAfterMs(v)).toBeUndefined());

  it("caps very long hints", () => {
    expect(rateLimitDelayMs("100000", false)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  });
});

describe("transportErrorWasSent", () => {
  it.each(["ECONNREFUSED", "ENOTFOUND", "UND_ERR_CONNECT_TIMEOUT"])("%s: not sent", (c) => expect(transportErrorWasSent(c)).toBe(false));
  it.each(["ECONNRESET", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", undefined])("%s: maybe sent", (c) =>
    expect(transportErrorWasSent(c)).toBe(true),
  );
});
