/**
 * Issue #8, concurrency: two stacks (two pipelines) deploy into ONE account at the same time. Every
 * Account Config write carries If-Match with the collection revision the writer last saw, and the
 * other stack keeps bumping the same collections, so writes go stale: the emulator answers 409
 * `revision-conflict` and the client re-reads and retries. Both stacks must succeed, each holding
 * exactly its own objects, for a concurrent create, a concurrent in-place update (skills and bot
 * agents: PUT, while a third writer keeps bumping the skills revision, so stale revisions are
 * certain) and a concurrent destroy.
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { convergence, FAST_RETRY_ENV, fleetCounts, fleetProgram, seedBots, type FleetOptions } from "../helpers/reliability";

const A: FleetOptions = { prefix: "cca", bots: 3, agentsPerBot: 2, plain: true, routing: true };
const B: FleetOptions = { prefix: "ccb", bots: 3, agentsPerBot: 2, routing: true }; // BotDeployment components

describeWithCli("two stacks in one account at once (real CLI)", () => {
  let emu: E2eEmulator;
  let a: TestProgram;
  let b: TestProgram;
  const conflicts: Record<string, number> = {};

  const conflictCount = async () => {
    const log = await emu.admin<{ status: number; method: string }[]>("GET", "/requests");
    return log.filter((e) => e.status === 409).length;
  };

  const expectBoth = async (deployed: boolean) => {
    for (const [fleet, program] of [
      [A, a],
      [B, b],
    ] as const) {
      const c = await convergence(emu.admin, emu.emulator.accountId, fleet.prefix, program);
      expect({ stack: fleet.prefix, duplicates: c.duplicates, orphans: c.orphans, missing: c.missing, pending: c.pending }).toEqual({
        stack: fleet.prefix,
        duplicates: [],
        orphans: [],
        missing: [],
        pending: 0,
      });
      const zero = { skills: 0, users: 0, campaigns: 0, engagements: 0, connectors: 0 };
      expect(c.counts).toEqual(deployed ? fleetCounts(fleet) : zero);
      expect(c.stopped).toEqual([]);
    }
  };

  beforeAll(async () => {
    emu = await startE2eEmulator(50);
    await seedBots(emu.admin, emu.emulator.accountId, A.prefix, A.bots);
    await seedBots(emu.admin, emu.emulator.accountId, B.prefix, B.bots);
    a = await TestProgram.create("concurrent-a", { "index.js": fleetProgram(A) }, FAST_RETRY_ENV);
    b = await TestProgram.create("concurrent-b", { "index.js": fleetProgram(B) }, FAST_RETRY_ENV);
    await emu.configure(a);
    await emu.configure(b);
  }, 120_000);

  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await emu?.close();
    console.log(`[concurrency] 409 revision conflicts resolved by re-reading: ${JSON.stringify(conflicts)}`);
  }, 300_000);

  it("creates both fleets at the same time", async () => {
    await emu.admin("DELETE", "/requests");
    await Promise.all([a.up(), b.up()]);
    conflicts.create = await conflictCount();
    await expectBoth(true);
  }, 600_000);

  it("updates skills and bot agents of both stacks at the same time (stale revisions re-read)", async () => {
    for (const p of [a, b]) {
      await p.setConfig("skillDescription", `updated by ${p.stack}`);
      await p.setConfig("nickname", "bot-v2");
    }
    await emu.admin("DELETE", "/requests");
    // A third writer (another pipeline, or a person in the UI) keeps bumping the skills revision
    // while both stacks update their skills, so their If-Match revisions are certainly stale.
    const { createLiveEngageClient } = await import("../../sdk/src/client");
    const other = createLiveEngageClient({
      accountId: emu.emulator.accountId,
      csdsDomain: emu.emulator.host,
      username: "admin",
      password: emu.emulator.credentials.password,
    });
    // The first skill PUTs are held 400 ms before the emulator compares If-Match, so the third
    // writer's bumps land in between; it stops once a conflict was answered, so the re-read and
    // retry of every conflicted write then succeeds.
    await emu.admin("POST", "/faults", {
      match: { method: "PUT", route: "/api/account/:a/configuration/le-users/skills*" },
      kind: "latency",
      latencyMs: 400,
      count: 4,
    });
    let stop = false;
    let bumps = 0;
    const noise = (async () => {
      for (let i = 0; !stop; i++) {
        const s = await other.skills.create({ name: `ccz-noise-${i}` });
        await other.skills.delete(s.id);
        bumps += 2;
        await new Promise((r) => setTimeout(r, 100));
        if ((await conflictCount()) > 0) break;
      }
    })();
    try {
      await Promise.all([a.up(), b.up()]);
    } finally {
      stop = true;
      await noise;
      await emu.admin("DELETE", "/faults");
    }
    conflicts.update = await conflictCount();
    conflicts.thirdWriterBumps = bumps;
    expect(conflicts.update).toBeGreaterThan(0);
    await expectBoth(true);
    const dump = await emu.admin<{
      accounts: Record<string, { skills: Record<string, { name: string; description?: string; deleted?: boolean }> }>;
    }>("GET", "/state");
    const skills = Object.values(dump.accounts[emu.emulator.accountId].skills).filter((s) => !s.deleted);
    for (const p of [a, b]) {
      const prefix = p === a ? A.prefix : B.prefix;
      for (const s of skills.filter((x) => x.name.startsWith(prefix))) expect(s.description).toBe(`updated by ${p.stack}`);
    }
    await Promise.all([a.refreshNoChanges(), b.refreshNoChanges()]);
  }, 600_000);

  it("destroys both at the same time and leaves the other stack's objects alone until its own destroy", async () => {
    await emu.admin("DELETE", "/requests");
    await Promise.all([a.destroy(), b.destroy()]);
    conflicts.destroy = await conflictCount();
    await expectBoth(false);
  }, 600_000);
});
