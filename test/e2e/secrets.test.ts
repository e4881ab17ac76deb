/**
 * Issue #8, secrets: a full lifecycle with the real CLI — up (with its preview), refresh, an update
 * that rotates secrets (a password change in place, a webhook key change rolling a connector), two
 * failures (a connector whose login secret is wrong: its create fails and is rolled back; a wrong
 * OAuth client secret: refused at preview), then destroy — with every kind of secret the package
 * handles: the provider's OAuth 2.0 client secret, bot agent passwords, the app-key quadruple's two
 * secrets, a webhook API key. Afterwards each secret value is searched for in: every CLI output
 * (stdout + stderr, which carries the dynamic provider's own stderr), every file the file backend
 * wrote for the stack (state, backups, history), the program folder, the emulator's data dir
 * (state.json) and its request log, state dump and status history. Hits must be 0.
 */
import { emulatorAdmin } from "../helpers/emulator-admin";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmulator, type RunningEmulator } from "../../sdk/src/emulator";
import { describeWithCli, ROOT, TestProgram, type RunResult } from "../helpers/pulumi-cli";

const tag = randomBytes(4).toString("hex");
const SECRETS = {
  oauthClientSecret: `oauth-client-S3CRET-${tag}`,
  wrongClientSecret: `wrong-client-S3CRET-${tag}`,
  passwordV1: `agent-password-S3CRET-${tag}`,
  passwordV2: `rotated-password-S3CRET-${tag}`,
  appSecret: `app-secret-S3CRET-${tag}`,
  accessTokenSecret: `access-token-secret-S3CRET-${tag}`,
  webhookKeyV1: `webhook-key-S3CRET-${tag}`,
  webhookKeyV2: `webhook-key2-S3CRET-${tag}`,
  wrongConnectorPassword: `wrong-connector-pw-S3CRET-${tag}`,
};
const APP_KEY = { appKey: `sec-app-key-${tag}`, accessToken: `sec-access-token-${tag}` };

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const password = config.requireSecret("agentPassword");
const webhookKey = config.requireSecret("webhookKey");
const skill = new le.Skill("skill", { name: "sec-skill" });
const pwAgent = new le.BotAgent("pw-agent", { loginName: "sec-pw-bot", nickname: "bot", fullName: "Sec Bot", email: "sec@example.com", skillIds: [skill.id], password });
const keyAgent = new le.BotAgent("key-agent", { loginName: "sec-key-bot", nickname: "bot", fullName: "Sec Key Bot", email: "key@example.com", skillIds: [skill.id], allowedAppKey: ${JSON.stringify(APP_KEY.appKey)} });
const c1 = new le.BotConnector("pw-connector", {
  botId: "demo-bot", agent: pwAgent.loginName, agentUserId: pwAgent.userId, conversationType: "messaging",
  flags: { lpPassword: password, externalWebhookAPIKey: webhookKey },
});
const c2 = new le.BotConnector("key-connector", {
  botId: "demo-bot", agent: keyAgent.loginName, agentUserId: keyAgent.userId, conversationType: "messaging",
  flags: { lpAppKey: ${JSON.stringify(APP_KEY.appKey)}, lpAppSecret: config.requireSecret("appSecret"),
           lpAccessToken: ${JSON.stringify(APP_KEY.accessToken)}, lpAccessTokenSecret: config.requireSecret("accessTokenSecret") },
});
const broken = config.getSecret("brokenPassword");
if (broken) {
  const agent = new le.BotAgent("broken-agent", { loginName: "sec-broken-bot", nickname: "bot", fullName: "Broken", email: "broken@example.com", skillIds: [skill.id], password });
  new le.BotConnector("broken-connector", { botId: "demo-bot", agent: agent.loginName, agentUserId: agent.userId, conversationType: "messaging",
    flags: { lpPassword: broken }, connectTimeoutSeconds: 3 });
}
exports.statuses = [c1.status, c2.status];
exports.flags = c1.flags;
`;

/** Every file under `dir` (recursively) whose path contains `needle`, or all when no needle. */
function filesUnder(dir: string, needle?: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (needle === undefined || full.includes(needle)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

describeWithCli("no secret leaks through a full lifecycle (real CLI)", () => {
  let emulator: RunningEmulator;
  let dataDir: string;
  let program: TestProgram;
  const outputs: { what: string; text: string }[] = [];
  const leaks: string[] = [];
  const admin = () => emulatorAdmin(emulator.url);

  const run = async (what: string, args: string[], allowFailure = false): Promise<RunResult> => {
    const r = await program.pulumi(args, { allowFailure });
    outputs.push({ what, text: `${r.stdout}\n${r.stderr}` });
    return r;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "le-secrets-"));
    emulator = await startEmulator({ port: 0, connectDelayMs: 50, dataDir });
    await admin()("POST", "/seed", {
      accounts: [
        {
          accountId: emulator.accountId,
          oauthClients: [{ clientId: "sec-client", clientSecret: SECRETS.oauthClientSecret }],
          appKeys: [
            {
              appKey: APP_KEY.appKey,
              secret: SECRETS.appSecret,
              accessToken: APP_KEY.accessToken,
              accessTokenSecret: SECRETS.accessTokenSecret,
            },
          ],
        },
      ],
    });
    program = await TestProgram.create("secrets", { "index.js": PROGRAM });
    await program.setConfig("liveengage:accountId", emulator.accountId);
    await program.setConfig("liveengage:csdsDomain", emulator.host);
    await program.setConfig("liveengage:clientId", "sec-client");
    await program.setConfig("liveengage:clientSecret", SECRETS.oauthClientSecret, true);
    await program.setConfig("agentPassword", SECRETS.passwordV1, true);
    await program.setConfig("webhookKey", SECRETS.webhookKeyV1, true);
    await program.setConfig("appSecret", SECRETS.appSecret, true);
    await program.setConfig("accessTokenSecret", SECRETS.accessTokenSecret, true);
  }, 120_000);

  afterAll(async () => {
    await program?.dispose();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it("deploys with `pulumi up` (preview included): both connectors Connected", async () => {
    await run("up", ["up", "--yes"]);
    await run("outputs", ["stack", "output", "--json"]);
    const shown = JSON.parse((await program.pulumi(["stack", "output", "--json", "--show-secrets"])).stdout) as { statuses: string[] };
    expect(shown.statuses).toEqual(["Connected", "Connected"]);
  }, 300_000);

  it("refreshes and previews with no changes", async () => {
    await run("refresh", ["refresh", "--yes", "--expect-no-changes"]);
    await run("preview", ["preview", "--expect-no-changes", "--diff"]);
  }, 300_000);

  it("rotates the password and the webhook key (update and replacement)", async () => {
    await program.setConfig("agentPassword", SECRETS.passwordV2, true);
    await program.setConfig("webhookKey", SECRETS.webhookKeyV2, true);
    await run("preview-rotation", ["preview", "--diff"]);
    await run("up-rotation", ["up", "--yes", "--diff"]);
    await run("preview-after-rotation", ["preview", "--expect-no-changes"]);
  }, 300_000);

  it("fails a connector whose login secret is wrong, without printing the secret", async () => {
    await program.setConfig("brokenPassword", SECRETS.wrongConnectorPassword, true);
    const r = await run("up-broken", ["up", "--yes", "--skip-preview"], true);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/did not reach Connected|login/);
    await program.pulumi(["config", "rm", "brokenPassword"]);
    await run("up-repaired", ["up", "--yes", "--skip-preview"]);
  }, 300_000);

  it("refuses a wrong OAuth client secret at preview, without printing it", async () => {
    // A change to deploy (the webhook key back to v1) with a wrong client secret. (A preview with
    // no change at all makes no API call — issue #7 — so it has nothing to refuse.)
    await program.setConfig("liveengage:clientSecret", SECRETS.wrongClientSecret, true);
    await program.setConfig("webhookKey", SECRETS.webhookKeyV1, true);
    const r = await run("preview-wrong-client", ["preview"], true);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("liveengage:clientSecret");
    await program.setConfig("liveengage:clientSecret", SECRETS.oauthClientSecret, true);
    await program.setConfig("webhookKey", SECRETS.webhookKeyV2, true);
  }, 300_000);

  it("destroys", async () => {
    await run("destroy", ["destroy", "--yes", "--skip-preview"]);
    await run("history", ["stack", "history", "--json"]);
    await run("export", ["stack", "export"]);
  }, 300_000);

  it("finds no secret value anywhere: CLI output, provider stderr, state, history, emulator data and logs", async () => {
    const haystacks: { what: string; text: string }[] = [...outputs];
    for (const f of filesUnder(path.join(ROOT, ".pulumi", "state"), program.stack))
      haystacks.push({ what: path.relative(ROOT, f), text: readFileSync(f, "utf8") });
    for (const f of filesUnder(program.dir)) haystacks.push({ what: path.relative(ROOT, f), text: readFileSync(f, "utf8") });
    for (const f of filesUnder(dataDir)) {
      let text = readFileSync(f, "utf8");
      if (path.basename(f) === "state.json") {
        // The account's own app-key credential store (the server side of OAuth 1.0 must hold the
        // key's secrets to verify signatures; docs/emulator.md) is not something a client leaked.
        // Everything the provider sent (connector flags, passwords) is scanned.
        const state = JSON.parse(text) as { accounts: Record<string, { appKeys?: unknown }> };
        for (const a of Object.values(state.accounts)) delete a.appKeys;
        text = JSON.stringify(state);
      }
      haystacks.push({ what: `emulator data: ${path.basename(f)}`, text });
    }
    haystacks.push({ what: "emulator request log", text: JSON.stringify(await admin()("GET", "/requests")) });
    haystacks.push({ what: "emulator state dump", text: JSON.stringify(await admin()("GET", "/state")) });
    haystacks.push({
      what: "emulator status history",
      text: JSON.stringify(await admin()("GET", `/status-history?account=${emulator.accountId}`)),
    });
    // The state files were really scanned (the stack's checkpoint and its history).
    expect(haystacks.filter((h) => h.what.includes(".pulumi/state")).length).toBeGreaterThanOrEqual(2);
    for (const h of haystacks) {
      for (const [name, value] of Object.entries(SECRETS)) if (h.text.includes(value)) leaks.push(`${name} in ${h.what}`);
    }
    console.log(
      `[secrets] scanned ${haystacks.length} outputs/files for ${Object.keys(SECRETS).length} secret values: ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
  }, 120_000);
});
