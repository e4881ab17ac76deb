/**
 * Issue #4 end to end with the real CLI: skill → 2 bot agents → campaign → engagement → 2 connectors
 * Connected; a flag change is a replace in preview and, on up, each connector is stopped, deleted,
 * added and started (the emulator's request log and status history are the evidence); the next
 * preview and a refresh show no changes; destroy leaves the account as it was.
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const messageDelay = config.requireNumber("messageDelay");
const skill = new le.Skill("skill", { name: "e2e-bot-skill", description: "routes to the bot" });
const campaign = new le.Campaign("campaign", { name: "e2e-campaign" });
const engagement = new le.Engagement("engagement", { campaignId: campaign.id, name: "e2e-message-us", skillId: skill.id });
const connectors = [1, 2].map((n) => {
  const password = pulumi.secret("bot-password-" + n + "-s3cret");
  const agent = new le.BotAgent("agent-" + n, {
    loginName: "e2e-bot-" + n, nickname: "E2E Bot", fullName: "E2E Bot " + n, email: "bot" + n + "@example.com",
    skillIds: [skill.id], password,
  });
  return new le.BotConnector("connector-" + n, {
    botId: "demo-bot", agent: agent.loginName, conversationType: "messaging",
    flags: { lpPassword: password, messageDelay },
  });
});
exports.statuses = connectors.map((c) => c.status);
exports.connectorIds = connectors.map((c) => c.id);
exports.engagementSkill = engagement.skillName;
`;

type StateDump = { accounts: Record<string, Record<string, unknown>> };
/** Objects of a collection in the emulator's state dump that are not soft-deleted. */
function liveCount(dump: StateDump, account: string, key: string): number {
  const coll = (dump.accounts[account]?.[key] ?? {}) as Record<string, { deleted?: boolean; isDeleted?: boolean }>;
  return Object.values(coll).filter((o) => !o.deleted && !o.isDeleted).length;
}

interface HistoryEntry {
  status: string;
  at: string | number;
  reasons?: string[];
}
interface LogEntry {
  seq: number;
  method: string;
  route: string;
  url: string;
  status: number;
}

