/**
 * pulumi-liveengage: LivePerson Conversation Builder deployments as Pulumi resources.
 * Credentials come from stack config (`liveengage:*`) or LP_* environment variables, read by the
 * provider process at run time.
 *
 * The public surface, all of it (test/unit/public-surface.test.ts keeps this list and the package
 * in step). Everything else under dist/ is internal; the only other paths the package exports are
 * the provider modules users' state records (see package.json "exports" and docs/architecture.md).
 * The local emulator is its own package: pulumi-liveengage-emulator.
 */

// The resources.
export {
  Skill,
  type SkillArgs,
  BotAgent,
  type BotAgentArgs,
  Campaign,
  type CampaignArgs,
  Engagement,
  type EngagementArgs,
  BotConnector,
  type BotConnectorArgs,
  type DisplayStatus,
} from "./resources";
export { FLAG_SPECS, FLAG_KEYS, SECRET_FLAG_KEYS, type FlagKey, type FlagValues } from "./resources/flags";

// The component and its argument types.
export { BotDeployment, type DeployedAgent } from "./components/botDeployment";
export type {
  BotDeploymentArgs,
  AgentTemplate,
  AgentMember,
  AgentCredentials,
  SkillChoice,
  RoutingChoice,
  Rollout,
} from "./components/botDeploymentArgs";

// Connector status words, as LivePerson's releases spell them.
export {
  readStatus,
  displayOf,
  UnknownStatusWordError,
  STATUS_VOCABULARIES,
  STATUS_WORDS,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  type StatusVocabulary,
  type StatusReading,
  type ConnectorPhase,
} from "./model/connectorStatus";

// The typed errors a failed call surfaces (catch them by class; `code` says which API answer it was).
export {
  ApiError,
  ValidationError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServerError,
  TransportError,
  InvalidResponseError,
  ConfigurationError,
  WaitTimeoutError,
  ConnectorFailedError,
  MaskedSecretError,
  type ApiErrorCode,
} from "./client/errors";
