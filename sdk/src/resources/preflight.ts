/**
 * Preflight: what `check` (hence `pulumi preview`) can refuse before anything is created — wrong
 * credentials, names already taken, privileges, missing references — and the rules that keep it
 * cheap: only for resources being created or changed, every list read once per client.
 */
import {
  ApiError,
  AuthenticationError,
  ConfigurationError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TransportError,
  type Connector,
  type LiveEngageClient,
  type Profile,
} from "../client";
import { deepEqual } from "./diff";
import { authMethod, configuredCsdsDomain, liveEngage } from "./runtime";

/** A Pulumi CheckFailure. */
export interface PreflightFailure {
  property: string;
  reason: string;
}

/** What preflight learned, per client: a new configuration (new client) starts afresh. */
interface PreflightCache {
  accountCheck?: Promise<PreflightFailure[]>;
  /** Per kind, per lower-cased name: the first declaration seen (see declareUniqueName). */
  declaredNames: Map<string, Map<string, { fingerprint: string; replacing: boolean; rechecked: boolean }>>;
  nameLists: Map<string, Promise<Map<string, string>>>;
  /** Objects seen to exist, by kind and id: a run that creates a skill may then reference it. */
  existing: Map<string, Promise<boolean>>;
  bots?: Promise<Set<string>>;
  /** The account's profiles, under "all". */
  profiles: Map<"all", Promise<Profile[]>>;
  /** Per bot id: its connectors, listed once (the take-over preview of its new connectors). */
  connectors: Map<string, Promise<Connector[]>>;
  /** Identities checked with old inputs in this run (see replacesItsOwn). */
  checkedWithOlds: Set<string>;
}
const caches = new WeakMap<LiveEngageClient, PreflightCache>();

function cacheOf(le: LiveEngageClient): PreflightCache {
  let cache = caches.get(le);
  if (!cache)
    caches.set(
      le,
      (cache = {
        declaredNames: new Map(),
        nameLists: new Map(),
        existing: new Map(),
        profiles: new Map(),
        connectors: new Map(),
        checkedWithOlds: new Set(),
      }),
    );
  return cache;
}

/**
 * `cache`'s answer for `key`, read once per client. A failed read — or an answer `keep` refuses —
 * is forgotten, so the next caller asks again (this run may create what was missing).
 */
function readOnce<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  read: () => Promise<T>,
  keep: (v: T) => boolean = () => true,
): Promise<T> {
  let answer = cache.get(key);
  if (!answer) {
    const pending = read();
    const forget = () => {
      if (cache.get(key) === pending) cache.delete(key);
    };
    pending.then((v) => (keep(v) ? undefined : forget()), forget);
    cache.set(key, (answer = pending));
  }
  return answer;
}

/**
 * The unique names already taken in the account (lower-cased name → id), listed once per provider
 * process and kind: N bot agents cost one users read at preview, not N. Objects this run creates
 * later are caught by {@link declareUniqueName}; one made concurrently by someone else still fails
 * its create with LiveEngage's duplicate-name refusal.
 */
export async function takenName(kind: "user" | "skill" | "campaign", name: string): Promise<string | undefined | "unknown"> {
  const le = liveEngage();
  const list = readOnce(cacheOf(le).nameLists, kind, () =>
    kind === "user"
      ? le.users.list().then((us) => new Map(us.filter((u) => !u.deleted).map((u) => [u.loginName.toLowerCase(), String(u.id)])))
      : kind === "skill"
        ? le.skills.list().then((ss) => new Map(ss.filter((s) => !s.deleted).map((s) => [s.name.toLowerCase(), String(s.id)])))
        : le.campaigns
            .list()
            .then((cs) => new Map(cs.filter((c) => !c.deleted && !c.isDeleted).map((c) => [c.name.toLowerCase(), String(c.id)]))),
  );
  return lookupOrUnknown(async () => (await list).get(name.trim().toLowerCase()));
}

