/**
 * `liveengage doctor`: a read-only check of an account with the configured credentials, before a
 * first deploy. Each check says ok / warn / fail and, when it is not ok, the fix. A `fail` means a
 * deploy would fail; a `warn` is worth knowing but does not stop one.
 *
 * Only reads: the Domain API, a login (or token), Account Config lists, the Conversation Builder
 * auth exchange, the bot list, connectors and their status. Nothing is created or changed.
 */
import {
  ApiError,
  AuthenticationError,
  ConfigurationError,
  createLiveEngageClient,
  ForbiddenError,
  statusReading,
  TransportError,
  type ClientOptions,
  type Exchange,
  type LiveEngageClient,
  type ResolvedCredentials,
  type ServiceName,
} from "../client";
import { statusView } from "../resources/connectorStatus";
import { UnknownStatusWordError } from "../model/connectorStatus";

export type CheckStatus = "ok" | "warn" | "fail" | "skip";

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it (not ok only). */
  fix?: string;
}

export interface DoctorOptions {
  /** The environment the deploy targets: production needs Bot Status Access. @default "production" */
  environment?: "production" | "demo";
  /** Bots the deploy uses (ids); each must exist. */
  botIds?: string[];
  /** Client options (e.g. `onExchange`: the transcript recorder). Retries default to DOCTOR_RETRY. */
  client?: ClientOptions;
  /** Called before each check (the transcript recorder labels exchanges with it). */
  onCheck?: (id: string) => void;
}

export interface DoctorReport {
  accountId: string;
  authMethod: ResolvedCredentials["authMethod"];
  checks: CheckResult[];
  /** True when no check failed: a deploy would get past everything checked here. */
  ready: boolean;
}

/** The Conversation Builder privilege PRODUCTION connectors need. */
const BOT_STATUS_ACCESS = "BOT_STATUS_ACCESS";

function servicesFor(creds: ResolvedCredentials): ServiceName[] {
  const login: ServiceName = creds.authMethod === "oauth2" ? "sentinel" : "agentVep";
  return [login, "accountConfigReadOnly", "accountConfigReadWrite", "convBuild", "cbBotPlatform", "cbMonitoring", "cbExternalIntegrations"];
}

