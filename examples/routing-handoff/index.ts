/**
 * Routing hand-off: a routing bot greets every conversation and transfers it to a specialist bot's
 * skill. The specialist's connectors set skipAgentMessage, so the specialist bot starts from the
 * consumer's last message instead of the routing bot's transfer message.
 *
 *   engagement ─▶ skill "support-routing" ─▶ routing bot (2 agents)
 *                          │ transfer
 *                          ▼
 *               skill "billing-specialist" ─▶ specialist bot (2 agents, skipAgentMessage: true)
 */
import * as pulumi from "@pulumi/pulumi";
import * as le from "pulumi-liveengage";

const config = new pulumi.Config();
/** The routing bot ("demo-bot" is the emulator's). */
const routingBotId = config.get("routingBotId") ?? "demo-bot";
/** The specialist bot (on the emulator, seed "specialist-bot" first: see README.md). */
const specialistBotId = config.get("specialistBotId") ?? "specialist-bot";
const agentPassword = config.requireSecret("agentPassword");

const specialistSkill = new le.Skill("specialist-skill", {
  name: "billing-specialist",
  description: "Billing questions, handed over by the routing bot",
});
const routingSkill = new le.Skill("routing-skill", {
  name: "support-routing",
  description: "Every support conversation starts here",
  // The routing bot may transfer only to the specialist.
  skillTransferList: specialistSkill.id.apply((id) => [id]),
});

const router = new le.BotDeployment("router", {
  botId: routingBotId,
  conversationType: "messaging",
  agents: {
    count: 2,
    loginNamePrefix: "routing-bot",
    nickname: "Support",
    email: "routing-bot@example.com",
    credentials: { password: agentPassword },
  },
  skill: { existingSkillId: routingSkill.id },
  routing: { campaignName: "Support", engagementName: "Message support" },
  flags: { defaultGreetingMessage: "hi" },
});

const specialist = new le.BotDeployment("specialist", {
  botId: specialistBotId,
  conversationType: "messaging",
  agents: {
    count: 2,
    loginNamePrefix: "billing-bot",
    nickname: "Billing",
    email: "billing-bot@example.com",
    credentials: { password: agentPassword },
  },
  skill: { existingSkillId: specialistSkill.id },
  // Ignore the routing bot's transfer message: the specialist sees the consumer's last message first.
  flags: { skipAgentMessage: true },
});

export const routingAgents = router.agents;
export const specialistAgents = specialist.agents;
export const statuses = pulumi
  .all([router.agents, specialist.agents])
  .apply(([r, s]) => [...r, ...s].map((a) => `${a.loginName}: ${a.status}`));
export const engagementId = router.engagementId;
