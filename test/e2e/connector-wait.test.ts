/**
 * Honest waiting (issue #13): a connector that takes minutes to connect — the emulator's connect
 * delay raised to 200 s, "can take a few minutes" per LivePerson — is deployed by `pulumi up` with
 * the default timeout. The status is read less and less often (after the first seconds at most one
 * call per 5 s, counted in the emulator's request log) and the person running `pulumi up` sees
 * where it is ("…: Not Connected (starting), 40 s"). The one long test of the suite.
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";

/** Overridable only to try the test quickly by hand; the suite runs it with minutes. */
const CONNECT_DELAY_MS = Number(process.env.LIVEENGAGE_E2E_SLOW_CONNECT_MS ?? 200_000);
const STATUS_ROUTE = "/sysadmin/nodejs/instance/status-v2/:botId";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const password = pulumi.secret("slow-bot-Passw0rd");
const skill = new le.Skill("skill", { name: "slow-skill" });
const agent = new le.BotAgent("agent", {
  loginName: "slow-bot", nickname: "Slow", fullName: "Slow Bot", email: "slow@example.com", skillIds: [skill.id], password,
});
// No connectTimeoutSeconds: the default must fit a start of several minutes.
const connector = new le.BotConnector("connector", { botId: "demo-bot", agent: agent.loginName, conversationType: "messaging", flags: { lpPassword: password } });
exports.status = connector.status;
exports.rawStatus = connector.rawStatus;
`;

interface LogEntry {
  seq: number;
  time: string;
  method: string;
  route: string;
  status: number;
}

describeWithCli("a connector that takes minutes to connect", () => {
  let emu: E2eEmulator;
  let program: TestProgram;

  beforeAll(async () => {
    emu = await startE2eEmulator(CONNECT_DELAY_MS);
    program = await TestProgram.create("slow-connect", { "index.js": PROGRAM });
    await emu.configure(program);
  }, 120_000);

  afterAll(async () => {
    // Destroy stops the connector; a stop is immediate whatever the connect delay.
    await program?.destroy().catch(() => undefined);
    await program?.dispose();
    await emu?.close();
  }, 300_000);

  it(
    "deploys with the default timeout, backing off to one status call per 5 s, progress in the output",
    async () => {
      const up = await program.up();
      const out = await program.outputs();
      expect(out).toMatchObject({ status: "Connected", rawStatus: "CONNECTED" });

      // Progress lines a person sees while `pulumi up` waits.
      const progress = (up.stdout + up.stderr).split("\n").filter((l) => /slow-bot: Not Connected \(starting\), \d+ s/.test(l));
      expect(progress.length).toBeGreaterThanOrEqual(Math.floor(CONNECT_DELAY_MS / 20_000) - 1);

      // Status reads: a few in the first seconds, then at most one per 5 s.
      const log = await emu.admin<LogEntry[]>("GET", "/requests");
      const reads = log.filter((r) => r.method === "GET" && r.route === STATUS_ROUTE).map((r) => Date.parse(r.time));
      const first = reads[0]!;
      const later = reads.filter((t) => t - first >= 10_000);
      const windowS = (reads[reads.length - 1]! - (first + 10_000)) / 1000;
      expect(later.length).toBeLessThanOrEqual(Math.floor(windowS / 5) + 1);
      // And the wait did not stop polling: it saw the connector connect soon after it did.
      expect(reads.length).toBeGreaterThanOrEqual(Math.floor(CONNECT_DELAY_MS / 5_000));
      console.log(
        `slow connect: ${reads.length} status reads over ${Math.round((reads[reads.length - 1]! - first) / 1000)} s; ${progress.length} progress lines, e.g. ${progress[0]?.trim()}`,
      );
    },
    CONNECT_DELAY_MS + 300_000,
  );
});
