/**
 * Dispatch of one command line to its command: `--version`, `--help` (program and per command),
 * usage errors (exit 64) apart from failures (exit 1). Imports no command, so the stand-alone
 * emulator entry can use it without loading the client.
 */
import { commandHelp, parseCommand, UsageError, type CommandSpec } from "./command";
import { EXIT_CODES } from "./exit-codes";
import { ownPackage } from "./own-package";

export function programHelp(commands: readonly CommandSpec[], program: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${program} <command> [options]`,
    "",
    "LivePerson Conversation Builder deployments: emulator and operations",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.description}`),
    "",
    "Options:",
    "  -V, --version  print the version",
    "  -h, --help     show this help (`<command> --help` for a command's options)",
    "",
    "Exit codes (each command's --help lists the ones it uses):",
    ...Object.values(EXIT_CODES).map((c) => `  ${String(c.code).padStart(2)}  ${c.meaning}`),
    "",
  ].join("\n");
}

const wantsHelp = (args: readonly string[]) => args.includes("--help") || args.includes("-h");

/**
 * Runs one command line (without node and script). Returns the exit code; writes help, usage
 * errors and failures itself (stderr), so a caller only has to exit with it.
 */
export async function runCli(args: readonly string[], commands: readonly CommandSpec[], program: string): Promise<number> {
  const [first, ...rest] = args;
  if (first === "--version" || first === "-V") {
    process.stdout.write(`${ownPackage().version}\n`);
    return EXIT_CODES.ok.code;
  }
  if (first === undefined || first === "--help" || first === "-h" || (first === "help" && rest.length === 0)) {
    (first === undefined ? process.stderr : process.stdout).write(programHelp(commands, program));
    return first === undefined ? EXIT_CODES.usage.code : EXIT_CODES.ok.code;
  }
  const name = first === "help" ? rest[0] : first;
  const spec = commands.find((c) => c.name === name);
  if (!spec) {
    process.stderr.write(`${program}: unknown command '${name}'; commands: ${commands.map((c) => c.name).join(", ")}\n`);
    return EXIT_CODES.usage.code;
  }
  if (first === "help" || wantsHelp(rest)) {
    process.stdout.write(commandHelp(program, spec));
    return EXIT_CODES.ok.code;
  }
  try {
    process.exitCode = undefined;
    await spec.run(parseCommand(spec, rest));
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_CODES.ok.code;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${program} ${spec.name}: ${err.message}\n(see \`${program} ${spec.name} --help\`)\n`);
      return EXIT_CODES.usage.code;
    }
    process.stderr.write(`${program} ${spec.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_CODES.failure.code;
  }
}
