/**
 * What every provider module shares inside one provider process: the stack configuration
 * (received through `configure`, never captured into the serialized provider) and one client,
 * hence one Login Service session, one Domain API cache and one connection pool.
 */
import {
  createLiveEngageClient,
  CREDENTIAL_SOURCES,
  resolveCredentials,
  type AuthMethod,
  type ClientOptions,
  type LiveEngageClient,
} from "../client";

type ConfigGetter = (key: string) => string | undefined;

let getConfig: ConfigGetter = () => undefined;
let client: LiveEngageClient | undefined;
/** The provider configuration the client was built for (see configureProviderProcess). */
let configured: string | undefined;

/**
 * The dynamic provider's `configure`: the engine passes the whole stack config, namespaces kept.
 *
 * The dynamic-provider host calls it once per provider module, the first time a resource of that
 * type shows up — often while resources of other types are already being worked on. The same
 * configuration again keeps the client (its session and caches) and so the preflight answers, which
 * are kept per client (preflight.ts): throwing them away made each run list profiles, users and
 * skills again once per resource type (issue #7).
 */
export async function configureProviderProcess(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  const get: ConfigGetter = (key) => req.config.get(key);
  const fingerprint = JSON.stringify(Object.values(CREDENTIAL_SOURCES).map(({ configKey }) => get(configKey) ?? null));
  getConfig = get;
  if (fingerprint === configured && client !== undefined) return;
  configured = fingerprint;
  client = undefined;
}

/** The process's client, built on first use from stack config with LP_* environment fallbacks. */
export function liveEngage(): LiveEngageClient {
  client ??= createLiveEngageClient(resolveCredentials(getConfig), clientOptionsFromEnv());
  return client;
}

/** Environment variable overriding the 5xx/transport retry backoff, in ms, comma separated. */
export const RETRY_BACKOFF_ENV = "LIVEENGAGE_RETRY_BACKOFF_MS";

/**
 * Client options from the provider's environment. `LIVEENGAGE_RETRY_BACKOFF_MS="200,400,800"`
 * replaces LivePerson's 5/10/15 s backoff (its length is the number of retries); meant for tests
 * against the emulator and for pipelines that want a different budget. Invalid values are ignored
 * with a warning, keeping the default.
 */
export function clientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientOptions {
  const raw = env[RETRY_BACKOFF_ENV];
  if (raw === undefined || raw.trim() === "") return {};
  const parts = raw.split(",").map((p) => p.trim());
  const delays = parts.map(Number);
  if (parts.some((p) => p === "") || delays.some((d) => !Number.isInteger(d) || d < 0)) {
    warn(`${RETRY_BACKOFF_ENV} must be a comma-separated list of whole milliseconds, e.g. "200,400,800"; using the default backoff`);
    return {};
  }
  return { retry: { backoffMs: delays } };
}

/** @internal For tests that drive providers directly in one process. */
export function resetProviderProcess(): void {
  getConfig = () => undefined;
  client = undefined;
  configured = undefined;
}

/** How the configured credentials log in (for messages that name the config keys to fix). */
export function authMethod(): AuthMethod {
  return resolveCredentials(getConfig).authMethod;
}

/** The Domain API host as configured (config or LP_CSDS_DOMAIN), for messages; undefined = LivePerson's. */
export function configuredCsdsDomain(): string | undefined {
  return resolveCredentials(getConfig).csdsDomain;
}

/**
 * A warning for the person running `pulumi`. The engine shows a provider's stderr as diagnostics
 * (pulumi/pulumi#18253); the dynamic provider process has no engine logger of its own.
 */
export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * A notice for the person running `pulumi` that is not a warning (a restart a preview announces);
 * shown by the engine like {@link warn}.
 */
export function announce(message: string): void {
  process.stderr.write(`${message}\n`);
}
