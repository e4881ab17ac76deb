/**
 * An account set up by hand, the way the seed page says people do it: objects made one by one
 * through the API (raw HTTP for Account Config, so they carry fields no resource models), bots
 * added through /_emulator, connectors added and started through Conversation Builder.
 *
 *  - Support Bot: 3 messaging agents support-bot-1..3; support-bot-2's messageDelay was edited by
 *    hand (drift); a custom configuration key; escalation as fallback skill.
 *  - Chat Helper: a chat bot on 2 agents.
 *  - Night Owl: 2 agents with unrelated login names (alice-nights, owl-backup), sharing the
 *    support skill.
 *  - a spare bot user with no connector; a campaign with two engagements.
 */
import { createLiveEngageClient, type LiveEngageClient } from "../../sdk/src/client";
import type { RunningEmulator } from "../../sdk/src/emulator";
import { applyFlagDefaults, flagsToConfigurations, type FlagValues } from "../../sdk/src/model/flags";
import { call, VERSIONS } from "./emulator-http";
import type { AdminCall } from "./emulator-admin";
// Fields no resource models, set by hand on each kind of object: export + up must keep them.
import { UNMODELLED } from "./hand-made";

export { UNMODELLED };

export const BOTS = {
  support: { id: "support-bot-id", name: "Support Bot" },
  chat: { id: "chat-helper-id", name: "Chat Helper" },
  owl: { id: "night-owl-id", name: "Night Owl" },
} as const;

/** Every bot user's password, by login name (what `pulumi config set --secret` gets in the tests). */
export const PASSWORDS: Record<string, string> = {
  "support-bot-1": "support-one-pw",
  "support-bot-2": "support-two-pw",
  "support-bot-3": "support-three-pw",
  "chat-helper-a": "chat-a-password",
  "chat-helper-b": "chat-b-password",
  "alice-nights": "alice-password",
  "owl-backup": "owl-backup-pw",
  "spare-bot": "spare-bot-password",
};

export interface HandMadeAccount {
  accountId: string;
  le: LiveEngageClient;
  skills: Record<"support" | "chat" | "escalation", number>;
  users: Record<string, number>;
  campaignId: number;
  engagementIds: number[];
}

interface Login {
  username: string;
  password: string;
}

