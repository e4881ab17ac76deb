#!/usr/bin/env node
/**
 * `liveengage`: the package's command line.
 *   liveengage emulator   run the local LiveEngage emulator
 *   liveengage status     every bot of the account, its connectors and their status
 *   liveengage drift      compare the live configuration of one deployment's agents (or a bot's)
 *   liveengage export     write a Pulumi program that adopts an existing account
 *   liveengage doctor     read-only check of an account before a first deploy
 *   liveengage dashboard  a local web page: every bot, its agents, drift, Connected over time (live)
 */
import type { CommandSpec } from "./command";
import { dashboardCommand } from "./dashboard-command";
import { doctorCommand } from "./doctor-command";
import { driftCommand } from "./drift-command";
import { emulatorCommand } from "./emulator-command";
import { exportCommand } from "./export-command";
import { runCli } from "./run";
import { statusCommand } from "./status-command";

export const PROGRAM = "liveengage";
export const COMMANDS: readonly CommandSpec[] = [
  emulatorCommand,
  statusCommand,
  driftCommand,
  exportCommand,
  doctorCommand,
  dashboardCommand,
];

if (require.main === module) {
  void runCli(process.argv.slice(2), COMMANDS, PROGRAM).then((code) => process.exit(code));
}
