/**
 * LiveEngage (LivePerson Conversational Cloud) HTTP client: Account Config (skills, users,
 * profiles, goals, campaigns, engagements) and Conversation Builder (bots, agent connectors).
 * No Pulumi imports: resources build a client inside each provider call.
 */
import { endAllSessions } from "./auth/session";
import {
  createCampaignsApi,
  createEngagementsApi,
  createGoalsApi,
  type CampaignsApi,
  type EngagementsApi,
  type GoalsApi,
} from "./campaigns";
import { createContext, type ClientOptions } from "./context";
import { createBotsApi, createConnectorsApi, type BotsApi, type ConnectorsApi } from "./conversationBuilder";
import { checkCredentials, type Credentials, type ResolvedCredentials } from "./credentials";
import { clearDomainCache, type ServiceName } from "./domain";
import { createSkillsApi, type SkillsApi } from "./skills";
import { closeSharedAgent } from "./transport";
import { createProfilesApi, createUsersApi, type ProfilesApi, type UsersApi } from "./users";

/** A client for one account. Cheap to create: sessions, Domain API answers and connections are shared per process. */
export interface LiveEngageClient {
  readonly accountId: string;
  skills: SkillsApi;
  users: UsersApi;
  profiles: ProfilesApi;
  goals: GoalsApi;
  campaigns: CampaignsApi;
  engagements: EngagementsApi;
  bots: BotsApi;
  connectors: ConnectorsApi;
  /** The origin (`https://host`) the Domain API names for a service of the account. */
  serviceOrigin(service: ServiceName): Promise<string>;
  /**
   * One Domain API lookup for the account, a single attempt within `withinMs`: fast proof that the
   * configured Domain API host answers and knows the account (what preview checks first).
   * @throws TransportError, AuthenticationError (unknown account), other ApiErrors (not a Domain API)
   */
  probeDomain(withinMs: number): Promise<string>;
  /** Logs in (or fetches the OAuth 2.0 token) unless a live session exists. @throws AuthenticationError */
  authenticate(): Promise<void>;
  /**
   * Releases this client. Shared state (session, connections) stays for other clients; use
   * {@link shutdownLiveEngageClients} at process end.
   */
  close(): Promise<void>;
}

/**
 * Builds a client. `credentials` may come from {@link resolveCredentials} or be assembled by hand.
 * @throws ConfigurationError when no auth method is complete, or for a plain-http non-loopback host.
 */
export function createLiveEngageClient(credentials: Credentials | ResolvedCredentials, options: ClientOptions = {}): LiveEngageClient {
  const creds = checkCredentials(credentials);
  const ctx = createContext(creds, options);
  return {
    accountId: creds.accountId,
    skills: createSkillsApi(ctx),
    users: createUsersApi(ctx),
    profiles: createProfilesApi(ctx),
    goals: createGoalsApi(ctx),
    campaigns: createCampaignsApi(ctx),
    engagements: createEngagementsApi(ctx),
    bots: createBotsApi(ctx),
    connectors: createConnectorsApi(ctx),
    serviceOrigin: (service) => ctx.domain.origin(service),
    probeDomain: (withinMs) => ctx.domain.probe("accountConfigReadOnly", withinMs),
    authenticate: async () => {
      await ctx.lpAuth.headers();
    },
    close: async () => undefined,
  };
}

/**
 * Ends every cached Login Service session (best effort), forgets Domain API answers and closes
 * pooled connections. For CLIs and tests at process end.
 */
export async function shutdownLiveEngageClients(): Promise<void> {
  await endAllSessions();
  clearDomainCache();
  await closeSharedAgent();
}

export type { ClientOptions } from "./context";
export type { Exchange } from "./http";
export type { ServiceName } from "./domain";
export type { Change, LiveObject, Overlay, ReadOptions } from "./accountConfig";
export type { SkillsApi } from "./skills";
export type { UsersApi, ProfilesApi } from "./users";
export type { CampaignsApi, EngagementsApi, GoalsApi } from "./campaigns";
export type { BotsApi, ConnectorsApi, WaitOptions } from "./conversationBuilder";
export { resolveCredentials, checkCredentials, CREDENTIAL_SOURCES } from "./credentials";
export type { Credentials, ResolvedCredentials, AuthMethod } from "./credentials";
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
} from "./errors";
export type { ApiErrorCode } from "./errors";
export { DEFAULT_RETRY_POLICY } from "./retry";
export type { RetryPolicy } from "./retry";
export type { Timeouts } from "./transport";
export { redact } from "./redact";
export * from "./wire/skill";
export * from "./wire/user";
export * from "./wire/campaign";
export * from "./wire/connector";
