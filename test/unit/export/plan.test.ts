/** The export planner on hand-written snapshots: grouping, selection, references, drift, secrets. */
import type { Campaign, Engagement, Skill, User } from "../../../sdk/src/client";
import { render } from "../../../sdk/src/export/code";
import { majority, namePattern, planExport, type Declaration, type ExportPlan } from "../../../sdk/src/export/plan";
import { renderIndex } from "../../../sdk/src/export/render";
import type { AccountSnapshot, SnapshotConnector } from "../../../sdk/src/export/snapshot";

const skill = (id: number, name: string, extra: Partial<Skill> = {}): Skill => ({
  id,
  name,
  maxWaitTime: 120,
  canTransfer: true,
  fallbackWhenAllAgentsAreAway: true,
  ...extra,
});
const user = (id: number, loginName: string, skillIds: number[], extra: Partial<User> = {}): User => ({
  id,
  loginName,
  fullName: `${loginName} full`,
  nickname: "Bot",
  email: `${loginName}@example.com`,
  isEnabled: true,
  maxChats: -1,
  skillIds,
  profileIds: [1002],
  userTypeId: 2,
  ...extra,
});
const connector = (botId: string, u: User, cfg: Record<string, string> = {}, type = "messaging"): SnapshotConnector => ({
  lpAccountId: "1",
  lpAccountUser: u.loginName,
  lpUserId: String(u.id),
  botId,
  type,
  deploymentEnvironment: "STAGING",
  running: true,
  configurations: {
    lpAccountId: "1",
    lpAccountUser: u.loginName,
    lpUserRole: "ASSIGNED_AGENT",
    enableAccessibility: "true",
    lpPassword: "********",
    ...cfg,
  },
});

function snapshot(parts: {
  skills?: Skill[];
  users?: User[];
  campaigns?: [Campaign, Engagement[]][];
  bots?: [string, SnapshotConnector[]][];
}): AccountSnapshot {
  return {
    accountId: "1",
    skills: parts.skills ?? [],
    users: parts.users ?? [],
    profiles: [
      { id: 1001, name: "Administrator", roleTypeId: 1 },
      { id: 1002, name: "Agent", roleTypeId: 2 },
      { id: 1003, name: "Agent Manager", roleTypeId: 3 },
    ],
    goals: [
      { id: 1101, name: "Interact" },
      { id: 1102, name: "Sell" },
    ],
    campaigns: (parts.campaigns ?? []).map(([c]) => c),
    engagements: new Map((parts.campaigns ?? []).map(([c, e]) => [c.id, e])),
    bots: (parts.bots ?? []).map(([id]) => ({ id, name: `${id} bot`, chatBotType: undefined })),
    connectors: new Map(parts.bots ?? []),
  };
}

const decl = (plan: ExportPlan, kind: Declaration["kind"]) => plan.declarations.filter((d) => d.kind === kind);
const code = (d: Declaration) => render(d.args);

