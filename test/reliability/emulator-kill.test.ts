/**
 * Issue #8, crashes, the other side: the emulator (a child process with a data dir) is killed with
 * SIGKILL in the middle of a `pulumi up` / `pulumi destroy` — after the k-th API write — and
 * restarted on the same data dir and port. Its state must be intact (every object its last state
 * dump before the kill showed is still there; state.json is a whole document), the running `pulumi`
 * either rides it out (the client retries, then logs in again: sessions were in memory) or fails,
 * and the documented recovery (cancel, re-run) converges with no duplicate, orphan or missing
 * object. The emulator's own burst-write kill test is test/integration/emulator/durability.test.ts.
 */
import { emulatorAdmin } from "../helpers/emulator-admin";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { spawnEmulator as spawnChild, type EmulatorChild as Child } from "../helpers/emulator-child";
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import {
  convergence,
  FAST_RETRY_ENV,
  fleetCounts,
  fleetProgram,
  liveObjects,
  repairFileBackend,
  seedBots,
  sleep,
  spawnPulumi,
  type FleetOptions,
} from "../helpers/reliability";
import { freePort } from "../helpers/free-port";

const FLEET: FleetOptions = { prefix: "ekl", bots: 3, agentsPerBot: 2, plain: true, routing: true };
const ACCOUNT = "12345678";

function kill9(proc: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    proc.removeAllListeners("exit");
    proc.on("exit", () => resolve());
    proc.kill("SIGKILL");
  });
}

const isApiWrite = (e: { method: string; route: string }) =>
  e.method !== "GET" && !/\/login|\/refresh|\/logout|\/sentinel\/|\/le-auth\//.test(e.route);

describeWithCli("the emulator killed mid-write during pulumi up/destroy (real CLI, child-process emulator)", () => {
  let dataDir: string;
  let port: number;
  let emu: Child;
  let program: TestProgram;
  const outcomes: unknown[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "le-emu-kill-"));
    port = await freePort();
    emu = await spawnChild(dataDir, { port, startTimeoutMs: 60_000 });
    await seedBots(emulatorAdmin(emu.url), ACCOUNT, FLEET.prefix, FLEET.bots);
    program = await TestProgram.create("emulator-kill", { "index.js": fleetProgram(FLEET) }, FAST_RETRY_ENV);
    await program.setConfig("liveengage:accountId", ACCOUNT);
    await program.setConfig("liveengage:csdsDomain", `127.0.0.1:${port}`);
    await program.setConfig("liveengage:username", "admin");
    await program.setConfig("liveengage:password", "admin-password", true);
  }, 120_000);

  afterAll(async () => {
    if (program) repairFileBackend(program, "emulator-kill");
    await program?.pulumi(["cancel", "--yes"], { allowFailure: true });
    await program?.dispose();
    if (emu) await kill9(emu.proc);
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`[emulator-kill] outcomes\n${outcomes.map((o) => JSON.stringify(o)).join("\n")}`);
  }, 120_000);

  for (const [op, killAfterWrites] of [
    ["up", 9],
    ["destroy", 7],
  ] as const) {
    it(`${op}: emulator SIGKILLed after ${killAfterWrites} writes, restarted with its state intact, then converged`, async () => {
      const admin = emulatorAdmin(emu.url);
      await admin("DELETE", "/requests");
      const run = spawnPulumi(
        program,
        op === "up" ? ["up", "--yes", "--skip-preview"] : ["destroy", "--yes", "--skip-preview"],
        FAST_RETRY_ENV,
      );
      let finished = false;
      void run.exited.then(() => (finished = true));
      let lastDump = await liveObjects(admin, ACCOUNT, FLEET.prefix);
      let writes = 0;
      while (!finished && writes < killAfterWrites) {
        const log = await admin<{ method: string; route: string }[]>("GET", "/requests");
        writes = log.filter(isApiWrite).length;
        lastDump = await liveObjects(admin, ACCOUNT, FLEET.prefix);
        await sleep(10);
      }
      expect(finished).toBe(false); // the kill really lands mid-run
      await kill9(emu.proc);
      // The file on disk is a whole document.
      expect(() => JSON.parse(readFileSync(path.join(dataDir, "state.json"), "utf8"))).not.toThrow();
      await sleep(300);
      emu = await spawnChild(dataDir, { port, startTimeoutMs: 60_000 });
      const after = await liveObjects(emulatorAdmin(emu.url), ACCOUNT, FLEET.prefix);
      // Intact: what the emulator showed before the kill is still there (a destroy may only have gone further).
      const afterIds = new Set(after.map((o) => `${o.kind}:${o.id}`));
      const lost = lastDump.filter((o) => !afterIds.has(`${o.kind}:${o.id}`));
      if (op === "up") expect(lost).toEqual([]);

      const code = await run.exited;
      const steps: string[] = [];
      if (code !== 0) {
        // The documented recovery: clear the stale lock, re-run.
        repairFileBackend(program, "emulator-kill");
        await program.pulumi(["cancel", "--yes"], { allowFailure: true });
        steps.push("cancel", op);
        if (op === "up") await program.up();
        else await program.destroy();
      }
      outcomes.push({
        op,
        killAfterWrites,
        writesSeen: writes,
        objectsBeforeKill: lastDump.length,
        objectsAfterRestart: after.length,
        lostOnRestart: lost.length,
        pulumiExit: code,
        recovery: steps.join(" → ") || "none (rode it out)",
      });
      const c = await convergence(emulatorAdmin(emu.url), ACCOUNT, FLEET.prefix, program);
      expect({ duplicates: c.duplicates, orphans: c.orphans, missing: c.missing, pending: c.pending }).toEqual({
        duplicates: [],
        orphans: [],
        missing: [],
        pending: 0,
      });
      const zero = { skills: 0, users: 0, campaigns: 0, engagements: 0, connectors: 0 };
      expect(c.counts).toEqual(op === "up" ? fleetCounts(FLEET) : zero);
      expect(c.stopped).toEqual([]);
    }, 600_000);
  }
});
