/**
 * Issue #12 end to end: a hand-made account (3 bots, one with a drifted agent; shared skills; a
 * campaign with two engagements; fields no resource models) → `liveengage export` → `npm install`
 * → `pulumi up` adopts everything (creates and deletes nothing, restarts only the drifted agent,
 * keeps every hand-set field) → preview and refresh show no changes → destroy removes exactly
 * those objects. The same program then builds the whole setup in a second, empty account.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { ExportSummary } from "../../sdk/src/export";
import { tearDownE2e } from "../helpers/e2e-teardown";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { BOTS, buildHandMadeAccount, PASSWORDS, UNMODELLED, type HandMadeAccount } from "../helpers/hand-made-account";
import { describeWithCli, ROOT, TestProgram } from "../helpers/pulumi-cli";

const SECOND_ACCOUNT = "87654321";
const SECOND_ADMIN = { username: "second-admin", password: "second-admin-pw" };

function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

type Obj = Record<string, unknown> & { deleted?: boolean; isDeleted?: boolean };
type AccountDump = {
  skills: Record<string, Obj>;
  users: Record<string, Obj>;
  campaigns: Record<string, Obj>;
  engagements: Record<string, Obj>;
  connectors: Record<string, Obj & { configurations: Record<string, string>; lpAccountUser: string }>;
};

/** Fields that change on any write, whoever makes it. */
const VOLATILE = new Set(["dateUpdated", "lastPwdChangeDate", "updateTime", "manualOperationTs", "running", "lastManualOperation"]);
const stable = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([k]) => !VOLATILE.has(k)));
const live = <T extends Obj>(c: Record<string, T>) => Object.values(c).filter((o) => !o.deleted && !o.isDeleted);

/** The secret each config key stands for, from the summary's description of it. */
function secretValue(what: string): string {
  const m = /^password of bot agent (\S+)$/.exec(what);
  if (!m || PASSWORDS[m[1]] === undefined) throw new Error(`no test value for secret "${what}"`);
  return PASSWORDS[m[1]];
}

