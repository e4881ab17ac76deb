/**
 * Arguments of BotDeployment and their validation. The shape (how many agents, which skill,
 * whether to route) must be known when the program runs, so those fields are plain values;
 * everything else may be a Pulumi Input.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CONVERSATION_TYPES, type ConversationType } from "../model/conversationTypes";
import { CREDENTIAL_FLAG_KEYS, type CredentialFlagKey } from "../model/flags";
import { NAME_MAX_LENGTH } from "../model/limits";
import type { Role } from "../model/roles";
import { suggest } from "../model/suggest";
import type { Inputs } from "../resources/inputs";
import { hasUrlCredentials } from "../model/webhookUrl";
import type { ConnectorFlags } from "../resources/schemas/args.generated";

export type Rollout = "rolling" | "all-at-once";

/** Per-agent credentials: one password per agent (secret), or the app-key quadruple of an API user. */
export type AgentCredentials =
  | { password: pulumi.Input<string> | ((index: number) => pulumi.Input<string>) }
  | {
      appKey: pulumi.Input<string>;
      appSecret: pulumi.Input<string>;
      accessToken: pulumi.Input<string>;
      accessTokenSecret: pulumi.Input<string>;
    };

/**
 * One agent named explicitly, for agents whose login names do not follow `<prefix>-<n>` (existing
 * agents made by hand, adopted as they are). Fields left out come from the template.
 */
export interface AgentMember {
  loginName: string;
  /** @default the template's nickname */
  nickname?: pulumi.Input<string>;
  /** @default the template's full name for this agent */
  fullName?: pulumi.Input<string>;
  /** @default the template's email for this agent */
  email?: pulumi.Input<string>;
  /** @default the template's maxAsyncChats */
  maxAsyncChats?: pulumi.Input<number>;
  /** @default the template's maxChats */
  maxChats?: pulumi.Input<number>;
  /** @default true */
  enabled?: pulumi.Input<boolean>;
}

export interface AgentTemplate {
  /** How many identical agents (and connectors). LivePerson wants at least 2 for failover. @default 3, or the number of members */
  count?: number;
  /** Allow a single agent, giving up failover (LivePerson recommends at least two). @default false */
  allowSingleAgent?: boolean;
  /** Login names are `<prefix>-1`, `<prefix>-2`, … Required unless `members` names every agent. */
  loginNamePrefix?: string;
  /**
   * The agents by name, instead of `<prefix>-<n>`: one agent (and connector) per member, in this
   * order (resources `<name>-agent-<n>` and `<name>-connector-<n>`: keep the order stable).
   */
  members?: AgentMember[];
  /** @default the login name prefix (or each member's login name) */
  nickname?: pulumi.Input<string>;
  /** Full names are `<fullNamePrefix> 1`, … @default the nickname */
  fullNamePrefix?: string;
  /**
   * Email of agent n is built from this: `bot+<n>@example.com` from "bot@example.com".
   * Required unless every member has its own email.
   */
  email?: string;
  /** @default -1 (no chat limit, as LivePerson's own bot payloads send) */
  maxChats?: pulumi.Input<number>;
  /**
   * Skills every agent holds besides the deployment's skill (agents shared between routing
   * targets). @default []
   */
  extraSkillIds?: pulumi.Input<string>[];
  /** @default "ASSIGNED_AGENT" */
  role?: Role;
  maxAsyncChats?: pulumi.Input<number>;
  credentials: AgentCredentials;
}

export interface SkillChoice {
  /** Create a skill with this name, or… */
  name?: string;
  description?: pulumi.Input<string>;
  /** …use an existing skill. */
  existingSkillId?: pulumi.Input<string>;
}

export interface RoutingChoice {
  campaignName: string;
  engagementName: string;
  /** @default the deployment's conversation type */
  channel?: ConversationType;
}

export interface BotDeploymentArgs {
  /** Conversation Builder bot id. */
  botId: pulumi.Input<string>;
  conversationType: ConversationType;
  /** @default "demo" */
  environment?: "demo" | "production";
  agents: AgentTemplate;
  skill: SkillChoice;
  /** A campaign and an engagement routing to the skill. */
  routing?: RoutingChoice;
  /**
   * One set of flags for every connector; per-agent values (credentials) are filled in. Values may
   * be Inputs one by one, e.g. `externalWebhookAPIKey: config.requireSecret("hookKey")`.
   */
  flags?: pulumi.Input<Omit<ConnectorFlags, CredentialFlagKey>> | Inputs<Omit<ConnectorFlags, CredentialFlagKey>>;
  customConfigurations?: pulumi.Input<Record<string, string>>;
  externalWebhookUrl?: pulumi.Input<string>;
  fallbackSkillId?: pulumi.Input<string>;
  /** @default true */
  accessibility?: pulumi.Input<boolean>;
  /** @default true */
  running?: pulumi.Input<boolean>;
  /**
   * "rolling" (default): on a change, connectors are replaced one at a time, each back to
   * Connected before the next one stops, so N−1 agents keep serving. "all-at-once": in parallel.
   */
  rollout?: Rollout;
  /** How long each connector may take to connect (LivePerson: "can take a few minutes"). @default 600 */
  connectTimeoutSeconds?: number;
  /**
   * Take over existing objects with the same unique names (skill, agents, campaign, engagement,
   * connectors) instead of refusing them: how a re-run recovers after a killed `pulumi up`
   * (docs/reliability.md). @default false
   */
  adopt?: boolean;
}