const CREDENTIAL_KEYS = {
  password: "liveengage:username / liveengage:password",
  appKey: "liveengage:username / liveengage:appKey / liveengage:appSecret / liveengage:accessToken / liveengage:accessTokenSecret",
  oauth2: "liveengage:clientId / liveengage:clientSecret",
} as const;

/** How long preview waits for the Domain API's first answer before calling it unreachable. */
export const REACHABILITY_PROBE_MS = 5_000;

const CSDS_KEY = "liveengage:csdsDomain";
const CSDS_FIX =
  `fix ${CSDS_KEY} (host[:port], e.g. "127.0.0.1:8443" for the local emulator; remove it to use api.liveperson.net) ` +
  "with `pulumi config set liveengage:csdsDomain <host[:port]>`";

/**
 * The provider configuration, checked once per provider process: complete credentials and a
 * well-formed `liveengage:csdsDomain` (no network); then one Domain API lookup, a single attempt of
 * at most {@link REACHABILITY_PROBE_MS}, so that a mistyped host or port, an emulator that is not
 * running or an unknown account fails the preview in seconds naming the key (retrying with
 * LivePerson's backoff made it minutes, and then the preview passed); then one authenticated read,
 * so missing or wrong credentials are refused at preview. Messages name the config keys, never
 * secret values. Only an API that answers but fails (5xx, 429) does not fail the preview.
 */
export async function preflightAccount(): Promise<PreflightFailure[]> {
  let le: LiveEngageClient;
  try {
    le = liveEngage();
  } catch (e) {
    if (e instanceof ConfigurationError) {
      // Credential problems name their keys; the other configuration error is the Domain API host.
      const credentialProblem = e.message.includes("liveengage:");
      const where = credentialProblem ? "" : `${CSDS_KEY}: `;
      return [
        { property: "liveengage", reason: `provider configuration: ${where}${e.message}${credentialProblem ? "" : `; ${CSDS_FIX}`}` },
      ];
    }
    throw e;
  }
  const cache = cacheOf(le);
  cache.accountCheck ??= (async (): Promise<PreflightFailure[]> => {
    const unreachable = await reachability(le);
    if (unreachable.length) return unreachable;
    try {
      await accountProfiles(le);
      return [];
    } catch (e) {
      if (e instanceof AuthenticationError || e instanceof ForbiddenError) {
        const method = authMethod();
        return [
          {
            property: "liveengage",
            reason:
              `provider configuration: LiveEngage refused the credentials for account liveengage:accountId ` +
              `(${CREDENTIAL_KEYS[method]}): ${e.message}; fix the stack config (pulumi config set --secret …)`,
          },
        ];
      }
      return [];
    }
  })();
  return cache.accountCheck;
}

/** Transport failures after a connection was accepted (undici's and node's names for it). */
const RESET_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET"]);

/** The Domain API answers, as a Domain API, for this account — or the failure naming the key to fix. */
async function reachability(le: LiveEngageClient): Promise<PreflightFailure[]> {
  const host = configuredCsdsDomain() ?? "api.liveperson.net";
  const fail = (reason: string): PreflightFailure[] => [{ property: "liveengage", reason: `provider configuration: ${reason}` }];
  try {
    await le.probeDomain(REACHABILITY_PROBE_MS);
    return [];
  } catch (e) {
    // A reset after connecting means a server is there and accepted the connection: the host and
    // port are right, the line is unwell (a load balancer recycling, a fault). The operations retry
    // it; failing the preview on it would make a pipeline flaky (it did under injected resets).
    if (e instanceof TransportError && RESET_CODES.has(e.transportCode ?? "")) return [];
    if (e instanceof TransportError) {
      const why =
        e.transportCode ?? (/abort|timeout/i.test(e.message) ? `no answer within ${REACHABILITY_PROBE_MS / 1000} s` : "no response");
      return fail(
        `${CSDS_KEY}: the LiveEngage Domain API at "${host}" cannot be reached (${why}); ${CSDS_FIX}; ` +
          "for the local emulator, start it (`liveengage emulator`) and use the host:port it prints",
      );
    }
    if (e instanceof AuthenticationError) {
      return fail(
        `liveengage:accountId: the Domain API at "${host}" does not know account "${le.accountId}"; ` +
          `fix liveengage:accountId (pulumi config set liveengage:accountId <account id>), or ${CSDS_KEY} if it names the wrong LiveEngage`,
      );
    }
    if (e instanceof ServerError || e instanceof RateLimitError) return []; // answering, but unwell: the operations will say more
    if (e instanceof ApiError) {
      return fail(
        `${CSDS_KEY}: "${host}" answers, but not as a LiveEngage Domain API (${e.code}${e.status ? ` ${e.status}` : ""}); ${CSDS_FIX}`,
      );
    }
    if (e instanceof ConfigurationError) return fail(`${CSDS_KEY}: the Domain API named a service host that cannot be used: ${e.message}`);
    throw e;
  }
}

