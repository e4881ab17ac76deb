/**
 * Issue #11 end to end with the real CLI: a program adopts a skill, a bot agent, a campaign and an
 * engagement made by hand. The preview names every declared field it will change, live → declared,
 * and never the password; fields the program does not model survive the adopting `up`, an `up`
 * that changes a declared field, and a `refresh` then `up` — with the emulator replacing whole
 * objects on PUT; and a hand edit made while `pulumi up` writes is kept.
 */
import { createLiveEngageClient, resolveCredentials, type LiveEngageClient } from "../../sdk/src/client";
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { tearDownE2e } from "../helpers/e2e-teardown";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import {
  handMadeBotUser,
  handMadeCampaign,
  handMadeEngagement,
  handMadeSkill,
  stored,
  UNMODELLED,
  until,
  type Collection,
} from "../helpers/hand-made";

const PASSWORD = "adopt-password-S3cret";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const description = config.require("description");
const skill = new le.Skill("skill", { name: "adopt-skill", description, adopt: true });
new le.BotAgent("agent", {
  loginName: "adopt-bot", nickname: "Adopted", fullName: "Adopted Bot", email: "adopted@example.com",
  password: pulumi.secret("${PASSWORD}"), skillIds: [skill.id], adopt: true,
});
new le.Campaign("campaign", { name: "adopt-campaign", description, adopt: true });
new le.Engagement("engagement", {
  campaignId: config.require("campaignId"), name: "adopt-engagement", skillId: config.require("skillId"), description, adopt: true,
});
`;

describeWithCli("adopting hand-made objects with the real CLI (issue #11)", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  let person: LiveEngageClient;
  const ids = {} as Record<Collection, string>;
  let otherSkill = "";
  const live = (c: Collection) => stored(emu.admin, emu.emulator.accountId, c, ids[c]);
  const expectUnmodelledKept = async () => {
    for (const c of Object.keys(ids) as Collection[]) expect(await live(c)).toMatchObject(UNMODELLED[c]);
  };

  beforeAll(async () => {
    emu = await startE2eEmulator(50);
    const e = emu.emulator;
    person = createLiveEngageClient(
      resolveCredentials(
        (k) =>
          (
            ({
              "liveengage:accountId": e.accountId,
              "liveengage:csdsDomain": e.host,
              "liveengage:username": e.credentials.username,
              "liveengage:password": e.credentials.password,
            }) as Record<string, string>
          )[k],
        {},
      ),
    );
    ids.skills = await handMadeSkill(person, "adopt-skill");
    ids.users = await handMadeBotUser(person, "adopt-bot");
    ids.campaigns = await handMadeCampaign(person, "adopt-campaign");
    // The engagement routes to another hand-made skill, so adopting it changes its skill too.
    otherSkill = await handMadeSkill(person, "adopt-other-skill");
    ids.engagements = await handMadeEngagement(person, ids.campaigns, otherSkill, "adopt-engagement");
    program = await TestProgram.create("adopt", { "index.js": PROGRAM });
    await emu.configure(program);
    await program.setConfig("description", "managed v1");
    await program.setConfig("campaignId", ids.campaigns);
    await program.setConfig("skillId", ids.skills);
  }, 180_000);

  afterAll(async () => {
    await tearDownE2e(program, emu);
  }, 180_000);

  it("previews each adopt with every changed field, live → declared, and no secret", async () => {
    const r = await program.pulumi(["preview"]);
    const text = r.stdout + r.stderr;
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("hand-password-1");
    const line = (type: string) => text.split("\n").find((l) => l.includes(`adopting ${type} `)) ?? "";
    expect(line("Skill")).toContain(`(id ${ids.skills}) changes description: "by hand" → "managed v1"; maxWaitTime: 30 → 120`);
    expect(line("BotAgent")).toContain(`(id ${ids.users}) changes`);
    expect(line("BotAgent")).toContain(`email: "hand@example.com" → "adopted@example.com"`);
    expect(line("BotAgent")).toContain(`nickname: "hand" → "Adopted"`);
    expect(line("BotAgent")).toContain("password: (secret) will be written");
    expect(line("Campaign")).toContain(`(id ${ids.campaigns}) changes description: (unset) → "managed v1"; published: false → true`);
    expect(line("Engagement")).toContain(`(id ${ids.engagements}) changes`);
    expect(line("Engagement")).toContain(`skillId: "${otherSkill}" → "${ids.skills}"`);
    expect(line("Engagement")).toContain(`enabled: false → true`);
    for (const type of ["Skill", "BotAgent", "Campaign", "Engagement"])
      expect(line(type)).toContain("fields the program does not declare keep their live values");
  }, 180_000);

  it("keeps every unmodelled field through the adopting up", async () => {
    await program.up();
    expect(await live("skills")).toMatchObject({ description: "managed v1", maxWaitTime: 120 });
    expect(await live("users")).toMatchObject({ email: "adopted@example.com", skillIds: [Number(ids.skills)] });
    await expectUnmodelledKept();
  }, 180_000);

  it("keeps them through an up that changes a declared field", async () => {
    await program.setConfig("description", "managed v2");
    await program.up();
    for (const c of ["skills", "campaigns", "engagements"] as const) expect(await live(c)).toMatchObject({ description: "managed v2" });
    await expectUnmodelledKept();
  }, 180_000);

  it("keeps them through a refresh then an up", async () => {
    await person.skills.merge(Number(ids.skills), () => ({ description: "drifted by hand" }));
    await program.refresh();
    await program.up();
    expect(await live("skills")).toMatchObject({ description: "managed v2" });
    await expectUnmodelledKept();
  }, 180_000);

  it("keeps a hand edit made between the provider's read and its write during pulumi up", async () => {
    await program.setConfig("description", "managed v3");
    await emu.admin("POST", "/faults", {
      match: { method: "PUT", route: "/api/account/:a/configuration/le-users/skills/:id" },
      kind: "latency",
      latencyMs: 2000,
      count: 1,
    });
    const up = program.up();
    await until(async () => (await emu.admin<unknown[]>("GET", "/faults")).length === 0, 120_000);
    await person.skills.merge(Number(ids.skills), () => ({ defaultOfflineSurveyId: "edited-while-up-ran" }));
    await up;
    expect(await live("skills")).toMatchObject({
      ...UNMODELLED.skills,
      description: "managed v3",
      defaultOfflineSurveyId: "edited-while-up-ran",
    });
  }, 240_000);
});