/** Validates the shape; throws with the property and the fix. Returns the agent count. */
export function validateDeploymentArgs(name: string, args: BotDeploymentArgs): number {
  const problems: string[] = [];
  const members = args.agents?.members;
  const count = args.agents?.count ?? members?.length ?? 3;
  if (members !== undefined) {
    if (args.agents.count !== undefined && args.agents.count !== members.length) {
      problems.push(
        `agents.count is ${args.agents.count} but agents.members names ${members.length} agents; remove count (it follows the members) or make them agree`,
      );
    }
    const seen = new Set<string>();
    members.forEach((m, i) => {
      if (!m?.loginName || /\s/.test(m.loginName))
        problems.push(`agents.members[${i}].loginName must be a login name without spaces, e.g. "support-alpha"`);
      else if (seen.has(m.loginName.toLowerCase()))
        problems.push(`agents.members[${i}].loginName "${m.loginName}" appears twice; login names are unique in LiveEngage`);
      else seen.add(m.loginName.toLowerCase());
    });
  }
  if (!Number.isInteger(count) || count < 1) {
    problems.push("agents.count must be a whole number ≥ 2 (LivePerson recommends at least two agents per bot for failover)");
  } else if (count < 2 && !args.agents.allowSingleAgent) {
    problems.push(
      "agents.count is 1: LivePerson recommends at least two bot agents per bot so a second one takes over on failure (failover); use 2 or more, or set agents.allowSingleAgent: true to accept no failover",
    );
  }
  const prefix = args.agents?.loginNamePrefix;
  if (members === undefined ? !prefix || /\s/.test(prefix) : prefix !== undefined && /\s/.test(prefix)) {
    problems.push(
      'agents.loginNamePrefix must be a login name prefix without spaces, e.g. "cb-bot" (or name every agent in agents.members)',
    );
  }
  const everyMemberHasEmail = members !== undefined && members.every((m) => m?.email !== undefined);
  if (args.agents?.email === undefined ? !everyMemberHasEmail : !/^[^@\s]+@[^@\s]+$/.test(args.agents.email)) {
    problems.push(
      'agents.email must be an email address such as "bot@example.com" (agent n gets bot+n@example.com), unless every member has its own email',
    );
  }
  if (!args.agents?.credentials) problems.push("agents.credentials is required: { password } or the app-key quadruple");
  const hasName = args.skill?.name !== undefined;
  const hasExisting = args.skill?.existingSkillId !== undefined;
  if (hasName === hasExisting) problems.push("skill needs exactly one of name (create a skill) or existingSkillId (use one)");
  if (args.rollout !== undefined && args.rollout !== "rolling" && args.rollout !== "all-at-once") {
    problems.push('rollout must be "rolling" or "all-at-once"');
  }
  if (!(CONVERSATION_TYPES as readonly unknown[]).includes(args.conversationType)) {
    problems.push(`conversationType must be ${CONVERSATION_TYPES.map((t) => `"${t}"`).join(" or ")}`);
  }
  problems.push(...accountRules(args, count));
  if (problems.length) throw new Error(`BotDeployment "${name}": ${problems.join("; ")}`);
  return count;
}

/**
 * Most agents one deployment may declare. Not a LiveEngage limit: each agent is a LiveEngage user and
 * a connector, and one connector carries up to 999 concurrent conversations (LivePerson's hard limit),
 * so 50 agents serve ~50 000 at once; a larger count is far more likely a typo than a need.
 */
export const MAX_AGENTS = 50;

