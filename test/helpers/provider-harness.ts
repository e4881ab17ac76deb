/**
 * Drives provider modules directly (the way the Pulumi shim does) against a real emulator over
 * HTTP: `configure` with stack-config keys, then check/diff/create/read/update/delete.
 */
import { startEmulator, type RunningEmulator } from "../../sdk/src/emulator";
import { emulatorAdmin, type AdminCall } from "./emulator-admin";
import { shutdownLiveEngageClients } from "../../sdk/src/client";
import { configureProviderProcess, resetProviderProcess } from "../../sdk/src/resources/runtime";

export interface Harness {
  emulator: RunningEmulator;
  /** Stack config as the engine passes it (namespaced keys). */
  config: Record<string, string>;
  admin: AdminCall;
  close(): Promise<void>;
}

export async function startHarness(options: Parameters<typeof startEmulator>[0] = {}): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, connectDelayMs: 50, ...options });
  const config: Record<string, string> = {
    "liveengage:accountId": emulator.accountId,
    "liveengage:username": emulator.credentials.username,
    "liveengage:password": emulator.credentials.password,
    "liveengage:csdsDomain": emulator.host,
  };
  await configureProviderProcess({ config: { get: (k) => config[k] } });
  return {
    emulator,
    config,
    admin: emulatorAdmin(emulator.url),
    async close() {
      resetProviderProcess();
      await shutdownLiveEngageClients();
      await emulator.close();
    },
  };
}

/** Runs a provider's `check` and fails the test with the failures when there are any. */
export async function checked<T>(
  provider: { check(o: unknown, n: Record<string, unknown>): Promise<{ inputs?: Record<string, unknown>; failures?: unknown[] }> },
  news: Record<string, unknown>,
): Promise<T> {
  const r = await provider.check({}, news);
  if (r.failures?.length) throw new Error(`check failed: ${JSON.stringify(r.failures)}`);
  return r.inputs as T;
}
