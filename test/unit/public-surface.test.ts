/**
 * The package's public surface is sdk/src/index.ts, all of it: resources, the component, status
 * words and the client's typed errors. Internals (Noop, validateDeploymentArgs, agentEmail, the
 * emulator) stay out, so a new export is a decision recorded here, not an accident.
 */
import * as pkg from "../../sdk/src/index";

const PUBLIC_VALUES = [
  // resources
  "Skill",
  "BotAgent",
  "Campaign",
  "Engagement",
  "BotConnector",
  "FLAG_SPECS",
  "FLAG_KEYS",
  "SECRET_FLAG_KEYS",
  // component
  "BotDeployment",
  // connector status words
  "readStatus",
  "displayOf",
  "UnknownStatusWordError",
  "STATUS_VOCABULARIES",
  "STATUS_WORDS",
  "DEFAULT_CONNECT_TIMEOUT_SECONDS",
  // typed errors
  "ApiError",
  "ValidationError",
  "AuthenticationError",
  "ForbiddenError",
  "NotFoundError",
  "ConflictError",
  "RateLimitError",
  "ServerError",
  "TransportError",
  "InvalidResponseError",
  "ConfigurationError",
  "WaitTimeoutError",
  "ConnectorFailedError",
  "MaskedSecretError",
];

it("exports exactly the documented values", () => {
  expect(Object.keys(pkg).sort()).toEqual([...PUBLIC_VALUES].sort());
});

it.each(["Noop", "validateDeploymentArgs", "agentEmail", "agentIdentity", "startEmulator", "allProviders"])(
  "does not export the internal %s",
  (name) => {
    expect(name in pkg).toBe(false);
  },
);

it("exports the typed errors as classes users can catch", () => {
  const err: unknown = new pkg.NotFoundError("not_found", 404, "skill 42 not found", { method: "GET", path: "/skills/42" });
  expect(err).toBeInstanceOf(pkg.ApiError);
  expect(err).toBeInstanceOf(Error);
  if (err instanceof pkg.ApiError) expect([err.name, err.status, err.code]).toEqual(["NotFoundError", 404, "not_found"]);
});
