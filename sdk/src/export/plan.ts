/**
 * From an account snapshot to the program a person would write: which objects, grouped how, named
 * how, declared with which values. Pure: no I/O, so every rule here is unit-tested.
 *
 *  - a bot whose connectors form a failover set (2 or more agents, one conversation type, one login
 *    method) becomes one BotDeployment; any other connector a plain BotAgent + BotConnector;
 *  - skills, campaigns, engagements and unconnected bot users are plain resources;
 *  - every id of a managed object becomes a reference (`skill.id`); ids of what the program does
 *    not manage (bots, goals) become config reads defaulting to this account's ids;
 *  - where duplicate agents disagree, the value most of them have is declared, and the others
 *    are listed as drift (the first `pulumi up` restarts only them);
 *  - secrets become `config.requireSecret` keys, never values.
 */
import type { Bot, Campaign, Engagement, Skill, User } from "../client";
import { DEFAULT_ROLE } from "../model/roles";
import { applyFlagDefaults, type ConversationType, type FlagValues } from "../model/flags";
import { configWithDefault, Expr, identifier, NameBook, ref, secretConfig, slug, type Code } from "./code";
import type { AccountSnapshot, SnapshotConnector } from "./snapshot";
import {
  botAgentView,
  campaignView,
  CONNECTOR_SETTING_DEFAULTS,
  connectorView,
  engagementView,
  SECRET_SET,
  skillView,
  type ConnectorView,
} from "./views";

export interface ExportOptions {
  /** Only these bots (by id), and what they need. */
  bots?: string[];
  /** Only objects whose name matches. */
  include?: RegExp;
  /** Leave out objects whose name matches (unless something exported needs them). */
  exclude?: RegExp;
}

/** One `new X(...)` of the program. */
export interface Declaration {
  kind: "Skill" | "BotAgent" | "Campaign" | "Engagement" | "BotConnector" | "BotDeployment";
  variable: string;
  resourceName: string;
  args: Record<string, Code>;
  /** Comment lines above it. */
  comment?: string[];
  /** Statements it needs first (e.g. the agents' password list). */
  before?: string[];
}

export interface DriftFinding {
  bot: string;
  deployment: string;
  /** A flag, a connector setting ("environment") or "skillIds". */
  key: string;
  declared: string;
  /** The agents whose value differs, with it. */
  divergent: { agent: string; value: string }[];
}

export interface SecretKey {
  key: string;
  /** What it is: "password of bot agent support-1". */
  what: string;
}

export interface ConfigDefault {
  key: string;
  value: string;
  what: string;
}

export interface ExportPlan {
  accountId: string;
  declarations: Declaration[];
  /** Bot id config reads, declared at the top. */
  botIdConfigs: { variable: string; key: string; botId: string; botName: string }[];
  drift: DriftFinding[];
  secrets: SecretKey[];
  configDefaults: ConfigDefault[];
  notes: string[];
  counts: Record<Declaration["kind"], number> & { bots: number };
}

const BOT_USER_TYPE = 2;
const byName =
  <T>(name: (t: T) => string) =>
  (a: T, b: T) =>
    name(a).localeCompare(name(b), "en", { numeric: true, sensitivity: "base" });

/** Plans the program for a snapshot. */
export async function planExport(snap: AccountSnapshot, options: ExportOptions = {}): Promise<ExportPlan> {
  // The resources' own wire → input mappings (async in their specs), computed once up front.
  const views: Views = {
    skills: new Map(await Promise.all(snap.skills.map(async (s) => [s.id, await skillView(s)] as const))),
    // The goal the Campaign provider picks when none is declared is the account's first.
    campaigns: new Map(await Promise.all(snap.campaigns.map(async (c) => [c.id, await campaignView(c, snap.goals[0]?.id)] as const))),
    engagements: new Map(
      await Promise.all(
        [...snap.engagements].flatMap(([cid, list]) => list.map(async (e) => [e.id, await engagementView(e, cid)] as const)),
      ),
    ),
  };
  return new Planner(snap, options, views).plan();
}

interface Views {
  skills: Map<number, Record<string, unknown>>;
  campaigns: Map<number, Record<string, unknown>>;
  engagements: Map<number, Record<string, unknown>>;
}