describeWithCli("a bot deployment with the real CLI", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  let stateBefore: unknown;

  beforeAll(async () => {
    emu = await startE2eEmulator();
    stateBefore = await emu.admin("GET", "/state");
    program = await TestProgram.create("deployment", { "index.js": PROGRAM });
    await emu.configure(program);
    await program.setConfig("messageDelay", "300");
  }, 120_000);

  afterAll(async () => {
    await program?.dispose();
    await emu?.close();
  }, 120_000);

  it("deploys skill, agents, campaign, engagement and two Connected connectors", async () => {
    await program.up();
    const out = await program.outputs();
    expect(out.statuses).toEqual(["Connected", "Connected"]);
    expect(out.engagementSkill).toBe("e2e-bot-skill");
    // The dump is read right: every declared object is there, once.
    const now = await emu.admin<StateDump>("GET", "/state");
    const id = emu.emulator.accountId;
    const added = (key: string) => liveCount(now, id, key) - liveCount(stateBefore as StateDump, id, key);
    expect({
      skills: added("skills"),
      users: added("users"),
      campaigns: added("campaigns"),
      engagements: added("engagements"),
      connectors: added("connectors"),
    }).toEqual({ skills: 1, users: 2, campaigns: 1, engagements: 1, connectors: 2 });
  }, 300_000);

  it("keeps secrets out of plaintext state", async () => {
    const { text } = await program.exportState();
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain(emu.emulator.credentials.password);
    const full = await program.pulumi(["stack", "export", "--show-secrets"]);
    expect(full.stdout).toContain("bot-password-1-s3cret"); // encrypted in state, not dropped
  }, 120_000);

  it("stores each resource's provider as a small require of the installed package", async () => {
    const { resources } = await program.exportState();
    const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/liveengage:"));
    expect(new Set(dynamic.map((r) => r.type.split(":").pop()))).toEqual(
      new Set(["Skill", "BotAgent", "Campaign", "Engagement", "BotConnector"]),
    );
    for (const r of dynamic) {
      const provider = String(r.outputs?.__provider ?? "");
      const kind = r.type.split(":").pop()!;
      const file = kind[0].toLowerCase() + kind.slice(1);
      expect([kind, provider.length < 8 * 1024]).toEqual([kind, true]);
      expect(provider).toContain(`require("pulumi-liveengage/dist/resources/${file}.provider.js")`);
    }
  }, 120_000);

  it("shows no changes on preview and refresh", async () => {
    await program.previewNoChanges();
    await program.refreshNoChanges();
  }, 300_000);

  it("replaces both connectors on a flag change: stop, delete, add, start", async () => {
    await program.setConfig("messageDelay", "450");
    const preview = await program.preview();
    const connectorSteps = preview.steps.filter((s) => s.urn.includes("::connector-"));
    expect(connectorSteps.length).toBeGreaterThan(0);
    for (const s of connectorSteps) expect(s.op).toMatch(/replace|delete-replaced|create-replacement/);
    expect(preview.steps.filter((s) => !s.urn.includes("::connector-") && s.op !== "same").map((s) => s.urn)).toEqual([]);
    // The changed flag is readable in the diff: credentials travel apart (secretFlags), so
    // `flags` is not hidden behind [secret] on a pull request's preview.
    const diffText = (await program.pulumi(["preview", "--diff"])).stdout;
    expect(diffText).toMatch(/messageDelay\s*:\s*300\s*=>\s*450/);
    expect(diffText).not.toContain("s3cret");

    const logSoFar = await emu.admin<LogEntry[]>("GET", "/requests");
    const since = logSoFar.length ? logSoFar[logSoFar.length - 1].seq : 0;
    await program.up();
    const log = await emu.admin<LogEntry[]>("GET", `/requests?since=${since}`);
    const ids = ((await program.outputs()).connectorIds as string[]).map((id) => id.split("/")[1]);
    for (const userId of ids) {
      const at = (method: string, pattern: RegExp) => log.findIndex((e) => e.method === method && pattern.test(e.url) && e.status < 300);
      const del = at("DELETE", new RegExp(`/bot_users/${userId}\\b`));
      const add = at("POST", new RegExp(`/bot_users/${userId}\\b`));
      expect(del).toBeGreaterThanOrEqual(0);
      expect(add).toBeGreaterThan(del);
      const stopBefore = log.slice(0, del).some((e) => e.method === "PUT" && /\/instance\/stop\//.test(e.url));
      const startAfter = log.slice(add).some((e) => e.method === "PUT" && /\/instance\/start\//.test(e.url));
      expect(stopBefore).toBe(true);
      expect(startAfter).toBe(true);
      const { connectors } = await emu.admin<{ connectors: { lpUserId: string; history: HistoryEntry[] }[] }>(
        "GET",
        `/status-history?account=${emu.emulator.accountId}&botId=demo-bot`,
      );
      const seq = (connectors.find((c) => c.lpUserId === userId)?.history ?? []).map((h) => h.status);
      // Connected, then Stopped before the delete, then back to Connected after the new start.
      const lastStopped = seq.lastIndexOf("STOPPED");
      expect(seq.slice(0, lastStopped)).toContain("CONNECTED");
      expect(seq[seq.length - 1]).toBe("CONNECTED");
    }
    expect((await program.outputs()).statuses).toEqual(["Connected", "Connected"]);
  }, 300_000);

  it("shows no changes after the rollout, on preview and refresh", async () => {
    await program.previewNoChanges();
    await program.refreshNoChanges();
  }, 300_000);

  it("destroys everything and leaves the account as it was", async () => {
    await program.destroy();
    const after = await emu.admin<StateDump>("GET", "/state");
    const id = emu.emulator.accountId;
    for (const key of ["skills", "users", "campaigns", "engagements", "connectors"]) {
      expect([key, liveCount(after, id, key)]).toEqual([key, liveCount(stateBefore as StateDump, id, key)]);
    }
  }, 300_000);
});
