// Plain-data types of the emulator's state. Everything here is JSON-serialisable because the whole
// state is written to disk as one document (see persistence.ts); sessions and fault rules are not
// part of it on purpose (they live in memory only).

export type Id = number;

/** Collections that carry an `ac-revision`, one counter per account and collection. */
export const COLLECTIONS = ["skills", "users", "profiles", "goals", "campaigns", "engagements"] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export type { ConversationType } from "../../model/conversationTypes";
import type { ConversationType } from "../../model/conversationTypes";

export interface Skill {
  id: Id;
  deleted: boolean;
  name: string;
  dateUpdated: string;
  skillOrder: number;
  maxWaitTime: number;
  canTransfer: boolean;
  fallbackWhenAllAgentsAreAway: boolean;
  /** Every other optional field of the reference's skill entity, as sent by the client. */
  [field: string]: unknown;
}

export interface User {
  id: Id;
  pid: string;
  deleted: boolean;
  loginName: string;
  fullName: string;
  nickname: string;
  email: string;
  isEnabled: boolean;
  maxChats: number;
  profileIds: Id[];
  skillIds: Id[];
  userTypeId: 0 | 1 | 2;
  isApiUser: boolean;
  /** Comma-separated app keys the user may log in with ("" = none), as the reference's GET shows. */
  allowedAppKeys: string;
  dateUpdated: string;
  [field: string]: unknown;
}

/** Secrets are kept apart from the entity so that no response or dump can leak them by accident. */
export interface UserSecrets {
  /** Keyed digest of the password (secrets.ts); the plaintext is never stored. */
  passwordDigest?: string;
}

export interface Profile {
  id: Id;
  name: string;
  roleTypeId: number;
  description: string;
  deleted: boolean;
}

export interface Goal {
  id: Id;
  name: string;
  type: number;
  description: string;
  deleted: boolean;
}

export interface Campaign {
  id: Id;
  name: string;
  goalId: Id;
  status: 0 | 1;
  isDeleted: boolean;
  [field: string]: unknown;
}

export interface Engagement {
  id: Id;
  campaignId: Id;
  name: string;
  enabled: boolean;
  deleted: boolean;
  skillId: Id;
  skillName: string;
  [field: string]: unknown;
}

export interface AppKey {
  appKey: string;
  secret: string;
  accessToken: string;
  accessTokenSecret: string;
}

export interface OAuthClient {
  clientId: string;
  clientSecretDigest: string;
}

export interface Bot {
  id: string;
  name: string;
  description: string;
  chatBotType: string;
  creationTime: number;
  modificationTime: number;
}

export type DeploymentEnvironment = "PRODUCTION" | "STAGING";

export interface ConnectorConfig {
  type: ConversationType;
  deploymentEnvironment: DeploymentEnvironment;
  lpAccountUser: string;
  configurations: Record<string, string>;
}

export interface Connector extends ConnectorConfig {
  lpAccountId: string;
  lpUserId: string;
  botId: string;
  lastManualOperation: "START" | "STOP" | null;
  manualOperationTs: number | null;
  createTime: number;
  updateTime: number;
  /** Set while started: the configuration the connector started with, and when it started. */
  running: { startedAt: number; snapshot: ConnectorConfig } | null;
}

export type ConnectorStatus = "CONNECTED" | "NOT_CONNECTED" | "STOPPED";

export interface StatusHistoryEntry {
  status: ConnectorStatus;
  reasons: string[];
  at: string;
}

export interface AccountState {
  accountId: string;
  /** Key of the account's secret digests (secrets.ts). */
  secretKey: string;
  /** Conversation types enabled on the account (LivePerson: an account setting). */
  conversationTypes: ConversationType[];
  organizationId: string;
  revisions: Record<CollectionName, number>;
  skills: Record<string, Skill>;
  users: Record<string, User>;
  userSecrets: Record<string, UserSecrets>;
  /** Emulator-only extra privileges per user id (seeded); administrators get BOT_STATUS_ACCESS anyway. */
  extraPrivileges: Record<string, string[]>;
  profiles: Record<string, Profile>;
  goals: Record<string, Goal>;
  campaigns: Record<string, Campaign>;
  engagements: Record<string, Engagement>;
  appKeys: AppKey[];
  oauthClients: OAuthClient[];
  bots: Record<string, Bot>;
  /** Key: `${botId}/${lpUserId}`. Secret flags in configurations are stored as digests. */
  connectors: Record<string, Connector>;
  statusHistory: Record<string, StatusHistoryEntry[]>;
}

export interface EmulatorState {
  formatVersion: 1;
  /** Next generated numeric id; only ever grows (ids are never reused, even across reset). */
  nextId: number;
  accounts: Record<string, AccountState>;
}

export function connectorKey(botId: string, lpUserId: string): string {
  return `${botId}/${lpUserId}`;
}