class Planner {
  private readonly variables = new NameBook("");
  private readonly names = new Map<string, NameBook>();
  private readonly declarations: Declaration[] = [];
  private readonly notes: string[] = [];
  private readonly drift: DriftFinding[] = [];
  private readonly secrets: SecretKey[] = [];
  private readonly configDefaults: ConfigDefault[] = [];
  private readonly configKeys = new NameBook("");
  private readonly skillVar = new Map<number, string>();
  private readonly userById: Map<string, User>;
  private readonly skillById: Map<number, Skill>;
  private readonly botIdConfigs: ExportPlan["botIdConfigs"] = [];

  constructor(
    private readonly snap: AccountSnapshot,
    private readonly options: ExportOptions,
    private readonly views: Views,
  ) {
    this.userById = new Map(snap.users.map((u) => [String(u.id), u]));
    this.skillById = new Map(snap.skills.map((s) => [s.id, s]));
  }

  private wanted(name: string): boolean {
    if (this.options.include && !this.options.include.test(name)) return false;
    if (this.options.exclude && this.options.exclude.test(name)) return false;
    return true;
  }

  plan(): ExportPlan {
    const snap = this.snap;
    // 1. What to export: the bots asked for (or all), what their connectors log in as; then
    //    campaigns/engagements and skills, closed over what the chosen objects reference.
    const botIds = this.options.bots;
    for (const id of botIds ?? []) if (!snap.bots.some((b) => b.id === id)) this.notes.push(`bot ${id} was not found in the account`);
    const bots = snap.bots
      .filter((b) => (botIds ? botIds.includes(b.id) : true) && this.wanted(b.name ?? b.id))
      .filter((b) => (snap.connectors.get(b.id) ?? []).length > 0)
      .sort(byName((b) => b.name ?? b.id));
    const connectorUsers = new Set(bots.flatMap((b) => snap.connectors.get(b.id)!.map((c) => String(c.lpUserId))));
    const standaloneUsers = botIds
      ? []
      : snap.users
          .filter((u) => Number(u.userTypeId) === BOT_USER_TYPE && !connectorUsers.has(String(u.id)) && this.wanted(u.loginName))
          .sort(byName((u) => u.loginName));

    const skills = new Set<number>();
    if (!botIds) for (const s of snap.skills) if (this.wanted(s.name)) skills.add(s.id);
    const users = [...connectorUsers].map((id) => this.userById.get(id)).filter((u): u is User => u !== undefined);
    for (const u of [...users, ...standaloneUsers]) for (const s of u.skillIds ?? []) skills.add(Number(s));
    for (const b of bots)
      for (const c of snap.connectors.get(b.id)!) {
        const fb = connectorView(c).settings.fallbackSkillId;
        if (fb !== undefined) skills.add(Number(fb));
      }

    const campaigns: { campaign: Campaign; engagements: Engagement[] }[] = [];
    for (const c of [...snap.campaigns].sort(byName((x) => x.name))) {
      const all = snap.engagements.get(c.id) ?? [];
      const chosen = all.filter((e) =>
        botIds ? e.skillId !== null && e.skillId !== undefined && skills.has(Number(e.skillId)) : this.wanted(e.name),
      );
      if (botIds ? chosen.length === 0 : !this.wanted(c.name)) continue;
      if (chosen.length < all.length) {
        this.notes.push(
          `campaign "${c.name}": ${all.length - chosen.length} of its ${all.length} engagements are not exported, so \`pulumi destroy\` cannot delete the campaign`,
        );
      }
      campaigns.push({ campaign: c, engagements: chosen.sort(byName((e) => e.name)) });
      for (const e of chosen) if (e.skillId !== null && e.skillId !== undefined) skills.add(Number(e.skillId));
    }
    this.closeOverSkillReferences(skills);

    // 2. Declarations, dependencies first.
    this.declareSkills(skills);
    for (const u of standaloneUsers) this.declareAgent(u);
    for (const { campaign, engagements } of campaigns) this.declareCampaign(campaign, engagements);
    for (const b of bots) this.declareBot(b);

    const counts = { Skill: 0, BotAgent: 0, Campaign: 0, Engagement: 0, BotConnector: 0, BotDeployment: 0, bots: bots.length };
    for (const d of this.declarations) counts[d.kind]++;
    return {
      accountId: snap.accountId,
      declarations: this.declarations,
      botIdConfigs: this.botIdConfigs,
      drift: this.drift,
      secrets: this.secrets,
      configDefaults: this.configDefaults,
      notes: this.notes,
      counts,
    };
  }

