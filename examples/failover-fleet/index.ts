/**
 * Failover fleet: one bot on 3 identical bot agents (LivePerson recommends at least two per bot).
 * The flags are declared once, so the agents cannot drift apart. A flag change restarts every
 * connector — one at a time: each agent is back to Connected before the next one stops, so two
 * agents keep serving throughout. Try it:
 *
 *   pulumi config set messageDelay 600 && pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import * as le from "pulumi-liveengage";

const config = new pulumi.Config();
const botId = config.get("botId") ?? "demo-bot";
const agentPassword = config.requireSecret("agentPassword");
/** Milliseconds to aggregate consecutive consumer messages into one (the flag rolled out above). */
const messageDelay = config.getNumber("messageDelay") ?? 300;

const fleet = new le.BotDeployment("fleet", {
  botId,
  conversationType: "messaging",
  agents: {
    count: 3,
    loginNamePrefix: "fleet-bot",
    nickname: "Fleet Bot",
    email: "fleet-bot@example.com",
    credentials: { password: agentPassword },
  },
  skill: { name: "fleet-bot-skill", description: "Conversations for the fleet bot" },
  routing: { campaignName: "Fleet bot campaign", engagementName: "Message the fleet bot" },
  flags: { messageDelay, fallbackEscalationTime: 120_000, tileDisplay: "horizontal" },
  // The default, spelled out: replace connectors one at a time ("all-at-once" restarts them together).
  rollout: "rolling",
});

/** Login name, user id, status and failing components of each agent. */
export const agents = fleet.agents;
export const statuses = fleet.agents.apply((list) => list.map((a) => a.status));
export const skillId = fleet.skillId;
