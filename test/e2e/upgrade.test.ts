/**
 * Upgrade: a stack deployed by a previous release (built from git here) is refreshed, updated and
 * destroyed by this version, installed as users get it (the packed package, with its "exports" map). Its state records the provider modules by
 * path (`require("pulumi-liveengage/dist/resources/<x>.provider.js")`), so those paths must keep
 * loading and what they find must accept the state the previous release wrote: no replacement,
 * no change on preview, an update in place, a clean destroy.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describeWithCli, ROOT, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";

/**
 * Previous releases whose state this version must take over: 51194fe, the layout before the resource
 * layer (#11) replaced the providers; 3d43207, the last 0.1.0 (one package with the emulator, no
 * "exports" map) before the packages split (#15).
 */
const PREVIOUS_RELEASES = ["51194fe", "3d43207"];

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const description = config.require("description");
const skill = new le.Skill("skill", { name: "upgrade-skill", description });
const campaign = new le.Campaign("campaign", { name: "upgrade-campaign", description });
new le.Engagement("engagement", { campaignId: campaign.id, name: "upgrade-engagement", skillId: skill.id, description });
const password = pulumi.secret("upgrade-password-1");
const pwAgent = new le.BotAgent("agent-pw", {
  loginName: "upgrade-bot-pw", nickname: "Upgrade", fullName: "Upgrade PW", email: "pw@example.com", skillIds: [skill.id], password,
});
const keyAgent = new le.BotAgent("agent-key", {
  loginName: "upgrade-bot-key", nickname: "Upgrade", fullName: "Upgrade Key", email: "key@example.com", skillIds: [skill.id],
  allowedAppKey: config.require("appKey"),
});
new le.BotConnector("connector-pw", { botId: "demo-bot", agent: pwAgent.loginName, conversationType: "messaging", flags: { lpPassword: password, messageDelay: 300 } });
new le.BotConnector("connector-key", {
  botId: "demo-bot", agent: keyAgent.loginName, conversationType: "messaging",
  flags: {
    lpAppKey: config.require("appKey"), lpAppSecret: config.requireSecret("appSecret"),
    lpAccessToken: config.requireSecret("accessToken"), lpAccessTokenSecret: config.requireSecret("accessTokenSecret"),
  },
});
`;

/** Builds a previous release from git into `dir` and returns its packed layout (package.json + dist). */
function buildPreviousRelease(release: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let archive: Buffer;
  try {
    archive = execFileSync("git", ["-C", ROOT, "archive", release, "sdk", "tsconfig.json", "package.json"]);
  } catch (e) {
    throw new Error(
      `the upgrade test builds the previous release from git: commit ${release} must be in this clone's history (not a shallow clone)`,
      { cause: e },
    );
  }
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  // The old release compiles against today's node_modules, which no longer hold its CLI framework
  // (commander): tsc reports that and still emits. What a Pulumi program loads must be there.
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(dir, "tsconfig.json")], {
      stdio: "pipe",
    });
  } catch (e) {
    const out = String((e as { stdout?: Buffer }).stdout ?? "");
    const unrelated = out.split("\n").filter((l) => /error TS/.test(l) && !/sdk\/src\/(cli|emulator)\//.test(l));
    if (unrelated.length) throw new Error(`building ${release} failed:\n${out}`, { cause: e });
  }
  for (const p of ["index", "resources/skill.provider", "resources/botConnector.provider"]) {
    if (!existsSync(path.join(dir, "dist", `${p}.js`))) throw new Error(`building ${release} emitted no dist/${p}.js`);
  }
  return dir;
}

describe.each(PREVIOUS_RELEASES)("upgrade from release %s", (release) => {
  describeWithCli(`a stack deployed by ${release}`, () => {
    let emu: E2eEmulator;
    let program: TestProgram;
    let installed: string;

    beforeAll(async () => {
      const build = buildPreviousRelease(release, path.join(ROOT, ".pulumi", `previous-release-${release}-${process.pid}`));
      emu = await startE2eEmulator(50);
      program = await TestProgram.create(`upgrade-${release}`, { "index.js": PROGRAM });
      await emu.configure(program);
      const key = emu.emulator.credentials.appKey;
      await program.setConfig("description", "v1");
      await program.setConfig("appKey", key.appKey);
      await program.setConfig("appSecret", key.secret, true);
      await program.setConfig("accessToken", key.accessToken, true);
      await program.setConfig("accessTokenSecret", key.accessTokenSecret, true);
      // The program finds the previous release first (its own node_modules), as a user's did.
      installed = path.join(program.dir, "node_modules", "pulumi-liveengage");
      mkdirSync(installed, { recursive: true });
      cpSync(path.join(build, "package.json"), path.join(installed, "package.json"));
      cpSync(path.join(build, "dist"), path.join(installed, "dist"), { recursive: true });
      rmSync(build, { recursive: true, force: true });
      await program.up();
    }, 600_000);

    afterAll(async () => {
      await program?.destroy().catch(() => undefined);
      await program?.dispose();
      await emu?.close();
    }, 300_000);

    it("deployed with the previous release: state records the provider modules by path", async () => {
      const { text } = await program.exportState();
      for (const p of ["skill", "botAgent", "campaign", "engagement", "botConnector"]) {
        expect(text).toContain(`pulumi-liveengage/dist/resources/${p}.provider.js`);
      }
      expect(text).not.toContain("upgrade-password-1");
    }, 120_000);

    it("this version previews the old state with no change, refreshes it, and updates in place", async () => {
      // From here on the program and the engine load this version (the repository's packed copy).
      rmSync(path.join(program.dir, "node_modules"), { recursive: true, force: true });
      expect(existsSync(installed)).toBe(false);
      // This version, as packed: its "exports" map must let the recorded provider paths through.
      const current = JSON.parse(readFileSync(require.resolve("pulumi-liveengage/package.json", { paths: [program.dir] }), "utf8")) as {
        version: string;
        exports?: object;
      };
      expect(current.exports).toHaveProperty(["./dist/resources/*.provider.js"]);
      await program.previewNoChanges();
      await program.refresh();
      await program.previewNoChanges();
      await emu.admin("DELETE", "/counters");
      await program.setConfig("description", "v2");
      const preview = await program.preview();
      const ops = preview.steps
        .filter((s) => s.op !== "same")
        .map((s) => `${s.op} ${s.urn.split("::").pop()}`)
        .sort();
      expect(ops).toEqual(["update campaign", "update engagement", "update skill"]);
      await program.up();
      const counters = await emu.admin<Record<string, number>>("GET", "/counters");
      // Nothing was replaced: no connector or user deleted or added.
      expect(Object.keys(counters).filter((k) => /^(DELETE|POST) /.test(k) && /users|bot_users/.test(k))).toEqual([]);
      await program.previewNoChanges();
    }, 600_000);

    it("this version destroys what the previous release deployed, leaving nothing behind", async () => {
      await program.destroy();
      const dump = await emu.admin<{
        accounts: Record<string, { connectors: object; users: Record<string, { loginName: string; deleted: boolean }> }>;
      }>("GET", "/state");
      const acc = dump.accounts[emu.emulator.accountId]!;
      expect(Object.keys(acc.connectors)).toEqual([]);
      expect(Object.values(acc.users).filter((u) => u.loginName.startsWith("upgrade-") && !u.deleted)).toEqual([]);
    }, 300_000);
  });
});