  // ---- naming -------------------------------------------------------------------------------

  private claimNames(kind: Declaration["kind"], name: string, suffix: string): { variable: string; resourceName: string } {
    let book = this.names.get(kind);
    if (!book) this.names.set(kind, (book = new NameBook()));
    const resourceName = book.claim(slug(name));
    // "Support Bot" + "bot" reads supportBot, not supportBotBot.
    const named = !suffix || slug(name).endsWith(slug(suffix)) ? name : `${name} ${suffix}`;
    const variable = this.variables.claim(identifier(named));
    return { variable, resourceName };
  }

  private configKey(wanted: string): string {
    return this.configKeys.claim(identifier(wanted));
  }

  private secret(wanted: string, what: string): Expr {
    const key = this.configKey(wanted);
    this.secrets.push({ key, what });
    return secretConfig(key);
  }

  private skillRef(id: string | number, what: string): Code {
    const variable = this.skillVar.get(Number(id));
    if (variable) return ref(variable);
    // A dangling id (the skill is gone): kept as config, so the program still says what it is.
    const key = this.configKey(`${what} skill id`);
    this.configDefaults.push({ key, value: String(id), what: `${what}: skill ${id}, which does not exist in the account` });
    this.notes.push(`${what} refers to skill ${id}, which does not exist in the account; it is config key ${key}`);
    return configWithDefault(key, String(id));
  }

  // ---- skills -------------------------------------------------------------------------------

  private closeOverSkillReferences(skills: Set<number>): void {
    const queue = [...skills];
    while (queue.length) {
      const s = this.skillById.get(queue.pop()!);
      if (!s) continue;
      for (const next of [s.fallbackSkill, ...(s.skillTransferList ?? [])]) {
        if (next === null || next === undefined || skills.has(Number(next)) || !this.skillById.has(Number(next))) continue;
        skills.add(Number(next));
        queue.push(Number(next));
      }
    }
    for (const id of skills) if (!this.skillById.has(id)) skills.delete(id);
  }

  /** Skills in dependency order (fallback and transfer targets first), by name otherwise. */
  private declareSkills(ids: Set<number>): void {
    const skills = [...ids].map((id) => this.skillById.get(id)!).sort(byName((s) => s.name));
    const placed = new Set<number>();
    const visiting = new Set<number>();
    const visit = (s: Skill) => {
      if (placed.has(s.id) || visiting.has(s.id)) return;
      visiting.add(s.id);
      for (const dep of [s.fallbackSkill, ...(s.skillTransferList ?? [])]) {
        const d = dep === null || dep === undefined ? undefined : this.skillById.get(Number(dep));
        if (d && ids.has(d.id)) visit(d);
      }
      visiting.delete(s.id);
      placed.add(s.id);
      this.declareSkill(s);
    };
    for (const s of skills) visit(s);
  }

  private declareSkill(s: Skill): void {
    const { variable, resourceName } = this.claimNames("Skill", s.name, "skill");
    this.skillVar.set(s.id, variable);
    const view = this.views.skills.get(s.id)!;
    const args: Record<string, Code> = {};
    for (const [k, v] of Object.entries(view)) {
      if (k === "fallbackSkill") args[k] = this.skillRefOrCycle(v as string, s, k);
      else if (k === "skillTransferList") args[k] = (v as string[]).map((id) => this.skillRefOrCycle(id, s, k));
      else args[k] = v as Code;
    }
    this.declarations.push({ kind: "Skill", variable, resourceName, args: { ...args, adopt: true } });
  }

  /** A reference to a skill declared before; a cycle of fallbacks is cut with a config read. */
  private skillRefOrCycle(id: string, from: Skill, key: string): Code {
    if (this.skillVar.has(Number(id)) || !this.skillById.has(Number(id))) return this.skillRef(id, `skill "${from.name}" ${key}`);
    const configKey = this.configKey(`${from.name} ${key}`);
    this.configDefaults.push({ key: configKey, value: id, what: `skill "${from.name}" ${key} (a reference cycle between skills)` });
    this.notes.push(`skill "${from.name}" ${key} is part of a cycle between skills; it is config key ${configKey}`);
    return configWithDefault(configKey, id);
  }

  // ---- agents, campaigns, engagements ---------------------------------------------------------

