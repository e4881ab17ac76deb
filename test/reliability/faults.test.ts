/**
 * Issue #8, faults: a 10-bot fleet (10 skills, 20 bot agents, 20 started connectors, a campaign and
 * an engagement) is deployed, rolled (every connector replaced) and destroyed with the real CLI
 * while the emulator answers ~20% of API calls with a 5xx, resets ~3% of connections, adds latency
 * spikes to ~5% and throws bursts of 429 + Retry-After at the write routes. Each `pulumi` run must
 * succeed first time, and the account must hold exactly the declared objects: no duplicate, no
 * orphan, nothing missing. The counts of faults served are printed (the closing table of #8).
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import {
  convergence,
  FAST_RETRY_ENV,
  fleetCounts,
  fleetProgram,
  seedBots,
  tallyFaults,
  type FaultTally,
  type FleetOptions,
} from "../helpers/reliability";

const FLEET: FleetOptions = { prefix: "flt", bots: 10, agentsPerBot: 2, routing: true };

/** Route prefixes the 429 bursts take turns on (write paths of Account Config and CB, and reads). */
const BURST_TARGETS = [
  { method: "POST", route: "/api/account/:a/configuration/le-users/*" },
  { method: "POST", route: "/live-engage-service-0.1/*" },
  { method: "PUT", route: "/sysadmin/*" },
  { method: "GET", route: "/api/account/:a/configuration/*" },
  { method: "GET", route: "/bot-platform-manager-0.1/*" },
  { method: "DELETE", route: "/live-engage-service-0.1/*" },
  { method: "DELETE", route: "/api/account/:a/configuration/*" },
];

describeWithCli("a 10-bot fleet under injected faults (real CLI)", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  let burstTimer: NodeJS.Timeout | undefined;
  let bursts = 0;
  const tally: Record<string, FaultTally> = {};

  const armFaults = async () => {
    await emu.admin("DELETE", "/faults");
    // Two resets are certain, not left to chance: at ~2.4% of ~200 calls a run without any came up
    // (CI, 2026-12-01) and failed the "resets > 0" assertion. First in the list, so they decide the
    // first two reads they draw (10% of reads), and the ~3% below stays random on top.
    await emu.admin("POST", "/faults", { match: { method: "GET" }, kind: "reset", count: 2, rate: 0.1 });
    await emu.admin("POST", "/faults", { kind: "error", status: 500, rate: 0.1 });
    await emu.admin("POST", "/faults", { kind: "error", status: 503, rate: 0.111 }); // 0.1 + 0.9·0.111 ≈ 20% 5xx
    await emu.admin("POST", "/faults", { kind: "reset", rate: 0.03 });
    await emu.admin("POST", "/faults", { kind: "latency", latencyMs: 1500, rate: 0.05 });
    let turn = 0;
    // Bursts never pile up on one route: a target whose last burst is not spent yet is skipped, so
    // one request meets at most 3 consecutive 429s (the client's default budget is 3 retries; a
    // throttle that outlasts it fails the step with RATE_LIMITED, and a re-run converges). The
    // targets' method/route pairs do not overlap.
    burstTimer = setInterval(() => {
      void (async () => {
        const match = BURST_TARGETS[turn++ % BURST_TARGETS.length];
        const rules = await emu.admin<{ kind: string; match?: { method?: string; route?: string } }[]>("GET", "/faults");
        if (rules.some((r) => r.kind === "429" && r.match?.method === match.method && r.match?.route === match.route)) return;
        bursts++;
        await emu.admin("POST", "/faults", { match, kind: "429", retryAfterSeconds: 1, count: 3 });
      })().catch(() => undefined);
    }, 1500);
  };
  const disarm = async () => {
    if (burstTimer) clearInterval(burstTimer);
    burstTimer = undefined;
    await emu.admin("DELETE", "/faults");
  };

  /** Runs one `pulumi` step under faults; records what the emulator served. */
  const underFaults = async (step: string, run: () => Promise<unknown>) => {
    await emu.admin("DELETE", "/requests");
    await armFaults();
    const started = Date.now();
    try {
      await run();
    } finally {
      const t = await tallyFaults(emu.admin);
      await disarm();
      tally[step] = t;
      console.log(`[faults] ${step}: ${JSON.stringify(t)} in ${Math.round((Date.now() - started) / 1000)}s`);
    }
  };

  const expectExactlyDeclared = async (declared = true) => {
    const c = await convergence(emu.admin, emu.emulator.accountId, FLEET.prefix, program);
    expect({ duplicates: c.duplicates, orphans: c.orphans, missing: c.missing, pending: c.pending }).toEqual({
      duplicates: [],
      orphans: [],
      missing: [],
      pending: 0,
    });
    const zero = { skills: 0, users: 0, campaigns: 0, engagements: 0, connectors: 0 };
    expect(c.counts).toEqual(declared ? fleetCounts(FLEET) : zero);
    if (declared) expect(c.stopped).toEqual([]);
  };

  beforeAll(async () => {
    emu = await startE2eEmulator(50);
    await seedBots(emu.admin, emu.emulator.accountId, FLEET.prefix, FLEET.bots);
    program = await TestProgram.create("faults", { "index.js": fleetProgram(FLEET) }, FAST_RETRY_ENV);
    await emu.configure(program);
  }, 120_000);

  afterAll(async () => {
    if (burstTimer) clearInterval(burstTimer);
    await program?.dispose();
    await emu?.close();
    console.log(`[faults] table ${JSON.stringify({ ...tally, burstsArmed: bursts })}`);
  }, 300_000);

  it("deploys the whole fleet in one `pulumi up` despite 5xx, 429 bursts, resets and latency", async () => {
    await underFaults("up", () => program.up());
    await expectExactlyDeclared();
    const statuses = (await program.outputs()).statuses as Record<string, string[]>;
    expect(Object.keys(statuses)).toHaveLength(FLEET.bots);
    for (const s of Object.values(statuses)) expect(s).toEqual(["Connected", "Connected"]);
    expect(tally.up.status5xx).toBeGreaterThan(0);
    expect(tally.up.status429).toBeGreaterThan(0);
    expect(tally.up.resets).toBeGreaterThan(0);
  }, 600_000);

  it("refreshes under faults with no changes, and previews no changes", async () => {
    await underFaults("refresh", () => program.refreshNoChanges());
    await program.previewNoChanges();
    await expectExactlyDeclared();
  }, 600_000);

  it("rolls every connector (a flag change) under faults, then converges", async () => {
    await program.setConfig("messageDelay", "450");
    await underFaults("rollout", () => program.up());
    await expectExactlyDeclared();
    const dump = await emu.admin<{
      accounts: Record<string, { connectors: Record<string, { lpAccountUser: string; configurations: Record<string, string> }> }>;
    }>("GET", "/state");
    const ours = Object.values(dump.accounts[emu.emulator.accountId].connectors).filter((c) => c.lpAccountUser.startsWith(FLEET.prefix));
    expect(ours).toHaveLength(20);
    for (const c of ours) expect([c.lpAccountUser, c.configurations.messageDelay]).toEqual([c.lpAccountUser, "450"]);
    await program.previewNoChanges();
  }, 900_000);

  it("destroys under faults and leaves nothing behind", async () => {
    await underFaults("destroy", () => program.destroy());
    await expectExactlyDeclared(false);
  }, 600_000);
});
