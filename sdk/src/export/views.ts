/**
 * A live object in the shape a program declares it: the resource's inputs with the values the API
 * holds, leaving out what the schema would fill in anyway (its defaults) and what is empty. What a
 * resource does not model is not declared at all: the resource layer keeps it as it is.
 *
 * Ids of other objects stay ids here; the planner turns them into references.
 */
import type { z } from "zod";
import type { Campaign, Connector, Engagement, Profile, Skill, User } from "../client";
import { configurationsToFlags, flagSpec, isFlagKey, MANAGED_FLAG_KEYS, SECRET_FLAG_KEYS, type ConversationType } from "../model/flags";
import { DEFAULT_ROLE, roleOfRoleType } from "../model/roles";
import { campaignSpec } from "../resources/specs/campaign";
import { engagementSpec } from "../resources/specs/engagement";
import { skillSpec } from "../resources/specs/skill";
import { botAgentInputsSchema, campaignInputsSchema, engagementInputsSchema, skillInputsSchema, type Role } from "../resources/schemas";

type Fields = Record<string, unknown>;

/** The value the schema gives `key` when a program leaves it out (undefined when none). */
function schemaDefault(schema: z.ZodType, key: string): unknown {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  const field = shape?.[key];
  if (!field) return undefined;
  const r = field.safeParse(undefined);
  return r.success ? r.data : undefined;
}

/** Drops empty values and the values the schema would default to. */
function declared(schema: z.ZodType, fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v) && v.length === 0 && schemaDefault(schema, k) === undefined) continue;
    if (JSON.stringify(schemaDefault(schema, k)) === JSON.stringify(v)) continue;
    out[k] = v;
  }
  return out;
}

const ids = (list: readonly (number | string)[] | null | undefined): string[] | undefined =>
  list ? [...new Set(list.map(String))].sort() : undefined;

/**
 * Skill inputs, as the Skill resource reads them (its spec's fromWire: one mapping for read and
 * export); `skillTransferList` and `fallbackSkill` hold skill ids. `skillOrder` is the server's.
 */
export async function skillView(s: Skill): Promise<Fields> {
  const { skillOrder: _serverSet, ...fields } = await skillSpec.fromWire(s, {});
  return declared(skillInputsSchema, fields);
}

/** The connector role a user's profiles give it, as the BotAgent provider reads it; undefined for other profiles. */
export function roleOfUser(u: User, profiles: readonly Profile[]): Role | undefined {
  for (const pid of u.profileIds ?? []) {
    const role = roleOfRoleType(profiles.find((p) => p.id === pid)?.roleTypeId);
    if (role) return role;
  }
  return undefined;
}

/**
 * BotAgent inputs without credentials (the password cannot be read back; an API user's app key
 * comes as `allowedAppKey`). `skillIds` holds skill ids; `role` is undefined when no profile maps to one.
 */
export function botAgentView(u: User, profiles: readonly Profile[]): Fields & { role?: Role; skillIds?: string[] } {
  const fields: Fields = {
    loginName: u.loginName,
    nickname: u.nickname,
    fullName: u.fullName,
    email: u.email,
    skillIds: ids(u.skillIds) ?? [],
    role: roleOfUser(u, profiles),
    enabled: u.isEnabled,
    maxAsyncChats: u.maxAsyncChats,
    maxChats: u.maxChats,
    allowedAppKey: u.isApiUser ? u.allowedAppKeys : undefined,
  };
  // skillIds and role are kept even at their defaults: the planner compares them across agents.
  return { ...declared(botAgentInputsSchema, fields), skillIds: fields.skillIds as string[], role: fields.role as Role | undefined };
}

/** Campaign inputs (its spec's fromWire); `goalId` is left out when it is the goal the provider picks by default. */
export async function campaignView(c: Campaign, defaultGoalId: number | undefined): Promise<Fields> {
  const fields = await campaignSpec.fromWire(c, {});
  if (c.goalId === defaultGoalId) delete fields.goalId;
  return declared(campaignInputsSchema, fields);
}

/** Engagement inputs (its spec's fromWire); `campaignId` and `skillId` hold ids. */
export async function engagementView(e: Engagement, campaignId: number): Promise<Fields> {
  const { campaignId: _c, ...fields } = await engagementSpec.fromWire(e, {});
  return { campaignId: String(campaignId), ...declared(engagementInputsSchema, fields) };
}

/** How a connector logs in: the bot user's password, or the app-key quadruple (with the readable parts' values). */
export type Credential = { kind: "password" } | { kind: "appKey"; readable: Record<string, string> };

/** A connector's settings, as BotConnector and BotDeployment declare them, every value comparable. */
export interface ConnectorView {
  conversationType: ConversationType;
  credential: Credential;
  /** role, environment, running, externalWebhookUrl, fallbackSkillId, accessibility (defaults included). */
  settings: Record<string, unknown>;
  /** Flags of the table (no managed or credential ones), defaults included; secret ones as "secret". */
  flags: Record<string, unknown>;
  /** Keys outside the table. */
  custom: Record<string, string>;
}

const CREDENTIAL_KEYS = new Set(["lpPassword", "lpAppKey", "lpAppSecret", "lpAccessToken", "lpAccessTokenSecret"]);

/** Marks a secret flag that is set: its value cannot be read back. */
export const SECRET_SET = "(secret)";

export function connectorView(c: Connector & { running: boolean }): ConnectorView {
  const cfg = c.configurations ?? {};
  const { flags: parsed, extra } = configurationsToFlags(cfg);
  const all = parsed as Record<string, unknown>;
  const flags: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (!(MANAGED_FLAG_KEYS as readonly string[]).includes(k) && !CREDENTIAL_KEYS.has(k)) flags[k] = v;
  }
  // Secret flags come masked (configurationsToFlags drops them): record that they are set.
  for (const k of SECRET_FLAG_KEYS) if (!CREDENTIAL_KEYS.has(k) && cfg[k]) flags[k] = SECRET_SET;
  const custom: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) if (!isFlagKey(k) || !(MANAGED_FLAG_KEYS as readonly string[]).includes(k)) custom[k] = v;
  const readable: Record<string, string> = {};
  for (const k of ["lpAppKey", "lpAccessToken"]) if (cfg[k] && !(SECRET_FLAG_KEYS as readonly string[]).includes(k)) readable[k] = cfg[k];
  const credential: Credential = cfg.lpAppKey ? { kind: "appKey", readable } : { kind: "password" };
  const fallback = all.fallbackSkillId;
  return {
    conversationType: c.type === "chat" ? "chat" : "messaging",
    credential,
    settings: {
      role: all.lpUserRole ?? flagSpec("lpUserRole").default,
      environment: c.deploymentEnvironment === "PRODUCTION" ? "production" : "demo",
      running: c.running,
      externalWebhookUrl: all.externalWebhookUrl,
      fallbackSkillId: fallback === undefined || fallback === null ? undefined : String(fallback),
      accessibility: all.enableAccessibility ?? flagSpec("enableAccessibility").default,
    },
    flags,
    custom,
  };
}

/** Defaults of BotConnector's first-class settings (its schema's and BotDeployment's). */
export const CONNECTOR_SETTING_DEFAULTS: Record<string, unknown> = {
  role: DEFAULT_ROLE,
  environment: "demo",
  running: true,
  accessibility: true,
};