  private agentArgs(u: User): Record<string, Code> | undefined {
    const view = botAgentView(u, this.snap.profiles);
    if (view.role === undefined) {
      this.notes.push(`user "${u.loginName}" has no Agent or Agent Manager profile; it is not exported (a bot agent needs one)`);
      return undefined;
    }
    const args: Record<string, Code> = {};
    for (const [k, v] of Object.entries(view)) {
      if (k === "skillIds") args[k] = (v as string[]).map((id) => this.skillRef(id, `bot agent "${u.loginName}"`));
      else if (k === "role" && v === DEFAULT_ROLE) continue;
      else args[k] = v as Code;
    }
    if (!u.isApiUser) args.password = this.secret(`${u.loginName} password`, `password of bot agent ${u.loginName}`);
    return args;
  }

  private declareAgent(u: User): string | undefined {
    const args = this.agentArgs(u);
    if (!args) return undefined;
    const { variable, resourceName } = this.claimNames("BotAgent", u.loginName, "agent");
    this.declarations.push({ kind: "BotAgent", variable, resourceName, args: { ...args, adopt: true } });
    return variable;
  }

  private declareCampaign(c: Campaign, engagements: Engagement[]): void {
    const { variable, resourceName } = this.claimNames("Campaign", c.name, "campaign");
    const args: Record<string, Code> = { ...(this.views.campaigns.get(c.id) as Record<string, Code>) };
    if (typeof args.goalId === "string") {
      const key = this.configKey(`${c.name} goal id`);
      this.configDefaults.push({ key, value: args.goalId, what: `goal of campaign "${c.name}"` });
      args.goalId = configWithDefault(key, args.goalId);
    }
    this.declarations.push({ kind: "Campaign", variable, resourceName, args: { ...args, adopt: true } });
    for (const e of engagements) {
      const view = this.views.engagements.get(e.id)!;
      if (view.skillId === undefined) {
        this.notes.push(
          `engagement "${e.name}" of campaign "${c.name}" routes to no skill; it is not exported (an Engagement needs a skill)`,
        );
        continue;
      }
      const names = this.claimNames("Engagement", e.name, "engagement");
      const { campaignId: _c, skillId, ...rest } = view;
      this.declarations.push({
        kind: "Engagement",
        ...names,
        args: {
          campaignId: ref(variable),
          ...(rest as Record<string, Code>),
          skillId: this.skillRef(skillId as string, `engagement "${e.name}"`),
          adopt: true,
        },
      });
    }
  }

  // ---- bots ---------------------------------------------------------------------------------

  private botIdExpr(b: Bot): Code {
    const name = b.name ?? b.id;
    const wanted = slug(name).endsWith("bot") ? `${name} id` : `${name} bot id`;
    const variable = this.variables.claim(identifier(wanted));
    const key = this.configKey(wanted);
    this.botIdConfigs.push({ variable, key, botId: b.id, botName: b.name ?? b.id });
    this.configDefaults.push({ key, value: b.id, what: `Conversation Builder bot "${b.name ?? b.id}"` });
    return new Expr(variable);
  }

  private declareBot(b: Bot): void {
    const members = this.snap.connectors
      .get(b.id)!
      .map((c) => ({ connector: c, user: this.userById.get(String(c.lpUserId)), view: connectorView(c) }))
      .sort(byName((m) => m.connector.lpAccountUser));
    const botId = this.botIdExpr(b);
    const why = deploymentRefusal(members.map((m) => ({ ...m, role: m.user && botAgentView(m.user, this.snap.profiles).role })));
    if (why === undefined && this.declareDeployment(b, botId, members as Member[])) return;
    if (why !== undefined && members.length > 1)
      this.notes.push(`bot "${b.name ?? b.id}": its connectors are declared one by one (${why})`);
    for (const m of members) {
      if (!m.user) {
        this.notes.push(`bot "${b.name ?? b.id}": the connector of user ${m.connector.lpUserId} is not exported: the user does not exist`);
        continue;
      }
      const agentVar = this.declareAgent(m.user);
      if (agentVar) this.declareConnector(b, botId, m.user, agentVar, m.view);
    }
  }

