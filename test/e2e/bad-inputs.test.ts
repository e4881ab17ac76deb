/**
 * Issue #16, "preview tells the truth", through the real CLI: the bad-input table
 * (test/helpers/bad-inputs.ts) as `pulumi preview`, three previews at a time. Every case must fail
 * the preview naming the property (or config key) — the config cases also the fix —, print no
 * secret and no JavaScript stack trace, and the whole run must make no write to the account. A
 * csdsDomain nobody answers on fails in seconds: one Domain API attempt, not LivePerson's retry
 * backoff (the measured times are printed with the table; tests do not assert wall times).
 */
import { BAD_INPUTS } from "../helpers/bad-inputs";
import { BadInputRunner, STACK_FRAME, type CaseOutcome } from "../helpers/bad-inputs-cli";
import { describeWithCli } from "../helpers/pulumi-cli";

/** All of issue #16's cases, and the rest of the table when LIVEENGAGE_BAD_INPUTS=all. */
const CASES = process.env.LIVEENGAGE_BAD_INPUTS === "all" ? BAD_INPUTS : BAD_INPUTS.filter((c) => c.issue16 || c.id.startsWith("cfg-") || c.id.startsWith("deploy-"));
const WORKERS = 3;

describeWithCli("wrong programs and configurations are refused at preview (real CLI, issue #16)", () => {
  let runner: BadInputRunner;
  let outcomes: CaseOutcome[] = [];

  beforeAll(async () => {
    runner = await BadInputRunner.start("bad-inputs-16", CASES, WORKERS);
  }, 300_000);

  afterAll(async () => {
    await runner?.close();
    // eslint-disable-next-line no-console
    console.log(`[bad-inputs] ${outcomes.length} cases, ${WORKERS} previews at a time\n`
      + outcomes.map((o) => `${o.id}\t${o.property}\trefused=${o.code !== 0}\tnamed=${o.output.includes(o.property)}\t${(o.ms / 1000).toFixed(1)} s`).join("\n"));
  }, 120_000);

  it("previews the valid control program without error", async () => {
    const r = await runner.previewValid();
    expect(r.code).toBe(0);
  }, 120_000);

  it(`refuses each of the ${CASES.length} cases at preview, naming the property, with no secret, no stack trace and no write`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    outcomes = await runner.run(CASES);
    const wrong = outcomes.flatMap((o) => {
      const c = CASES.find((x) => x.id === o.id)!;
      const problems = [
        ...(o.code === 0 ? ["preview succeeded"] : []),
        ...(o.output.includes(o.property) ? [] : [`does not name ${o.property}`]),
        ...(STACK_FRAME.test(o.output) ? ["prints a stack trace"] : []),
        ...(/TypeError|Invalid URL/.test(o.output) ? ["prints a raw TypeError"] : []),
        ...(!c.program && o.output.includes("failed with an unhandled exception") ? ["the program crashed instead of check refusing"] : []),
        ...runner.secretsOf(c).filter((s) => o.output.includes(s)).map(() => "prints a secret"),
      ];
      return problems.length ? [{ id: o.id, problems, output: o.output.slice(-1500) }] : [];
    });
    expect(wrong).toEqual([]);
    expect(await runner.writes()).toEqual([]);
  }, 1_200_000);

  it("names the fix for an unreachable, misspelt or malformed csdsDomain, from one attempt", () => {
    const fixes = ["cfg-csds-wrong-port", "cfg-csds-misspelt-host", "cfg-csds-malformed", "cfg-csds-not-domain-api", "deploy-csds-unreachable"].map((id) => {
      const o = outcomes.find((x) => x.id === id);
      return { id, fix: o !== undefined && /pulumi config set liveengage:csdsDomain/.test(o.output) };
    });
    expect(fixes.filter((f) => !f.fix)).toEqual([]);
    // The whole deployment (11 resources) fails on the first, single Domain API attempt.
    expect(outcomes.find((x) => x.id === "deploy-csds-unreachable")?.output).toMatch(/cannot be reached \(ECONNREFUSED\)/);
  });
});
