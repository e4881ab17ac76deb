/**
 * `liveengage doctor`: the checklist of doctor.ts in a terminal (or --json), with an exit code that
 * says whether a deploy would fail, and `--record <file>` for a sanitized transcript.
 *
 * Exit codes: 0 every check ok (warnings allowed): a deploy gets past everything checked;
 *             2 at least one check failed: a deploy would fail (each failure names its fix);
 *             1 the doctor could not run (bad options, unreadable stack config).
 */
import { writeFileSync } from "node:fs";
import { shutdownLiveEngageClients, type ResolvedCredentials } from "../client";
import type { CommandSpec } from "./command";
import { cliCredentials, JSON_OPTION, STACK_OPTION } from "./credentials";
import { EXIT_CODES } from "./exit-codes";
import { runDoctor, type CheckResult, type DoctorReport } from "./doctor";
import { TranscriptRecorder } from "./doctor-transcript";

export const DOCTOR_EXIT = { ready: EXIT_CODES.ok.code, error: EXIT_CODES.failure.code, wouldFail: 2 } as const;

const MARK: Record<CheckResult["status"], string> = { ok: "✓", warn: "!", fail: "✗", skip: "-" };

export function renderReport(r: DoctorReport): string {
  const lines = [`LiveEngage account ${r.accountId} (${r.authMethod})`];
  for (const c of r.checks) {
    lines.push(`${MARK[c.status]} ${c.title}: ${c.detail}`);
    if (c.fix && c.status !== "ok") lines.push(`    fix: ${c.fix}`);
  }
  const failed = r.checks.filter((c) => c.status === "fail").length;
  lines.push(r.ready ? "Ready: nothing checked here would stop a deploy." : `Not ready: ${failed} check(s) failed; a deploy would fail.`);
  return lines.join("\n");
}

export interface DoctorCommandOptions {
  stack?: string | boolean;
  json?: boolean;
  record?: string;
  bot?: string[];
  environment: "production" | "demo";
}

/** Runs the doctor with the command's options; returns the report and the exit code. */
export async function doctor(
  creds: ResolvedCredentials,
  opts: Omit<DoctorCommandOptions, "stack">,
): Promise<{ report: DoctorReport; exitCode: number }> {
  const recorder = opts.record ? new TranscriptRecorder(creds.accountId) : undefined;
  const report = await runDoctor(creds, {
    environment: opts.environment,
    botIds: opts.bot,
    client: recorder ? { onExchange: recorder.observe } : {},
    onCheck: (id) => {
      if (recorder) recorder.check = id;
    },
  });
  if (recorder && opts.record) writeFileSync(opts.record, `${JSON.stringify(recorder.transcript(), null, 2)}\n`);
  return { report, exitCode: report.ready ? DOCTOR_EXIT.ready : DOCTOR_EXIT.wouldFail };
}

export const doctorCommand: CommandSpec = {
  name: "doctor",
  description: "read-only check of a LiveEngage account before a first deploy (exit 0 ready, 2 a deploy would fail, 1 could not run)",
  options: [
    STACK_OPTION,
    { name: "bot", arg: "<id...>", description: "bot(s) the deploy uses: each must exist" },
    {
      name: "environment",
      arg: "<env>",
      description: "the deploy's environment: production needs Bot Status Access",
      default: "production",
      choices: ["production", "demo"],
    },
    JSON_OPTION,
    { name: "record", arg: "<file>", description: "write a sanitized transcript (no values, no secrets) of what the account answered" },
  ],
  exitCodes: [
    EXIT_CODES.failure,
    { code: DOCTOR_EXIT.wouldFail, meaning: "a check failed: a deploy would fail (each failure names its fix)" },
  ],
  async run(opts: DoctorCommandOptions) {
    let creds: ResolvedCredentials;
    try {
      creds = cliCredentials(opts);
    } catch (e) {
      // Missing settings are a failed check, not a crash: a deploy would fail on them too.
      const msg = e instanceof Error ? e.message : String(e);
      const report: DoctorReport = {
        accountId: process.env.LP_ACCOUNT_ID ?? "(unset)",
        authMethod: "password",
        ready: false,
        checks: [
          {
            id: "configuration",
            title: "Credentials configured",
            status: "fail",
            detail: msg,
            fix: "set the named liveengage:* stack config keys or LP_* environment variables",
          },
        ],
      };
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderReport(report)}\n`);
      process.exitCode = DOCTOR_EXIT.wouldFail;
      return;
    }
    try {
      const { report, exitCode } = await doctor(creds, opts);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderReport(report)}\n`);
      if (opts.record) process.stderr.write(`transcript written to ${opts.record}\n`);
      process.exitCode = exitCode;
    } finally {
      await shutdownLiveEngageClients();
    }
  },
};