  private declareConnector(b: Bot, botId: Code, u: User, agentVar: string, view: ConnectorView): void {
    const { variable, resourceName } = this.claimNames("BotConnector", `${b.name ?? b.id} ${u.loginName}`, "connector");
    const settings = withoutDefaults(view.settings, CONNECTOR_SETTING_DEFAULTS);
    const args: Record<string, Code> = {
      botId,
      agent: ref(agentVar, "loginName"),
      agentUserId: ref(agentVar, "userId"),
      conversationType: view.conversationType,
    };
    for (const [k, v] of Object.entries(settings))
      args[k] = k === "fallbackSkillId" ? this.skillRef(v as string, `connector of ${u.loginName}`) : (v as Code);
    const flags = this.flagArgs(declaredFlags(view.flags, view.conversationType), `${u.loginName}`);
    Object.assign(flags, this.credentialFlags(view, u, `${u.loginName}`));
    args.flags = flags;
    if (Object.keys(view.custom).length) args.customConfigurations = view.custom;
    this.declarations.push({ kind: "BotConnector", variable, resourceName, args: { ...args, adopt: true } });
  }

  /** Flags for code: secret ones as config keys. */
  private flagArgs(flags: Record<string, unknown>, owner: string): Record<string, Code> {
    const out: Record<string, Code> = {};
    for (const [k, v] of Object.entries(flags)) {
      out[k] = v === SECRET_SET ? this.secret(`${owner} ${k}`, `flag ${k} of ${owner}`) : (v as Code);
    }
    return out;
  }

  private credentialFlags(view: ConnectorView, u: User, owner: string): Record<string, Code> {
    if (view.credential.kind === "password") {
      // The connector logs in with the agent's password: the same config key as the BotAgent's.
      const existing = this.secrets.find((s) => s.what === `password of bot agent ${u.loginName}`);
      return {
        lpPassword: existing ? secretConfig(existing.key) : this.secret(`${u.loginName} password`, `password of bot agent ${u.loginName}`),
      };
    }
    return this.appKeyCredentials(view.credential.readable, owner);
  }

  private appKeyCredentials(readable: Record<string, string>, owner: string): Record<string, Code> {
    const out: Record<string, Code> = {};
    for (const k of ["lpAppKey", "lpAppSecret", "lpAccessToken", "lpAccessTokenSecret"]) {
      out[k] = readable[k] ?? this.secret(`${owner} ${k}`, `${k} of ${owner}`);
    }
    return out;
  }

