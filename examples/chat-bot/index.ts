/**
 * A chat bot: the chat conversation type (LiveEngage chat, not messaging). Only flags the flags
 * table marks Y for chat are accepted — messaging-only ones such as messageDelay or
 * skipAgentMessage are refused at preview, before anything is sent. The account must have chat
 * enabled (the emulator's has both).
 */
import * as pulumi from "@pulumi/pulumi";
import * as le from "pulumi-liveengage";

const config = new pulumi.Config();
const botId = config.get("botId") ?? "demo-bot";
const agentPassword = config.requireSecret("agentPassword");

const chat = new le.BotDeployment("chat", {
  botId,
  conversationType: "chat",
  agents: {
    count: 2,
    loginNamePrefix: "chat-bot",
    nickname: "Chat Bot",
    email: "chat-bot@example.com",
    credentials: { password: agentPassword },
  },
  skill: { name: "chat-bot-skill", description: "Chat conversations for the bot" },
  // The engagement's channel follows the deployment's conversation type: chat.
  routing: { campaignName: "Chat bot campaign", engagementName: "Chat with the bot" },
  flags: { defaultGreetingMessage: "hello" },
});

export const agents = chat.agents;
export const statuses = chat.agents.apply((list) => list.map((a) => a.status));
export const engagementId = chat.engagementId;
