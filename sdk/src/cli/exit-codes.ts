/**
 * The CLI's exit codes, one table for every command, `--help` and the README: a pipeline can tell
 * "the tool could not run" from "the account differs from its declaration" from "an agent is down".
 */
export interface ExitCode {
  code: number;
  meaning: string;
}

export const EXIT_CODES = {
  ok: { code: 0, meaning: "success: nothing to report" },
  failure: {
    code: 1,
    meaning: "failure: the command could not do its job (account unreachable, login refused, unknown bot or stack, ...)",
  },
  drift: { code: 2, meaning: "drift: the live configuration differs from the declaration (or between a deployment's agents)" },
  notConnected: { code: 3, meaning: "not connected: at least one connector is not Connected" },
  usage: { code: 64, meaning: "usage error: unknown command or option, missing or invalid value" },
} as const satisfies Record<string, ExitCode>;