  private declareDeployment(b: Bot, botId: Code, members: Member[]): boolean {
    const botName = b.name ?? b.id;
    // A deployment is the bot itself in the program: named as the bot ("Night Owl" → nightOwl).
    const { variable, resourceName } = this.claimNames("BotDeployment", botName, "");
    const agents = members.map((m) => m.user.loginName);
    const finding = (key: string, values: unknown[]): unknown => {
      const { value, divergent } = majority(values);
      if (divergent.length) {
        this.drift.push({
          bot: botName,
          deployment: resourceName,
          key,
          declared: show(value),
          divergent: divergent.map((i) => ({ agent: agents[i], value: show(values[i]) })),
        });
      }
      return value;
    };
    const conversationType = members[0].view.conversationType;

    // Skills the agents hold: the set most agents have; the deployment's skill is the one an
    // engagement routes to (else the first by name), the rest are extra.
    const agentViews = members.map((m) => botAgentView(m.user, this.snap.profiles));
    const skillSet = finding(
      "skillIds",
      agentViews.map((v) => (v.skillIds ?? []).map((id) => this.skillById.get(Number(id))?.name ?? id).sort()),
    ) as string[];
    const skillIds = [...new Set(agentViews.flatMap((v) => v.skillIds ?? []))].filter((id) =>
      skillSet.includes(this.skillById.get(Number(id))?.name ?? id),
    );
    if (skillIds.length === 0) {
      this.notes.push(`bot "${botName}": its agents hold no common skill, so its connectors are declared one by one`);
      this.drift.splice(0, this.drift.length, ...this.drift.filter((d) => d.deployment !== resourceName));
      return false;
    }
    const routed = new Set([...this.snap.engagements.values()].flat().map((e) => Number(e.skillId)));
    const primary = skillIds.find((id) => routed.has(Number(id))) ?? skillIds[0];

    const settings: Record<string, unknown> = {};
    for (const key of ["role", "environment", "running", "externalWebhookUrl", "fallbackSkillId", "accessibility"]) {
      settings[key] = finding(
        key,
        members.map((m) => m.view.settings[key]),
      );
    }
    const flagKeys = [...new Set(members.flatMap((m) => Object.keys(m.view.flags)))].sort();
    const flags: Record<string, unknown> = {};
    for (const k of flagKeys)
      flags[k] = finding(
        k,
        members.map((m) => m.view.flags[k]),
      );
    const customKeys = [...new Set(members.flatMap((m) => Object.keys(m.view.custom)))].sort();
    const custom: Record<string, string> = {};
    for (const k of customKeys) {
      const v = finding(
        k,
        members.map((m) => m.view.custom[k]),
      );
      if (v !== undefined) custom[k] = v as string;
    }
    // Agent fields that BotDeployment's template shares but these agents may not.
    const agentRole = finding(
      "agent role",
      agentViews.map((v) => v.role),
    );
    if (agentRole !== settings.role) {
      this.notes.push(
        `bot "${botName}": agents' profiles say ${String(agentRole)} but their connectors ${String(settings.role)}; the connectors' role is declared`,
      );
    }

    const template: Record<string, Code> = {};
    const pattern = namePattern(agentViews);
    const memberArgs = agentViews.map((v) => ({ loginName: v.loginName as string }) as Record<string, Code>);
    const shared = (key: string, templateKey = key) => {
      const values = agentViews.map((v) => v[key]);
      const same = values.every((x) => JSON.stringify(x) === JSON.stringify(values[0]));
      if (same) {
        if (values[0] !== undefined) template[templateKey] = values[0] as Code;
      } else {
        values.forEach((x, i) => {
          if (x !== undefined) memberArgs[i][key] = x as Code;
        });
      }
    };
    shared("nickname");
    agentViews.forEach((v, i) => {
      if (v.fullName !== undefined) memberArgs[i].fullName = v.fullName as Code;
      if (v.email !== undefined) memberArgs[i].email = v.email as Code;
      if (v.enabled === false) memberArgs[i].enabled = false;
    });
    shared("maxAsyncChats");
    shared("maxChats");

    const credential = members[0].view.credential;
    const before: string[] = [];
    let credentials: Code;
    if (credential.kind === "password") {
      const keys = members.map((m) => this.secret(`${m.user.loginName} password`, `password of bot agent ${m.user.loginName}`));
      const list = `${variable}Passwords`;
      before.push(`const ${list} = [\n${keys.map((k) => `  ${k.text},`).join("\n")}\n];`);
      credentials = { password: new Expr(`(i) => ${list}[i]`) };
    } else {
      const quad = this.appKeyCredentials(credential.readable, botName);
      credentials = {
        appKey: quad.lpAppKey,
        appSecret: quad.lpAppSecret,
        accessToken: quad.lpAccessToken,
        accessTokenSecret: quad.lpAccessTokenSecret,
      };
    }

    // Agents named <prefix>-1…n (full names "<P> n", emails x+n@) read best as the template they follow.
    const templated =
      pattern !== undefined && memberArgs.every((m) => Object.keys(m).every((k) => ["loginName", "fullName", "email"].includes(k)));
    const agentsArg: Record<string, Code> = templated
      ? {
          ...(members.length === 3 ? {} : { count: members.length }),
          loginNamePrefix: pattern.loginNamePrefix,
          fullNamePrefix: pattern.fullNamePrefix,
          email: pattern.email,
          ...template,
        }
      : { members: memberArgs, ...template };
    if (settings.role !== DEFAULT_ROLE) agentsArg.role = settings.role as Code;
    const extra = skillIds.filter((id) => id !== primary).map((id) => this.skillRef(id, `bot "${botName}"`));
    if (extra.length) agentsArg.extraSkillIds = extra;
    agentsArg.credentials = credentials;

    const args: Record<string, Code> = {
      botId,
      conversationType,
      agents: agentsArg,
      skill: { existingSkillId: this.skillRef(primary, `bot "${botName}"`) },
    };
    const declaredSettings = withoutDefaults(settings, CONNECTOR_SETTING_DEFAULTS);
    const setting = (k: string) => declaredSettings[k];
    if (setting("environment") !== undefined) args.environment = setting("environment") as Code;
    const kept = this.flagArgs(declaredFlags(flags, conversationType), botName);
    if (Object.keys(kept).length) args.flags = kept;
    if (Object.keys(custom).length) args.customConfigurations = custom;
    if (setting("externalWebhookUrl") !== undefined) args.externalWebhookUrl = setting("externalWebhookUrl") as Code;
    if (setting("fallbackSkillId") !== undefined)
      args.fallbackSkillId = this.skillRef(setting("fallbackSkillId") as string, `bot "${botName}"`);
    if (setting("accessibility") !== undefined) args.accessibility = setting("accessibility") as Code;
    if (setting("running") !== undefined) args.running = setting("running") as Code;
    args.adopt = true;

    const found = this.drift.filter((d) => d.deployment === resourceName);
    const comment = [`Bot "${botName}": ${members.length} agents, one configuration.`];
    if (found.length) {
      comment.push("Drift found at export: the value most agents have is declared; the first `pulumi up`");
      comment.push("restarts only the agents listed here, one at a time:");
      for (const d of found)
        comment.push(`  ${d.key}: ${d.declared} declared; ${d.divergent.map((x) => `${x.agent} had ${x.value}`).join(", ")}`);
    }
    this.declarations.push({ kind: "BotDeployment", variable, resourceName, args, comment, before });
    return true;
  }
}

