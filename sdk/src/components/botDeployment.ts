import * as pulumi from "@pulumi/pulumi";
import { BotAgent, BotConnector, Campaign, Engagement, Skill, type DisplayStatus } from "../resources";
import { computeDrift, type DriftEntry } from "../resources/drift";
import { applyFlagDefaults, SECRET_FLAG_KEYS, type FlagValues } from "../model/flags";
import { agentIdentity, validateDeploymentArgs, type AgentCredentials, type BotDeploymentArgs } from "./botDeploymentArgs";

export * from "./botDeploymentArgs";

export interface DeployedAgent {
  loginName: string;
  userId: string;
  status: DisplayStatus;
  statusReasons: string[];
}

/**
 * One bot, N identical failover agents: a skill (or an existing one), N bot agents holding it,
 * optional campaign + engagement routing to it, and per agent a connector with the same flags,
 * started. LivePerson warns that duplicate agents configured by hand drift apart; here they are
 * stamped from one declaration, restarted one at a time, and their drift is an output.
 */
export class BotDeployment extends pulumi.ComponentResource {
  readonly skillId: pulumi.Output<string>;
  readonly agents: pulumi.Output<DeployedAgent[]>;
  readonly connectorIds: pulumi.Output<string[]>;
  /** For every flag whose live value differs between agents or from the declaration: the value per agent. */
  readonly drift: pulumi.Output<DriftEntry[]>;
  readonly campaignId?: pulumi.Output<string>;
  readonly engagementId?: pulumi.Output<string>;

  constructor(name: string, args: BotDeploymentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("liveengage:index:BotDeployment", name, {}, opts);
    const count = validArgs(name, args);
    const child = { parent: this };
    // Inputs the program left out stay out: each resource's schema gives the same default in
    // `check`, so the state is the same, and every key given costs the program four promises
    // (issue #18: a third of the keys of a 50-bot program were defaults).
    const adopt = args.adopt;

    const skillId =
      args.skill.existingSkillId !== undefined
        ? pulumi.output(args.skill.existingSkillId)
        : new Skill(`${name}-skill`, declaredOnly({ name: args.skill.name!, description: args.skill.description, adopt }), child).id;

    let campaign: Campaign | undefined;
    let engagement: Engagement | undefined;
    if (args.routing) {
      campaign = new Campaign(`${name}-campaign`, declaredOnly({ name: args.routing.campaignName, adopt }), child);
      engagement = new Engagement(
        `${name}-engagement`,
        declaredOnly({
          campaignId: campaign.id,
          name: args.routing.engagementName,
          skillId,
          channel: args.routing.channel ?? args.conversationType,
          adopt,
        }),
        child,
      );
    }

    const rolling = (args.rollout ?? "rolling") === "rolling";
    const agents: BotAgent[] = [];
    const connectors: BotConnector[] = [];
    for (let n = 1; n <= count; n++) {
      const { loginName, nickname, fullName, email, member } = agentIdentity(args.agents, n);
      const creds = agentCredentials(args.agents.credentials, n - 1);
      const agent = new BotAgent(
        `${name}-agent-${n}`,
        declaredOnly({
          loginName,
          nickname,
          fullName,
          email,
          skillIds: pulumi.all([skillId, ...(args.agents.extraSkillIds ?? [])]),
          role: args.agents.role,
          maxAsyncChats: member?.maxAsyncChats ?? args.agents.maxAsyncChats,
          maxChats: member?.maxChats ?? args.agents.maxChats,
          enabled: member?.enabled,
          adopt,
          ...creds.agent,
        }),
        child,
      );
      agents.push(agent);
      connectors.push(
        new BotConnector(
          `${name}-connector-${n}`,
          declaredOnly({
            botId: args.botId,
            agent: agent.loginName,
            // The agent's id is its user id, and unlike the `userId` output it stays known at preview
            // while the agent is only updated (an email change): no phantom connector replacement.
            agentUserId: agent.id,
            conversationType: args.conversationType,
            role: args.agents.role,
            environment: args.environment,
            running: args.running,
            externalWebhookUrl: args.externalWebhookUrl,
            fallbackSkillId: args.fallbackSkillId,
            accessibility: args.accessibility,
            flags: withCredentials(args.flags, creds.flags),
            customConfigurations: args.customConfigurations,
            connectTimeoutSeconds: args.connectTimeoutSeconds,
            // Rolling, without a dependsOn chain between connectors (which would also make the first
            // deploy one connector at a time, N × the connect delay): all are created at once, and a
            // restart of a serving connector takes its deployment's turn in the provider — stop … back
            // to Connected before the next stops, N−1 keep serving (resources/rolloutGate.ts, README).
            rollout: rolling ? { group: name, member: String(n) } : undefined,
            adopt,
          }),
          child,
        ),
      );
    }

    this.skillId = skillId;
    this.campaignId = campaign?.id;
    this.engagementId = engagement?.id;
    this.connectorIds = pulumi.all(connectors.map((c) => c.id));
    this.agents = pulumi
      .all(agents.map((a, i) => pulumi.all([a.loginName, a.userId, connectors[i].status, connectors[i].statusReasons])))
      .apply((rows) =>
        rows.map(([loginName, userId, status, statusReasons]) => ({ loginName, userId, status, statusReasons: statusReasons ?? [] })),
      );
    this.drift = pulumi
      .all([pulumi.all(connectors.map((c) => pulumi.all([c.agent, c.flags]))), pulumi.output(args.flags ?? {})])
      .apply(([live, declared]) =>
        computeDrift(
          live.map(([agent, flags]) => ({ agent, configuration: withoutSecrets(flags) })),
          // The connectors hold the seed's defaults for flags the declaration leaves out.
          withoutSecrets(applyFlagDefaults(declared as FlagValues, args.conversationType)),
        ),
      );
    // The connectors' flags hold the agents' passwords, which makes the whole output secret; the
    // drift report never contains them (withoutSecrets, and computeDrift skips per-agent keys).
    this.drift = pulumi.unsecret(this.drift);
    this.registerOutputs({
      skillId: this.skillId,
      agents: this.agents,
      connectorIds: this.connectorIds,
      drift: this.drift,
      campaignId: this.campaignId,
      engagementId: this.engagementId,
    });
  }
}

