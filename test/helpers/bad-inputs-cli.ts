/**
 * Runs cases of the bad-input table (bad-inputs.ts) as `pulumi preview` through the real CLI, a few
 * at a time: one program folder, one stack per worker (each preview is a CLI start plus a Node
 * program, seconds each, so running them one after the other made the table take many minutes).
 * Every worker's stack points at one emulator; a case with its own configuration changes its
 * worker's stack and puts it back afterwards.
 */
import { createLiveEngageClient, shutdownLiveEngageClients } from "../../sdk/src/client";
import { BAD_INPUT_SECRET, configOf, seedExisting, startConfigTargets, type BadInput } from "./bad-inputs";
import { startE2eEmulator, type E2eEmulator } from "./emulator-process";
import { describeWithCli, runPulumi, TestProgram, type RunResult } from "./pulumi-cli";

/** What one preview of one case showed. */
export interface CaseOutcome {
  id: string;
  what: string;
  property: string;
  code: number;
  output: string;
  ms: number;
}

function caseBody(c: BadInput): string {
  if (c.program) return c.program;
  return `new le.${c.resource!.type}("r", ${JSON.stringify(c.resource!.inputs)});`;
}

/** One program holding every case (selected by the `case` config key) and a valid control case. */
export function programOf(cases: readonly BadInput[]): string {
  return `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const cases = {
${[
  ...cases.map((c) => `  ${JSON.stringify(c.id)}: () => { ${caseBody(c)} },`),
  `  "valid": () => { new le.Skill("ok", { name: "bi-valid-skill" }); new le.BotAgent("ok", { loginName: "bi-valid", nickname: "bot", fullName: "Bot", email: "b@example.com", password: pulumi.secret("long-enough-pw") }); },`,
].join("\n")}
};
const which = config.require("case");
if (!cases[which]) throw new Error("unknown case " + which);
cases[which]();
`;
}

/** An API write (what a refused preview must never make): anything but reads and logins. */
export const isApiWrite = (e: { method: string; route: string }): boolean =>
  e.method !== "GET" && !/\/login|\/refresh|\/logout|\/sentinel\//.test(e.route);

/** A JavaScript stack frame line ("    at fn (file.js:1:2)"). */
export const STACK_FRAME = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;

/**
 * What is wrong with how a case was refused (empty when right): the preview must fail, name the
 * property, print no stack trace, raw TypeError or secret; a resource case must be refused by the
 * provider's check, not by the program crashing.
 */
export function problemsOf(o: CaseOutcome, c: BadInput, secrets: readonly string[]): string[] {
  return [
    ...(o.code === 0 ? ["preview succeeded"] : []),
    ...(o.output.includes(o.property) ? [] : [`does not name ${o.property}`]),
    ...(STACK_FRAME.test(o.output) ? ["prints a stack trace"] : []),
    ...(/TypeError|Invalid URL/.test(o.output) ? ["prints a raw TypeError"] : []),
    ...(!c.program && o.output.includes("failed with an unhandled exception") ? ["the program crashed instead of check refusing"] : []),
    ...secrets.filter((s) => o.output.includes(s)).map(() => "prints a secret"),
  ];
}

/** The closing table: one line per case with whether it was refused and named, and its preview time. */
export function tableOf(outcomes: readonly CaseOutcome[], workers: number): string {
  return (
    `[bad-inputs] ${outcomes.length} cases, ${workers} previews at a time\n` +
    outcomes
      .map((o) => `${o.id}\t${o.property}\trefused=${o.code !== 0}\tnamed=${o.output.includes(o.property)}\t${(o.ms / 1000).toFixed(1)} s`)
      .join("\n")
  );
}

/** Runs `cases` and answers the wrongly refused ones with their problems and output's tail. */
export async function wronglyRefused(
  runner: BadInputRunner,
  cases: readonly BadInput[],
): Promise<{ outcomes: CaseOutcome[]; wrong: { id: string; problems: string[]; output: string }[] }> {
  const outcomes = await runner.run(cases);
  const wrong = outcomes.flatMap((o) => {
    const problems = problemsOf(
      o,
      cases.find((x) => x.id === o.id)!,
      runner.secretsOf(cases.find((x) => x.id === o.id)!),
    );
    return problems.length ? [{ id: o.id, problems, output: o.output.slice(-1500) }] : [];
  });
  return { outcomes, wrong };
}

/** The emulator, the program and the worker stacks of one table run. */
export class BadInputRunner {
  private constructor(
    readonly emu: E2eEmulator,
    private readonly program: TestProgram,
    private readonly stacks: string[],
    private readonly targets: Awaited<ReturnType<typeof startConfigTargets>>,
  ) {}

  static async start(name: string, cases: readonly BadInput[], workers: number): Promise<BadInputRunner> {
    const emu = await startE2eEmulator(50);
    const le = createLiveEngageClient({
      accountId: emu.emulator.accountId,
      csdsDomain: emu.emulator.host,
      username: "admin",
      password: emu.emulator.credentials.password,
    });
    await seedExisting(le);
    await shutdownLiveEngageClients();
    const targets = await startConfigTargets(emu.emulator.host);
    const program = await TestProgram.create(name, { "index.js": programOf(cases) });
    const stacks = [program.stack];
    for (let i = 1; i < workers; i++) {
      const stack = `${program.stack}-w${i}`;
      await runPulumi(["stack", "init", stack, "--no-select"], { cwd: program.dir });
      stacks.push(stack);
    }
    const runner = new BadInputRunner(emu, program, stacks, targets);
    await Promise.all(stacks.map((s) => runner.configure(s)));
    return runner;
  }

