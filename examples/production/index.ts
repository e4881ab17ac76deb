/**
 * Production: the way to run a bot deployment from a pipeline against a real account.
 *   - The deployer authenticates with OAuth 2.0 client credentials (an API client, not a person):
 *     liveengage:clientId, and liveengage:clientSecret as a secret.
 *   - Connectors deploy to the Production environment (the client needs Bot Status Access).
 *   - Every resource is protected: `pulumi destroy` or a mistaken rename cannot delete a live bot.
 *     To tear it down on purpose: `pulumi state unprotect --all`, then `pulumi destroy`.
 *   - Conversations the bot does not answer in time escalate to a human skill.
 */
import * as pulumi from "@pulumi/pulumi";
import * as le from "pulumi-liveengage";

// Fail at preview, with the key to set, rather than at the first API call.
const liveengage = new pulumi.Config("liveengage");
liveengage.require("accountId");
liveengage.require("clientId");
liveengage.requireSecret("clientSecret");

const config = new pulumi.Config();
const botId = config.require("botId");
const agentPassword = config.requireSecret("agentPassword");
/** Protect every resource (default true; only throw-away test stacks turn it off). */
const protect = config.getBoolean("protect") ?? true;

const humans = new le.Skill(
  "human-escalation",
  {
    name: "prod-bot-human-escalation",
    description: "Human agents take over when the bot does not answer",
  },
  { protect },
);

const bot = new le.BotDeployment(
  "prod-bot",
  {
    botId,
    conversationType: "messaging",
    environment: "production",
    agents: {
      count: 3,
      loginNamePrefix: "prod-bot",
      nickname: "Assistant",
      email: "prod-bot@example.com",
      credentials: { password: agentPassword },
    },
    skill: { name: "prod-bot-skill", description: "Conversations for the production bot" },
    routing: { campaignName: "Production bot campaign", engagementName: "Message us" },
    fallbackSkillId: humans.id,
    flags: { fallbackEscalationTime: 120_000, messageResendMaxRetries: 2 },
    rollout: "rolling",
    connectTimeoutSeconds: 300,
  },
  { protect },
); // children inherit protect from the component

export const agents = bot.agents;
export const statuses = bot.agents.apply((list) => list.map((a) => a.status));
export const skillId = bot.skillId;
export const escalationSkillId = humans.id;
