import {
  ApiError,
  AuthenticationError,
  ConflictError,
  ForbiddenError,
  mapHttpError,
  NotFoundError,
  RateLimitError,
  ServerError,
  summarizeErrorBody,
  TransportError,
  ValidationError,
} from "../../../sdk/src/client/errors";

const req = { method: "POST", path: "/api/account/1/configuration/le-users/skills?v=2.0" };

describe("mapHttpError", () => {
  it.each([
    [400, ValidationError, "validation"],
    [401, AuthenticationError, "unauthorized"],
    [403, ForbiddenError, "forbidden"],
    [404, NotFoundError, "not_found"],
    [409, ConflictError, "conflict"],
    [429, RateLimitError, "rate_limited"],
    [500, ServerError, "server_error"],
    [503, ServerError, "server_error"],
  ])("maps %i to its class", (status, cls, code) => {
    const e = mapHttpError(status, undefined, req);
    expect(e).toBeInstanceOf(cls);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    expect(e.method).toBe("POST");
    expect(e.path).toBe(req.path);
  });

  it("maps other 4xx to the base class", () => {
    const e = mapHttpError(451, undefined, req);
    expect(e.constructor).toBe(ApiError);
    expect(e.code).toBe("http_error");
  });

  it("carries the Account Config type on a ValidationError", () => {
    const e = mapHttpError(400, { type: "duplicate-name", message: "skill name already used" }, req);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.apiCode).toBe("duplicate-name");
    expect(e.message).toBe(`LiveEngage POST ${req.path} failed with HTTP 400 (duplicate-name): skill name already used`);
  });

  it("keeps the server's Retry-After on a RateLimitError", () => {
    const e = mapHttpError(429, { type: "rate-limited" }, req, 2000) as RateLimitError;
    expect(e.retryAfterMs).toBe(2000);
  });

  it("names the class in error.name", () => {
    expect(mapHttpError(404, undefined, req).name).toBe("NotFoundError");
  });
});

describe("summarizeErrorBody", () => {
  it.each([
    [
      { type: "revision-conflict", message: "stale" },
      { apiCode: "revision-conflict", apiMessage: "stale" },
    ],
    [
      { error: { message: "bad user", internalCode: 10, responseStatus: "UNAUTHORIZED" } },
      { apiCode: "UNAUTHORIZED", apiMessage: "bad user" },
    ],
    [{ error: { message: "x", internalCode: 1 } }, { apiCode: "1", apiMessage: "x" }],
    [
      { success: false, errorCode: "CONNECTOR_RUNNING", message: "stop first" },
      { apiCode: "CONNECTOR_RUNNING", apiMessage: "stop first" },
    ],
    [
      { error: "invalid_client", error_description: "unknown client" },
      { apiCode: "invalid_client", apiMessage: "unknown client" },
    ],
    ["<html>", {}],
    [undefined, {}],
  ])("reads %p", (body, expected) => expect(summarizeErrorBody(body)).toEqual(expected));
});

describe("TransportError", () => {
  it("keeps the undici error as a non-enumerable cause and has status 0", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const e = new TransportError("no response", req, cause, "ECONNREFUSED");
    expect(e.cause).toBe(cause);
    expect(e.status).toBe(0);
    expect(e.transportCode).toBe("ECONNREFUSED");
    expect(Object.keys(e)).not.toContain("cause");
  });
});
