// One factory per error code, and one renderer per API family: a route throws an ApiError and the
// server's error handler renders it in the wire shape of the API the request was addressed to
// (docs/wire-contract.md). Messages never contain secret values.

export type Family = "domain" | "login" | "oauth" | "ac" | "cb" | "admin";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Which API a URL path belongs to (decides the error shape). */
export function familyOf(url: string): Family {
  const path = url.split("?")[0];
  if (path.startsWith("/_emulator")) return "admin";
  if (path.startsWith("/sentinel/")) return "oauth";
  if (/^\/api\/account\/[^/]+\/(login|refresh|logout)(\/|$)/.test(path)) return "login";
  if (/^\/api\/account\/[^/]+\/configuration(\/|$)/.test(path)) return "ac";
  if (/^\/(le-auth|bot-platform-manager-0\.1|live-engage-service-0\.1|sysadmin)(\/|$)/.test(path)) return "cb";
  return "domain";
}

// ---- Login Service (and the 401 of Account Config) ------------------------------------------
export const loginErrors = {
  badRequest: (message: string) => new ApiError(400, "BAD_REQUEST", message),
  unauthorized: (message: string) => new ApiError(401, "UNAUTHORIZED", message),
  csrf: () => new ApiError(401, "UNAUTHORIZED", "CSRF token invalid! The session or the csrf token is not valid"),
};
const LOGIN_INTERNAL_CODES: Record<string, number> = { BAD_REQUEST: 1, UNAUTHORIZED: 10 };

// ---- Account Config ---------------------------------------------------------------------------
export const acErrors = {
  missingVersion: () => new ApiError(400, "missing-version", "the query parameter v (API version) is required"),
  validation: (message: string) => new ApiError(400, "validation", message),
  duplicateName: (what: string, name: string) =>
    new ApiError(400, "duplicate-name", `${what} "${name}" already exists (names are unique, case-insensitive)`),
  missingReference: (message: string) => new ApiError(400, "missing-reference", message),
  skillDependencies: (entities: string[]) =>
    new ApiError(
      400,
      "skill-dependencies",
      `skill cannot be deleted because it is assigned to the following entities: ${entities.join(", ")}`,
    ),
  forbidden: (message: string) => new ApiError(403, "forbidden", message),
  notFound: (what: string, id: string) => new ApiError(404, "not-found", `${what} ${id} not found`),
  methodNotAllowed: (message: string) => new ApiError(405, "method-not-allowed", message),
  revisionConflict: (sent: string, current: number) =>
    new ApiError(409, "revision-conflict", `If-Match revision ${sent} is stale; the current revision is ${current}`),
};

// ---- Domain API -------------------------------------------------------------------------------
export const domainErrors = {
  missingVersion: () => new ApiError(400, "missing-version", "the query parameter version is required"),
  invalidSite: (account: string) => new ApiError(401, "invalid-site", `invalid site ${account}`),
  unknownService: (service: string) => new ApiError(404, "unknown-service", `unknown service name ${service}`),
};

// ---- OAuth 2.0 (sentinel), RFC 6749 shapes ----------------------------------------------------
export const oauthErrors = {
  invalidClient: () => new ApiError(401, "invalid_client", "client authentication failed"),
  unsupportedGrantType: () => new ApiError(400, "unsupported_grant_type", "only client_credentials is supported"),
  invalidRequest: (message: string) => new ApiError(400, "invalid_request", message),
};

// ---- Conversation Builder ---------------------------------------------------------------------
export const cbErrors = {
  unauthorized: (message = "missing or invalid Conversation Builder token") => new ApiError(401, "UNAUTHORIZED", message),
  botNotFound: (botId: string) => new ApiError(404, "BOT_NOT_FOUND", `bot ${botId} not found`),
  userNotFound: (userId: string) => new ApiError(404, "USER_NOT_FOUND", `user ${userId} not found in the account`),
  notFound: (message: string) => new ApiError(404, "NOT_FOUND", message),
  invalidRequest: (message: string) => new ApiError(400, "INVALID_REQUEST", message),
  agentAlreadyAssigned: (login: string, botId: string) =>
    new ApiError(409, "AGENT_ALREADY_ASSIGNED", `agent ${login} already belongs to bot ${botId}`),
  insufficientPrivileges: () =>
    new ApiError(403, "INSUFFICIENT_PRIVILEGES", "deploying to PRODUCTION requires the BOT_STATUS_ACCESS privilege"),
  connectorRunning: () => new ApiError(409, "CONNECTOR_RUNNING", "the agent connector is running; stop it before editing or deleting it"),
  connectorNotFound: (login: string, botId: string) =>
    new ApiError(404, "CONNECTOR_NOT_FOUND", `no agent connector for ${login} on bot ${botId}`),
};

// ---- Faults and the unexpected: the same codes in every family --------------------------------
export function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError(429, "rate-limited", "too many requests (injected fault)", {
    "retry-after": String(retryAfterSeconds),
  });
}
export function internal(status = 500, message = "internal error"): ApiError {
  return new ApiError(status, "internal", message);
}

const CB_GENERIC: Record<string, string> = {
  "rate-limited": "RATE_LIMITED",
  internal: "INTERNAL_ERROR",
  validation: "INVALID_REQUEST",
  "not-found": "NOT_FOUND",
};
const LOGIN_GENERIC: Record<string, string> = {
  "rate-limited": "TOO_MANY_REQUESTS",
  internal: "INTERNAL_SERVER_ERROR",
  validation: "BAD_REQUEST",
  "not-found": "NOT_FOUND",
};
const OAUTH_GENERIC: Record<string, string> = {
  "rate-limited": "slow_down",
  internal: "server_error",
  validation: "invalid_request",
  "not-found": "invalid_request",
};

/** The body of an error in the wire shape of `family`. */
export function renderError(family: Family, err: ApiError): unknown {
  switch (family) {
    case "login": {
      const status = LOGIN_GENERIC[err.code] ?? err.code;
      return {
        error: {
          time: new Date().toUTCString(),
          message: err.message,
          internalCode: LOGIN_INTERNAL_CODES[status] ?? (err.status >= 500 ? 0 : err.status === 429 ? 29 : 1),
          responseStatus: status,
        },
      };
    }
    case "oauth":
      return { error: OAUTH_GENERIC[err.code] ?? err.code, error_description: err.message };
    case "cb":
      return { success: false, errorCode: CB_GENERIC[err.code] ?? err.code, message: err.message };
    case "admin":
      return { error: err.code, message: err.message };
    case "ac":
    case "domain":
      return { type: err.code, message: err.message };
  }
}
