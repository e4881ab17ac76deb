#!/usr/bin/env node
// Stand-alone entry of the emulator package (`liveengage-emulator [options]`, also
// `node dist/emulator/main.js emulator [options]` as the crash test runs it): the emulator
// without the component package's CLI.
import { runEmulatorCommand } from "./cli";

const args = process.argv.slice(2);
// The subcommand word is accepted so that `liveengage emulator …` command lines work unchanged.
if (args[0] === "emulator") args.shift();
runEmulatorCommand(args).catch((err: unknown) => {
  process.stderr.write(`liveengage-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
