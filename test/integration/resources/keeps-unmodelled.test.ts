/**
 * Issue #11: LiveEngage PUTs replace whole objects, and the emulator does too. Fields a person set
 * that a resource does not model must survive (a) an adopt, (b) an update of a declared field and
 * (c) a refresh then an update — for skill, bot agent, campaign and engagement — and a hand edit
 * made between the provider's read and its write must be kept, not overwritten.
 */
import { createLiveEngageClient, resolveCredentials, shutdownLiveEngageClients, type LiveEngageClient } from "../../../sdk/src/client";
import * as botAgent from "../../../sdk/src/resources/botAgent.provider";
import * as campaign from "../../../sdk/src/resources/campaign.provider";
import * as engagement from "../../../sdk/src/resources/engagement.provider";
import * as skill from "../../../sdk/src/resources/skill.provider";
import { checked, startHarness, type Harness } from "../../helpers/provider-harness";

let h: Harness;
/** A person in the LiveEngage UI: a client of its own, not the provider's. */
let person: LiveEngageClient;

beforeAll(async () => {
  h = await startHarness();
  person = createLiveEngageClient(resolveCredentials((k) => h.config[k], {}));
}, 60_000);
afterAll(async () => {
  await shutdownLiveEngageClients();
  await h.close();
}, 60_000);

type Provider = typeof skill;
type Collection = "skills" | "users" | "campaigns" | "engagements";

/** The object as the emulator holds it (every field, not only what the client parses). */
async function stored(collection: Collection, id: string): Promise<Record<string, unknown>> {
  const dump = await h.admin<{ accounts?: Record<string, Record<Collection, Record<string, Record<string, unknown>>>> } & Record<string, Record<Collection, Record<string, Record<string, unknown>>>>>(
    "GET", `/state?account=${h.emulator.accountId}`);
  const account = (dump.accounts ?? dump)[h.emulator.accountId];
  return account[collection][id];
}

interface Case {
  name: string;
  collection: Collection;
  provider: Provider;
  /** Makes the object by hand, with the unmodelled fields set; returns its id. */
  handMade(tag: string): Promise<string>;
  /** Hand-set fields the resource does not model. */
  unmodelled: Record<string, unknown>;
  /** The program's declaration (adopting the hand-made object). */
  declared(tag: string): Promise<Record<string, unknown>>;
  /** A declared field and a new value for it. */
  change: [string, unknown];
  /** A hand edit of a field the resource does not model, made while the provider writes. */
  edit(id: string, value: string): Promise<unknown>;
  editedField: string;
  /** The route of the object's PUT, as the emulator's fault rules match it. */
  putRoute: string;
}

let campaignId = "";
let skillId = "";

const cases: Case[] = [
  {
    name: "Skill",
    collection: "skills",
    provider: skill,
    async handMade(tag) {
      const s = await person.skills.create({ name: `hand-skill-${tag}`, description: "by hand", maxWaitTime: 30 });
      await person.skills.merge(s.id, () => this.unmodelled);
      return String(s.id);
    },
    unmodelled: { defaultPostChatSurveyId: "survey-7", redistributeLoadToConnectedAgentGroups: true, agentSurveyForMsgTimeoutInMinutes: 15 },
    declared: async (tag) => ({ name: `hand-skill-${tag}`, description: "managed now", adopt: true }),
    change: ["description", "changed by the program"],
    edit: (id, value) => person.skills.merge(Number(id), () => ({ defaultOfflineSurveyId: value })),
    editedField: "defaultOfflineSurveyId",
    putRoute: "/api/account/:a/configuration/le-users/skills/:id",
  },
  {
    name: "BotAgent",
    collection: "users",
    provider: botAgent as unknown as Provider,
    async handMade(tag) {
      const profiles = await person.profiles.list();
      const agentProfile = profiles.find((p) => p.roleTypeId === 2)!;
      const u = await person.users.create({
        loginName: `hand-bot-${tag}`, fullName: "Hand Bot", nickname: "hand", email: "hand@example.com", isEnabled: true, maxChats: -1,
        profileIds: [agentProfile.id], userTypeId: 2, passwordSh: "hand-password-1", skillIds: [],
      });
      await person.users.merge(u.id, () => this.unmodelled);
      return String(u.id);
    },
    unmodelled: { employeeId: "E-1234", mobileNumber: "+1 555 0100", description: "set in the UI" },
    declared: async (tag) => ({ loginName: `hand-bot-${tag}`, fullName: "Hand Bot", nickname: "hand", email: "bot@example.com", password: "pw-declared-1", adopt: true }),
    change: ["nickname", "renamed"],
    edit: (id, value) => person.users.merge(Number(id), () => ({ pnCertName: value })),
    editedField: "pnCertName",
    putRoute: "/api/account/:a/configuration/le-users/users/:id",
  },
  {
    name: "Campaign",
    collection: "campaigns",
    provider: campaign as unknown as Provider,
    async handMade(tag) {
      const [goal] = await person.goals.list();
      const c = await person.campaigns.create({ name: `hand-campaign-${tag}`, goalId: goal!.id, status: 0 });
      await person.campaigns.merge(c.id, () => this.unmodelled);
      return String(c.id);
    },
    unmodelled: { priority: 3, timeZone: "Europe/Berlin", weight: 0.5 },
    declared: async (tag) => ({ name: `hand-campaign-${tag}`, description: "managed", adopt: true }),
    change: ["description", "changed by the program"],
    edit: (id, value) => person.campaigns.merge(Number(id), () => ({ startDate: value })),
    editedField: "startDate",
    putRoute: "/api/account/:a/configuration/le-campaigns/campaigns/:id",
  },
  {
    name: "Engagement",
    collection: "engagements",
    provider: engagement as unknown as Provider,
    async handMade(tag) {
      const e = await person.engagements.create(Number(campaignId), { name: `hand-engagement-${tag}`, skillId: Number(skillId), enabled: false, channel: 1, conversationType: 1 });
      await person.engagements.merge(Number(campaignId), e.id, () => this.unmodelled);
      return String(e.id);
    },
    unmodelled: { language: "de-DE", timeInQueue: 45, displayInstances: [{ id: 1, displayInstanceType: 1 }] },
    declared: async (tag) => ({ campaignId, name: `hand-engagement-${tag}`, skillId, enabled: true, adopt: true }),
    change: ["description", "changed by the program"],
    edit: (id, value) => person.engagements.merge(Number(campaignId), Number(id), () => ({ followMeTime: Number(value.length) })),
    editedField: "followMeTime",
    putRoute: "/api/account/:a/configuration/le-campaigns/campaigns/:campaignId/engagements/:id",
  },
];