/** The known parts of the arguments that LiveEngage would refuse later (or that would be lost). */
function accountRules(args: BotDeploymentArgs, count: number): string[] {
  const problems: string[] = [];
  problems.push(...unknownKeys(args as unknown as Record<string, unknown>, "", DEPLOYMENT_KEYS));
  if (Number.isInteger(count) && count > MAX_AGENTS) {
    problems.push(
      `agents.count is ${count}: at most ${MAX_AGENTS} agents per deployment (each is a LiveEngage user and a connector; ` +
        `one connector already serves up to 999 conversations at once, so ${MAX_AGENTS} carry ~${MAX_AGENTS * 999} — a larger count is likely a typo); ` +
        "use a smaller count, or split the bot into several deployments",
    );
  }
  const flags = plainObject(args.flags);
  for (const key of CREDENTIAL_FLAG_KEYS.filter((k) => flags?.[k] !== undefined)) {
    problems.push(
      `flags.${key} cannot be set on a BotDeployment: each agent's connector logs in with that agent's own credentials, ` +
        "which the deployment fills in (it would be overwritten); remove it from flags and give agents.credentials " +
        "({ password } or the app-key quadruple) instead",
    );
  }
  const channel = args.routing?.channel;
  if (
    channel !== undefined &&
    (CONVERSATION_TYPES as readonly unknown[]).includes(args.conversationType) &&
    channel !== args.conversationType
  ) {
    problems.push(
      `routing.channel is "${channel}" but conversationType is "${args.conversationType}": the engagement would route ` +
        `${channel} conversations to ${args.conversationType} bot agents, which never receive them; make them agree (or leave routing.channel out: it follows conversationType)`,
    );
  }
  const names: [string, unknown][] = [
    ["skill.name", args.skill?.name],
    ["routing.campaignName", args.routing?.campaignName],
    ["routing.engagementName", args.routing?.engagementName],
    ["agents.loginNamePrefix", args.agents?.loginNamePrefix],
  ];
  for (const [property, value] of names) {
    if (typeof value === "string" && value.trim().length > NAME_MAX_LENGTH) {
      problems.push(`${property} must be at most ${NAME_MAX_LENGTH} characters (LiveEngage's limit for names); shorten it`);
    }
  }
  for (const [property, value] of [
    ["skill.existingSkillId", args.skill?.existingSkillId],
    ["fallbackSkillId", args.fallbackSkillId],
  ] as const) {
    if (typeof value === "string" && !/^\d+$/.test(value.trim())) {
      problems.push(
        `${property} must be the numeric id of an existing skill as a string of digits, e.g. "3735471112"; ` +
          "a skill's name is not its id: pass a Skill resource's id, or look the id up in LiveEngage",
      );
    }
  }
  if (typeof args.externalWebhookUrl === "string" && hasUrlCredentials(args.externalWebhookUrl)) {
    problems.push(
      "externalWebhookUrl must not carry credentials (https://user:password@…): a URL is printed by preview and stored in plaintext " +
        'in state; remove them and put the key in the secret flag externalWebhookAPIKey (flags: { externalWebhookAPIKey: config.requireSecret("hookKey") })',
    );
  }
  return problems;
}

/** The arguments' keys, by object, for the "unknown property" check (a typo would be ignored silently). */
const DEPLOYMENT_KEYS: Record<string, readonly string[]> = {
  "": [
    "botId",
    "conversationType",
    "environment",
    "agents",
    "skill",
    "routing",
    "flags",
    "customConfigurations",
    "externalWebhookUrl",
    "fallbackSkillId",
    "accessibility",
    "running",
    "rollout",
    "connectTimeoutSeconds",
    "adopt",
  ],
  agents: [
    "count",
    "allowSingleAgent",
    "loginNamePrefix",
    "members",
    "nickname",
    "fullNamePrefix",
    "email",
    "maxChats",
    "extraSkillIds",
    "role",
    "maxAsyncChats",
    "credentials",
  ],
  skill: ["name", "description", "existingSkillId"],
  routing: ["campaignName", "engagementName", "channel"],
};

function unknownKeys(value: Record<string, unknown> | undefined, path: string, known: Record<string, readonly string[]>): string[] {
  const object = plainObject(value);
  if (object === undefined) return [];
  const allowed = known[path] ?? [];
  const problems = Object.keys(object)
    .filter((k) => !allowed.includes(k))
    .map((k) => {
      const guess = suggest(k, allowed);
      const where = path === "" ? k : `${path}.${k}`;
      return `unknown property '${where}'; ${guess !== undefined ? `did you mean '${path === "" ? guess : `${path}.${guess}`}'?` : "remove it"}`;
    });
  if (path !== "") return problems;
  for (const nested of Object.keys(known).filter((k) => k !== "")) {
    problems.push(...unknownKeys(object[nested] as Record<string, unknown> | undefined, nested, known));
  }
  return problems;
}

/** `v` as a plain object when it is one now (not an Output or a promise, whose keys are not known yet). */
function plainObject(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  if (typeof (v as { then?: unknown }).then === "function" || typeof (v as { apply?: unknown }).apply === "function") return undefined;
  return v as Record<string, unknown>;
}

/** bot@example.com → bot+2@example.com */
export function agentEmail(email: string, n: number): string {
  const at = email.indexOf("@");
  return `${email.slice(0, at)}+${n}${email.slice(at)}`;
}

/** Agent n (1-based) as declared: its member entry when named explicitly, else from the template. */
export function agentIdentity(
  t: AgentTemplate,
  n: number,
): {
  loginName: string;
  nickname: pulumi.Input<string>;
  fullName: pulumi.Input<string>;
  email: pulumi.Input<string>;
  member?: AgentMember;
} {
  const member = t.members?.[n - 1];
  const loginName = member?.loginName ?? `${t.loginNamePrefix}-${n}`;
  const nickname = member?.nickname ?? t.nickname ?? t.loginNamePrefix ?? loginName;
  const fullName =
    member?.fullName ??
    (t.fullNamePrefix !== undefined || t.loginNamePrefix !== undefined ? `${t.fullNamePrefix ?? t.loginNamePrefix} ${n}` : loginName);
  const email = member?.email ?? agentEmail(t.email!, n);
  return { loginName, nickname, fullName, email, member };
}
