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
import {
  handMadeBotUser,
  handMadeCampaign,
  handMadeEngagement,
  handMadeSkill,
  stored as storedIn,
  UNMODELLED,
  until,
  type Collection,
} from "../../helpers/hand-made";

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
const stored = (collection: Collection, id: string) => storedIn(h.admin, h.emulator.accountId, collection, id);

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
    handMade: (tag) => handMadeSkill(person, `hand-skill-${tag}`),
    unmodelled: UNMODELLED.skills,
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
    handMade: (tag) => handMadeBotUser(person, `hand-bot-${tag}`),
    unmodelled: UNMODELLED.users,
    declared: async (tag) => ({
      loginName: `hand-bot-${tag}`,
      fullName: "Hand Bot",
      nickname: "hand",
      email: "bot@example.com",
      password: "pw-declared-1",
      adopt: true,
    }),
    change: ["nickname", "renamed"],
    edit: (id, value) => person.users.merge(Number(id), () => ({ pnCertName: value })),
    editedField: "pnCertName",
    putRoute: "/api/account/:a/configuration/le-users/users/:id",
  },
  {
    name: "Campaign",
    collection: "campaigns",
    provider: campaign as unknown as Provider,
    handMade: (tag) => handMadeCampaign(person, `hand-campaign-${tag}`),
    unmodelled: UNMODELLED.campaigns,
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
    handMade: (tag) => handMadeEngagement(person, campaignId, skillId, `hand-engagement-${tag}`),
    unmodelled: UNMODELLED.engagements,
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
