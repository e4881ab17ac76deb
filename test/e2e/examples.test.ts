/**
 * Issue #6: every program in examples/ passes its lifecycle with the real CLI against the emulator,
 * as written (TypeScript, run by the language host through ts-node, importing the packed
 * "pulumi-liveengage"): up → outputs Connected → preview with no changes → destroy → nothing left.
 * Extra steps where the example is about them: failover-fleet rolls a flag change out;
 * production (OAuth 2.0 client credentials) is protected, so destroy is refused until unprotected.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { describeWithCli, ROOT, TestProgram } from "../helpers/pulumi-cli";

const EXAMPLES = path.join(ROOT, "examples");
const AGENT_PASSWORD = "example-agent-s3cret";

/** The example's files as a user would copy them (not its README or any local stack config). */
function exampleFiles(name: string): Record<string, string> {
  const dir = path.join(EXAMPLES, name);
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    if (file === "README.md" || /^Pulumi\..+\.yaml$/.test(file) || !statSync(path.join(dir, file)).isFile()) continue;
    files[file] = readFileSync(path.join(dir, file), "utf8");
  }
  return files;
}

type StateDump = { accounts: Record<string, Record<string, unknown>> };
function liveObjects(dump: StateDump, account: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ["skills", "users", "campaigns", "engagements", "connectors"]) {
    const coll = (dump.accounts[account]?.[key] ?? {}) as Record<string, { deleted?: boolean; isDeleted?: boolean }>;
    out[key] = Object.values(coll).filter((o) => !o.deleted && !o.isDeleted).length;
  }
  return out;
}

interface Agent {
  loginName: string;
  status: string;
  statusReasons: string[];
}

interface Lifecycle {
  /** Config beyond the emulator connection and agentPassword. */
  configure?(program: TestProgram, emu: E2eEmulator): Promise<void>;
  /** Use the emulator's OAuth 2.0 client instead of the admin user. */
  oauth?: boolean;
  /** Asserts the outputs after `up`. */
  check(out: Record<string, unknown>): void;
  /** Between the no-change preview and destroy. */
  extra?(program: TestProgram, emu: E2eEmulator): Promise<void>;
  /** Before destroy (e.g. unprotect). */
  beforeDestroy?(program: TestProgram): Promise<void>;
}

const allConnected = (agents: unknown, n: number) => {
  expect((agents as Agent[]).map((a) => a.status)).toEqual(Array(n).fill("Connected"));
};

const LIFECYCLES: Record<string, Lifecycle> = {
  quickstart: {
    check(out) {
      expect(out.status).toBe("Connected");
      expect(out.statusReasons).toEqual([]);
      expect(out.engagementSkill).toBe("quickstart-bot-skill");
    },
  },
  "failover-fleet": {
    check(out) {
      allConnected(out.agents, 3);
      expect((out.agents as Agent[]).map((a) => a.loginName)).toEqual(["fleet-bot-1", "fleet-bot-2", "fleet-bot-3"]);
    },
    async extra(program) {
      // The rolling flag change of the example's README: only the 3 connectors are replaced.
      await program.setConfig("messageDelay", "600");
      const preview = await program.preview();
      const changed = preview.steps.filter((s) => s.op !== "same");
      expect(changed.length).toBeGreaterThan(0);
      for (const s of changed) expect(s.urn).toMatch(/liveengage:BotConnector::fleet-connector-\d$/);
      await program.up();
      const out = await program.outputs();
      allConnected(out.agents, 3);
      await program.previewNoChanges();
    },
  },
  "routing-handoff": {
    async configure(_program, emu) {
      await emu.admin("POST", "/seed", {
        accounts: [{ accountId: emu.emulator.accountId, bots: [{ id: "specialist-bot", name: "Specialist Bot" }] }],
      });
    },
    check(out) {
      allConnected(out.routingAgents, 2);
      allConnected(out.specialistAgents, 2);
      expect(out.statuses).toEqual([
        "routing-bot-1: Connected",
        "routing-bot-2: Connected",
        "billing-bot-1: Connected",
        "billing-bot-2: Connected",
      ]);
    },
  },
  production: {
    oauth: true,
    async configure(program) {
      await program.setConfig("botId", "demo-bot");
    },
    check(out) {
      allConnected(out.agents, 3);
      expect(typeof out.escalationSkillId).toBe("string");
    },
    async extra(program) {
      const { resources } = (await program.exportState()) as unknown as { resources: { type: string; protect?: boolean }[] };
      const liveengage = resources.filter((r) => r.type.includes("liveengage:"));
      expect(liveengage.length).toBe(11); // 2 skills, campaign, engagement, 3 agents, 3 connectors + component
      for (const r of liveengage) expect([r.type, r.protect]).toEqual([r.type, true]);
      const refused = await program.pulumi(["destroy", "--yes", "--skip-preview"], { allowFailure: true });
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(/protect/i);
    },
    async beforeDestroy(program) {
      await program.pulumi(["state", "unprotect", "--all", "--yes"]);
    },
  },
  "chat-bot": {
    check(out) {
      allConnected(out.agents, 2);
    },
  },
};

