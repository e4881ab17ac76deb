/**
 * Quickstart: the five resources one by one — what the Conversation Builder "Deploy" page asks
 * for, in order. A skill, a bot agent holding it, a campaign and an engagement routing to the
 * skill, and the bot connector that binds the bot to the agent and starts it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as le from "pulumi-liveengage";

const config = new pulumi.Config();
/** The Conversation Builder bot to deploy ("demo-bot" is the emulator's). */
const botId = config.get("botId") ?? "demo-bot";
/** The bot agent's password: `pulumi config set --secret agentPassword …` (≥ 8 characters). */
const agentPassword = config.requireSecret("agentPassword");

// 1. A skill: the bot agent holds it, the engagement routes conversations to it.
const skill = new le.Skill("skill", {
  name: "quickstart-bot-skill",
  description: "Conversations for the quickstart bot",
});

// 2. A bot agent: a LiveEngage user of type Bot with that skill.
const agent = new le.BotAgent("agent", {
  loginName: "quickstart-bot-1",
  nickname: "Quickstart Bot",
  fullName: "Quickstart Bot 1",
  email: "quickstart-bot@example.com",
  skillIds: [skill.id],
  password: agentPassword,
});

// 3. A campaign, and 4. an engagement in it routing to the skill.
const campaign = new le.Campaign("campaign", { name: "Quickstart campaign" });
const engagement = new le.Engagement("engagement", {
  campaignId: campaign.id,
  name: "Message the quickstart bot",
  skillId: skill.id,
});

// 5. The bot connector: binds the bot to the agent, starts it and waits until it is Connected.
//    The agent logs in with its password (a secret flag); any flag change restarts the connector.
const connector = new le.BotConnector("connector", {
  botId,
  agent: agent.loginName,
  agentUserId: agent.userId,
  conversationType: "messaging",
  flags: { lpPassword: agentPassword, defaultGreetingMessage: "hi" },
});

export const skillId = skill.id;
export const agentUserId = agent.userId;
export const engagementId = engagement.id;
export const engagementSkill = engagement.skillName;
/** Connected | Not Connected | Stopped */
export const status = connector.status;
export const statusReasons = connector.statusReasons;