beforeAll(async () => {
  const [goal] = await person.goals.list();
  campaignId = String((await person.campaigns.create({ name: "keeps-unmodelled-home", goalId: goal!.id, status: 1 })).id);
  skillId = String((await person.skills.create({ name: "keeps-unmodelled-skill" })).id);
}, 60_000);

describe.each(cases.map((c) => [c.name, c] as const))("%s keeps what the program does not declare", (_name, c) => {
  it("through adopt, an update of a declared field, and a refresh then an update", async () => {
    const id = await c.handMade("a");
    const inputs = await checked<Record<string, unknown>>(c.provider, await c.declared("a"));

    // (a) adopt
    const adopted = await c.provider.create(inputs as never);
    expect(adopted.id).toBe(id);
    expect(await stored(c.collection, id)).toMatchObject(c.unmodelled);

    // (b) an update of a declared field
    const [key, value] = c.change;
    const changed = await checked<Record<string, unknown>>(c.provider, { ...(await c.declared("a")), [key]: value });
    const updated = await c.provider.update(id, adopted.outs as never, changed as never);
    expect(await stored(c.collection, id)).toMatchObject({ ...c.unmodelled, [key === "channel" ? "conversationType" : key]: value });

    // (c) a refresh, then an update back
    const refreshed = await c.provider.read(id, updated.outs as never);
    expect(refreshed.id).toBe(id);
    await c.provider.update(id, refreshed.props as never, inputs as never);
    expect(await stored(c.collection, id)).toMatchObject(c.unmodelled);
  }, 60_000);

  it("keeps a hand edit made between the provider's read and its write (If-Match of that read, re-read, re-merge)", async () => {
    const id = await c.handMade("race");
    const inputs = await checked<Record<string, unknown>>(c.provider, await c.declared("race"));
    const adopted = await c.provider.create(inputs as never);
    const [key, value] = c.change;
    const changed = await checked<Record<string, unknown>>(c.provider, { ...(await c.declared("race")), [key]: value });

    await h.admin("DELETE", "/counters");
    // Hold the provider's next PUT of this object after it has read the object …
    await h.admin("POST", "/faults", { match: { method: "PUT", route: c.putRoute }, kind: "latency", latencyMs: 1500, count: 1 });
    const writing = c.provider.update(id, adopted.outs as never, changed as never);
    await until(async () => (await h.admin<unknown[]>("GET", "/faults")).length === 0);
    // … and meanwhile a person edits it in the UI.
    await c.edit(id, "edited-by-hand");
    await writing;

    const now = await stored(c.collection, id);
    expect(now).toMatchObject({ ...c.unmodelled, [key]: value });
    // The person's PUT, the provider's PUT refused (409, stale revision) and its PUT after the re-read.
    const counters = await h.admin<Record<string, number>>("GET", "/counters");
    expect(counters[`PUT ${c.putRoute}`]).toBe(3);
    expect(now[c.editedField]).toEqual(c.editedField === "followMeTime" ? "edited-by-hand".length : "edited-by-hand");
  }, 60_000);
});

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
