// Stand-alone entry (`node dist/emulator/main.js emulator --port 0 …`) used by the crash test and
// for running the emulator without the full CLI.
import { runCli } from "../cli/run";
import { emulatorCommand } from "../cli/emulator-command";

void runCli(process.argv.slice(2), [emulatorCommand], "liveengage-emulator").then((code) => process.exit(code));