describe("planExport", () => {
  const s1 = skill(11, "support");
  const a = user(21, "a-bot", [11]);
  const b = user(22, "b-bot", [11]);
  const c = user(23, "c-bot", [11]);

  it("declares a lone connector as a plain BotAgent and BotConnector, by reference", async () => {
    const plan = await planExport(
      snapshot({ skills: [s1], users: [a], bots: [["solo", [connector("solo", a, { fallbackSkillId: "11" })]]] }),
    );
    expect(plan.counts).toMatchObject({ BotAgent: 1, BotConnector: 1, BotDeployment: 0 });
    const text = code(decl(plan, "BotConnector")[0]);
    expect(text).toContain("agent: aBotAgent.loginName");
    expect(text).toContain("agentUserId: aBotAgent.userId");
    expect(text).toContain("fallbackSkillId: supportSkill.id");
    expect(text).toContain('lpPassword: config.requireSecret("aBotPassword")');
    expect(plan.secrets).toEqual([{ key: "aBotPassword", what: "password of bot agent a-bot" }]);
  });

  it("declares the majority value of duplicates and names every divergent agent", async () => {
    const plan = await planExport(
      snapshot({
        skills: [s1],
        users: [a, b, c],
        bots: [
          [
            "dup",
            [
              connector("dup", a, { messageDelay: "700", tileDisplay: "horizontal" }),
              connector("dup", b, { messageDelay: "700" }),
              connector("dup", c, { messageDelay: "100", tileDisplay: "horizontal" }),
            ],
          ],
        ],
      }),
    );
    expect(plan.drift).toEqual([
      { bot: "dup bot", deployment: "dup-bot", key: "messageDelay", declared: "700", divergent: [{ agent: "c-bot", value: "100" }] },
      {
        bot: "dup bot",
        deployment: "dup-bot",
        key: "tileDisplay",
        declared: "horizontal",
        divergent: [{ agent: "b-bot", value: "(unset)" }],
      },
    ]);
    const d = decl(plan, "BotDeployment")[0];
    expect(code(d)).toContain('flags: { messageDelay: 700, tileDisplay: "horizontal" }');
    expect(d.comment).toContain("  messageDelay: 700 declared; c-bot had 100");
  });

  it("exports only the asked bots and what they need: their skills (and those skills' fallbacks), the engagements routing there", async () => {
    const other = skill(12, "other");
    const esc = skill(13, "escalation");
    const s = skill(11, "support", { fallbackSkill: 13 });
    const camp: Campaign = { id: 31, name: "Care", goalId: 1101, status: 1 };
    const plan = await planExport(
      snapshot({
        skills: [s, other, esc],
        users: [a, b, user(24, "z-bot", [12])],
        campaigns: [
          [
            camp,
            [
              { id: 41, name: "To support", skillId: 11, conversationType: 1 },
              { id: 42, name: "To other", skillId: 12 },
            ],
          ],
        ],
        bots: [
          ["mine", [connector("mine", a), connector("mine", b)]],
          ["theirs", [connector("theirs", user(24, "z-bot", [12]))]],
        ],
      }),
      { bots: ["mine"] },
    );
    expect(decl(plan, "Skill").map((d) => d.resourceName)).toEqual(["escalation", "support"]);
    expect(decl(plan, "Engagement").map((d) => d.resourceName)).toEqual(["to-support"]);
    expect(plan.counts).toMatchObject({ BotDeployment: 1, BotAgent: 0, bots: 1 });
    expect(plan.notes).toEqual([expect.stringContaining('campaign "Care": 1 of its 2 engagements are not exported')]);
  });

  it("filters by name, but keeps what an exported object refers to", async () => {
    const esc = skill(13, "escalation");
    const s = skill(11, "support", { fallbackSkill: 13 });
    const plan = await planExport(snapshot({ skills: [s, esc, skill(14, "legacy")] }), { exclude: /^(legacy|escalation)$/ });
    expect(decl(plan, "Skill").map((d) => d.resourceName)).toEqual(["escalation", "support"]);
    const only = await planExport(snapshot({ skills: [s, esc, skill(14, "legacy")] }), { include: /^leg/ });
    expect(decl(only, "Skill").map((d) => d.resourceName)).toEqual(["legacy"]);
  });

  it("declares connectors one by one when the agents log in differently, and says why", async () => {
    const apiUser = user(22, "b-bot", [11], { isApiUser: true, allowedAppKeys: "key-1" });
    const plan = await planExport(
      snapshot({
        skills: [s1],
        users: [a, apiUser],
        bots: [
          [
            "mixed",
            [
              connector("mixed", a),
              connector("mixed", apiUser, {
                lpAppKey: "key-1",
                lpAccessToken: "tok",
                lpAppSecret: "********",
                lpAccessTokenSecret: "********",
                lpPassword: "",
              }),
            ],
          ],
        ],
      }),
    );
    expect(plan.counts).toMatchObject({ BotDeployment: 0, BotAgent: 2, BotConnector: 2 });
    expect(plan.notes[0]).toMatch(/log in differently/);
    const text = code(decl(plan, "BotConnector")[1]);
    expect(text).toContain('lpAppKey: "key-1"');
    expect(text).toContain('lpAppSecret: config.requireSecret("bBotLpAppSecret")');
    expect(code(decl(plan, "BotAgent")[1])).toContain('allowedAppKey: "key-1"');
    expect(code(decl(plan, "BotAgent")[1])).not.toContain("password");
  });

  it("never writes a secret flag's value: a config key instead", async () => {
    const plan = await planExport(
      snapshot({
        skills: [s1],
        users: [a, b],
        bots: [
          [
            "hook",
            [connector("hook", a, { externalWebhookAPIKey: "********" }), connector("hook", b, { externalWebhookAPIKey: "********" })],
          ],
        ],
      }),
    );
    expect(code(decl(plan, "BotDeployment")[0])).toContain('externalWebhookAPIKey: config.requireSecret("hookBotExternalWebhookAPIKey")');
  });

  it("cuts a cycle of skill fallbacks with a config read, and keeps a campaign's non-default goal as config", async () => {
    const plan = await planExport(
      snapshot({
        skills: [skill(11, "one", { fallbackSkill: 12 }), skill(12, "two", { fallbackSkill: 11 })],
        campaigns: [[{ id: 31, name: "Sales", goalId: 1102, status: 0 }, []]],
      }),
    );
    expect(decl(plan, "Skill").map(code).join("\n")).toMatch(/fallbackSkill: config\.get\("\w+"\) \?\? "1[12]"/);
    expect(code(decl(plan, "Campaign")[0])).toContain('goalId: config.get("salesGoalId") ?? "1102"');
    expect(code(decl(plan, "Campaign")[0])).toContain("published: false");
  });

  it("renders a program with its imports and the bots' outputs", async () => {
    const plan = await planExport(
      snapshot({ skills: [s1], users: [a, b], bots: [["pair", [connector("pair", a), connector("pair", b)]]] }),
    );
    const index = renderIndex(plan, { projectName: "p", packageSpec: "x", pulumiSpec: "y", command: "liveengage export" });
    expect(index).toContain('import { BotDeployment, Skill } from "pulumi-liveengage";');
    expect(index).toContain('"pair-bot": { agents: pairBot.agents, drift: pairBot.drift }');
  });
});

describe("majority and namePattern", () => {
  it("prefers the most frequent value, the first one on a tie", () => {
    expect(majority([1, 2, 2])).toEqual({ value: 2, divergent: [0] });
    expect(majority(["x", "y"])).toEqual({ value: "x", divergent: [1] });
    expect(majority([undefined, 3, undefined])).toEqual({ value: undefined, divergent: [1] });
  });

  it("recognises agents that follow BotDeployment's template", async () => {
    const agents = [1, 2].map((n) => ({ loginName: `s-${n}`, fullName: `S ${n}`, email: `s+${n}@x.io` }));
    expect(namePattern(agents)).toEqual({ loginNamePrefix: "s", fullNamePrefix: "S", email: "s@x.io" });
    expect(namePattern([agents[1], agents[0]])).toBeUndefined();
    expect(namePattern([{ loginName: "alice", fullName: "A", email: "a@x.io" }])).toBeUndefined();
  });
});
