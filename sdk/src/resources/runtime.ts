/**
 * What every provider module shares inside one provider process: the stack configuration
 * (received through `configure`, never captured into the serialized provider) and one client,
 * hence one Login Service session, one Domain API cache and one connection pool.
 */
import { createLiveEngageClient, resolveCredentials, type LiveEngageClient } from "../client";

type ConfigGetter = (key: string) => string | undefined;

let getConfig: ConfigGetter = () => undefined;
let client: LiveEngageClient | undefined;

/** The dynamic provider's `configure`: the engine passes the whole stack config, namespaces kept. */
export async function configureProviderProcess(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  getConfig = (key) => req.config.get(key);
  client = undefined;
}

/** The process's client, built on first use from stack config with LP_* environment fallbacks. */
export function liveEngage(): LiveEngageClient {
  client ??= createLiveEngageClient(resolveCredentials(getConfig));
  return client;
}

/** @internal For tests that drive providers directly in one process. */
export function resetProviderProcess(): void {
  getConfig = () => undefined;
  client = undefined;
}

/**
 * A warning for the person running `pulumi`. The engine shows a provider's stderr as diagnostics
 * (pulumi/pulumi#18253); the dynamic provider process has no engine logger of its own.
 */
export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