/**
 * Whether the account has the object of `kind` with this id: `"unknown"` when the API could not
 * say. Found answers are kept for the process; a miss is asked again (this run may create it).
 */
export async function objectExists(kind: ExistenceKind, id: string): Promise<boolean | "unknown"> {
  const le = liveEngage();
  const read = kind === "skill" ? () => le.skills.get(Number(id)) : () => le.campaigns.get(Number(id));
  const found = readOnce(
    cacheOf(le).existing,
    `${kind}:${id}`,
    () =>
      read().then(
        () => true,
        (e) => {
          if (e instanceof NotFoundError) return false;
          throw e;
        },
      ),
    (yes) => yes,
  );
  return lookupOrUnknown(() => found);
}

type ExistenceKind = "skill" | "campaign";

/**
 * Records an object this provider process has just created: a resource of the same run that
 * references it (an engagement naming the new campaign and skill, agents holding the new skill)
 * then costs no read to be found — the engine hands over that id only after the create returned it.
 * At 50 bots that was 100 reads of an `up` (issue #18).
 */
export function rememberCreated(kind: string, id: string): void {
  if (kind !== "skill" && kind !== "campaign") return;
  cacheOf(liveEngage()).existing.set(`${kind}:${id}`, Promise.resolve(true));
}

/**
 * The account's profiles (read-only reference data), listed once per client: the account check
 * and every bot agent's role share one read instead of one each (issue #7, #18). A failed list is
 * asked again.
 */
export function accountProfiles(le: LiveEngageClient = liveEngage()): Promise<Profile[]> {
  return readOnce(cacheOf(le).profiles, "all", () => le.profiles.list());
}

/**
 * Failures for the ids of `ids` (known, numeric) that name no skill of the account, at `property`;
 * `context` says where a BotDeployment's user wrote the id.
 */
export async function missingSkills(ids: unknown, property: string, context = ""): Promise<PreflightFailure[]> {
  const list = (Array.isArray(ids) ? ids : [ids]).filter((id): id is string => known(id) && /^\d+$/.test(id));
  const out: PreflightFailure[] = [];
  for (const id of list) {
    if ((await objectExists("skill", id)) === false) {
      out.push({
        property,
        reason: `${property}: no skill with id ${id} exists in the account${context}; use the id of an existing skill (or create one with a Skill resource and pass its id)`,
      });
    }
  }
  return out;
}

/**
 * Whether the account's Conversation Builder has a bot with this id. Bots are listed once per
 * process; a bot missing from that list is looked for in a fresh list before it is called missing.
 */
export async function botExists(botId: string): Promise<boolean | "unknown"> {
  const le = liveEngage();
  const cache = cacheOf(le);
  const listed = (fresh: boolean): Promise<Set<string>> => {
    if (fresh || !cache.bots) {
      const bots = le.bots.list().then((list) => new Set(list.map((b) => b.id)));
      cache.bots = bots;
      bots.catch(() => {
        if (cache.bots === bots) cache.bots = undefined;
      });
    }
    return cache.bots!;
  };
  return lookupOrUnknown(async () => (await listed(false)).has(botId) || (await listed(true)).has(botId));
}