type Member = { connector: SnapshotConnector; user: User; view: ConnectorView };

/** Why a bot's connectors are not one failover set, or undefined when they are. */
function deploymentRefusal(members: { user?: User; view: ConnectorView; role?: string }[]): string | undefined {
  if (members.length < 2) return "a single agent is no failover set";
  if (members.some((m) => !m.user)) return "a connector's user does not exist";
  if (members.some((m) => m.role === undefined)) return "an agent has no Agent or Agent Manager profile";
  if (new Set(members.map((m) => m.view.conversationType)).size > 1) return "the connectors mix messaging and chat";
  const creds = new Set(members.map((m) => JSON.stringify(m.view.credential)));
  if (creds.size > 1) return "the agents log in differently (passwords and app keys, or different app keys)";
  return undefined;
}

/** The most frequent value (the first agent's on a tie) and the indexes of the others. */
export function majority(values: readonly unknown[]): { value: unknown; divergent: number[] } {
  const counts = new Map<string, { n: number; first: number }>();
  values.forEach((v, i) => {
    const k = JSON.stringify(v ?? null);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { n: 1, first: i });
  });
  let best: { key: string; n: number; first: number } | undefined;
  for (const [key, c] of counts) if (!best || c.n > best.n || (c.n === best.n && c.first < best.first)) best = { key, ...c };
  const value = values[best!.first];
  return { value, divergent: values.map((v, i) => (JSON.stringify(v ?? null) === best!.key ? -1 : i)).filter((i) => i >= 0) };
}

function show(v: unknown): string {
  if (v === undefined || v === null) return "(unset)";
  return Array.isArray(v) ? `[${v.join(", ")}]` : String(v);
}

function withoutDefaults(values: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== defaults[k]) out[k] = v;
  return out;
}

/** The flags a program must write: those that differ from what the schema's defaults would fill in. */
function declaredFlags(flags: Record<string, unknown>, type: ConversationType): Record<string, unknown> {
  const defaults = applyFlagDefaults({} as FlagValues, type) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flags)) if (v !== undefined && v !== defaults[k]) out[k] = v;
  return out;
}

/**
 * The template the agents follow, if they follow BotDeployment's: login names `<prefix>-1…n`, full
 * names `<fullNamePrefix> 1…n`, emails `local+1…n@domain` (see agentIdentity).
 */
export function namePattern(
  agents: readonly Record<string, unknown>[],
): { loginNamePrefix: string; fullNamePrefix: string; email: string } | undefined {
  const first = /^(.+)-1$/.exec(String(agents[0]?.loginName ?? ""));
  const full = /^(.+) 1$/.exec(String(agents[0]?.fullName ?? ""));
  const mail = /^([^@+]+)\+1@(.+)$/.exec(String(agents[0]?.email ?? ""));
  if (!first || !full || !mail) return undefined;
  const [loginNamePrefix, fullNamePrefix, email] = [first[1], full[1], `${mail[1]}@${mail[2]}`];
  const follows = agents.every(
    (a, i) =>
      a.loginName === `${loginNamePrefix}-${i + 1}` &&
      a.fullName === `${fullNamePrefix} ${i + 1}` &&
      a.email === `${mail[1]}+${i + 1}@${mail[2]}`,
  );
  return follows ? { loginNamePrefix, fullNamePrefix, email } : undefined;
}
