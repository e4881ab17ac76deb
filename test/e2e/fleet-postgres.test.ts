/**
 * Issue #19: the team setup end to end. Pulumi's DIY state backend on a real PostgreSQL 15 server
 * (started on loopback for this file), the real CLI, one emulator account shared by every stack:
 *   - two `pulumi up` of one stack at once: the stack lock refuses the second, the state and the
 *     account stay exactly as declared;
 *   - a skill shared between stacks through a stack reference;
 *   - 10 stacks (one bot each, 3 agents) deployed in parallel: all converge — no duplicate, no
 *     orphan, every agent Connected — with the client's account-level behaviour counted (409
 *     revision conflicts re-read, 429s waited out);
 *   - a flag change rolled out by all 10 stacks in parallel keeps N−1 agents Connected per bot;
 *   - all 10 destroyed in parallel leave nothing behind.
 * The counts are printed at the end ([fleet-postgres] …) for docs/teams.md.
 */
import { describeWithCli, TestProgram, type RunResult } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { describeWithPostgres, startPostgres, type PostgresServer } from "../helpers/postgres";
import {
  convergence,
  FAST_RETRY_ENV,
  fleetCounts,
  fleetProgram,
  seedBots,
  sleep,
  spawnPulumi,
  stackView,
  type FleetOptions,
} from "../helpers/reliability";
import { minConnected, type ConnectorHistory } from "../helpers/status-timeline";

const FLEET_SIZE = 10;
const AGENTS = 3;
const fleetOptions = (i: number): FleetOptions => ({
  prefix: `pf${String(i).padStart(2, "0")}`,
  bots: 1,
  agentsPerBot: AGENTS,
  routing: true,
});
const FLEET = Array.from({ length: FLEET_SIZE }, (_, i) => fleetOptions(i + 1));
const LOCKED: FleetOptions = { prefix: "pglock", bots: 1, agentsPerBot: AGENTS, routing: true };
const NOTHING = { skills: 0, users: 0, campaigns: 0, engagements: 0, connectors: 0 };

