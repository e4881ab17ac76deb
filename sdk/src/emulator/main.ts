// Stand-alone entry (`node dist/emulator/main.js emulator --port 0 …`) used by the crash test and
// for running the emulator without the full CLI.
import { Command } from "commander";
import { registerEmulatorCommand } from "../cli/emulator-command";

const program = new Command("liveengage-emulator");
registerEmulatorCommand(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
