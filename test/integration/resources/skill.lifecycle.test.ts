/** Skill: check → create → read equals create → no-op diff → update → read → delete → read gone; out-of-band deletion; adoption. */
import * as skill from "../../../sdk/src/resources/skill.provider";
import { liveEngage } from "../../../sdk/src/resources/runtime";
import type { SkillInputs } from "../../../sdk/src/resources/schemas";
import { checked, startHarness, type Harness } from "../../helpers/provider-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("Skill lifecycle", () => {
  it("creates, reads back the same, diffs clean, updates, deletes, and reads gone", async () => {
    const inputs = await checked<SkillInputs>(skill, { name: "bot-skill", description: "routes to the bot" });
    expect(inputs.maxWaitTime).toBe(120); // the schema's default

    const created = await skill.create(inputs);
    expect(created.id).toMatch(/^\d+$/);
    expect(created.outs).toMatchObject({ name: "bot-skill", description: "routes to the bot", maxWaitTime: 120 });

    const read = await skill.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props).toEqual(created.outs);

    expect((await skill.diff(created.id, created.outs, inputs)).changes).toBe(false);

    const changed = await checked<SkillInputs>(skill, { name: "bot-skill", description: "v2", maxWaitTime: 60 });
    const d = await skill.diff(created.id, created.outs, changed);
    expect(d).toMatchObject({ changes: true, replaces: [] });
    const updated = await skill.update(created.id, created.outs, changed);
    expect(updated.outs).toMatchObject({ description: "v2", maxWaitTime: 60 });
    expect((await skill.read(created.id, updated.outs)).props).toMatchObject({ description: "v2", maxWaitTime: 60 });

    await skill.delete(created.id);
    expect((await skill.read(created.id, updated.outs)).id).toBe("");
    // Deleting what is already gone succeeds.
    await expect(skill.delete(created.id)).resolves.toBeUndefined();
  });

  it("reports drift made outside Pulumi on refresh", async () => {
    const inputs = await checked<SkillInputs>(skill, { name: "drifting-skill", description: "declared" });
    const created = await skill.create(inputs);
    await liveEngage().skills.update(Number(created.id), (cur) => ({ ...cur, description: "changed in the UI" }) as never);
    const read = await skill.read(created.id, created.outs);
    expect(read.props).toMatchObject({ description: "changed in the UI" });
    expect(read.inputs).toMatchObject({ description: "changed in the UI" });
    expect((await skill.diff(created.id, read.props as never, inputs)).changes).toBe(true);
    await skill.delete(created.id);
  });

  it("drops a skill deleted out of band on refresh, and explains an update of it", async () => {
    const inputs = await checked<SkillInputs>(skill, { name: "oob-skill" });
    const created = await skill.create(inputs);
    await liveEngage().skills.delete(Number(created.id));
    expect((await skill.read(created.id, created.outs)).id).toBe("");
    await expect(skill.update(created.id, created.outs, inputs)).rejects.toThrow(/no longer exists.*pulumi refresh/);
  });

  it("refuses a duplicate name unless adopting, and adoption takes the existing skill over", async () => {
    const existing = await liveEngage().skills.create({ name: "pre-existing", description: "made by hand", maxWaitTime: 30 });
    const plain = await checked<SkillInputs>(skill, { name: "pre-existing" });
    await expect(skill.create(plain)).rejects.toThrow(/duplicate|already/i);

    const adopting = await checked<SkillInputs>(skill, { name: "pre-existing", description: "managed now", adopt: true });
    const adopted = await skill.create(adopting);
    expect(adopted.id).toBe(String(existing.id));
    expect(adopted.outs).toMatchObject({ description: "managed now", maxWaitTime: 120, adopt: true });
    const skills = await liveEngage().skills.list();
    expect(skills.filter((s) => s.name === "pre-existing")).toHaveLength(1);
    await skill.delete(adopted.id);
  });

  it("refuses bad input in check, naming the property", async () => {
    const r = await skill.check({}, { name: "", maxWaitTime: -1, colour: "red" });
    const props = (r.failures ?? []).map((f) => f.property).sort();
    expect(props).toEqual(["colour", "maxWaitTime", "name"]);
  });
});
