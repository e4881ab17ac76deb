/**
 * What every provider module shares inside one provider process: the stack configuration
 * (received through `configure`, never captured into the serialized provider) and one client,
 * hence one Login Service session, one Domain API cache and one connection pool.
 */
import {
  AuthenticationError, ConfigurationError, createLiveEngageClient, CREDENTIAL_SOURCES, ForbiddenError, resolveCredentials,
  type ClientOptions, type LiveEngageClient,
} from "../client";
import { deepEqual } from "./diff";

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
 * configuration again keeps the client (its session and caches) and the preflight answers: throwing
 * them away made each run list profiles, users and skills again once per resource type (issue #7).
 */
export async function configureProviderProcess(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  const get: ConfigGetter = (key) => req.config.get(key);
  const fingerprint = JSON.stringify(Object.values(CREDENTIAL_SOURCES).map(({ configKey }) => get(configKey) ?? null));
  getConfig = get;
  if (fingerprint === configured && client !== undefined) return;
  configured = fingerprint;
  client = undefined;
  accountCheck = undefined;
  declaredNames.clear();
  nameLists.clear();
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
  accountCheck = undefined;
  declaredNames.clear();
  nameLists.clear();
}

// ---- preflight: what `check` (hence `pulumi preview`) can refuse before anything is created ----

/** A Pulumi CheckFailure. */
export interface PreflightFailure {
  property: string;
  reason: string;
}

let accountCheck: Promise<PreflightFailure[]> | undefined;
const declaredNames = new Map<string, Set<string>>();
const nameLists = new Map<string, Promise<Map<string, string>>>();

/**
 * The unique names already taken in the account (lower-cased name → id), listed once per provider
 * process and kind: N bot agents cost one users read at preview, not N. Objects this run creates
 * later are caught by {@link declareUniqueName}; one made concurrently by someone else still fails
 * its create with LiveEngage's duplicate-name refusal.
 */
export async function takenName(kind: "user" | "skill", name: string): Promise<string | undefined | "unknown"> {
  let list = nameLists.get(kind);
  if (!list) {
    const le = liveEngage();
    list = kind === "user"
      ? le.users.list().then((us) => new Map(us.filter((u) => !u.deleted).map((u) => [u.loginName.toLowerCase(), String(u.id)])))
      : le.skills.list().then((ss) => new Map(ss.filter((s) => !s.deleted).map((s) => [s.name.toLowerCase(), String(s.id)])));
    nameLists.set(kind, list);
    list.catch(() => nameLists.delete(kind));
  }
  return lookupOrUnknown(async () => (await list).get(name.trim().toLowerCase()));
}

const CREDENTIAL_KEYS = {
  password: "liveengage:username / liveengage:password",
  appKey: "liveengage:username / liveengage:appKey / liveengage:appSecret / liveengage:accessToken / liveengage:accessTokenSecret",
  oauth2: "liveengage:clientId / liveengage:clientSecret",
} as const;

/**
 * The provider configuration, checked once per provider process: complete credentials and a
 * well-formed `liveengage:csdsDomain` (no network), then one authenticated read, so missing or
 * wrong credentials and an unknown account are refused at preview. Messages name the config keys,
 * never their values. An API that cannot be reached (5xx, transport) does not fail the preview.
 */
export function preflightAccount(): Promise<PreflightFailure[]> {
  accountCheck ??= (async (): Promise<PreflightFailure[]> => {
    let le: LiveEngageClient;
    try {
      le = liveEngage();
    } catch (e) {
      if (e instanceof ConfigurationError) {
        // Credential problems name their keys; the other configuration error is the Domain API host.
        const where = e.message.includes("liveengage:") ? "" : "liveengage:csdsDomain: ";
        return [{ property: "liveengage", reason: `provider configuration: ${where}${e.message}` }];
      }
      throw e;
    }
    try {
      await le.profiles.list();
      return [];
    } catch (e) {
      if (e instanceof AuthenticationError || e instanceof ForbiddenError) {
        const method = resolveCredentials(getConfig).authMethod;
        return [{
          property: "liveengage",
          reason: `provider configuration: LiveEngage refused the credentials for account liveengage:accountId `
            + `(${CREDENTIAL_KEYS[method]}): ${e.message}; fix the stack config (pulumi config set --secret …)`,
        }];
      }
      return [];
    }
  })();
  return accountCheck;
}

/** Whether preflight may query the account (credentials fine). */
export async function accountUsable(): Promise<boolean> {
  return (await preflightAccount()).length === 0;
}

/**
 * Records a unique name declared by a resource being created in this run; answers whether another
 * resource of the same program (same provider process) already declared it.
 */
export function declareUniqueName(kind: string, name: string): boolean {
  let names = declaredNames.get(kind);
  if (!names) declaredNames.set(kind, (names = new Set()));
  const key = name.trim().toLowerCase();
  if (names.has(key)) return true;
  names.add(key);
  return false;
}

/**
 * A read for preflight: the value, or `"unknown"` when the API could not answer (preflight then
 * stays silent and the operation itself will report the problem).
 */
export async function lookupOrUnknown<T>(read: () => Promise<T>): Promise<T | "unknown"> {
  try {
    return await read();
  } catch {
    return "unknown";
  }
}

/** A value `check` can use now: a non-empty string that is not Pulumi's unknown marker. */
export function known(v: unknown): v is string {
  return typeof v === "string" && v !== "" && v !== UNKNOWN_MARKER;
}
const UNKNOWN_MARKER = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Whether `check` runs for a resource whose checked inputs equal its old inputs: it will be neither
 * created nor changed, so preflight has nothing to refuse and must not call the API. This keeps a
 * no-op `pulumi preview` at zero API calls (issue #7; test/e2e/api-calls.test.ts).
 */
export function unchanged(olds: unknown, inputs: Record<string, unknown> | undefined): boolean {
  if (inputs === undefined || typeof olds !== "object" || olds === null) return false;
  const { __provider: _o, ...old } = olds as Record<string, unknown>;
  const { __provider: _n, ...now } = inputs;
  return Object.keys(old).length > 0 && deepEqual(old, now);
}

/** Whether `check` runs for a resource being created (no old inputs) or whose `key` changed (a replacement). */
export function creating(olds: unknown, news: Record<string, unknown>, key: string): boolean {
  const o = (olds ?? {}) as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => k !== "__provider");
  return keys.length === 0 || o[key] !== news[key];
}

/** `check` called by the engine (the dynamic-provider shim adds `__provider`), not directly by a test. */
export function fromEngine(news: Record<string, unknown>): boolean {
  return typeof news.__provider === "string";
}

/**
 * `check`'s failures with the engine's value echo suppressed for inputs that hold secrets. The
 * engine prints a failure as "property <p> value {<inputs[p]>} has a problem: <reason>" — with the
 * plaintext even of a secret (a secret password that is too short was printed in full). For
 * failures at one of `secretKeys` the property is left empty, so the engine prints only the
 * reason, which names the property itself. Only for calls from the engine (direct callers keep
 * the property).
 */
export function hideSecretValues<R extends { inputs?: Record<string, unknown>; failures?: PreflightFailure[] }>(
  result: R, news: Record<string, unknown>, secretKeys: readonly string[],
): R {
  if (!result.failures?.length || !fromEngine(news)) return result;
  return { ...result, failures: result.failures.map((f) => (secretKeys.includes(f.property) ? { ...f, property: "" } : f)) };
}

/** `check`'s answer with the preflight failures added (inputs only when there is no failure at all). */
export function withFailures<R extends { inputs?: Record<string, unknown>; failures?: PreflightFailure[] }>(
  result: R, extra: PreflightFailure[],
): R | { failures: PreflightFailure[] } {
  if (extra.length === 0) return result;
  return { failures: [...extra, ...(result.failures ?? [])] };
}

/**
 * A warning for the person running `pulumi`. The engine shows a provider's stderr as diagnostics
 * (pulumi/pulumi#18253); the dynamic provider process has no engine logger of its own.
 */
export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