/** Builds the account; `accountId` defaults to the emulator's primary one. */
export async function buildHandMadeAccount(
  emu: RunningEmulator,
  admin: AdminCall,
  login: Login = emu.credentials,
  accountId = emu.accountId,
): Promise<HandMadeAccount> {
  await admin("POST", "/seed", { accounts: [{ accountId, bots: Object.values(BOTS).map((b) => ({ id: b.id, name: b.name })) }] });
  const r = await call(emu.url, "POST", `/api/account/${accountId}/login?v=1.3`, {
    body: { username: login.username, password: login.password },
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
  const bearer = r.body.bearer as string;
  const ac = async (collection: string, body: Record<string, unknown>, rest = "", v = VERSIONS[collection] ?? "3.4") => {
    const res = await call(emu.url, "POST", `/api/account/${accountId}/configuration/${collection}${rest}?v=${v}`, { body, bearer });
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${collection}: ${res.status} ${res.text}`);
    return res.body.id as number;
  };

  const escalation = await ac("le-users/skills", { name: "escalation", description: "humans take over", maxWaitTime: 300 });
  const support = await ac("le-users/skills", {
    name: "support",
    description: "first line",
    maxWaitTime: 90,
    fallbackSkill: escalation,
    ...UNMODELLED.skills,
  });
  const chat = await ac("le-users/skills", { name: "chat support", maxWaitTime: 120, wrapUpTime: 30, ...UNMODELLED.skills });

  const users: Record<string, number> = {};
  const user = async (loginName: string, fullName: string, nickname: string, email: string, skillIds: number[]) => {
    users[loginName] = await ac("le-users/users", {
      loginName,
      fullName,
      nickname,
      email,
      isEnabled: true,
      maxChats: -1,
      userTypeId: 2,
      passwordSh: PASSWORDS[loginName],
      profileIds: [1002],
      skillIds,
      memberOf: { agentGroupId: -1 },
      ...UNMODELLED.users,
    });
  };
  for (const n of [1, 2, 3]) await user(`support-bot-${n}`, `Support Bot ${n}`, "Support", `support+${n}@example.com`, [support]);
  await user("chat-helper-a", "Chat Helper A", "Helper", "chat.a@example.com", [chat]);
  await user("chat-helper-b", "Chat Helper B", "Helper", "chat.b@example.com", [chat]);
  await user("alice-nights", "Alice (nights)", "Owl", "alice@example.com", [support]);
  await user("owl-backup", "Owl backup", "Owl", "owl.backup@example.com", [support]);
  await user("spare-bot", "Spare bot", "Spare", "spare@example.com", [escalation]);

  const goal = (await call(emu.url, "GET", `/api/account/${accountId}/configuration/le-goals/goals?v=3.0`, { bearer })).body[0]
    .id as number;
  const campaignId = await ac("le-campaigns/campaigns", {
    name: "Customer care",
    description: "all bot entry points",
    goalId: goal,
    status: 1,
    ...UNMODELLED.campaigns,
  });
  const engagementIds = [
    await ac(
      "le-campaigns/campaigns",
      { name: "Message us", skillId: support, channel: 1, conversationType: 1, enabled: true, ...UNMODELLED.engagements },
      `/${campaignId}/engagements`,
    ),
    await ac(
      "le-campaigns/campaigns",
      { name: "Chat with us", skillId: chat, channel: 1, conversationType: 0, enabled: true, ...UNMODELLED.engagements },
      `/${campaignId}/engagements`,
    ),
  ];

  // Connectors through Conversation Builder, configured one by one as in the seed's warning.
  const le = createLiveEngageClient({ accountId, csdsDomain: emu.host, username: login.username, password: login.password });
  const connector = async (
    bot: { id: string },
    loginName: string,
    type: "messaging" | "chat",
    flags: FlagValues,
    custom: Record<string, string> = {},
  ) => {
    // As the UI writes it: every flag of the table with its default, the user's choices on top.
    const configurations = {
      ...flagsToConfigurations(applyFlagDefaults({ ...flags, lpUserRole: "ASSIGNED_AGENT", enableAccessibility: true }, type)),
      lpAccountId: accountId,
      lpAccountUser: loginName,
      lpPassword: PASSWORDS[loginName],
      ...custom,
    };
    const lpUserId = String(users[loginName]);
    await le.connectors.add(lpUserId, {
      deploymentEnvironment: "STAGING",
      type,
      lpAccountId: accountId,
      lpAccountUser: loginName,
      botId: bot.id,
      configurations,
    });
    await le.connectors.start(bot.id, loginName);
    return lpUserId;
  };
  const supportFlags: FlagValues = { messageDelay: 500, fallbackSkillId: String(escalation), fallbackEscalationTime: 60000 };
  const started: [string, string][] = [];
  for (const n of [1, 2, 3]) {
    const flags = n === 2 ? { ...supportFlags, messageDelay: 999 } : supportFlags;
    started.push([
      BOTS.support.id,
      await connector(BOTS.support, `support-bot-${n}`, "messaging", flags, { greetingTimeoutSeconds: "30" }),
    ]);
  }
  for (const l of ["chat-helper-a", "chat-helper-b"])
    started.push([BOTS.chat.id, await connector(BOTS.chat, l, "chat", { defaultGreetingMessage: "hello there" })]);
  for (const l of ["alice-nights", "owl-backup"])
    started.push([BOTS.owl.id, await connector(BOTS.owl, l, "messaging", { skipAgentMessage: true })]);
  for (const [botId, lpUserId] of started)
    await le.connectors.waitForStatus(botId, lpUserId, "CONNECTED", { timeoutMs: 30_000, intervalMs: 100 });

  return { accountId, le, skills: { support, chat, escalation }, users, campaignId, engagementIds };
}
