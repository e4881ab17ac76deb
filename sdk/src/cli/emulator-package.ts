// `liveengage emulator`: the emulator is its own package (pulumi-liveengage-emulator, with its HTTP
// server framework), so a Pulumi program that installs this component package never installs a web
// server. The command runs the emulator package when it is installed and says how to get it when not.
import type * as EmulatorCli from "../emulator/cli";

export const EMULATOR_PACKAGE = "pulumi-liveengage-emulator";

export const EMULATOR_MISSING =
  `the LiveEngage emulator is a separate package: install it with \`npm install --save-dev ${EMULATOR_PACKAGE}\`, ` +
  `then run \`npx liveengage emulator\` again (or run it directly: \`npx -p ${EMULATOR_PACKAGE} liveengage-emulator\`)`;

/** Loads the emulator package's command, or throws an error saying how to install it. */
export function loadEmulatorCli(resolve: (id: string) => unknown = require): typeof EmulatorCli {
  try {
    return resolve(`${EMULATOR_PACKAGE}/cli`) as typeof EmulatorCli;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "MODULE_NOT_FOUND" && String((err as Error).message).includes(EMULATOR_PACKAGE)) {
      throw new Error(EMULATOR_MISSING, { cause: err });
    }
    throw err;
  }
}

/** `liveengage emulator [options]`: the options are the emulator package's (see its --help). */
export function runEmulator(args: string[]): Promise<void> {
  return loadEmulatorCli().runEmulatorCommand(args);
}