function keysOf(creds: ResolvedCredentials): string {
  if (creds.authMethod === "oauth2") return "liveengage:clientId and liveengage:clientSecret (LP_CLIENT_ID / LP_CLIENT_SECRET)";
  if (creds.authMethod === "appKey")
    return "liveengage:username and the app-key quadruple liveengage:appKey/appSecret/accessToken/accessTokenSecret (LP_APP_KEY …)";
  return "liveengage:username and liveengage:password (LP_USERNAME / LP_PASSWORD)";
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The fix for a failure to reach a host (TLS trust, DNS, refused connection). */
function transportFix(e: TransportError, what: string): string {
  if (/certificate|SELF_SIGNED|UNABLE_TO_VERIFY|CERT_/i.test(`${e.code ?? ""} ${e.message}`)) {
    return `${what} presents a certificate this machine does not trust: set liveengage:caCert (LP_CA_CERT) to the CA's PEM file (a TLS-inspecting proxy's, or the emulator's --ca-out), or NODE_EXTRA_CA_CERTS`;
  }
  return `${what} did not answer: check liveengage:csdsDomain (LP_CSDS_DOMAIN; leave it unset for LivePerson's api.liveperson.net), the network and any proxy`;
}

/** Runs every check in order; later checks are skipped when what they need failed. */
export async function runDoctor(creds: ResolvedCredentials, options: DoctorOptions = {}): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  const environment = options.environment ?? "production";
  // Account Config answers seen with their revision header (check 3 looks at them).
  let revisionProbe: ((x: Exchange) => void) | undefined;
  const le: LiveEngageClient = createLiveEngageClient(creds, {
    retry: DOCTOR_RETRY,
    ...options.client,
    onExchange: (x) => {
      revisionProbe?.(x);
      options.client?.onExchange?.(x);
    },
  });
  const csds = creds.csdsDomain ?? "api.liveperson.net";
  const step = async (id: string, title: string, body: () => Promise<Omit<CheckResult, "id" | "title">>): Promise<boolean> => {
    options.onCheck?.(id);
    let r: Omit<CheckResult, "id" | "title">;
    try {
      r = await body();
    } catch (e) {
      r = failure(e, creds, csds);
    }
    checks.push({ id, title, ...r });
    return r.status === "ok" || r.status === "warn";
  };
  const skip = (id: string, title: string, why: string) => checks.push({ id, title, status: "skip", detail: `skipped: ${why}` });

  // 1. The Domain API and every service a deploy uses.
  const reachable = await step("csds", `Domain API (${csds}) names every service a deploy uses`, async () => {
    const names = servicesFor(creds);
    const hosts: string[] = [];
    for (const s of names) hosts.push(`${s} → ${await le.serviceOrigin(s)}`);
    return { status: "ok", detail: hosts.join(", ") };
  });

  // 2. Login method and token.
  const how =
    creds.authMethod === "oauth2"
      ? "OAuth 2.0 client credentials"
      : creds.authMethod === "appKey"
        ? `app-key login of ${creds.username}`
        : `password login of ${creds.username}`;
  const loggedIn = reachable
    ? await step("login", `Login (${how})`, async () => {
        await le.authenticate();
        return { status: "ok", detail: creds.authMethod === "oauth2" ? "access token issued" : "session opened (bearer issued)" };
      })
    : (skip("login", `Login (${how})`, "the Domain API is not usable"), false);

  // 3. Account Config reads, with their revision header.
  if (loggedIn) {
    await step("account-config", "Account Config reads (skills, users, profiles) carry ac-revision", async () => {
      const revisions: string[] = [];
      revisionProbe = (x) => {
        if (x.method === "GET" && x.path.includes("/configuration/") && x.status === 200 && x.headers["ac-revision"] !== undefined)
          revisions.push(String(x.headers["ac-revision"]));
      };
      const [skills, users, profiles] = [await le.skills.list(), await le.users.list(), await le.profiles.list()];
      revisionProbe = undefined;
      const counts = `${skills.length} skills, ${users.length} users, ${profiles.length} profiles`;
      if (revisions.length < 3) {
        return {
          status: "warn",
          detail: `${counts}; ${3 - revisions.length} of 3 answers had no ac-revision header`,
          fix: "writes will run without If-Match protection against concurrent edits; report this with a --record transcript",
        };
      }
      const agentProfile = profiles.some((p) => p.roleTypeId === 2);
      if (!agentProfile)
        return {
          status: "fail",
          detail: `${counts}; no Agent profile (roleTypeId 2)`,
          fix: "bot agents need an Agent profile: create one in Users → Profiles",
        };
      return { status: "ok", detail: counts };
    });
  } else skip("account-config", "Account Config reads", "not logged in");

  // 4. The Conversation Builder auth exchange and privileges.
  let privileges: string[] | undefined;
  const cbOk = loggedIn
    ? await step("cb-auth", "Conversation Builder auth exchange", async () => {
        privileges = await le.bots.privileges();
        return { status: "ok", detail: `CB token issued; privileges: ${privileges.join(", ") || "none"}` };
      })
    : (skip("cb-auth", "Conversation Builder auth exchange", "not logged in"), false);

  if (cbOk && privileges) {
    const has = privileges.includes(BOT_STATUS_ACCESS);
    const title = `Bot Status Access (needed for environment "production")`;
    options.onCheck?.("privileges");
    checks.push(
      has
        ? { id: "privileges", title, status: "ok", detail: `${BOT_STATUS_ACCESS} granted` }
        : {
            id: "privileges",
            title,
            status: environment === "production" ? "fail" : "warn",
            detail: `${creds.authMethod === "oauth2" ? "this OAuth client" : creds.username} has no ${BOT_STATUS_ACCESS}`,
            fix: `give the deploying user the Bot Status Access permission (Conversation Builder) or an Administrator profile, or deploy with environment: "demo"`,
          },
    );
  } else skip("privileges", "Bot Status Access", "no Conversation Builder token");

  // 5. Bots, connectors and their status.
  if (cbOk) {
    let bots: { id: string; name?: string }[] | undefined;
    await step("bots", "Conversation Builder bots", async () => {
      const all = (bots = await le.bots.list());
      const unknown = (options.botIds ?? []).filter((id) => !all.some((b) => b.id === id));
      if (unknown.length) {
        return {
          status: "fail",
          detail: `no bot with id ${unknown.join(", ")} among the ${all.length} bot(s) of the account`,
          fix: `use the id of an existing bot (${
            all
              .slice(0, 5)
              .map((b) => `${b.id} "${b.name ?? ""}"`)
              .join(", ") || "the account has none: create the bot in Conversation Builder first"
          })`,
        };
      }
      return { status: "ok", detail: `${all.length} bot(s)` };
    });
    const listed = bots;
    if (!listed) skip("connectors", "Agent connectors and their status", "the bot list could not be read");
    else
      await step("connectors", "Agent connectors and their status", async () => {
        const wanted = options.botIds?.length ? listed.filter((b) => options.botIds!.includes(b.id)) : listed;
        const lines: string[] = [];
        const notConnected: string[] = [];
        for (const bot of wanted) {
          const connectors = await le.connectors.listForBot(bot.id);
          if (!connectors.length) continue;
          const status = await le.connectors.status(bot.id);
          for (const c of connectors) {
            const entry = status.agents.find((a) => String(a.lpUserId) === String(c.lpUserId));
            const v = statusView(entry);
            try {
              // An undocumented word fails here, naming it (a deploy waiting on it fails too).
              if (entry) statusReading(entry);
            } catch (e) {
              if (e instanceof UnknownStatusWordError)
                return {
                  status: "fail",
                  detail: `${c.lpAccountUser} on bot ${bot.id}: ${e.message}`,
                  fix: "report the word (with a --record transcript) so it can be mapped; until then deploys to this account fail when they wait on it",
                };
              throw e;
            }
            lines.push(`${c.lpAccountUser}@${bot.id}: ${v.status}${v.rawStatus ? ` (${v.rawStatus})` : ""}`);
            if (v.status === "Not Connected") notConnected.push(`${c.lpAccountUser}: ${v.reasons.join("; ")}`);
          }
        }
        if (notConnected.length) {
          return {
            status: "warn",
            detail: lines.join(", "),
            fix: `not connected: ${notConnected.join(" | ")} — fix the named component, then stop and start the connector (or run \`pulumi up\`)`,
          };
        }
        return { status: "ok", detail: lines.length ? lines.join(", ") : "no connectors yet" };
      });
  } else {
    skip("bots", "Conversation Builder bots", "no Conversation Builder token");
    skip("connectors", "Agent connectors and their status", "no Conversation Builder token");
  }

  return { accountId: creds.accountId, authMethod: creds.authMethod, checks, ready: !checks.some((c) => c.status === "fail") };
}