describeWithCli("liveengage export with the real CLI", () => {
  let emu: E2eEmulator;
  let account: HandMadeAccount;
  let summary: ExportSummary;
  let dir: string;
  let program: TestProgram;
  let before: AccountDump;
  let tarball: string;

  const dump = async (acc = emu.emulator.accountId) =>
    (await emu.admin<{ accounts: Record<string, AccountDump> }>("GET", `/state?account=${acc}`)).accounts[acc];
  const lpEnv = () => ({
    LP_ACCOUNT_ID: emu.emulator.accountId,
    LP_CSDS_DOMAIN: emu.emulator.host,
    LP_USERNAME: emu.emulator.credentials.username,
    LP_PASSWORD: emu.emulator.credentials.password,
  });

  beforeAll(async () => {
    emu = await startE2eEmulator(300);
    account = await buildHandMadeAccount(emu.emulator, emu.admin);
    before = await dump();
    // The package as users get it: a packed tarball the exported package.json points at.
    const packDir = path.join(ROOT, ".pulumi", "pack", `export-${process.pid}`);
    mkdirSync(packDir, { recursive: true });
    const packed = await run("npm", ["pack", "--silent", "--pack-destination", packDir]);
    if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
    tarball = path.join(packDir, packed.stdout.trim().split("\n").pop()!);
    dir = path.join(ROOT, ".pulumi", "e2e", `export-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  afterAll(async () => {
    await tearDownE2e(program, emu);
    if (tarball) rmSync(path.dirname(tarball), { recursive: true, force: true });
  }, 300_000);

  it("exports the account with the CLI: progress on stderr, the JSON summary on stdout", async () => {
    const r = await run(
      process.execPath,
      [path.join(ROOT, "dist", "cli", "main.js"), "export", "--out", dir, "--json", "--package", `file:${tarball}`],
      { env: lpEnv() },
    );
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining("export: reading")]);
    summary = JSON.parse(r.stdout) as ExportSummary;
    expect(summary.counts).toEqual({ Skill: 3, BotAgent: 1, Campaign: 1, Engagement: 2, BotConnector: 0, BotDeployment: 3, bots: 3 });
    expect(summary.drift.map((d) => [d.key, d.divergent.map((x) => x.agent)])).toEqual([["messageDelay", ["support-bot-2"]]]);
    expect(readdirSync(dir).sort()).toEqual([".gitignore", "Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"]);
  }, 120_000);

  it("npm install resolves pulumi-liveengage to the packed package, and index.ts typechecks", async () => {
    const install = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: dir });
    expect([install.code, install.stderr]).toEqual([0, expect.anything()]);
    const tsc = await run(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], { cwd: dir });
    expect([tsc.code, tsc.stdout]).toEqual([0, ""]);
  }, 600_000);

  it("pulumi up adopts everything: nothing created or deleted, only the drifted agent restarted, no hand-set field lost", async () => {
    program = await TestProgram.inDir(dir, `export-${process.pid}`);
    await emu.configure(program);
    for (const s of summary.secrets) await program.setConfig(s.key, secretValue(s.what), true);
    await emu.admin("DELETE", "/requests");
    const from = Date.now();
    await program.up();

    const writes = (await emu.admin<{ method: string; route: string; url: string }[]>("GET", "/requests")).filter(
      (r) => r.method !== "GET" && !/login|authenticate|logout/.test(r.route),
    );
    expect(writes.filter((w) => w.method === "POST" && !/instance\/(start|stop)/.test(w.url))).toEqual([]);
    expect(writes.filter((w) => w.method === "DELETE")).toEqual([]);

    const history = (
      await emu.admin<{ connectors: { lpAccountUser: string; history: { status: string; at: string }[] }[] }>(
        "GET",
        `/status-history?account=${emu.emulator.accountId}`,
      )
    ).connectors;
    const restarted = history
      .filter((c) => c.history.some((h) => h.status === "STOPPED" && Date.parse(h.at) >= from))
      .map((c) => c.lpAccountUser);
    expect(restarted).toEqual(["support-bot-2"]);

    const after = await dump();
    for (const kind of ["skills", "users", "campaigns", "engagements"] as const) {
      for (const [id, was] of Object.entries(before[kind])) expect([kind, id, stable(after[kind][id])]).toEqual([kind, id, stable(was)]);
    }
    for (const [key, was] of Object.entries(before.connectors)) {
      const now = after.connectors[key];
      const expected = was.lpAccountUser === "support-bot-2" ? { ...was.configurations, messageDelay: "500" } : was.configurations;
      expect([was.lpAccountUser, now.configurations]).toEqual([was.lpAccountUser, expected]);
    }
    // Spelled out, the fields of the seed's story: none of them modelled, all of them kept.
    const skill = after.skills[String(account.skills.support)];
    expect(skill).toEqual(expect.objectContaining(UNMODELLED.skills));
    expect(after.users[String(account.users["alice-nights"])]).toEqual(expect.objectContaining(UNMODELLED.users));
    expect(after.campaigns[String(account.campaignId)]).toEqual(expect.objectContaining(UNMODELLED.campaigns));
    expect(after.engagements[String(account.engagementIds[0])]).toEqual(expect.objectContaining(UNMODELLED.engagements));

    const out = (await program.outputs()) as { bots: Record<string, { agents: { status: string }[]; drift: unknown[] }> };
    for (const [bot, b] of Object.entries(out.bots))
      expect([bot, b.agents.map((a) => a.status), b.drift]).toEqual([bot, b.agents.map(() => "Connected"), []]);
  }, 600_000);

  it("then preview and refresh show no changes", async () => {
    await program.previewNoChanges();
    await program.refreshNoChanges();
  }, 300_000);

  it("pulumi destroy removes exactly the exported objects", async () => {
    await program.destroy();
    const after = await dump();
    const exportedUsers = new Set(Object.values(account.users).map(String));
    for (const kind of ["skills", "campaigns", "engagements"] as const) expect([kind, live(after[kind])]).toEqual([kind, []]);
    expect(
      live(after.users)
        .map((u) => String(u.id))
        .filter((id) => exportedUsers.has(id)),
    ).toEqual([]);
    expect(
      live(after.users)
        .map((u) => u.loginName)
        .sort(),
    ).toEqual(
      live(before.users)
        .map((u) => u.loginName)
        .filter((l) => PASSWORDS[l as string] === undefined)
        .sort(),
    );
    expect(Object.keys(after.connectors)).toEqual([]);
    await program.pulumi(["stack", "rm", "--yes", program.stack]);
    program = undefined as unknown as TestProgram;
  }, 300_000);

  it("the same program creates the whole setup in a second, empty account", async () => {
    const other = { support: "support-bot-2nd", chat: "chat-helper-2nd", owl: "night-owl-2nd" };
    await emu.admin("POST", "/seed", {
      accounts: [
        {
          accountId: SECOND_ACCOUNT,
          users: [{ loginName: SECOND_ADMIN.username, password: SECOND_ADMIN.password, profile: "Administrator" }],
          bots: Object.entries(other).map(([k, id]) => ({ id, name: BOTS[k as keyof typeof BOTS].name })),
        },
      ],
    });
    program = await TestProgram.inDir(dir, `export-second-${process.pid}`);
    await program.setConfig("liveengage:accountId", SECOND_ACCOUNT);
    await program.setConfig("liveengage:csdsDomain", emu.emulator.host);
    await program.setConfig("liveengage:username", SECOND_ADMIN.username);
    await program.setConfig("liveengage:password", SECOND_ADMIN.password, true);
    for (const s of summary.secrets) await program.setConfig(s.key, secretValue(s.what), true);
    // Bots are not managed by the program: their ids in this account are config.
    const keyOf = (botId: string) => summary.configDefaults.find((c) => c.value === botId)!.key;
    for (const [k, id] of Object.entries(other)) await program.setConfig(keyOf(BOTS[k as keyof typeof BOTS].id), id);

    await program.up();
    const made = await dump(SECOND_ACCOUNT);
    expect(
      live(made.skills)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["chat support", "escalation", "support"]);
    expect(
      live(made.users)
        .map((u) => u.loginName)
        .filter((l) => l !== SECOND_ADMIN.username)
        .sort(),
    ).toEqual(Object.keys(PASSWORDS).sort());
    expect(live(made.campaigns).map((c) => c.name)).toEqual(["Customer care"]);
    expect(
      live(made.engagements)
        .map((e) => e.name)
        .sort(),
    ).toEqual(["Chat with us", "Message us"]);
    expect(
      Object.values(made.connectors)
        .map((c) => `${c.botId}/${c.lpAccountUser}`)
        .sort(),
    ).toEqual([
      "chat-helper-2nd/chat-helper-a",
      "chat-helper-2nd/chat-helper-b",
      "night-owl-2nd/alice-nights",
      "night-owl-2nd/owl-backup",
      "support-bot-2nd/support-bot-1",
      "support-bot-2nd/support-bot-2",
      "support-bot-2nd/support-bot-3",
    ]);
    // The drifted agent is built as declared: the majority's value.
    const support2 = Object.values(made.connectors).find((c) => c.lpAccountUser === "support-bot-2")!;
    expect(support2.configurations.messageDelay).toBe("500");
    await program.previewNoChanges();
  }, 600_000);
});
