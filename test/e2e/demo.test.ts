/**
 * Issue #6, the README's first command: `npm run demo` (scripts/demo.sh) on an isolated port, data
 * directory and stack. It starts the emulator in the background, deploys the root Pulumi.yaml
 * (demo/) and prints 3 Connected agents; the emulator outlives the script, so `pulumi refresh`
 * (which does not run the program) works by hand; a second run reuses the emulator;
 * `npm run demo:destroy` empties the stack and `npm run demo:stop` stops the emulator.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { describeWithCli, ROOT, runPulumi, type RunResult } from "../helpers/pulumi-cli";
import { freePort } from "../helpers/free-port";

async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_emulator/state`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An isolated copy of the demo (port, data dir, run dir, stack); `tls` runs it over https. */
function isolatedDemo(name: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const id = randomBytes(4).toString("hex");
  const work = path.join(ROOT, ".pulumi", "e2e", `${name}-${id}`);
  const stack = `${name}-e2e-${id}`;
  const demo = { work, stack, port: 0, env: {} as NodeJS.ProcessEnv };
  const script = (args: string[]): Promise<RunResult> =>
    new Promise((resolve) => {
      execFile("bash", args, { cwd: ROOT, env: demo.env, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      });
    });
  const pidFile = () => path.join(work, "run", "emulator.pid");
  const emulatorPid = () => Number(readFileSync(pidFile(), "utf8").trim());

  beforeAll(async () => {
    demo.port = await freePort();
    mkdirSync(work, { recursive: true });
    demo.env = {
      ...process.env,
      LIVEENGAGE_DEMO_PORT: String(demo.port),
      LIVEENGAGE_DEMO_DATA: path.join(work, "data"),
      LIVEENGAGE_DEMO_RUN_DIR: path.join(work, "run"),
      LIVEENGAGE_DEMO_STACK: stack,
      // `npm test` has built and linked already; relinking under running tests would pull the package away.
      LIVEENGAGE_DEMO_SKIP_SETUP: "1",
      ...extraEnv,
    };
    // No LivePerson credentials: the demo must pick the emulator.
    for (const k of Object.keys(demo.env)) if (k.startsWith("LP_")) delete demo.env[k];
  });

  afterAll(async () => {
    if (existsSync(pidFile())) await script(["scripts/demo-stop.sh"]);
    await runPulumi(["stack", "rm", "--yes", "--force", "-s", stack], { cwd: ROOT, allowFailure: true });
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  return { demo, script, pidFile, emulatorPid };
}

/** `scripts/demo.sh` must succeed, list 3 Connected agents and print no secret. */
function expectThreeConnected(r: RunResult): void {
  if (r.code !== 0) throw new Error(`scripts/demo.sh exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  expect(r.stderr).toContain("starting the LiveEngage emulator in the background");
  const rows = r.stdout.split("\n").filter((l) => /^\s+demo-bot-agent-\d\s/.test(l));
  expect(rows).toHaveLength(3);
  for (const row of rows) expect(row).toMatch(/^\s+demo-bot-agent-\d\s+\d+\s+Connected\s*$/);
  expect(r.stdout).toContain("3 of 3 agents Connected.");
  // Secrets never printed: the emulator's admin password is only in stack config, encrypted.
  expect(r.stdout + r.stderr).not.toContain("admin-password");
  expect(r.stdout + r.stderr).not.toContain("local-demo-agent-password");
}

describeWithCli("npm run demo (scripts/demo.sh) on an isolated port, data dir and stack", () => {
  const { demo, script, pidFile, emulatorPid } = isolatedDemo("demo");
  const port = () => demo.port;
  const stack = demo.stack;

  it("deploys the demo: 3 agents Connected, printed", async () => {
    expectThreeConnected(await script(["scripts/demo.sh"]));
  }, 300_000);

  it("leaves the emulator running after the script, so refresh works without the program", async () => {
    expect(pidAlive(emulatorPid())).toBe(true);
    expect(await answers(port())).toBe(true);
    await runPulumi(["refresh", "--yes", "--expect-no-changes", "-s", stack], { cwd: ROOT });
    const out = JSON.parse((await runPulumi(["stack", "output", "--json", "-s", stack], { cwd: ROOT })).stdout) as {
      agents: { loginName: string; status: string }[];
    };
    expect(out.agents.map((a) => [a.loginName, a.status])).toEqual([
      ["demo-bot-agent-1", "Connected"],
      ["demo-bot-agent-2", "Connected"],
      ["demo-bot-agent-3", "Connected"],
    ]);
  }, 300_000);

  it("reuses the running emulator on a second run, with no changes", async () => {
    const pid = emulatorPid();
    const r = await script(["scripts/demo.sh"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`reusing the emulator at http://127.0.0.1:${port()} (pid ${pid}`);
    expect(r.stdout).toMatch(/11 unchanged/);
    expect(r.stdout).toContain("3 of 3 agents Connected.");
  }, 300_000);

  it("demo:destroy empties the stack, demo:stop stops the emulator", async () => {
    const pid = emulatorPid();
    const d = await script(["scripts/demo.sh", "destroy"]);
    if (d.code !== 0) throw new Error(`demo.sh destroy exited ${d.code}\n${d.stdout}\n${d.stderr}`);
    const state = JSON.parse((await runPulumi(["stack", "export", "-s", stack], { cwd: ROOT })).stdout) as {
      deployment: { resources?: unknown[] };
    };
    expect(state.deployment.resources ?? []).toEqual([]);
    const s = await script(["scripts/demo-stop.sh"]);
    expect(s.code).toBe(0);
    expect(pidAlive(pid)).toBe(false);
    expect(existsSync(pidFile())).toBe(false);
    expect(await answers(port())).toBe(false);
  }, 300_000);
});

describeWithCli("npm run demo over https (LIVEENGAGE_DEMO_TLS=1): the emulator serves https like LivePerson", () => {
  const { demo, script, pidFile, emulatorPid } = isolatedDemo("demotls", { LIVEENGAGE_DEMO_TLS: "1" });

  it("deploys the demo over https, trusting the emulator's CA through liveengage:caCert", async () => {
    const r = await script(["scripts/demo.sh"]);
    expectThreeConnected(r);
    expect(r.stderr).toContain(`https://127.0.0.1:${demo.port}`);
    const get = async (key: string) => (await runPulumi(["config", "get", key, "-s", demo.stack], { cwd: ROOT })).stdout.trim();
    expect(await get("liveengage:csdsDomain")).toBe(`https://127.0.0.1:${demo.port}`);
    expect(await get("liveengage:caCert")).toBe(path.join(demo.work, "run", "ca.pem"));
    // Plain http is not served on that port: everything above went over TLS.
    expect(await answers(demo.port)).toBe(false);
  }, 300_000);

  it("destroys over https and stops the emulator", async () => {
    const pid = emulatorPid();
    const d = await script(["scripts/demo.sh", "destroy"]);
    if (d.code !== 0) throw new Error(`demo.sh destroy exited ${d.code}\n${d.stdout}\n${d.stderr}`);
    expect((await script(["scripts/demo-stop.sh"])).code).toBe(0);
    expect(pidAlive(pid)).toBe(false);
    expect(existsSync(pidFile())).toBe(false);
  }, 300_000);
});
