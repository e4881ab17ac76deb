/**
 * The table of invalid programs and configurations (issue #8, "bad input"). Each case must be
 * refused at preview with a message naming `property`, and nothing may be created. The same table
 * drives the providers' `check` directly (test/integration/resources/bad-inputs.test.ts, in `npm test`) and the real
 * CLI's `pulumi preview` (test/reliability, the long script).
 */

/** A secret-looking value used by some cases: it must never show up in a message. */
export const BAD_INPUT_SECRET = "bi-Secret-Pa55word";

export const EXISTING_SKILL = "bi-existing-skill";
export const EXISTING_CAMPAIGN = "bi-existing-campaign";
/** Credentials inside a webhook URL: the password must never be printed. */
export const URL_PASSWORD = "Hook-Pa55-in-url";
const CREDENTIALED_URL = `https://hookuser:${URL_PASSWORD}@hooks.example.com/bot`;
export const EXISTING_LOGIN = "deployer-noprod"; // seeded by the emulator

export type ResourceType = "Skill" | "BotAgent" | "BotConnector" | "Campaign" | "Engagement";

export interface BadInput {
  id: string;
  /** What is wrong, for the closing table. */
  what: string;
  /** The message must contain this (the property path or config key). */
  property: string;
  /** One resource with literal inputs… */
  resource?: { type: ResourceType; inputs: Record<string, unknown> };
  /** …or a program body (JS, with `pulumi`, `le`, `config` in scope)… */
  program?: string;
  /** …plus stack configuration changes (null = remove the key) for this case. */
  config?: Record<string, string | null>;
  /** Only through the CLI (needs the engine: program-level or config-level). */
  cliOnly?: boolean;
  /** A secret value of this case that must not appear in any message. */
  secret?: string;
  /** A case of issue #16 ("preview tells the truth"): run by the e2e tier too, not only the long suite. */
  issue16?: boolean;
}

/**
 * Placeholders in `config` values, filled in by the runner: `{closedPort}` a loopback port nobody
 * listens on (an emulator that is not running), `{notDomainApiPort}` an HTTP server that is not a
 * LiveEngage Domain API, `{emulatorHost}` the emulator's host:port.
 */
export type ConfigVars = { closedPort: number; notDomainApiPort: number; emulatorHost: string };

/** The case's config with its placeholders filled in. */
export function configOf(c: BadInput, vars: ConfigVars): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(c.config ?? {})) {
    out[k] =
      v === null
        ? null
        : v
            .replace("{closedPort}", String(vars.closedPort))
            .replace("{notDomainApiPort}", String(vars.notDomainApiPort))
            .replace("{emulatorHost}", vars.emulatorHost);
  }
  return out;
}

/** What some cases refer to as already in the account. */
export async function seedExisting(le: {
  skills: { create(s: { name: string }): Promise<unknown> };
  campaigns: { create(c: { name: string; goalId: number }): Promise<unknown> };
  goals: { list(): Promise<{ id: number }[]> };
}): Promise<void> {
  await le.skills.create({ name: EXISTING_SKILL });
  const [goal] = await le.goals.list();
  await le.campaigns.create({ name: EXISTING_CAMPAIGN, goalId: goal!.id });
}

const agent = (over: Record<string, unknown> = {}) => ({
  loginName: "bi-agent",
  nickname: "bot",
  fullName: "Bot",
  email: "bot@example.com",
  password: BAD_INPUT_SECRET,
  ...over,
});
const connector = (over: Record<string, unknown> = {}, flags: Record<string, unknown> = {}) => ({
  botId: "demo-bot",
  agent: "bi-agent",
  conversationType: "messaging",
  ...over,
  flags: { lpPassword: BAD_INPUT_SECRET, ...flags },
});
const skill = (over: Record<string, unknown>) => ({ name: "bi-skill", ...over });

const deployment = (over: string) => `
new le.BotDeployment("dep", Object.assign({
  botId: "demo-bot", conversationType: "messaging",
  agents: { count: 2, loginNamePrefix: "bi-dep", email: "bot@example.com", credentials: { password: pulumi.secret(${JSON.stringify(BAD_INPUT_SECRET)}) } },
  skill: { name: "bi-dep-skill" },
}, ${over}));`;