/**
 * {@link validateDeploymentArgs}, its refusal raised as a RunError: Pulumi prints that message alone,
 * without the program's stack trace (a wrong argument is an expected error, not a crash).
 */
function validArgs(name: string, args: BotDeploymentArgs): number {
  try {
    return validateDeploymentArgs(name, args);
  } catch (e) {
    throw new pulumi.RunError(e instanceof Error ? e.message : String(e));
  }
}

/**
 * The deployment's flags plus one agent's credentials. A plain object stays plain, so only the
 * credential values are secret and previews still show which flag changed.
 */
function withCredentials(flags: BotDeploymentArgs["flags"], credentials: Record<string, pulumi.Input<string>>): pulumi.Input<never> {
  if (flags === undefined || (!pulumi.Output.isInstance(flags) && typeof (flags as { then?: unknown }).then !== "function")) {
    return { ...(flags as object | undefined), ...credentials } as never;
  }
  return pulumi.output(flags).apply((f) => ({ ...f, ...credentials })) as never;
}

/**
 * The arguments without the keys left undefined. The engine never sees an undefined input, but the
 * Pulumi runtime resolves every key of a resource's arguments as an output with four tracked
 * promises, each capturing a stack trace: at 50 bots the undefined ones cost ~15 % of the program's
 * own time (bench/program.js).
 */
function declaredOnly<T extends object>(args: T): T {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as T;
}

function withoutSecrets(flags: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...((flags ?? {}) as Record<string, unknown>) };
  for (const k of SECRET_FLAG_KEYS) delete out[k];
  return out;
}

function agentCredentials(
  c: AgentCredentials,
  index: number,
): { agent: { password?: pulumi.Input<string>; allowedAppKey?: pulumi.Input<string> }; flags: Record<string, pulumi.Input<string>> } {
  if ("password" in c) {
    const password = pulumi.secret(typeof c.password === "function" ? c.password(index) : c.password);
    return { agent: { password }, flags: { lpPassword: password } };
  }
  return {
    agent: { allowedAppKey: c.appKey },
    flags: {
      lpAppKey: c.appKey,
      lpAppSecret: pulumi.secret(c.appSecret),
      lpAccessToken: pulumi.secret(c.accessToken),
      lpAccessTokenSecret: pulumi.secret(c.accessTokenSecret),
    },
  };
}