describeWithCli("examples/: each example's lifecycle against the emulator", () => {
  it("has a lifecycle for every example folder, each a standalone program: README, Pulumi.yaml, index.ts, tsconfig.json, package.json", () => {
    const folders = readdirSync(EXAMPLES)
      .filter((f) => statSync(path.join(EXAMPLES, f)).isDirectory())
      .sort();
    expect(folders).toEqual(Object.keys(LIFECYCLES).sort());
    for (const f of folders) {
      expect([
        f,
        readdirSync(path.join(EXAMPLES, f))
          .filter((x) => !/^Pulumi\..+\.yaml$|^node_modules$|^package-lock\.json$/.test(x))
          .sort(),
      ]).toEqual([f, ["Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"]]);
      // What a copy outside the repository installs: the published package and the Pulumi SDK.
      const manifest = JSON.parse(readFileSync(path.join(EXAMPLES, f, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      expect([f, Object.keys(manifest.dependencies).sort()]).toEqual([f, ["@pulumi/pulumi", "pulumi-liveengage"]]);
    }
  });

  for (const [name, life] of Object.entries(LIFECYCLES)) {
    describe(name, () => {
      let emu: E2eEmulator;
      let program: TestProgram;
      let before: Record<string, number>;

      beforeAll(async () => {
        emu = await startE2eEmulator();
        before = liveObjects(await emu.admin<StateDump>("GET", "/state"), emu.emulator.accountId);
        program = await TestProgram.create(name, exampleFiles(name));
        if (life.oauth) {
          const { clientId, clientSecret } = emu.emulator.credentials.oauthClient;
          await program.setConfig("liveengage:accountId", emu.emulator.accountId);
          await program.setConfig("liveengage:csdsDomain", emu.emulator.host);
          await program.setConfig("liveengage:clientId", clientId);
          await program.setConfig("liveengage:clientSecret", clientSecret, true);
        } else {
          await emu.configure(program);
        }
        await program.setConfig("agentPassword", AGENT_PASSWORD, true);
        await life.configure?.(program, emu);
      }, 120_000);

      afterAll(async () => {
        await program?.dispose();
        await emu?.close();
      }, 120_000);

      it("up: deploys and every agent is Connected", async () => {
        await program.up();
        life.check(await program.outputs());
        const { text } = await program.exportState();
        expect(text).not.toContain(AGENT_PASSWORD);
      }, 300_000);

      it("preview: no changes", async () => {
        await program.previewNoChanges();
        await life.extra?.(program, emu);
      }, 300_000);

      it("destroy: leaves the account as it was", async () => {
        await life.beforeDestroy?.(program);
        await program.destroy();
        expect(liveObjects(await emu.admin<StateDump>("GET", "/state"), emu.emulator.accountId)).toEqual(before);
      }, 300_000);
    });
  }
});