/** The shared stack of the stack-reference test: one skill, exported. */
const SHARED_SKILL_PROGRAM = `
const le = require("pulumi-liveengage");
const skill = new le.Skill("shared-skill", { name: "pgref-shared-skill", description: "shared by several bot stacks" });
exports.skillId = skill.id;
`;
/** A bot stack routing to the shared skill, read through a stack reference. */
const SKILL_CONSUMER_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const shared = new pulumi.StackReference(new pulumi.Config().require("sharedStack"));
const bot = new le.BotDeployment("bot", {
  botId: "pgref-bot-1", conversationType: "messaging",
  agents: { count: 2, loginNamePrefix: "pgref-b1", email: "pgref@example.com", credentials: { password: (i) => pulumi.secret("pgref-pw-" + i + "-S3CRET") } },
  skill: { existingSkillId: shared.requireOutput("skillId") },
  connectTimeoutSeconds: 60,
});
exports.skillId = bot.skillId;
exports.statuses = bot.agents.apply((as) => as.map((a) => a.status));
`;

interface RequestLogEntry {
  seq: number;
  status: number;
  method: string;
  route: string;
}

describeWithCli("fleets on a PostgreSQL state backend (real CLI, real PostgreSQL)", () => {
  describeWithPostgres("PostgreSQL 15 on loopback", () => {
    let pg: PostgresServer;
    let emu: E2eEmulator;
    let env: NodeJS.ProcessEnv;
    const programs: TestProgram[] = [];
    /** Stacks that may hold resources (afterAll destroys them, should a test have failed). */
    const deployed = new Set<TestProgram>();
    let fleet: TestProgram[] = [];
    const report: Record<string, unknown> = {};

    /** Requests answered since `seq`, tallied the way docs/teams.md reports them. */
    const tally = async (sinceSeq: number) => {
      const log = await emu.admin<RequestLogEntry[]>("GET", `/requests?since=${sinceSeq}`);
      return {
        requests: log.length,
        revisionConflicts409: log.filter((e) => e.status === 409).length,
        rateLimited429: log.filter((e) => e.status === 429).length,
        lastSeq: log.length ? log[log.length - 1].seq : sinceSeq,
      };
    };
    const lastSeq = async () => (await tally(0)).lastSeq;
    const program = async (name: string, files: Record<string, string>) => {
      const p = await TestProgram.create(name, files, env);
      programs.push(p);
      return p;
    };
    /**
     * The backend's keys: the URL's path (the database name) then the DIY layout, e.g.
     * `pulumi/.pulumi/stacks/<project>/<stack>.json`, `pulumi/.pulumi/locks/organization/<project>/<stack>/<id>.json`.
     */
    const key = (suffix: string) => `${pg.database}/.pulumi/${suffix}`;
    /** The stack's state as the PostgreSQL backend stores it: one row per blob, base64 in JSON. */
    const stateRow = (p: TestProgram, project: string) =>
      pg.sql(
        `SELECT convert_from(decode(data->>'data', 'base64'), 'UTF8') FROM pulumi_state WHERE key = '${key(`stacks/${project}/${p.stack}.json`)}'`,
      );
    const expectAllSucceeded = (results: RunResult[], what: string) => {
      const failed = results.map((r, i) => ({ i, r })).filter(({ r }) => r.code !== 0);
      if (failed.length)
        throw new Error(
          `${what}: ${failed.length} of ${results.length} failed\n${failed.map(({ i, r }) => `--- stack ${i + 1}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).join("\n")}`,
        );
    };

    beforeAll(async () => {
      pg = await startPostgres();
      emu = await startE2eEmulator(300);
      const { accountId, host, credentials } = emu.emulator;
      // Credentials the way pipelines pass them (LP_*), the backend URL without its password
      // (PGPASSWORD), the project's short backoff for the tests.
      env = {
        ...FAST_RETRY_ENV,
        ...pg.clientEnv,
        PULUMI_BACKEND_URL_OVERRIDE: pg.url,
        LP_ACCOUNT_ID: accountId,
        LP_CSDS_DOMAIN: host,
        LP_USERNAME: credentials.username,
        LP_PASSWORD: credentials.password,
      };
      for (const f of [LOCKED, ...FLEET, { prefix: "pgref" }]) await seedBots(emu.admin, accountId, f.prefix, 1);
    }, 120_000);

    afterAll(async () => {
      // Whatever a failed test left deployed, then the stacks, the emulator and the server.
      await Promise.all([...deployed].map((p) => p.destroy().catch(() => undefined)));
      await Promise.all(programs.map((p) => p.dispose()));
      await emu?.close();
      await pg?.stop();
      console.log(`[fleet-postgres] ${JSON.stringify(report)}`);
    }, 600_000);

    it("two `pulumi up` of one stack at once: the lock refuses the second; state and account stay as declared", async () => {
      const p = await program("pglock", { "index.js": fleetProgram(LOCKED) });
      // Hold the first run's first connector start for a while, so the second certainly meets it mid-update.
      await emu.admin("POST", "/faults", {
        match: { method: "PUT", route: "/sysadmin/nodejs/instance/start/:botId" },
        kind: "latency",
        latencyMs: 8000,
        count: 1,
      });
      deployed.add(p);
      const first = spawnPulumi(p, ["up", "--yes", "--skip-preview"], env);
      let firstDone = false;
      void first.exited.then(() => (firstDone = true));
      const lockKey = key(`locks/organization/pglock/${p.stack}/%`);
      for (let i = 0; !(await pg.sql(`SELECT key FROM pulumi_state WHERE key LIKE '${lockKey}'`)).trim(); i++) {
        if (firstDone || i > 600) throw new Error(`the first run never held the lock:\n${first.output()}`);
        await sleep(100);
      }
      const second = await p.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
      expect(firstDone).toBe(false); // the refusal happened while the first run was deploying
      expect(second.code).not.toBe(0);
      expect(second.stderr + second.stdout).toMatch(/the stack is currently locked by 1 lock\(s\)/);
      expect(second.stderr + second.stdout).not.toContain(pg.password);
      expect(await first.exited).toBe(0);
      await emu.admin("DELETE", "/faults");

      // The lock is gone, the state holds exactly what was declared, nothing is pending.
      expect((await pg.sql(`SELECT count(*) FROM pulumi_state WHERE key LIKE '${lockKey}'`)).trim()).toBe("0");
      const c = await convergence(emu.admin, emu.emulator.accountId, LOCKED.prefix, p);
      expect({
        duplicates: c.duplicates,
        orphans: c.orphans,
        missing: c.missing,
        pending: c.pending,
        stopped: c.stopped,
        counts: c.counts,
      }).toEqual({ duplicates: [], orphans: [], missing: [], pending: 0, stopped: [], counts: fleetCounts(LOCKED) });
      await p.previewNoChanges();
      // The state really lives in PostgreSQL, secrets encrypted there.
      const row = await stateRow(p, "pglock");
      expect(row).toContain("pulumi-nodejs:dynamic/liveengage:BotConnector");
      expect(row).not.toContain("S3CRET");
      await p.destroy();
      deployed.delete(p);
      expect((await convergence(emu.admin, emu.emulator.accountId, LOCKED.prefix, p)).counts).toEqual(NOTHING);
    }, 600_000);

    it("shares a skill between stacks through a stack reference", async () => {
      const shared = await program("pgshared", { "index.js": SHARED_SKILL_PROGRAM });
      const consumer = await program("pgconsumer", { "index.js": SKILL_CONSUMER_PROGRAM });
      await consumer.setConfig("sharedStack", `organization/pgshared/${shared.stack}`);
      deployed.add(shared).add(consumer);
      await shared.up();
      await consumer.up();
      const skillId = (await shared.outputs()).skillId;
      const out = await consumer.outputs();
      expect(out).toEqual({ skillId, statuses: ["Connected", "Connected"] });
      const dump = await emu.admin<{
        accounts: Record<string, { users: Record<string, { loginName: string; skillIds: number[]; deleted?: boolean }> }>;
      }>("GET", `/state?account=${emu.emulator.accountId}`);
      const agents = Object.values(dump.accounts[emu.emulator.accountId].users).filter(
        (u) => u.loginName.startsWith("pgref-b1") && !u.deleted,
      );
      expect(agents.map((u) => u.skillIds.map(String))).toEqual([[String(skillId)], [String(skillId)]]);
      await consumer.destroy();
      await shared.destroy();
      deployed.delete(consumer);
      deployed.delete(shared);
    }, 600_000);

    it(`deploys ${FLEET_SIZE} stacks (one bot each, ${AGENTS} agents) in parallel into one account: all converge, all Connected`, async () => {
      fleet = await Promise.all(FLEET.map((f, i) => program(`pgfleet`, { "index.js": fleetProgram(f) }).then((p) => ({ p, i })))).then(
        (xs) => xs.sort((a, b) => a.i - b.i).map((x) => x.p),
      );
      const since = await lastSeq();
      // Rate limiting at that scale: a few calls (at most 20, 3% of Account Config calls) are
      // answered 429 with Retry-After 1; the client must wait them out.
      await emu.admin("POST", "/faults", { match: { route: "/api/account/*" }, kind: "429", retryAfterSeconds: 1, rate: 0.03, count: 20 });
      const started = Date.now();
      for (const p of fleet) deployed.add(p);
      const results = await Promise.all(fleet.map((p) => p.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true })));
      report.parallelUpSeconds = Math.round((Date.now() - started) / 100) / 10;
      await emu.admin("DELETE", "/faults");
      report.up = await tally(since);
      expectAllSucceeded(results, "parallel up");

      for (const [i, p] of fleet.entries()) {
        const c = await convergence(emu.admin, emu.emulator.accountId, FLEET[i].prefix, p);
        expect({
          stack: i + 1,
          duplicates: c.duplicates,
          orphans: c.orphans,
          missing: c.missing,
          pending: c.pending,
          stopped: c.stopped,
          counts: c.counts,
        }).toEqual({ stack: i + 1, duplicates: [], orphans: [], missing: [], pending: 0, stopped: [], counts: fleetCounts(FLEET[i]) });
        expect(await p.outputs()).toEqual({ statuses: { [`${FLEET[i].prefix}-bot-1`]: ["Connected", "Connected", "Connected"] } });
      }
      // One state per stack in PostgreSQL, each with its own resources only.
      const views = await Promise.all(fleet.map((p) => stackView(p)));
      expect(views.map((v) => v.byKind.connectors.length)).toEqual(FLEET.map(() => AGENTS));
    }, 900_000);

    it("rolls a flag change out across all stacks in parallel: every bot keeps N−1 agents Connected", async () => {
      expect(fleet).toHaveLength(FLEET_SIZE);
      const since = await lastSeq();
      const from = Date.now();
      const results = await Promise.all(
        fleet.map((p) => p.pulumi(["up", "--yes", "--skip-preview", "--config", "messageDelay=450"], { allowFailure: true })),
      );
      const to = Date.now();
      report.parallelRolloutSeconds = Math.round((to - from) / 100) / 10;
      report.rollout = await tally(since);
      expectAllSucceeded(results, "parallel rollout");
      const minimumPerBot: number[] = [];
      for (const f of FLEET) {
        const botId = `${f.prefix}-bot-1`;
        const { connectors } = await emu.admin<{ connectors: ConnectorHistory[] }>(
          "GET",
          `/status-history?account=${emu.emulator.accountId}&botId=${botId}`,
        );
        expect([botId, connectors.length]).toEqual([botId, AGENTS]);
        // Every connector of every bot was restarted in the window…
        for (const c of connectors)
          expect([botId, c.history.some((h) => h.status === "STOPPED" && Date.parse(String(h.at)) >= from)]).toEqual([botId, true]);
        minimumPerBot.push(minConnected(connectors, from, to));
      }
      report.minConnectedPerBot = minimumPerBot;
      // …and never more than one at a time.
      expect(minimumPerBot).toEqual(FLEET.map(() => AGENTS - 1));
      for (const [i, p] of fleet.entries()) {
        const c = await convergence(emu.admin, emu.emulator.accountId, FLEET[i].prefix, p);
        expect({ stack: i + 1, duplicates: c.duplicates, orphans: c.orphans, missing: c.missing, stopped: c.stopped }).toEqual({
          stack: i + 1,
          duplicates: [],
          orphans: [],
          missing: [],
          stopped: [],
        });
      }
    }, 900_000);

    it("destroys all stacks in parallel: nothing left in the account", async () => {
      expect(fleet).toHaveLength(FLEET_SIZE);
      const since = await lastSeq();
      const results = await Promise.all(fleet.map((p) => p.pulumi(["destroy", "--yes", "--skip-preview"], { allowFailure: true })));
      for (const [i, r] of results.entries()) if (r.code === 0) deployed.delete(fleet[i]);
      report.destroy = await tally(since);
      expectAllSucceeded(results, "parallel destroy");
      for (const [i, p] of fleet.entries()) {
        const c = await convergence(emu.admin, emu.emulator.accountId, FLEET[i].prefix, p);
        expect({ stack: i + 1, counts: c.counts, missing: c.missing }).toEqual({ stack: i + 1, counts: NOTHING, missing: [] });
      }
    }, 900_000);
  });
});
