/**
 * `liveengage doctor` against the emulator over https: all green for the administrator with a
 * Connected connector; each way a first deploy goes wrong — wrong password, a deployer without Bot
 * Status Access, an unknown bot, an unreachable Domain API, a status word nobody documented — is a
 * failed check naming its fix, with exit code 2. A recorded transcript holds no value (no secret,
 * token or id); replayed against an emulator set up the same way it shows no difference, and an
 * altered one shows exactly what was altered.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { checkCredentials, createLiveEngageClient, shutdownLiveEngageClients, type Credentials } from "../../../sdk/src/client";
import { doctor, DOCTOR_EXIT, renderReport } from "../../../sdk/src/cli/doctor-command";
import { parseTranscript, type Transcript } from "../../../sdk/src/cli/doctor-transcript";
import { startEmulator, type RunningEmulator } from "../../../sdk/src/emulator";
import { emulatorAdmin } from "../../helpers/emulator-admin";
import { replayTranscript } from "../../helpers/transcript-replay";
import { resetClientState } from "../../helpers/fake-liveengage";

const BOT_PASSWORD = "Doctor-Bot-Passw0rd";
let emu: RunningEmulator;
let dir: string;
let admin: Credentials;

/** A skill, a bot user and a started PRODUCTION connector on the demo bot, as a deploy leaves them. */
async function deployOneConnector(e: RunningEmulator, creds: Credentials): Promise<void> {
  const le = createLiveEngageClient(creds);
  const skill = await le.skills.create({ name: "doctor-skill" });
  const profile = await le.profiles.findForRole("ASSIGNED_AGENT");
  const user = await le.users.create({
    loginName: "doctor-bot",
    fullName: "Doctor Bot",
    nickname: "Doc",
    email: "doc@example.com",
    isEnabled: true,
    maxChats: -1,
    userTypeId: 2,
    profileIds: [profile.id],
    skillIds: [skill.id],
    memberOf: { agentGroupId: -1 },
    passwordSh: BOT_PASSWORD,
  });
  await le.connectors.add(String(user.id), {
    deploymentEnvironment: "PRODUCTION",
    type: "messaging",
    lpAccountId: e.accountId,
    lpAccountUser: "doctor-bot",
    botId: e.demoBotId,
    configurations: { lpUserRole: "ASSIGNED_AGENT", lpPassword: BOT_PASSWORD },
  });
  await le.connectors.start(e.demoBotId, "doctor-bot");
  await le.connectors.waitForStatus(e.demoBotId, String(user.id), "Connected", { intervalMs: 50, timeoutMs: 10_000 });
}

const credsFor = (e: RunningEmulator): Credentials => ({
  accountId: e.accountId,
  csdsDomain: e.url,
  caCert: e.caCert,
  username: e.credentials.username,
  password: e.credentials.password,
});

async function run(creds: Credentials, opts: { bot?: string[]; environment?: "production" | "demo"; record?: string } = {}) {
  resetClientState();
  const r = await doctor(checkCredentials(creds), { environment: opts.environment ?? "production", bot: opts.bot, record: opts.record });
  const byId = Object.fromEntries(r.report.checks.map((c) => [c.id, c]));
  return { ...r, byId, text: renderReport(r.report) };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, tls: true, connectDelayMs: 50 });
  admin = credsFor(emu);
  dir = mkdtempSync(path.join(tmpdir(), "doctor-"));
  await deployOneConnector(emu, admin);
}, 60_000);

