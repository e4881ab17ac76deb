/**
 * An emulator for e2e tests: started in the test process on a free port, outliving every
 * `pulumi` invocation (refresh and destroy do not run the program), with stack config pointing at it.
 */
import { request } from "undici";
import { startEmulator, type RunningEmulator } from "../../sdk/src/emulator";
import type { TestProgram } from "./pulumi-cli";

export interface E2eEmulator {
  emulator: RunningEmulator;
  admin<T = unknown>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T>;
  /** Points a program's stack at this emulator with the admin credentials (password as a secret). */
  configure(program: TestProgram): Promise<void>;
  close(): Promise<void>;
}

export async function startE2eEmulator(connectDelayMs = 300): Promise<E2eEmulator> {
  const emulator = await startEmulator({ port: 0, connectDelayMs });
  const admin = async <T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> => {
    const res = await request(`${emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode >= 400) throw new Error(`admin ${method} ${path}: ${res.statusCode} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
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