/** Client options for the doctor: a short retry budget (a person is waiting for the checklist). */
export const DOCTOR_RETRY = { backoffMs: [500] } as const;

/** A failure as a check result with its fix. */
function failure(e: unknown, creds: ResolvedCredentials, csds: string): Omit<CheckResult, "id" | "title"> {
  if (e instanceof TransportError) return { status: "fail", detail: message(e), fix: transportFix(e, csds) };
  if (e instanceof AuthenticationError) {
    if (/invalid site|unknown account|invalid-site/i.test(e.message)) {
      return {
        status: "fail",
        detail: message(e),
        fix: `account ${creds.accountId} is not known to LiveEngage: check liveengage:accountId (LP_ACCOUNT_ID)`,
      };
    }
    return {
      status: "fail",
      detail: message(e),
      fix: `LiveEngage refused the credentials: check ${keysOf(creds)}; the user must exist, be enabled, and use this login method`,
    };
  }
  if (e instanceof ForbiddenError)
    return {
      status: "fail",
      detail: message(e),
      fix: "the deploying identity may not do this: give it an Administrator profile (or the named permission)",
    };
  if (e instanceof ConfigurationError) return { status: "fail", detail: message(e), fix: "fix the named configuration key" };
  if (e instanceof UnknownStatusWordError) return { status: "fail", detail: e.message, fix: "report the word so it can be mapped" };
  if (e instanceof ApiError)
    return {
      status: "fail",
      detail: message(e),
      fix: "LiveEngage answered an error; retry later, or report it with a --record transcript",
    };
  return { status: "fail", detail: message(e), fix: "unexpected: report it with a --record transcript" };
}