/**
 * The connectors of a bot as preview sees them: listed once per provider process and bot, so the
 * N new connectors of one bot cost one read at preview, not N (issue #18). A connector added later
 * in the run is not in it; the create looks again for itself.
 */
export async function listedConnectors(botId: string): Promise<Connector[]> {
  const le = liveEngage();
  return readOnce(cacheOf(le).connectors, botId, () => le.connectors.listForBot(botId));
}

/**
 * Whether this check is the engine's re-check of a replacement whose existing object is its own.
 * The engine checks a replacement twice: with its old inputs, then as a create without them. At the
 * second check the object with its identity still exists — it is deleted first (BotConnector) or
 * after — but it is the one being replaced, not one left behind to take over: previewing a take-over
 * there announced one for every connector of a flag change, and listed each bot's connectors to do
 * so (issue #18's rollout reads). A check with old inputs records the identity (`kind` + identity).
 */
export function replacesItsOwn(kind: string, identity: string, olds: unknown): boolean {
  let le: LiveEngageClient;
  try {
    le = liveEngage();
  } catch {
    return false; // no usable configuration: the account check reports it, and nothing is looked up
  }
  const { checkedWithOlds } = cacheOf(le);
  const key = `${kind}:${identity.toLowerCase()}`;
  if (!hasOldInputs(olds)) return checkedWithOlds.has(key);
  checkedWithOlds.add(key);
  return false;
}

/** Whether preflight may query the account (credentials fine). */
export async function accountUsable(): Promise<boolean> {
  return (await preflightAccount()).length === 0;
}

/**
 * Records a unique name declared by a resource being created in this run; answers whether another
 * resource of the same program (same provider process) already declared it.
 *
 * The engine checks a replacement twice: first against its old inputs, then afresh as a create
 * (no old inputs) — and a rename is a replacement, so counting the second check as "another
 * BotAgent" refused every rename (issue #16). Check gets no URN to tell the two apart, so: a second
 * declaration with the same inputs (`declaration`, the checked inputs) is that re-check only when
 * the first came with old inputs (`olds`: an existing resource being replaced) and this one has none,
 * and only once. Two new resources with equal inputs — two identical BotDeployments — are both
 * checked without old inputs, and the second is refused.
 */
export function declareUniqueName(kind: string, name: string, declaration: Record<string, unknown>, olds: unknown): boolean {
  const { declaredNames } = cacheOf(liveEngage());
  let names = declaredNames.get(kind);
  if (!names) declaredNames.set(kind, (names = new Map()));
  const key = name.trim().toLowerCase();
  const { __provider: _code, ...inputs } = declaration;
  const fingerprint = JSON.stringify(inputs);
  const replacing = hasOldInputs(olds);
  const first = names.get(key);
  if (first === undefined) {
    names.set(key, { fingerprint, replacing, rechecked: false });
    return false;
  }
  if (first.fingerprint === fingerprint && first.replacing && !replacing && !first.rechecked) {
    first.rechecked = true;
    return false;
  }
  return true;
}

function hasOldInputs(olds: unknown): boolean {
  return Object.keys((olds ?? {}) as Record<string, unknown>).some((k) => k !== "__provider");
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
  return !hasOldInputs(olds) || (olds as Record<string, unknown>)[key] !== news[key];
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
  result: R,
  news: Record<string, unknown>,
  secretKeys: readonly string[],
): R {
  if (!result.failures?.length || !fromEngine(news)) return result;
  return { ...result, failures: result.failures.map((f) => (secretKeys.includes(f.property) ? { ...f, property: "" } : f)) };
}

/** `check`'s answer with the preflight failures added (inputs only when there is no failure at all). */
export function withFailures<R extends { inputs?: Record<string, unknown>; failures?: PreflightFailure[] }>(
  result: R,
  extra: PreflightFailure[],
): R | { failures: PreflightFailure[] } {
  if (extra.length === 0) return result;
  return { failures: [...extra, ...(result.failures ?? [])] };
}
