/**
 * Engagement: routing to a skill (skillName output); channel chat/messaging; campaignId change
 * replaces; unknown skill refused by the API; out-of-band deletion; adoption; check refusals.
 */
import * as engagement from "../../../sdk/src/resources/engagement.provider";
import { liveEngage } from "../../../sdk/src/resources/runtime";
import type { EngagementInputs } from "../../../sdk/src/resources/schemas";
import { GOAL_ID } from "../../../sdk/src/emulator";
import { checked, startHarness, type Harness } from "../../helpers/provider-harness";

let h: Harness;
let campaignId: string;
let otherCampaignId: string;
let skillId: string;
let otherSkillId: string;
beforeAll(async () => {
  h = await startHarness();
  const le = liveEngage();
  campaignId = String((await le.campaigns.create({ name: "Engagement host", goalId: GOAL_ID })).id);
  otherCampaignId = String((await le.campaigns.create({ name: "Other host", goalId: GOAL_ID })).id);
  skillId = String((await le.skills.create({ name: "bot-routing" })).id);
  otherSkillId = String((await le.skills.create({ name: "human-routing" })).id);
});
afterAll(async () => {
  await h.close();
});

describe("Engagement lifecycle", () => {
  it("routes to a skill; reads back the same, diffs clean, switches skill and channel in place, deletes", async () => {
    const inputs = await checked<EngagementInputs>(engagement, { campaignId, name: "Message us", skillId });
    expect(inputs).toMatchObject({ channel: "messaging", enabled: true });

    const created = await engagement.create(inputs);
    expect(created.id).toMatch(/^\d+$/);
    expect(created.outs).toMatchObject({
      campaignId,
      name: "Message us",
      skillId,
      channel: "messaging",
      enabled: true,
      skillName: "bot-routing",
    });
    expect(await liveEngage().engagements.get(Number(campaignId), Number(created.id))).toMatchObject({
      conversationType: 1,
      skillId: Number(skillId),
    });

    const read = await engagement.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props).toEqual(created.outs);
    expect(read.inputs).not.toHaveProperty("skillName");
    expect((await engagement.diff(created.id, created.outs, inputs)).changes).toBe(false);

    const chat = await checked<EngagementInputs>(engagement, {
      campaignId,
      name: "Message us",
      skillId: otherSkillId,
      channel: "chat",
      enabled: false,
    });
    expect(await engagement.diff(created.id, created.outs, chat)).toEqual({ changes: true, replaces: [] });
    const updated = await engagement.update(created.id, created.outs, chat);
    expect(updated.outs).toMatchObject({ skillId: otherSkillId, skillName: "human-routing", channel: "chat", enabled: false });
    expect(await liveEngage().engagements.get(Number(campaignId), Number(created.id))).toMatchObject({
      conversationType: 0,
      enabled: false,
    });
    const reread = await engagement.read(created.id, updated.outs);
    expect(reread.props).toEqual(updated.outs);
    expect((await engagement.diff(created.id, reread.props!, chat)).changes).toBe(false);

    await engagement.delete(created.id, updated.outs);
    expect((await engagement.read(created.id, updated.outs)).id).toBe("");
    await expect(engagement.delete(created.id, updated.outs)).resolves.toBeUndefined();
  });

  it("replaces the engagement when campaignId changes (it lives under its campaign's URL)", async () => {
    const inputs = await checked<EngagementInputs>(engagement, { campaignId, name: "Movable", skillId });
    const created = await engagement.create(inputs);
    const moved = await checked<EngagementInputs>(engagement, { campaignId: otherCampaignId, name: "Movable", skillId });
    expect(await engagement.diff(created.id, created.outs, moved)).toEqual({ changes: true, replaces: ["campaignId"] });
    await engagement.delete(created.id, created.outs);
  });

  it("refuses an unknown skill at check naming skillId, and at create with the API's reason, creating nothing", async () => {
    const r = await engagement.check({}, { campaignId, name: "Nowhere", skillId: "424242" });
    expect(r.failures).toEqual([
      expect.objectContaining({ property: "skillId", reason: expect.stringMatching(/^skillId: no skill with id 424242 exists/) }),
    ]);
    const inputs = await checked<EngagementInputs>(engagement, { campaignId, name: "Nowhere", skillId });
    await expect(engagement.create({ ...inputs, skillId: "424242" })).rejects.toThrow(/skill 424242 does not exist/);
    expect(await liveEngage().engagements.findByName(Number(campaignId), "Nowhere")).toBeUndefined();
  });

  it("reports a skill changed outside Pulumi as drift", async () => {
    const inputs = await checked<EngagementInputs>(engagement, { campaignId, name: "Drifting", skillId });
    const created = await engagement.create(inputs);
    await liveEngage().engagements.update(Number(campaignId), Number(created.id), {
      name: "Drifting",
      skillId: Number(otherSkillId),
      conversationType: 1,
    });
    const read = await engagement.read(created.id, created.outs);
    expect(read.props).toMatchObject({ skillId: otherSkillId, skillName: "human-routing" });
    expect(read.inputs).toMatchObject({ skillId: otherSkillId });
    expect(await engagement.diff(created.id, read.props as never, inputs)).toEqual({ changes: true, replaces: [] });
    await engagement.delete(created.id, created.outs);
  });

  it("drops an engagement deleted out of band on refresh, and explains an update of it", async () => {
    const inputs = await checked<EngagementInputs>(engagement, { campaignId, name: "OOB", skillId });
    const created = await engagement.create(inputs);
    await liveEngage().engagements.delete(Number(campaignId), Number(created.id));
    expect((await engagement.read(created.id, created.outs)).id).toBe("");
    await expect(engagement.update(created.id, created.outs, inputs)).rejects.toThrow(/no longer exists.*pulumi refresh/);
  });

  it("refuses a duplicate name in the campaign unless adopting; adoption takes the existing engagement over", async () => {
    const existing = await liveEngage().engagements.create(Number(campaignId), {
      name: "Hand-made",
      skillId: Number(otherSkillId),
      conversationType: 0,
    });
    const plain = await checked<EngagementInputs>(engagement, { campaignId, name: "Hand-made", skillId });
    await expect(engagement.create(plain)).rejects.toThrow(/already exists.*adopt: true/);

    const adopting = await checked<EngagementInputs>(engagement, { campaignId, name: "Hand-made", skillId, adopt: true });
    const adopted = await engagement.create(adopting);
    expect(adopted.id).toBe(String(existing.id));
    expect(adopted.outs).toMatchObject({ skillId, skillName: "bot-routing", channel: "messaging", adopt: true });
    const all = await liveEngage().engagements.list(Number(campaignId));
    expect(all.filter((e) => !e.deleted && e.name === "Hand-made")).toHaveLength(1);
    // The same name in another campaign is another engagement.
    const elsewhere = await engagement.create(
      await checked<EngagementInputs>(engagement, { campaignId: otherCampaignId, name: "Hand-made", skillId }),
    );
    expect(elsewhere.id).not.toBe(adopted.id);
    await engagement.delete(elsewhere.id, elsewhere.outs);
    await engagement.delete(adopted.id, adopted.outs);
  });

  it("refuses bad input in check, naming the property", async () => {
    const r = await engagement.check({}, { name: "", skillId: "1 2", channel: "sms", colour: "red" });
    const props = (r.failures ?? []).map((f) => f.property).sort();
    expect(props).toEqual(["campaignId", "channel", "colour", "name", "skillId"]);
  });
});
