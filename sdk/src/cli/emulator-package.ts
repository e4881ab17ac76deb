// The emulator is its own package (pulumi-liveengage-emulator, with its HTTP server framework), so
// a Pulumi program that installs this component package never installs a web server.
// `liveengage emulator` loads it by name when it runs, and says how to install it when it is absent.
import type * as Emulator from "../emulator";

export const EMULATOR_PACKAGE = "pulumi-liveengage-emulator";

export const EMULATOR_MISSING =
  `the LiveEngage emulator is a separate package: install it with \`npm install --save-dev ${EMULATOR_PACKAGE}\`, ` +
  "then run `npx liveengage emulator` again";

/** The emulator package, or an error saying how to install it. */
export function loadEmulator(load: (id: string) => unknown = require): typeof Emulator {
  try {
    return load(EMULATOR_PACKAGE) as typeof Emulator;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "MODULE_NOT_FOUND" && e.message.includes(`'${EMULATOR_PACKAGE}'`)) throw new Error(EMULATOR_MISSING, { cause: err });
    throw err;
  }
}
