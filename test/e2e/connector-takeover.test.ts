/**
 * A new connector whose agent already has a connector on the bot (left by an interrupted run, or made
 * by hand) is taken over by the create. With the real CLI:
 *  - `pulumi preview` says so, per connector, with what the take-over changes, never a secret;
 *    it lists the bot's connectors once for all of them, and reads nothing for an agent the same
 *    run creates (issue #18: a fleet's preview pays no read per new connector);
 *  - `pulumi up` takes them over keeping the configuration key and the secret flag set by hand that
 *    the program does not declare, and writes no secret into its output or state in plaintext;
 *  - the next preview and refresh show no change: the kept keys replace nothing;
 *  - the repair of a failing connector (refresh, then up) is an update that keeps them too;
 *  - a flag change replaces every connector and previews no take-over: the engine checks each
 *    replacement a second time as a create, while the connector it replaces still exists.
 */
import { createLiveEngageClient, type Credentials, type LiveEngageClient } from "../../sdk/src/client";
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { tearDownE2e } from "../helpers/e2e-teardown";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { maskedPasswordHandEdit } from "../helpers/hand-edit";

const BOT = "demo-bot";
const HAND_KEY = "handTunedGreeting";
const HAND_VALUE = "hello, set by hand";
const HAND_SECRET = "hand-hook-api-key-5519";
const password = (login: string) => `${login}-Passw0rd-secret`;
const TAKEN = ["takeover-bot-1", "takeover-bot-2"];
const LISTING = "GET /bot-platform-manager-0.1/auth/liveperson/app";
const USERS = "GET /api/account/:a/configuration/le-users/users";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const skillIds = [config.require("skillId")];
const messageDelay = Number(config.get("messageDelay") ?? "300");
for (const agent of ${JSON.stringify(TAKEN)}) {
  new le.BotConnector(agent, {
    botId: "${BOT}", agent, conversationType: "messaging", connectTimeoutSeconds: 60,
    flags: { lpPassword: config.requireSecret(agent), messageDelay },
  });
}
// An agent this run creates: its connector cannot exist yet, so preview reads nothing for it.
const fresh = new le.BotAgent("takeover-new", {
  loginName: "takeover-new", nickname: "New", fullName: "Takeover New", email: "new@example.com",
  password: config.requireSecret("takeover-new"), skillIds,
});
new le.BotConnector("takeover-new", {
  botId: "${BOT}", agent: fresh.loginName, agentUserId: fresh.id, conversationType: "messaging", connectTimeoutSeconds: 60,
  flags: { lpPassword: config.requireSecret("takeover-new"), messageDelay },
});
`;

describeWithCli("a new connector taking over an existing one, with the real CLI", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  let person: LiveEngageClient;
  let creds: Credentials;
  const ids: Record<string, string> = {};
  const live = async (login: string) => (await person.connectors.listForBot(BOT)).find((c) => c.lpAccountUser === login);
  const secrets = () => [HAND_SECRET, ...TAKEN.map(password), password("takeover-new")];

  beforeAll(async () => {
    emu = await startE2eEmulator(300);
    const e = emu.emulator;
    creds = { accountId: e.accountId, csdsDomain: e.host, username: e.credentials.username, password: e.credentials.password };
    person = createLiveEngageClient(creds);
    const skill = await person.skills.create({ name: "takeover-skill" });
    const agentProfile = (await person.profiles.list()).find((p) => p.roleTypeId === 2)!;
    for (const login of TAKEN) {
      const user = await person.users.create({
        loginName: login,
        fullName: login,
        nickname: login,
        email: `${login}@example.com`,
        isEnabled: true,
        maxChats: -1,
        profileIds: [agentProfile.id],
        userTypeId: 2,
        passwordSh: password(login),
        skillIds: [skill.id],
      });
      ids[login] = String(user.id);
      // The person's connector: another message delay, a custom key and a secret flag no program declares.
      await person.connectors.add(ids[login], {
        deploymentEnvironment: "STAGING",
        type: "messaging",
        lpAccountId: e.accountId,
        lpAccountUser: login,
        botId: BOT,
        configurations: {
          lpAccountId: e.accountId,
          lpAccountUser: login,
          lpUserRole: "ASSIGNED_AGENT",
          enableAccessibility: "true",
          lpPassword: password(login),
          messageDelay: "900",
          externalWebhookAPIKey: HAND_SECRET,
          [HAND_KEY]: HAND_VALUE,
        },
      });
      await person.connectors.start(BOT, login);
      await person.connectors.waitForStatus(BOT, ids[login], "CONNECTED", { timeoutMs: 30_000, intervalMs: 100 });
    }
    program = await TestProgram.create("takeover", { "index.js": PROGRAM });
    await emu.configure(program);
    await program.setConfig("skillId", String(skill.id));
    for (const login of [...TAKEN, "takeover-new"]) await program.setConfig(login, password(login), true);
  }, 300_000);

  afterAll(async () => {
    await tearDownE2e(program, emu);
  }, 300_000);

  it("pulumi preview warns of each take-over with what it changes, no secret, one connector listing for the bot", async () => {
    await emu.admin("DELETE", "/counters");
    const r = await program.pulumi(["preview"]);
    const text = r.stdout + r.stderr;
    for (const login of TAKEN) {
      const line = text.split("\n").find((l) => l.includes(`agent "${login}" already exists`)) ?? "";
      expect(line).toContain(`BotConnector botId "${BOT}", agent "${login}" already exists (id ${BOT}/${ids[login]})`);
      expect(line).toContain("creating it takes it over, which changes flags.");
      expect(line).toContain("flags.messageDelay: 900 → 300;");
      expect(line).toContain("secretFlags: (secret) will be written");
      expect(line).toContain("fields the program does not declare keep their live values");
    }
    expect(text).not.toMatch(/agent "takeover-new" already exists/);
    for (const s of secrets()) expect(text).not.toContain(s);
    const counters = await emu.admin<Record<string, number>>("GET", "/counters");
    // Two connectors taken over on one bot: one listing; the new agent's connector: none. The users
    // list is the one BotAgent's preflight makes anyway.
    expect({ listings: counters[LISTING], users: counters[USERS] }).toEqual({ listings: 1, users: 1 });
  }, 300_000);

  it("pulumi up takes them over, keeping the hand-set key and secret flag, with no secret in its output or state", async () => {
    const r = await program.up();
    expect(r.stdout + r.stderr).toMatch(/already exists .*taking it over as declared/);
    for (const login of TAKEN) {
      const c = await live(login);
      expect(c?.configurations).toMatchObject({
        [HAND_KEY]: HAND_VALUE,
        externalWebhookAPIKey: "********",
        messageDelay: "300",
        lpPassword: "********",
      });
      expect((await person.connectors.statusOf(BOT, ids[login]))?.status).toBe("CONNECTED");
    }
    expect((await person.connectors.listForBot(BOT)).map((c) => c.lpAccountUser)).toEqual([...TAKEN, "takeover-new"]);
    const state = (await program.exportState()).text;
    for (const s of secrets()) {
      expect(r.stdout + r.stderr).not.toContain(s);
      expect(state).not.toContain(s);
    }
  }, 300_000);

  it("the next preview and refresh change nothing: the kept keys are no reason to replace the connectors", async () => {
    await program.previewNoChanges();
    await program.refreshNoChanges();
    await program.previewNoChanges();
    for (const login of TAKEN) expect((await live(login))?.configurations).toMatchObject({ [HAND_KEY]: HAND_VALUE });
  }, 300_000);

  it("the repair of a failing connector (refresh, then up) is an update of that one, and keeps the hand-set key", async () => {
    // Conversation Builder's hand edit: stop, PUT as read (the masks become the secrets), start: Not Connected.
    const [broken, healthy] = TAKEN;
    await maskedPasswordHandEdit(creds, BOT, broken, person);
    await expect(
      person.connectors.waitForStatus(BOT, ids[broken], "CONNECTED", { timeoutMs: 5_000, intervalMs: 100, failFast: true }),
    ).rejects.toThrow(/login/);
    await program.refresh();
    const preview = await program.preview();
    expect(preview.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["update", broken]]);
    const r = await program.up();
    const c = await live(broken);
    expect(c?.configurations).toMatchObject({ [HAND_KEY]: HAND_VALUE, messageDelay: "300", lpPassword: "********" });
    expect((await person.connectors.statusOf(BOT, ids[broken]))?.status).toBe("CONNECTED");
    expect((await live(healthy))?.configurations).toMatchObject({ [HAND_KEY]: HAND_VALUE });
    for (const s of secrets()) expect(r.stdout + r.stderr).not.toContain(s);
    await program.previewNoChanges();
  }, 300_000);

  it("a flag change replaces the connectors with no take-over announced, and its preview lists no connectors", async () => {
    await program.setConfig("messageDelay", "450");
    await emu.admin("DELETE", "/counters");
    const preview = await program.preview();
    const replaced = preview.steps.filter((s) => s.op === "replace").map((s) => s.urn.split("::").pop());
    expect(new Set(replaced)).toEqual(new Set([...TAKEN, "takeover-new"]));
    const said = (preview.diagnostics ?? []).map((d) => d.message).join("\n");
    expect(said).toMatch(/will be restarted/); // the control: the preview's warnings are here
    expect(said).not.toMatch(/already exists|takes it over/);
    expect((await emu.admin<Record<string, number>>("GET", "/counters"))[LISTING] ?? 0).toBe(0);
    const r = await program.up();
    expect(r.stdout + r.stderr).not.toMatch(/already exists|takes it over|taking it over/);
    for (const login of [...TAKEN, "takeover-new"]) expect((await live(login))?.configurations).toMatchObject({ messageDelay: "450" });
  }, 300_000);
});
