/**
 * Arguments of BotDeployment and their validation. The shape (how many agents, which skill,
 * whether to route) must be known when the program runs, so those fields are plain values;
 * everything else may be a Pulumi Input.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CONVERSATION_TYPES, type ConversationType } from "../model/conversationTypes";
import type { CredentialFlagKey } from "../model/flags";
import type { Role } from "../model/roles";
import type { ConnectorFlags } from "../resources/schemas";

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

export interface AgentTemplate {
  /** How many identical agents (and connectors). LivePerson wants at least 2 for failover. @default 3 */
  count?: number;
  /** Allow a single agent, giving up failover (LivePerson recommends at least two). @default false */
  allowSingleAgent?: boolean;
  /** Login names are `<prefix>-1`, `<prefix>-2`, … */
  loginNamePrefix: string;
  /** @default the login name prefix */
  nickname?: pulumi.Input<string>;
  /** Full names are `<fullNamePrefix> 1`, … @default the nickname */
  fullNamePrefix?: string;
  /** Email of agent n is built from this: `bot+<n>@example.com` from "bot@example.com". */
  email: string;
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
  /** One set of flags for every connector; per-agent values (credentials) are filled in. */
  flags?: pulumi.Input<Omit<ConnectorFlags, CredentialFlagKey>>;
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
  const count = args.agents?.count ?? 3;
  if (!Number.isInteger(count) || count < 1) {
    problems.push("agents.count must be a whole number ≥ 2 (LivePerson recommends at least two agents per bot for failover)");
  } else if (count < 2 && !args.agents.allowSingleAgent) {
    problems.push("agents.count is 1: LivePerson recommends at least two bot agents per bot so a second one takes over on failure (failover); use 2 or more, or set agents.allowSingleAgent: true to accept no failover");
  }
  if (!args.agents?.loginNamePrefix || /\s/.test(args.agents.loginNamePrefix)) {
    problems.push("agents.loginNamePrefix must be a login name prefix without spaces, e.g. \"cb-bot\"");
  }
  if (!args.agents?.email || !/^[^@\s]+@[^@\s]+$/.test(args.agents.email)) {
    problems.push("agents.email must be an email address such as \"bot@example.com\" (agent n gets bot+n@example.com)");
  }
  if (!args.agents?.credentials) problems.push("agents.credentials is required: { password } or the app-key quadruple");
  const hasName = args.skill?.name !== undefined;
  const hasExisting = args.skill?.existingSkillId !== undefined;
  if (hasName === hasExisting) problems.push("skill needs exactly one of name (create a skill) or existingSkillId (use one)");
  if (args.rollout !== undefined && args.rollout !== "rolling" && args.rollout !== "all-at-once") {
    problems.push("rollout must be \"rolling\" or \"all-at-once\"");
  }
  if (!(CONVERSATION_TYPES as readonly unknown[]).includes(args.conversationType)) {
    problems.push(`conversationType must be ${CONVERSATION_TYPES.map((t) => `"${t}"`).join(" or ")}`);
  }
  if (problems.length) throw new Error(`BotDeployment "${name}": ${problems.join("; ")}`);
  return count;
}

/** bot@example.com → bot+2@example.com */
export function agentEmail(email: string, n: number): string {
  const at = email.indexOf("@");
  return `${email.slice(0, at)}+${n}${email.slice(at)}`;
}
