/**
 * Campaign: published ↔ status; the seeded goal when goalId is omitted; deletion refused while
 * engagements remain; out-of-band deletion; adoption; check refusals.
 */
import * as campaign from "../../../sdk/src/resources/campaign.provider";
import { liveEngage } from "../../../sdk/src/resources/runtime";
import type { CampaignInputs } from "../../../sdk/src/resources/schemas";
import { GOAL_ID } from "../../../sdk/src/emulator";
import { checked, startHarness, type Harness } from "../../helpers/provider-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("Campaign lifecycle", () => {
  it("creates on the seeded goal, reads back the same, diffs clean, unpublishes, deletes, and reads gone", async () => {
    const inputs = await checked<CampaignInputs>(campaign, { name: "Bot campaign", description: "v1" });
    expect(inputs.published).toBe(true);
    expect(inputs.goalId).toBeUndefined();

    const created = await campaign.create(inputs);
    expect(created.id).toMatch(/^\d+$/);
    expect(created.outs).toMatchObject({ name: "Bot campaign", description: "v1", published: true, effectiveGoalId: String(GOAL_ID) });
    expect(created.outs).not.toHaveProperty("goalId");
    expect(await liveEngage().campaigns.get(Number(created.id))).toMatchObject({ status: 1, goalId: GOAL_ID });

    const read = await campaign.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props).toEqual(created.outs);
    expect(read.inputs).not.toHaveProperty("effectiveGoalId");
    expect((await campaign.diff(created.id, created.outs, inputs)).changes).toBe(false);

    const unpublished = await checked<CampaignInputs>(campaign, {
      name: "Bot campaign",
      description: "v2",
      published: false,
      goalId: String(GOAL_ID),
    });
    expect(await campaign.diff(created.id, created.outs, unpublished)).toEqual({ changes: true, replaces: [] });
    const updated = await campaign.update(created.id, created.outs, unpublished);
    expect(updated.outs).toMatchObject({ description: "v2", published: false, goalId: String(GOAL_ID), effectiveGoalId: String(GOAL_ID) });
    expect(await liveEngage().campaigns.get(Number(created.id))).toMatchObject({ status: 0, description: "v2" });
    const reread = await campaign.read(created.id, updated.outs);
    expect(reread.props).toEqual(updated.outs);
    expect((await campaign.diff(created.id, reread.props!, unpublished)).changes).toBe(false);

    await campaign.delete(created.id);
    expect((await campaign.read(created.id, updated.outs)).id).toBe("");
    await expect(campaign.delete(created.id)).resolves.toBeUndefined();
  });

  it("reports a status changed outside Pulumi as drift", async () => {
    const inputs = await checked<CampaignInputs>(campaign, { name: "Drifting campaign" });
    const created = await campaign.create(inputs);
    await liveEngage().campaigns.update(Number(created.id), (cur) => ({ name: cur.name, goalId: cur.goalId, status: 0 }) as never);
    const read = await campaign.read(created.id, created.outs);
    expect(read.props).toMatchObject({ published: false });
    expect(read.inputs).toMatchObject({ published: false });
    expect((await campaign.diff(created.id, read.props as never, inputs)).changes).toBe(true);
    await campaign.delete(created.id);
  });

  it("refuses to delete a campaign that still has engagements, with the API's reason", async () => {
    const created = await campaign.create(await checked<CampaignInputs>(campaign, { name: "Campaign with engagements" }));
    const skill = await liveEngage().skills.create({ name: "campaign-test-skill" });
    const engagement = await liveEngage().engagements.create(Number(created.id), { name: "Message us", skillId: skill.id });
    await expect(campaign.delete(created.id)).rejects.toThrow(
      new RegExp(`campaign ${created.id} cannot be deleted: .*still has engagements \\(${engagement.id}\\)`),
    );
    // Still there, and deletable once the engagement is gone.
    expect((await campaign.read(created.id, created.outs)).id).toBe(created.id);
    await liveEngage().engagements.delete(Number(created.id), engagement.id);
    await campaign.delete(created.id);
    expect((await campaign.read(created.id, created.outs)).id).toBe("");
  });

  it("refuses an unknown goal with the API's reason", async () => {
    const inputs = await checked<CampaignInputs>(campaign, { name: "Goal-less campaign", goalId: "999" });
    await expect(campaign.create(inputs)).rejects.toThrow(/goal 999 does not exist/);
    expect(await liveEngage().campaigns.findByName("Goal-less campaign")).toBeUndefined();
  });

  it("drops a campaign deleted out of band on refresh, and explains an update of it", async () => {
    const inputs = await checked<CampaignInputs>(campaign, { name: "OOB campaign" });
    const created = await campaign.create(inputs);
    await liveEngage().campaigns.delete(Number(created.id));
    expect((await campaign.read(created.id, created.outs)).id).toBe("");
    await expect(campaign.update(created.id, created.outs, inputs)).rejects.toThrow(/no longer exists.*pulumi refresh/);
  });

  it("refuses a duplicate name unless adopting, and adoption takes the existing campaign over", async () => {
    const existing = await liveEngage().campaigns.create({
      name: "Hand-made campaign",
      description: "by hand",
      goalId: GOAL_ID,
      status: 0,
    });
    const plain = await checked<CampaignInputs>(campaign, { name: "Hand-made campaign" });
    await expect(campaign.create(plain)).rejects.toThrow(/already exists.*adopt: true/);

    const adopting = await checked<CampaignInputs>(campaign, { name: "Hand-made campaign", description: "managed", adopt: true });
    const adopted = await campaign.create(adopting);
    expect(adopted.id).toBe(String(existing.id));
    expect(adopted.outs).toMatchObject({ description: "managed", published: true, adopt: true });
    const all = await liveEngage().campaigns.list();
    expect(all.filter((c) => !c.isDeleted && c.name === "Hand-made campaign")).toHaveLength(1);
    expect(await liveEngage().campaigns.get(existing.id)).toMatchObject({ status: 1, description: "managed" });
    await campaign.delete(adopted.id);
  });

  it("refuses bad input in check, naming the property", async () => {
    const r = await campaign.check({}, { name: " ", goalId: "1 2", published: "yes", colour: "red" });
    const props = (r.failures ?? []).map((f) => f.property).sort();
    expect(props).toEqual(["colour", "goalId", "name", "published"]);
    for (const f of r.failures ?? []) expect(f.reason).toContain(f.property);
  });
});
