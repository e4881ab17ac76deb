/**
 * Issue #15: the packages as users get them, outside the repository.
 *   - `npm pack` of the component package: its dependencies hold no server or CLI framework, and
 *     the files its README links to are in the tarball.
 *   - The emulator runs from the packed emulator package (through `liveengage emulator`).
 *   - A fresh Pulumi program that installs only the packed component package (and @pulumi/pulumi from
 *     the registry) deploys against it: up, preview with no changes, destroy. Without the emulator
 *     package, `liveengage emulator` says how to install it.
 *   - An example copied to an empty folder, with the packed package installed from its tarball,
 *     runs up → preview with no changes → destroy.
 * npm installs from the local cache first (`--prefer-offline`): what the root `npm ci` fetched.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { emulatorAdmin, type AdminCall } from "../helpers/emulator-admin";
import { describeWithCli, ROOT, TestProgram } from "../helpers/pulumi-cli";

interface Packed {
  tarball: string;
  size: number;
  files: string[];
  manifest: { name: string; version: string; dependencies?: Record<string, string> };
}

/** Runs a command, rejecting with its output when it fails. */
function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function mustRun(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await run(cmd, args, cwd);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `npm pack` of the root package or of a workspace, into `dest`. */
async function pack(dest: string, workspace?: string): Promise<Packed> {
  const out = await mustRun("npm", ["pack", "--json", "--pack-destination", dest, ...(workspace ? ["-w", workspace] : [])], ROOT);
  const [info] = JSON.parse(out) as { filename: string; size: number; files: { path: string }[] }[];
  const tarball = path.join(dest, info!.filename);
  const dir = path.join(dest, `${info!.filename}.unpacked`);
  mkdirSync(dir, { recursive: true });
  await mustRun("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"], dest);
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Packed["manifest"];
  return { tarball, size: info!.size, files: info!.files.map((f) => f.path), manifest };
}

const npmInstall = (dir: string) => mustRun("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], dir);

function writePackage(dir: string, dependencies: Record<string, string>, extra: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: path.basename(dir), version: "0.0.0", private: true, ...extra, dependencies }, null, 2),
  );
}