export const BAD_INPUTS: BadInput[] = [
  // ---- Skill
  {
    id: "skill-unknown-property",
    what: "unknown property",
    property: "colour",
    resource: { type: "Skill", inputs: skill({ colour: "red" }) },
  },
  {
    id: "skill-typo",
    what: "misspelt property (suggestion)",
    property: "maxWaitTime",
    resource: { type: "Skill", inputs: skill({ maxWaitTim: 5 }) },
  },
  {
    id: "skill-wrong-type",
    what: "number given as string",
    property: "maxWaitTime",
    resource: { type: "Skill", inputs: skill({ maxWaitTime: "120" }) },
  },
  {
    id: "skill-negative-duration",
    what: "negative duration",
    property: "maxWaitTime",
    resource: { type: "Skill", inputs: skill({ maxWaitTime: -5 }) },
  },
  {
    id: "skill-fractional-duration",
    what: "fractional seconds",
    property: "wrapUpTime",
    resource: { type: "Skill", inputs: skill({ wrapUpTime: 1.5 }) },
  },
  { id: "skill-empty-name", what: "blank name", property: "name", resource: { type: "Skill", inputs: skill({ name: "   " }) } },
  {
    id: "skill-transfer-not-list",
    what: "list given as string",
    property: "skillTransferList",
    resource: { type: "Skill", inputs: skill({ skillTransferList: "123" }) },
  },
  {
    id: "skill-fallback-missing",
    what: "fallback skill that does not exist",
    property: "fallbackSkill",
    resource: { type: "Skill", inputs: skill({ fallbackSkill: "999999999" }) },
  },
  {
    id: "skill-name-taken",
    what: "skill name already used in the account",
    property: "name",
    resource: { type: "Skill", inputs: skill({ name: EXISTING_SKILL }) },
  },
  {
    id: "skill-duplicate-in-program",
    what: "two skills with one name",
    property: "name",
    cliOnly: true,
    program: `new le.Skill("a", { name: "bi-dup-skill" }); new le.Skill("b", { name: "bi-dup-skill" });`,
  },
  // ---- BotAgent
  {
    id: "agent-bad-email",
    what: "malformed email",
    property: "email",
    resource: { type: "BotAgent", inputs: agent({ email: "not-an-email" }) },
  },
  {
    id: "agent-login-space",
    what: "login name with a space",
    property: "loginName",
    resource: { type: "BotAgent", inputs: agent({ loginName: "bi agent" }) },
  },
  {
    id: "agent-short-password",
    what: "password too short (the engine used to echo it)",
    property: "password",
    secret: "Sh0rt!",
    resource: { type: "BotAgent", inputs: agent({ password: "Sh0rt!" }) },
  },
  {
    id: "agent-both-login-methods",
    what: "password and app key",
    property: "allowedAppKey",
    resource: { type: "BotAgent", inputs: agent({ allowedAppKey: "key" }) },
  },
  {
    id: "agent-no-login-method",
    what: "no password, no app key",
    property: "password",
    resource: { type: "BotAgent", inputs: agent({ password: undefined }) },
  },
  { id: "agent-bad-role", what: "unknown role", property: "role", resource: { type: "BotAgent", inputs: agent({ role: "BOSS" }) } },
  {
    id: "agent-negative-chats",
    what: "negative concurrency",
    property: "maxAsyncChats",
    resource: { type: "BotAgent", inputs: agent({ maxAsyncChats: -1 }) },
  },
  {
    id: "agent-enabled-string",
    what: "boolean given as string",
    property: "enabled",
    resource: { type: "BotAgent", inputs: agent({ enabled: "yes" }) },
  },
  {
    id: "agent-skill-ids-numbers",
    what: "ids given as numbers",
    property: "skillIds",
    resource: { type: "BotAgent", inputs: agent({ skillIds: [123] }) },
  },
  {
    id: "agent-login-taken",
    what: "login name already used in the account",
    property: "loginName",
    resource: { type: "BotAgent", inputs: agent({ loginName: EXISTING_LOGIN }) },
  },
  {
    id: "agent-duplicate-in-program",
    what: "duplicate login names",
    property: "loginName",
    cliOnly: true,
    program: `for (const n of ["a", "b"]) new le.BotAgent(n, { loginName: "bi-dup-agent", nickname: "bot", fullName: "Bot " + n, email: n + "@example.com", password: pulumi.secret(${JSON.stringify(BAD_INPUT_SECRET)}) });`,
  },
  // ---- BotConnector
  {
    id: "conn-unknown-flag",
    what: "unknown flag",
    property: "flags.messageDelayy",
    resource: { type: "BotConnector", inputs: connector({}, { messageDelayy: 5 }) },
  },
  {
    id: "conn-negative-duration",
    what: "negative duration",
    property: "flags.messageDelay",
    resource: { type: "BotConnector", inputs: connector({}, { messageDelay: -300 }) },
  },
  {
    id: "conn-flag-wrong-type",
    what: "number flag given as string",
    property: "flags.messageDelay",
    resource: { type: "BotConnector", inputs: connector({}, { messageDelay: "300" }) },
  },
  {
    id: "conn-messaging-flag-on-chat",
    what: "messaging-only flag on chat",
    property: "flags.messageDelay",
    resource: { type: "BotConnector", inputs: connector({ conversationType: "chat" }, { messageDelay: 300 }) },
  },
  {
    id: "conn-tile-on-chat",
    what: "messaging-only flag on chat",
    property: "flags.tileDisplay",
    resource: { type: "BotConnector", inputs: connector({ conversationType: "chat" }, { tileDisplay: "horizontal" }) },
  },
  {
    id: "conn-webhook-malformed",
    what: "malformed URL",
    property: "externalWebhookUrl",
    resource: { type: "BotConnector", inputs: connector({ externalWebhookUrl: "not a url" }) },
  },
  {
    id: "conn-webhook-plain-http",
    what: "plain-http URL to a remote host",
    property: "externalWebhookUrl",
    resource: { type: "BotConnector", inputs: connector({ externalWebhookUrl: "http://hooks.example.com/bot" }) },
  },
  {
    id: "conn-bad-enum",
    what: "value outside the enum",
    property: "flags.tileDisplay",
    resource: { type: "BotConnector", inputs: connector({}, { tileDisplay: "diagonal" }) },
  },
  {
    id: "conn-unsupported-flag",
    what: "flag supported nowhere",
    property: "flags.useRedis",
    resource: { type: "BotConnector", inputs: connector({}, { useRedis: "REDIS" }) },
  },
  {
    id: "conn-managed-flag",
    what: "flag set by the provider",
    property: "flags.lpAccountUser",
    resource: { type: "BotConnector", inputs: connector({}, { lpAccountUser: "x" }) },
  },
  {
    id: "conn-bad-environment",
    what: "unknown environment",
    property: "environment",
    resource: { type: "BotConnector", inputs: connector({ environment: "staging" }) },
  },
  {
    id: "conn-bad-conversation-type",
    what: "unknown conversation type",
    property: "conversationType",
    resource: { type: "BotConnector", inputs: connector({ conversationType: "sms" }) },
  },
  {
    id: "conn-no-credential",
    what: "no login flag",
    property: "flags.lpPassword",
    resource: { type: "BotConnector", inputs: { ...connector(), flags: {} } },
  },
  {
    id: "conn-partial-app-key",
    what: "incomplete app-key quadruple",
    property: "flags.lpAppSecret",
    resource: { type: "BotConnector", inputs: { ...connector(), flags: { lpAppKey: "k" } } },
  },
  {
    id: "conn-zero-timeout",
    what: "zero timeout",
    property: "connectTimeoutSeconds",
    resource: { type: "BotConnector", inputs: connector({ connectTimeoutSeconds: 0 }) },
  },
  {
    id: "conn-fractional-interval",
    what: "fractional milliseconds",
    property: "flags.retryMessageInterval",
    resource: { type: "BotConnector", inputs: connector({}, { retryMessageInterval: 1.5 }) },
  },
  {
    id: "conn-zero-resends",
    what: "zero tries",
    property: "flags.messageResendMaxRetries",
    resource: { type: "BotConnector", inputs: connector({}, { messageResendMaxRetries: 0 }) },
  },
  {
    id: "conn-custom-shadows-flag",
    what: "table flag in customConfigurations",
    property: "customConfigurations.messageDelay",
    resource: { type: "BotConnector", inputs: connector({ customConfigurations: { messageDelay: "10" } }) },
  },
  {
    id: "conn-custom-non-string",
    what: "non-string custom configuration",
    property: "customConfigurations.x",
    resource: { type: "BotConnector", inputs: connector({ customConfigurations: { x: 5 } }) },
  },
  {
    id: "conn-fallback-missing",
    what: "fallback skill that does not exist",
    property: "fallbackSkillId",
    resource: { type: "BotConnector", inputs: connector({ fallbackSkillId: "999999999" }) },
  },
  {
    id: "conn-production-no-privilege",
    what: "Production without the privilege",
    property: "environment",
    resource: { type: "BotConnector", inputs: connector({ environment: "production" }) },
    config: { "liveengage:username": "deployer-noprod", "liveengage:password": "noprod-password" },
  },
  // ---- Campaign / Engagement
  { id: "campaign-empty-name", what: "blank name", property: "name", resource: { type: "Campaign", inputs: { name: "" } } },
  {
    id: "campaign-published-string",
    what: "boolean given as string",
    property: "published",
    resource: { type: "Campaign", inputs: { name: "bi-c", published: "yes" } },
  },
  {
    id: "engagement-bad-channel",
    what: "unknown channel",
    property: "channel",
    resource: { type: "Engagement", inputs: { campaignId: "1", name: "e", skillId: "1", channel: "sms" } },
  },
  {
    id: "engagement-missing-skill",
    what: "required property missing",
    property: "skillId",
    resource: { type: "Engagement", inputs: { campaignId: "1", name: "e" } },
  },
  // ---- BotDeployment (component: validated when the program runs)
  {
    id: "deploy-one-agent",
    what: "one agent (no failover)",
    property: "agents.count",
    cliOnly: true,
    program: deployment(
      `{ agents: { count: 1, loginNamePrefix: "bi-one", email: "b@example.com", credentials: { password: "x-long-password" } } }`,
    ),
  },
  {
    id: "deploy-bad-email",
    what: "malformed email",
    property: "agents.email",
    cliOnly: true,
    program: deployment(`{ agents: { count: 2, loginNamePrefix: "bi-e", email: "nope", credentials: { password: "x-long-password" } } }`),
  },
  {
    id: "deploy-skill-both",
    what: "skill name and existing id",
    property: "skill",
    cliOnly: true,
    program: deployment(`{ skill: { name: "x", existingSkillId: "1" } }`),
  },
  {
    id: "deploy-bad-rollout",
    what: "unknown rollout",
    property: "rollout",
    cliOnly: true,
    program: deployment(`{ rollout: "sometimes" }`),
  },
  {
    id: "deploy-messaging-flag-on-chat",
    what: "messaging-only flag on chat",
    property: "flags.messageDelay",
    cliOnly: true,
    program: deployment(`{ conversationType: "chat", flags: { messageDelay: 300 } }`),
  },
  {
    id: "deploy-duplicate-login-names",
    what: "duplicate login names (two deployments, one prefix)",
    property: "loginName",
    cliOnly: true,
    program: `${deployment("{}")}\n${deployment("{}").replace('"dep"', '"dep2"').replace('"bi-dep-skill"', '"bi-dep-skill-2"')}`,
  },
  // ---- Configuration
  {
    id: "cfg-missing-password",
    what: "missing credentials",
    property: "liveengage:password",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:password": null },
  },
  {
    id: "cfg-wrong-password",
    what: "wrong credentials",
    property: "liveengage:password",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:password": "wrong-password" },
  },
  {
    id: "cfg-unknown-account",
    what: "unknown account",
    property: "liveengage:accountId",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:accountId": "99999999" },
  },
  {
    id: "cfg-malformed-csds-url",
    what: "malformed URL (plain http to a remote Domain API)",
    property: "liveengage:csdsDomain",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:csdsDomain": "http://api.example.com" },
  },
  {
    id: "cfg-wrong-type",
    what: "config value of the wrong type",
    property: "messageDelay",
    cliOnly: true,
    program: `const d = config.requireNumber("messageDelay"); new le.Skill("s", { name: "bi-skill", maxWaitTime: d });`,
    config: { messageDelay: "soon" },
  },
  // ---- Issue #16: everything the account can refuse and preview can know
  {
    id: "cfg-csds-wrong-port",
    issue16: true,
    what: "csdsDomain with a port nobody listens on (emulator not running)",
    property: "liveengage:csdsDomain",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:csdsDomain": "127.0.0.1:{closedPort}" },
  },
  {
    id: "cfg-csds-misspelt-host",
    issue16: true,
    what: "csdsDomain with a misspelt host",
    property: "liveengage:csdsDomain",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:csdsDomain": "api.liveprson.invalid" },
  },
  {
    id: "cfg-csds-malformed",
    issue16: true,
    what: "csdsDomain 127.0.0.1:notaport (was a raw TypeError)",
    property: "liveengage:csdsDomain",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:csdsDomain": "127.0.0.1:notaport" },
  },
  {
    id: "cfg-csds-not-domain-api",
    issue16: true,
    what: "csdsDomain of an HTTP server that is not a Domain API",
    property: "liveengage:csdsDomain",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:csdsDomain": "127.0.0.1:{notDomainApiPort}" },
  },
  {
    id: "cfg-csds-with-path",
    issue16: true,
    what: "csdsDomain with a path",
    property: "liveengage:csdsDomain",
    resource: { type: "Skill", inputs: skill({}) },
    config: { "liveengage:csdsDomain": "{emulatorHost}/api" },
  },
  {
    id: "deploy-csds-unreachable",
    issue16: true,
    what: "a whole deployment with an unreachable csdsDomain (was: preview passed after 2.5 min)",
    property: "liveengage:csdsDomain",
    cliOnly: true,
    program: deployment(`{ routing: { campaignName: "bi-c", engagementName: "bi-e" } }`),
    config: { "liveengage:csdsDomain": "127.0.0.1:{closedPort}" },
  },
  {
    id: "conn-bot-missing",
    issue16: true,
    what: "bot the account does not have (was BOT_NOT_FOUND in up)",
    property: "botId",
    resource: { type: "BotConnector", inputs: connector({ botId: "no-such-bot" }) },
  },
  {
    id: "conn-fallback-skill-name",
    issue16: true,
    what: "fallbackSkillId given as a skill name",
    property: "fallbackSkillId",
    resource: { type: "BotConnector", inputs: connector({ fallbackSkillId: "Support" }) },
  },
  {
    id: "conn-webhook-credentials",
    issue16: true,
    what: "webhook URL carrying credentials",
    property: "externalWebhookUrl",
    secret: URL_PASSWORD,
    resource: { type: "BotConnector", inputs: connector({ externalWebhookUrl: CREDENTIALED_URL }) },
  },
  {
    id: "skill-fallback-name",
    issue16: true,
    what: "fallbackSkill given as a skill name",
    property: "fallbackSkill",
    resource: { type: "Skill", inputs: skill({ fallbackSkill: "Support" }) },
  },
  {
    id: "skill-name-too-long",
    issue16: true,
    what: "600-character skill name (LiveEngage: 255)",
    property: "name",
    resource: { type: "Skill", inputs: skill({ name: "s".repeat(600) }) },
  },
  {
    id: "skill-transfer-missing",
    issue16: true,
    what: "transfer to a skill that does not exist",
    property: "skillTransferList",
    resource: { type: "Skill", inputs: skill({ skillTransferList: ["999999999"] }) },
  },
  {
    id: "agent-skill-missing",
    issue16: true,
    what: "agent holding a skill that does not exist",
    property: "skillIds",
    resource: { type: "BotAgent", inputs: agent({ skillIds: ["999999999"] }) },
  },
  {
    id: "agent-skill-name",
    issue16: true,
    what: "skill given by name",
    property: "skillIds",
    resource: { type: "BotAgent", inputs: agent({ skillIds: ["Support"] }) },
  },
  {
    id: "agent-login-too-long",
    issue16: true,
    what: "300-character login name",
    property: "loginName",
    resource: { type: "BotAgent", inputs: agent({ loginName: "a".repeat(300) }) },
  },
  {
    id: "campaign-name-taken",
    issue16: true,
    what: "campaign name already used in the account (was refused in up, after 6 objects)",
    property: "name",
    resource: { type: "Campaign", inputs: { name: EXISTING_CAMPAIGN } },
  },
  {
    id: "campaign-name-too-long",
    issue16: true,
    what: "256-character campaign name",
    property: "name",
    resource: { type: "Campaign", inputs: { name: "c".repeat(256) } },
  },
  {
    id: "engagement-campaign-missing",
    issue16: true,
    what: "campaign that does not exist",
    property: "campaignId",
    resource: { type: "Engagement", inputs: { campaignId: "999999999", name: "e", skillId: "999999999" } },
  },
  {
    id: "engagement-skill-name",
    issue16: true,
    what: "skill given by name",
    property: "skillId",
    resource: { type: "Engagement", inputs: { campaignId: "1", name: "e", skillId: "Support" } },
  },
  {
    id: "deploy-bot-missing",
    issue16: true,
    what: "bot the account does not have",
    property: "botId",
    cliOnly: true,
    program: deployment(`{ botId: "no-such-bot" }`),
  },
  {
    id: "deploy-fallback-skill-name",
    issue16: true,
    what: "fallbackSkillId given as a skill name",
    property: "fallbackSkillId",
    cliOnly: true,
    program: deployment(`{ fallbackSkillId: "Support" }`),
  },
  {
    id: "deploy-existing-skill-missing",
    issue16: true,
    what: "existingSkillId of no skill (was a wire path)",
    property: "skill.existingSkillId",
    cliOnly: true,
    program: deployment(`{ skill: { existingSkillId: "999999999" } }`),
  },
  {
    id: "deploy-existing-skill-name",
    issue16: true,
    what: "existingSkillId given as a skill name",
    property: "skill.existingSkillId",
    cliOnly: true,
    program: deployment(`{ skill: { existingSkillId: "Support" } }`),
  },
  {
    id: "deploy-campaign-taken",
    issue16: true,
    what: "campaign name already used in the account",
    property: "routing.campaignName",
    cliOnly: true,
    program: deployment(`{ routing: { campaignName: ${JSON.stringify(EXISTING_CAMPAIGN)}, engagementName: "bi-e" } }`),
  },
  {
    id: "deploy-skill-name-too-long",
    issue16: true,
    what: "600-character skill name",
    property: "skill.name",
    cliOnly: true,
    program: deployment(`{ skill: { name: "s".repeat(600) } }`),
  },
  {
    id: "deploy-chat-messaging-engagement",
    issue16: true,
    what: "chat bot routed by a messaging engagement",
    property: "routing.channel",
    cliOnly: true,
    program: deployment(`{ conversationType: "chat", routing: { campaignName: "bi-c", engagementName: "bi-e", channel: "messaging" } }`),
  },
  {
    id: "deploy-count-101",
    issue16: true,
    what: "agents.count: 101",
    property: "agents.count",
    cliOnly: true,
    program: deployment(
      `{ agents: { count: 101, loginNamePrefix: "bi-many", email: "b@example.com", credentials: { password: pulumi.secret(${JSON.stringify(BAD_INPUT_SECRET)}) } } }`,
    ),
  },
  {
    id: "deploy-lppassword-flag",
    issue16: true,
    what: "flags.lpPassword in a BotDeployment (was silently dropped)",
    property: "flags.lpPassword",
    cliOnly: true,
    program: deployment(`{ flags: { lpPassword: pulumi.secret(${JSON.stringify(BAD_INPUT_SECRET)}) } }`),
  },
  {
    id: "deploy-webhook-credentials",
    issue16: true,
    what: "webhook URL carrying credentials",
    property: "externalWebhookUrl",
    secret: URL_PASSWORD,
    cliOnly: true,
    program: deployment(`{ externalWebhookUrl: ${JSON.stringify(CREDENTIALED_URL)} }`),
  },
  {
    id: "deploy-unknown-argument",
    issue16: true,
    what: "misspelt argument (was ignored)",
    property: "fallbackSkillId",
    cliOnly: true,
    program: deployment(`{ fallbackSkilId: "1" }`),
  },
];

/**
 * What the config placeholders point at, started for one run: a closed loopback port and an HTTP
 * server that answers everything with a plain 404 page (a web server, not a Domain API).
 */
export async function startConfigTargets(emulatorHost: string): Promise<{ vars: ConfigVars; close(): Promise<void> }> {
  const http = await import("node:http");
  const net = await import("node:net");
  const listen = (server: import("node:net").Server) =>
    new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as import("node:net").AddressInfo).port)),
    );
  const probe = net.createServer();
  const closedPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const web = http.createServer((_req, res) => {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<h1>Not Found</h1>");
  });
  const notDomainApiPort = await listen(web);
  return {
    vars: { closedPort, notDomainApiPort, emulatorHost },
    close: () =>
      new Promise<void>((resolve) => {
        web.closeAllConnections();
        web.close(() => resolve());
      }),
  };
}