  /** Previews the valid control program (it must pass: the table's refusals are not the setup's). */
  previewValid(): Promise<RunResult> {
    return this.preview(this.stacks[0]!, "valid");
  }

  private preview(stack: string, id: string): Promise<RunResult> {
    return this.cli(stack, ["preview", "--config", `case=${id}`], true);
  }

  /**
   * Runs `cases`, `stacks.length` at a time, each on a free worker stack; clears the emulator's
   * request log first, so that {@link writes} afterwards counts what the cases wrote.
   */
  async run(cases: readonly BadInput[]): Promise<CaseOutcome[]> {
    await this.emu.admin("DELETE", "/requests");
    const queue = [...cases];
    const outcomes: CaseOutcome[] = [];
    await Promise.all(
      this.stacks.map(async (stack) => {
        for (let c = queue.shift(); c !== undefined; c = queue.shift()) outcomes.push(await this.runOne(stack, c));
      }),
    );
    const order = new Map(cases.map((c, i) => [c.id, i]));
    return outcomes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /** The account writes since {@link run} started (the emulator's request log). */
  async writes(): Promise<{ method: string; route: string }[]> {
    const log = await this.emu.admin<{ method: string; route: string }[]>("GET", "/requests");
    return log.filter(isApiWrite);
  }

  /** Every value a message must never contain: the table's secrets and the account password. */
  secretsOf(c: BadInput): string[] {
    return [BAD_INPUT_SECRET, this.emu.emulator.credentials.password, "noprod-password", "wrong-password", ...(c.secret ? [c.secret] : [])];
  }

  async close(): Promise<void> {
    for (const stack of this.stacks.slice(1))
      await runPulumi(["stack", "rm", "--yes", "--force", stack], { cwd: this.program.dir, allowFailure: true });
    await this.program.dispose();
    await this.targets.close();
    await this.emu.close();
  }

  private async runOne(stack: string, c: BadInput): Promise<CaseOutcome> {
    const config = configOf(c, this.targets.vars);
    for (const [key, value] of Object.entries(config)) {
      if (value === null) await this.cli(stack, ["config", "rm", key]);
      else await this.cli(stack, ["config", "set", key, value, key.endsWith("password") ? "--secret" : "--plaintext"]);
    }
    const started = Date.now();
    const r = await this.preview(stack, c.id);
    const ms = Date.now() - started;
    if (Object.keys(config).length) {
      await this.configure(stack);
      for (const key of Object.keys(config).filter((k) => !k.startsWith("liveengage:"))) await this.cli(stack, ["config", "rm", key]);
    }
    return { id: c.id, what: c.what, property: c.property, code: r.code, output: r.stdout + r.stderr, ms };
  }

  private async configure(stack: string): Promise<void> {
    const e = this.emu.emulator;
    const set = (key: string, value: string, secret = false) =>
      this.cli(stack, ["config", "set", key, value, secret ? "--secret" : "--plaintext"]);
    await set("liveengage:accountId", e.accountId);
    await set("liveengage:csdsDomain", e.host);
    await set("liveengage:username", e.credentials.username);
    await set("liveengage:password", e.credentials.password, true);
  }

  private cli(stack: string, args: string[], allowFailure = false): Promise<RunResult> {
    return runPulumi([...args, "--stack", stack], { cwd: this.program.dir, allowFailure });
  }
}

/** Previews at a time: three keep a 2-core machine busy without starving the CLI. */
export const WORKERS = 3;

/**
 * The table test: `cases` through the CLI, each refused at preview as {@link problemsOf} requires,
 * with no write in the whole run. `more` adds tests that use the same runner and the outcomes (they
 * run after the table).
 */
export function describeBadInputTable(
  title: string,
  stackName: string,
  cases: readonly BadInput[],
  timeoutMs: number,
  more?: (ctx: { runner: () => BadInputRunner; outcomes: () => CaseOutcome[] }) => void,
): void {
  describeWithCli(title, () => {
    let runner: BadInputRunner;
    let outcomes: CaseOutcome[] = [];

    beforeAll(async () => {
      runner = await BadInputRunner.start(stackName, cases, WORKERS);
    }, 300_000);

    afterAll(async () => {
      await runner?.close();
      console.log(tableOf(outcomes, WORKERS));
    }, 120_000);

    it("previews the valid control program without error", async () => {
      expect((await runner.previewValid()).code).toBe(0);
    }, 120_000);

    it(
      `refuses each of the ${cases.length} cases at preview, naming the property, with no secret, no stack trace and no write`,
      async () => {
        const result = await wronglyRefused(runner, cases);
        outcomes = result.outcomes;
        expect(result.wrong).toEqual([]);
        expect(await runner.writes()).toEqual([]);
      },
      timeoutMs,
    );

    more?.({ runner: () => runner, outcomes: () => outcomes });
  });
}