/** `liveengage emulator --json` from an installation folder; resolves once it prints where it listens. */
function startEmulatorCli(
  home: string,
): Promise<{ proc: ChildProcess; url: string; host: string; accountId: string; credentials: { username: string; password: string } }> {
  const cli = path.join(home, "node_modules", "pulumi-liveengage", "dist", "cli", "main.js");
  const proc = spawn(process.execPath, [cli, "emulator", "--port", "0", "--connect-delay-ms", "50", "--json"], { cwd: home });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the packed emulator did not start:\n${out}`)), 60_000);
    proc.stderr!.on("data", (d) => (out += d));
    proc.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (!line) return;
      clearTimeout(timer);
      const info = JSON.parse(line) as {
        url: string;
        csdsDomain: string;
        accountId: string;
        credentials: { username: string; password: string };
      };
      resolve({ proc, url: info.url, host: info.csdsDomain, accountId: info.accountId, credentials: info.credentials });
    });
    proc.on("exit", (code) => reject(new Error(`the packed emulator exited ${code}:\n${out}`)));
  });
}

/** Skill → agent → connector: a small deployment that exercises three provider paths and the connector wait. */
const FRESH_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const skill = new le.Skill("skill", { name: "packed-skill", description: "from the packed package" });
const password = pulumi.secret("packed-agent-pw-1");
const agent = new le.BotAgent("agent", {
  loginName: "packed-bot-1", nickname: "Packed", fullName: "Packed Bot", email: "packed@example.com", skillIds: [skill.id], password,
});
const connector = new le.BotConnector("connector", { botId: "demo-bot", agent: agent.loginName, conversationType: "messaging", flags: { lpPassword: password } });
exports.status = connector.status;
`;

const LIVE_KINDS = ["skills", "users", "campaigns", "engagements", "connectors"];
type StateDump = { accounts: Record<string, Record<string, Record<string, { deleted?: boolean; isDeleted?: boolean }>>> };
/** How many objects of each kind are live in the account (compared with the count before a program ran). */
async function liveObjects(admin: AdminCall, account: string): Promise<Record<string, number>> {
  const dump = await admin<StateDump>("GET", "/state");
  const acc = dump.accounts[account] ?? {};
  return Object.fromEntries(LIVE_KINDS.map((k) => [k, Object.values(acc[k] ?? {}).filter((o) => !o.deleted && !o.isDeleted).length]));
}

describeWithCli("the packed packages, outside the repository", () => {
  let work: string;
  let component: Packed;
  let emulatorPkg: Packed;
  let emulator: Awaited<ReturnType<typeof startEmulatorCli>> | undefined;
  let admin: AdminCall;
  /** What the seeded account holds before any program runs: destroy must bring it back to this. */
  let seeded: Record<string, number>;
  const programs: TestProgram[] = [];

  const configure = async (program: TestProgram) => {
    await program.setConfig("liveengage:accountId", emulator!.accountId);
    await program.setConfig("liveengage:csdsDomain", emulator!.host);
    await program.setConfig("liveengage:username", emulator!.credentials.username);
    await program.setConfig("liveengage:password", emulator!.credentials.password, true);
  };

  beforeAll(async () => {
    // Outside the repository: nothing resolves from its node_modules.
    work = mkdtempSync(path.join(tmpdir(), "liveengage-pack-"));
    component = await pack(work);
    emulatorPkg = await pack(work, "pulumi-liveengage-emulator");
    const emuHome = path.join(work, "emulator-home");
    writePackage(emuHome, {
      "pulumi-liveengage": `file:${component.tarball}`,
      "pulumi-liveengage-emulator": `file:${emulatorPkg.tarball}`,
    });
    await npmInstall(emuHome);
    emulator = await startEmulatorCli(emuHome);
    admin = emulatorAdmin(emulator.url);
    seeded = await liveObjects(admin, emulator.accountId);
  }, 600_000);

  afterAll(async () => {
    // Also after a failure: stacks destroyed and removed, the emulator stopped, the folder deleted.
    for (const p of programs) {
      await p.destroy().catch(() => undefined);
      await p.dispose().catch(() => undefined);
    }
    emulator?.proc.kill("SIGTERM");
    if (work) rmSync(work, { recursive: true, force: true });
  }, 600_000);

  it("the component package has no server or CLI framework among its dependencies, and no emulator", () => {
    expect(component.manifest.name).toBe("pulumi-liveengage");
    // The run-time dependencies of a Pulumi program, nothing more; adding one is a decision recorded here.
    expect(Object.keys(component.manifest.dependencies ?? {}).sort()).toEqual(["undici", "zod"]);
    expect(component.files.filter((f) => f.startsWith("dist/emulator/"))).toEqual([]);
    expect(emulatorPkg.manifest.dependencies).toHaveProperty("fastify");
    process.stdout.write(
      `[pack] ${component.manifest.name}: ${component.size} bytes, ${component.files.length} files; ` +
        `${emulatorPkg.manifest.name}: ${emulatorPkg.size} bytes, ${emulatorPkg.files.length} files\n`,
    );
  });

  it("ships every file its README links to (links that work on the package page)", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const relative = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/i.test(l));
    const shipped = new Set(component.files);
    const missing = relative.filter((l) => !shipped.has(l) && !component.files.some((f) => f.startsWith(`${l.replace(/\/$/, "")}/`)));
    expect(missing).toEqual([]);
  });

  it("a fresh program with only the packed component package deploys, previews no change and destroys", async () => {
    const dir = path.join(work, "fresh-program");
    writePackage(dir, { "@pulumi/pulumi": "3.248.0", "pulumi-liveengage": `file:${component.tarball}` });
    writeFileSync(path.join(dir, "Pulumi.yaml"), "name: packed-fresh\nruntime: nodejs\nmain: index.js\n");
    writeFileSync(path.join(dir, "index.js"), FRESH_PROGRAM);
    await npmInstall(dir);
    // Installing the component package brought no server or CLI framework and no emulator.
    for (const name of ["fastify", "commander", "pulumi-liveengage-emulator"])
      expect([name, existsSync(path.join(dir, "node_modules", name))]).toEqual([name, false]);
    // …and its CLI says how to get the emulator.
    const r = await run(
      process.execPath,
      [path.join(dir, "node_modules", "pulumi-liveengage", "dist", "cli", "main.js"), "emulator", "--port", "0"],
      dir,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("npm install --save-dev pulumi-liveengage-emulator");

    const program = await TestProgram.inDir(dir, `packed-fresh-${process.pid}`);
    programs.push(program);
    await configure(program);
    await program.up();
    expect((await program.outputs()).status).toBe("Connected");
    const { text } = await program.exportState();
    for (const p of ["skill", "botAgent", "botConnector"]) expect(text).toContain(`pulumi-liveengage/dist/resources/${p}.provider.js`);
    await program.previewNoChanges();
    await program.destroy();
    expect(await liveObjects(admin, emulator!.accountId)).toEqual(seeded);
  }, 900_000);

  it("examples/quickstart copied to an empty folder runs up → preview with no changes → destroy", async () => {
    const dir = path.join(work, "quickstart");
    mkdirSync(dir);
    for (const f of ["index.ts", "Pulumi.yaml", "package.json", "tsconfig.json"])
      cpSync(path.join(ROOT, "examples", "quickstart", f), path.join(dir, f));
    // The one change a user would not make: the package from the tarball instead of the registry.
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@pulumi/pulumi", "pulumi-liveengage"]);
    manifest.dependencies["pulumi-liveengage"] = `file:${component.tarball}`;
    writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
    await npmInstall(dir);

    const program = await TestProgram.inDir(dir, `packed-quickstart-${process.pid}`);
    programs.push(program);
    await configure(program);
    await program.setConfig("agentPassword", "quickstart-agent-pw", true);
    await program.up();
    const out = await program.outputs();
    expect(out.status).toBe("Connected");
    await program.previewNoChanges();
    await program.destroy();
    expect(await liveObjects(admin, emulator!.accountId)).toEqual(seeded);
  }, 900_000);
});