afterAll(async () => {
  await shutdownLiveEngageClients();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("is all green for the administrator: every service, login, revisions, CB exchange, privileges, bots, connectors", async () => {
  const r = await run(admin, { bot: [emu.demoBotId] });
  expect(r.report.checks.map((c) => [c.id, c.status])).toEqual([
    ["csds", "ok"],
    ["login", "ok"],
    ["account-config", "ok"],
    ["cb-auth", "ok"],
    ["privileges", "ok"],
    ["bots", "ok"],
    ["connectors", "ok"],
  ]);
  expect(r.byId.connectors!.detail).toContain(`doctor-bot@${emu.demoBotId}: Connected (CONNECTED)`);
  expect(r.exitCode).toBe(DOCTOR_EXIT.ready);
  expect(r.text).toContain("Ready:");
});

it("names a wrong password with its fix (exit 2), never echoing the password", async () => {
  const r = await run({ ...admin, password: "Wrong-Secret-123" });
  expect(r.byId.login).toMatchObject({ status: "fail", fix: expect.stringContaining("liveengage:password") });
  expect(r.exitCode).toBe(DOCTOR_EXIT.wouldFail);
  expect(r.text).not.toContain("Wrong-Secret-123");
});

it("names a deployer without Bot Status Access for production, and only warns for demo", async () => {
  const noProd = { ...admin, ...emu.credentials.noProd };
  const r = await run(noProd);
  expect(r.byId.privileges).toMatchObject({ status: "fail", fix: expect.stringContaining("Bot Status Access") });
  expect(r.exitCode).toBe(DOCTOR_EXIT.wouldFail);
  const demo = await run(noProd, { environment: "demo" });
  expect(demo.byId.privileges!.status).toBe("warn");
  expect(demo.exitCode).toBe(DOCTOR_EXIT.ready);
});

it("names an unknown bot with the ids that exist", async () => {
  const r = await run(admin, { bot: ["no-such-bot"] });
  expect(r.byId.bots).toMatchObject({
    status: "fail",
    detail: expect.stringContaining("no-such-bot"),
    fix: expect.stringContaining(`${emu.demoBotId} "Demo Bot"`),
  });
  expect(r.exitCode).toBe(DOCTOR_EXIT.wouldFail);
});

it("names an unreachable Domain API with its fix and skips what depends on it", async () => {
  const r = await run({ ...admin, csdsDomain: "https://127.0.0.1:9" });
  expect(r.byId.csds).toMatchObject({ status: "fail", fix: expect.stringContaining("liveengage:csdsDomain") });
  expect(r.byId.login!.status).toBe("skip");
  expect(r.exitCode).toBe(DOCTOR_EXIT.wouldFail);
});

it("names an untrusted certificate with the caCert fix", async () => {
  const r = await run({ ...admin, caCert: undefined });
  expect(r.byId.csds).toMatchObject({ status: "fail", fix: expect.stringContaining("liveengage:caCert") });
});

it("fails on a status word nobody documented, naming the word", async () => {
  const adminCall = emulatorAdmin(emu.url, emu.caCert);
  await adminCall("PUT", "/status-words", { vocabulary: "seed", overrides: { connected: "FULLY_OPERATIONAL" } });
  try {
    const r = await run(admin);
    expect(r.byId.connectors).toMatchObject({ status: "fail", detail: expect.stringContaining('"FULLY_OPERATIONAL"') });
  } finally {
    await adminCall("PUT", "/status-words", { vocabulary: "seed" });
  }
});

describe("the command (dist/cli/main.js, built by `npm test`'s setup)", () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LP_")));
      execFile(
        process.execPath,
        [path.join(__dirname, "..", "..", "..", "dist", "cli", "main.js"), "doctor", ...args],
        { env: { ...clean, ...env } },
        (error, stdout) => {
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout });
        },
      );
    });
  const env = () => {
    const ca = path.join(dir, "cli-ca.pem");
    writeFileSync(ca, emu.caCert!);
    return {
      LP_ACCOUNT_ID: emu.accountId,
      LP_CSDS_DOMAIN: emu.url,
      LP_CA_CERT: ca,
      LP_USERNAME: emu.credentials.username,
      LP_PASSWORD: emu.credentials.password,
    };
  };

  it("--json and exit 0 when ready; exit 2 naming the fix when not; exit 2 for missing settings", async () => {
    const ok = await cli(["--json", "--bot", emu.demoBotId], env());
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ready: true, accountId: emu.accountId });
    const bad = await cli([], { ...env(), LP_PASSWORD: "Wrong-Secret-123" });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain("fix: LiveEngage refused the credentials");
    expect(bad.stdout).not.toContain("Wrong-Secret-123");
    const missing = await cli(["--json"], { LP_ACCOUNT_ID: emu.accountId });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).checks[0]).toMatchObject({ id: "configuration", status: "fail" });
  }, 240_000); // three CLI processes; each loads the whole CLI
});

describe("--record and replay", () => {
  let recorded: Transcript;
  let text: string;

  beforeAll(async () => {
    const file = path.join(dir, "account.json");
    await run(admin, { bot: [emu.demoBotId], record: file });
    text = readFileSync(file, "utf8");
    recorded = parseTranscript(text);
  }, 60_000);

  it("holds method, path template, status, header names and shapes — no value, secret, token or id", () => {
    expect(recorded.exchanges.length).toBeGreaterThan(10);
    const skills = recorded.exchanges.find((x) => x.method === "GET" && x.path === "/api/account/{account}/configuration/le-users/skills")!;
    expect(skills).toMatchObject({ check: "account-config", status: 200, headers: expect.arrayContaining(["ac-revision", "etag"]) });
    expect(recorded.exchanges.find((x) => x.path === "/api/account/{account}/login")).toMatchObject({
      method: "POST",
      status: 200,
      body: expect.objectContaining({ bearer: "string", csrf: "string" }),
    });
    for (const secret of [emu.accountId, emu.credentials.password, BOT_PASSWORD, "doctor-bot", "doctor-skill", "127.0.0.1"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(JSON.stringify(emu.credentials.username)); // "admin" as a value ("isAdmin" is a key)
  });

  it("replayed against an emulator set up the same way: no difference", async () => {
    const other = await startEmulator({ port: 0, tls: true, connectDelayMs: 50 });
    try {
      await deployOneConnector(other, credsFor(other));
      expect(await replayTranscript(recorded, credsFor(other), { environment: "production", bot: [other.demoBotId] })).toEqual([]);
    } finally {
      await other.close();
    }
  }, 60_000);

  it("an altered transcript shows exactly the alterations", async () => {
    const altered = JSON.parse(text) as Transcript;
    const skills = altered.exchanges.find((x) => x.path === "/api/account/{account}/configuration/le-users/skills")!;
    skills.headers = skills.headers.filter((h) => h !== "ac-revision");
    const status = altered.exchanges.find((x) => x.path.includes("/status-v2/"))!;
    (status.body as { successResult: { agents: Record<string, unknown>[] } }).successResult.agents[0]!.state = "string";
    const login = altered.exchanges.find((x) => x.path === "/api/account/{account}/login")!;
    login.status = 201;
    const diff = await replayTranscript(altered, admin, { environment: "production", bot: [emu.demoBotId] });
    expect(diff).toEqual(
      expect.arrayContaining([
        "GET /api/account/{account}/configuration/le-users/skills: header(s) ac-revision in the replay, not recorded",
        "GET /sysadmin/nodejs/instance/status-v2/{botId}: body.successResult.agents[].state: missing (expected string)",
        "POST /api/account/{account}/login: status 201 recorded, 200 in the replay",
      ]),
    );
    expect(diff).toHaveLength(3);
  }, 60_000);
});
