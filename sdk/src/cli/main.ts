#!/usr/bin/env node
/**
 * `liveengage`: the package's command line.
 *   liveengage emulator   run the local LiveEngage emulator
 *   liveengage status     every bot of the account, its connectors and their status
 *   liveengage drift      compare the live configuration of all agents of a bot
 *   liveengage export     write a Pulumi program that adopts an existing account
 *   liveengage doctor     read-only check of an account before a first deploy
 *   liveengage dashboard  a local web page: every bot, its agents, drift, Connected over time (live)
 */
import { Command } from "commander";
import { registerDashboardCommand } from "./dashboard-command";
import { registerDoctorCommand } from "./doctor-command";
import { registerDriftCommand } from "./drift-command";
import { registerEmulatorCommand } from "./emulator-command";
import { registerExportCommand } from "./export-command";
import { registerStatusCommand } from "./status-command";

export function buildProgram(): Command {
  const program = new Command();
  program.name("liveengage").description("LivePerson Conversation Builder deployments: emulator and operations");
  registerEmulatorCommand(program);
  registerStatusCommand(program);
  registerDriftCommand(program);
  registerExportCommand(program);
  registerDoctorCommand(program);
  registerDashboardCommand(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      process.stderr.write(`liveengage: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
