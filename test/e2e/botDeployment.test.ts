/**
 * Issue #5 end to end with the real CLI: a 3-agent BotDeployment; one agent's flag changed out of
 * band through the API is named by `liveengage drift` (exit 2), shown by `pulumi refresh`, and
 * restored by `pulumi up`. A flag change rolled out keeps at least 2 agents Connected at every
 * moment (the emulator's status history is the evidence); all-at-once shows the contrast.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { createLiveEngageClient, type LiveEngageClient } from "../../sdk/src/client";
import { describeWithCli, ROOT, TestProgram } from "../helpers/pulumi-cli";
import { tearDownE2e } from "../helpers/e2e-teardown";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { minConnected, type ConnectorHistory } from "../helpers/status-timeline";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { BotDeployment } = require("pulumi-liveengage");
const config = new pulumi.Config();
const deployment = new BotDeployment("support", {
  botId: "demo-bot",
  conversationType: "messaging",
  agents: { loginNamePrefix: "support-bot", email: "support@example.com", credentials: { password: (i) => pulumi.secret("support-pw-" + i + "-x") } },
  skill: { name: "support" },
  routing: { campaignName: "Support", engagementName: "Chat with support" },
  flags: { messageDelay: config.requireNumber("messageDelay"), skipAgentMessage: false },
  rollout: config.require("rollout"),
  connectTimeoutSeconds: 30,
});
exports.agents = deployment.agents;
exports.drift = deployment.drift;
`;

function liveengageCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "dist", "cli", "main.js"), ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describeWithCli("BotDeployment with the real CLI", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  let le: LiveEngageClient;
  let lpEnv: NodeJS.ProcessEnv;

  const history = async () =>
    (await emu.admin<{ connectors: ConnectorHistory[] }>("GET", `/status-history?account=${emu.emulator.accountId}&botId=demo-bot`))
      .connectors;

  beforeAll(async () => {
    emu = await startE2eEmulator(400);
    program = await TestProgram.create("bot-deployment", { "index.js": PROGRAM });
    await emu.configure(program);
    await program.setConfig("messageDelay", "300");
    await program.setConfig("rollout", "rolling");
    const creds = {
      accountId: emu.emulator.accountId,
      csdsDomain: emu.emulator.host,
      username: emu.emulator.credentials.username,
      password: emu.emulator.credentials.password,
    };
    le = createLiveEngageClient(creds);
    lpEnv = { LP_ACCOUNT_ID: creds.accountId, LP_CSDS_DOMAIN: creds.csdsDomain, LP_USERNAME: creds.username, LP_PASSWORD: creds.password };
  }, 120_000);

  afterAll(async () => {
    await tearDownE2e(program, emu);
  }, 300_000);

  it("deploys 3 identical agents, all Connected, with no drift", async () => {
    await program.up();
    const out = await program.outputs();
    expect((out.agents as { loginName: string; status: string }[]).map((a) => [a.loginName, a.status])).toEqual([
      ["support-bot-1", "Connected"],
      ["support-bot-2", "Connected"],
      ["support-bot-3", "Connected"],
    ]);
    expect(out.drift).toEqual([]);
    const cli = await liveengageCli(["drift", "--bot", "demo-bot"], lpEnv);
    expect([cli.code, cli.stdout]).toEqual([0, expect.stringContaining("no drift")]);
    const status = await liveengageCli(["status", "--json"], lpEnv);
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { agent: string; status: string; bot: string }[]).map((r) => [r.bot, r.agent, r.status])).toEqual([
      ["Demo Bot", "support-bot-1", "Connected"],
      ["Demo Bot", "support-bot-2", "Connected"],
      ["Demo Bot", "support-bot-3", "Connected"],
    ]);
    const table = await liveengageCli(["status"], lpEnv);
    expect(table.stdout).toMatch(/Demo Bot\s+support-bot-1\s+\d+\s+messaging\s+Demo\s+Connected/);
  }, 300_000);

  it("names an agent changed out of band: liveengage drift exits 2, refresh shows it, up restores it", async () => {
    // The hand edit LivePerson warns about, through the API: stop, edit one flag, start.
    const user = await le.users.findByLoginName("support-bot-2");
    const userId = String(user!.id);
    const current = (await le.connectors.get("demo-bot", userId))!;
    await le.connectors.stop("demo-bot", "support-bot-2");
    await le.connectors.waitForStatus("demo-bot", userId, "STOPPED", { timeoutMs: 10_000, intervalMs: 100 });
    const configurations = { ...current.configurations, messageDelay: "999", lpPassword: "support-pw-1-x" };
    await le.connectors.edit(userId, {
      deploymentEnvironment: "STAGING",
      type: "messaging",
      lpAccountId: le.accountId,
      lpAccountUser: "support-bot-2",
      botId: "demo-bot",
      configurations,
    });
    await le.connectors.start("demo-bot", "support-bot-2");
    await le.connectors.waitForStatus("demo-bot", userId, "CONNECTED", { timeoutMs: 10_000, intervalMs: 100 });

    const table = await liveengageCli(["drift", "--bot", "demo-bot"], lpEnv);
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(/messageDelay\s+300\s+999\s+300/);
    const json = await liveengageCli(["drift", "--bot", "demo-bot", "--json"], lpEnv);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).drift).toEqual([
      { flag: "messageDelay", values: { "support-bot-1": "300", "support-bot-2": "999", "support-bot-3": "300" } },
    ]);

    const refresh = await program.pulumi(["refresh", "--yes", "--diff"]);
    expect(refresh.stdout).toMatch(/support-connector-2/);
    expect(refresh.stdout).toMatch(/messageDelay\s*:\s*300\s*=>\s*999/);
    const preview = await program.preview();
    const changed = preview.steps.filter((s) => s.op !== "same").map((s) => s.urn.split("::").pop());
    expect([...new Set(changed)]).toEqual(["support-connector-2"]);

    await program.up();
    const after = await liveengageCli(["drift", "--bot", "demo-bot"], lpEnv);
    expect(after.code).toBe(0);
    expect((await program.outputs()).drift).toEqual([]);
  }, 300_000);

  it("rolls a flag change out one agent at a time: at least 2 of 3 Connected at every moment", async () => {
    await program.setConfig("messageDelay", "450");
    const from = Date.now();
    await program.up();
    const to = Date.now();
    const connectors = await history();
    expect(connectors).toHaveLength(3);
    // Each connector really was restarted in the window…
    for (const c of connectors) expect(c.history.some((h) => h.status === "STOPPED" && Date.parse(String(h.at)) >= from)).toBe(true);
    // …and never more than one at a time.
    expect(minConnected(connectors, from, to)).toBeGreaterThanOrEqual(2);
  }, 300_000);

  it("all-at-once restarts them together: the contrast", async () => {
    await program.setConfig("rollout", "all-at-once");
    await program.setConfig("messageDelay", "600");
    const from = Date.now();
    await program.up();
    const to = Date.now();
    expect(minConnected(await history(), from, to)).toBeLessThan(2);
    const out = await program.outputs();
    expect((out.agents as { status: string }[]).map((a) => a.status)).toEqual(["Connected", "Connected", "Connected"]);
  }, 300_000);
});
