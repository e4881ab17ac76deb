/**
 * Every documented generation of connector status words (issue #13), through the real CLI: the
 * emulator answers in the seed's words (CONNECTED / NOT_CONNECTED / STOPPED), the later Deploy
 * page's (READY_TO_START / ONLINE / OFFLINE / STOPPED) and the Bot Status app's (with its two
 * connection levels). Under each, a connector is deployed (replaced: stop, wait for Stopped, delete,
 * add, start, wait for Connected) and reads Connected with the raw word beside it. A word nobody
 * documented ends the wait at once, naming the word, and leaves no connector behind.
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const password = pulumi.secret("vocab-bot-Passw0rd");
const skill = new le.Skill("skill", { name: "vocab-skill" });
const agent = new le.BotAgent("agent", {
  loginName: "vocab-bot", nickname: "Vocab", fullName: "Vocab Bot", email: "vocab@example.com", skillIds: [skill.id], password,
});
// messageDelay changes per round: a flag change replaces the connector under the next vocabulary.
const connector = new le.BotConnector("connector", {
  botId: "demo-bot", agent: agent.loginName, conversationType: "messaging",
  flags: { lpPassword: password, messageDelay: config.requireNumber("round") * 100 },
});
exports.status = connector.status;
exports.rawStatus = connector.rawStatus;
`;

interface LogEntry {
  seq: number;
  method: string;
  route: string;
}
const STATUS_ROUTE = "/sysadmin/nodejs/instance/status-v2/:botId";

describeWithCli("connector status vocabularies", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  let round = 0;

  const deployUnder = async (vocabulary: string, overrides?: Record<string, string>) => {
    await emu.admin("PUT", "/status-words", { vocabulary, ...(overrides ? { overrides } : {}) });
    await program.setConfig("round", String(++round));
  };

  beforeAll(async () => {
    emu = await startE2eEmulator();
    program = await TestProgram.create("vocabularies", { "index.js": PROGRAM });
    await emu.configure(program);
  }, 120_000);

  afterAll(async () => {
    await emu?.admin("PUT", "/status-words", { vocabulary: "seed" }).catch(() => undefined);
    await program?.destroy().catch(() => undefined);
    await program?.dispose();
    await emu?.close();
  }, 300_000);

  it.each([
    ["seed", "CONNECTED"],
    ["deploy-page", "ONLINE"],
    ["bot-status", "ONLINE (Conversational Cloud: CONNECTED, bot server: CONNECTED)"],
  ])(
    "deploys under the %s vocabulary: Connected, raw %s",
    async (vocabulary, raw) => {
      await deployUnder(vocabulary);
      await program.up();
      expect(await program.outputs()).toMatchObject({ status: "Connected", rawStatus: raw });
      // The status read back by a refresh is the same: nothing to change.
      await program.refreshNoChanges();
    },
    300_000,
  );

  it("fails fast on a status word nobody documented, naming it, and leaves no connector", async () => {
    await deployUnder("seed", { connected: "FULLY_OPERATIONAL" });
    const before = (await emu.admin<LogEntry[]>("GET", "/requests")).length;
    const up = await program.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(up.code).not.toBe(0);
    const text = up.stdout + up.stderr;
    expect(text).toContain('status "FULLY_OPERATIONAL", which pulumi-liveengage does not know');
    expect(text).toContain("not waiting for it to change");
    // Fast: the wait ended at the first read that showed the word (the connect delay is 300 ms).
    const log = (await emu.admin<LogEntry[]>("GET", "/requests")).slice(before);
    expect(log.filter((r) => r.method === "GET" && r.route === STATUS_ROUTE).length).toBeLessThanOrEqual(6);
    const dump = await emu.admin<{ accounts: Record<string, { connectors: Record<string, unknown> }> }>("GET", "/state");
    expect(Object.keys(dump.accounts[emu.emulator.accountId]!.connectors)).toEqual([]);
  }, 300_000);
});
