/**
 * An emulator for e2e tests: started in the test process on a free port, outliving every
 * `pulumi` invocation (refresh and destroy do not run the program), with stack config pointing at it.
 */
import { startEmulator, type RunningEmulator } from "../../sdk/src/emulator";
import { emulatorAdmin, type AdminCall } from "./emulator-admin";
import type { TestProgram } from "./pulumi-cli";

export interface E2eEmulator {
  emulator: RunningEmulator;
  admin: AdminCall;
  /** Points a program's stack at this emulator with the admin credentials (password as a secret). */
  configure(program: TestProgram): Promise<void>;
  close(): Promise<void>;
}

export async function startE2eEmulator(connectDelayMs = 300): Promise<E2eEmulator> {
  const emulator = await startEmulator({ port: 0, connectDelayMs });
  const admin = emulatorAdmin(emulator.url);
  return {
    emulator,
    admin,
    async configure(program) {
      await program.setConfig("liveengage:accountId", emulator.accountId);
      await program.setConfig("liveengage:csdsDomain", emulator.host);
      await program.setConfig("liveengage:username", emulator.credentials.username);
      await program.setConfig("liveengage:password", emulator.credentials.password, true);
    },
    close: () => emulator.close(),
  };
}
