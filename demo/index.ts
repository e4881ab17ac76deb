/**
 * The demo of `npm run demo`: one Conversation Builder bot deployed to LiveEngage as 3 identical
 * failover bot agents, with their skill and a campaign + engagement routing conversations to it.
 *
 * Stack config (set by scripts/demo.sh for the local emulator):
 *   liveengage:accountId, liveengage:csdsDomain, liveengage:username, liveengage:password (secret)
 *   botId          Conversation Builder bot id                       (default "demo-bot", the emulator's)
 *   agentPassword  password of the bot agents (secret, ≥ 8 chars)   (default: a fixed local-demo value)
 */
import * as pulumi from "@pulumi/pulumi";
import * as le from "pulumi-liveengage";

const config = new pulumi.Config();
const botId = config.get("botId") ?? "demo-bot";
// A fixed value is fine for the local emulator; it is still a secret, so it is encrypted in state
// and never printed. Against a real account, set your own: pulumi config set --secret agentPassword …
const agentPassword = config.getSecret("agentPassword") ?? pulumi.secret("local-demo-agent-password");

const deployment = new le.BotDeployment("demo", {
  botId,
  conversationType: "messaging",
  agents: {
    count: 3,
    loginNamePrefix: "demo-bot-agent",
    nickname: "Demo Bot",
    email: "demo-bot@example.com",
    credentials: { password: (i) => pulumi.interpolate`${agentPassword}-${i + 1}` },
  },
  skill: { name: "demo-bot-skill", description: "Conversations for the demo bot" },
  routing: { campaignName: "Demo bot campaign", engagementName: "Message the demo bot" },
  flags: { messageDelay: 300, defaultGreetingMessage: "hi" },
});

/** Each agent: login name, LiveEngage user id, status (Connected / Not Connected / Stopped), reasons. */
export const agents = deployment.agents;
/** "<login name>: <status>" per agent, for a quick look. */
export const statuses = deployment.agents.apply((list) => list.map((a) => `${a.loginName}: ${a.status}`));
export const skillId = deployment.skillId;
export const campaignId = deployment.campaignId;
export const engagementId = deployment.engagementId;
/** Flags whose live value differs between the agents or from the declaration (empty when none). */
export const drift = deployment.drift;
