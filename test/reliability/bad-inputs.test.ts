/**
 * Issue #8, bad input, through the real CLI: every case of test/helpers/bad-inputs.ts (invalid
 * resource inputs, invalid programs, invalid stack configuration) as `pulumi preview`, through the
 * same parallel runner as the e2e tier's issue-16 subset (test/e2e/bad-inputs.test.ts). Each must
 * fail, name the property (or config key), never echo a secret, print no stack trace, and the whole
 * run must make no write to the account (no POST/PUT/DELETE other than logins).
 */
import { BAD_INPUTS } from "../helpers/bad-inputs";
import { BadInputRunner, tableOf, wronglyRefused, type CaseOutcome } from "../helpers/bad-inputs-cli";
import { describeWithCli } from "../helpers/pulumi-cli";

const WORKERS = 3;

describeWithCli("invalid programs and configurations are refused at preview (real CLI)", () => {
  let runner: BadInputRunner;
  let outcomes: CaseOutcome[] = [];

  beforeAll(async () => {
    runner = await BadInputRunner.start("bad-inputs", BAD_INPUTS, WORKERS);
  }, 300_000);

  afterAll(async () => {
    await runner?.close();
    // eslint-disable-next-line no-console
    console.log(tableOf(outcomes, WORKERS));
  }, 120_000);

  it("previews the valid control program without error", async () => {
    expect((await runner.previewValid()).code).toBe(0);
  }, 120_000);

  it("refuses every case of the table at preview", async () => {
    const result = await wronglyRefused(runner, BAD_INPUTS);
    outcomes = result.outcomes;
    expect(result.wrong).toEqual([]);
    expect(await runner.writes()).toEqual([]);
  }, 3_600_000);
});
