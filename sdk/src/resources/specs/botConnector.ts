/**
 * BotConnector: a Conversation Builder agent connector binding a bot to a bot agent, started and
 * Connected. Its configuration is the declaration (that is what keeps the duplicate agents of one
 * bot identical): `flags`, `secretFlags`, `customConfigurations` and the first-class inputs are the
 * whole `configurations` map it is added with. Editing an existing one (adopt, the repair of a
 * failing one) overlays that declaration on the live configuration: a key a person set by hand and
 * the program does not declare stays (connectorAdopt.ts). A replacement is delete + add: the new
 * connector has the declared keys only.
 *
 * LivePerson's rules, enforced here rather than remembered by a person:
 *  - a connector is edited or deleted only while stopped, so every settings change is a
 *    replacement, delete first: stop, wait for Stopped, delete, add, start, wait for Connected;
 *  - custom configuration changes take effect only after stop then start (adopt restarts it);
 *  - `running` alone is an in-place update (start or stop).
 */
import { type Connector, type ConnectorInput, type ConnectorStatusEntry, type LiveEngageClient } from "../../client";
import { SECRET_FLAG_KEYS } from "../../model/flags";
import { isMasked, SECRET_MASK } from "../../model/secretMask";
import { botConnectorWarnings } from "../check";
import { isFailing, statusView, stopAndWait, waitForConnected, withFixes } from "../connectorStatus";
import { displayOf, isStoppedWord } from "../../model/connectorStatus";
import { configurationsToFlags, MANAGED_FLAG_KEYS } from "../flags";
import {
  accountUsable,
  botExists,
  creating,
  known,
  listedConnectors,
  lookupOrUnknown,
  missingSkills,
  preflightAccount,
  takenName,
  type PreflightFailure,
} from "../preflight";
import { liveEngage } from "../runtime";
import { hasSettings, overlayEdit } from "../connectorAdopt";
import { botConnectorInputsSchema, connectorConfigurations, type BotConnectorInputs } from "../schemas";
import type { Props, ResourceSpec } from "../spec";

/** A connector with the status entry it was last seen with. */
export interface LiveConnector {
  connector: Connector;
  entry?: ConnectorStatusEntry;
}

/** The Conversation Builder privilege a PRODUCTION connector needs (wire contract §5). */
const BOT_STATUS_ACCESS = "BOT_STATUS_ACCESS";

export const botConnectorSpec: ResourceSpec<BotConnectorInputs, LiveConnector> = {
  type: "BotConnector",
  noun: "bot connector",
  schema: botConnectorInputsSchema,
  warnings: botConnectorWarnings,
  // externalWebhookUrl: a URL refused for carrying credentials must not be echoed either.
  secretInputs: ["flags", "secretFlags", "customConfigurations", "externalWebhookUrl"],
  // No edit endpoint is documented and edits need a stop anyway, so every configuration change is
  // delete + add. `running` is an update (start/stop); `connectTimeoutSeconds` only affects the provider.
  replaceOnChange: [
    "botId",
    "agent",
    "agentUserId",
    "flags",
    "secretFlags",
    "customConfigurations",
    "externalWebhookUrl",
    "fallbackSkillId",
    "accessibility",
    "conversationType",
    "role",
    "environment",
  ],
  // Delete first: one bot user belongs to one bot.
  deleteBeforeReplace: true,
  outputOnly: ["status", "statusReasons", "rawStatus", "lpUserId"],
  // The wait's length is the provider's business: its default rose from 120 to 600 s (issue #13),
  // and a stack deployed before must not preview an update for it. So is the rollout's turn-taking.
  providerOnly: ["connectTimeoutSeconds", "rollout"],
  identity: ["botId", "agent"],
  neverShown: ["secretFlags"],
  // Drift in flags or custom keys must surface even when the program declared none.
  alwaysOutput: ["flags", "customConfigurations"],
  comparedAs: comparedFlags,
  preflight: preflightConnector,
  api: {
    // One bot user has one connector per bot, and it is the connector of the agent's deployment: a
    // create that finds one (a run interrupted after the add, a replacement cut short) takes it over.
    createTakesOver: true,
    async find(i) {
      const le = liveEngage();
      const lpUserId = await resolveUserId(le, i);
      const connector = await le.connectors.get(i.botId, lpUserId);
      return connector && { connector, entry: await statusForRead(le, connector) };
    },
    // Preview: no read per new connector (issue #18). A bot user this run creates (its id still
    // unknown, or absent from the users listed before it was created) has no connector to take
    // over; for the others, one listing per bot, and one users list shared with BotAgent's preflight.
    async findAtPreview(i) {
      if (i.agentUserId !== undefined && !known(i.agentUserId)) return undefined;
      const listed = await takenName("user", i.agent);
      if (listed === "unknown" || listed === undefined) return undefined;
      const lpUserId = i.agentUserId ?? listed;
      const connector = (await listedConnectors(i.botId)).find((c) => String(c.lpUserId) === lpUserId);
      return connector && { connector };
    },
    idOf: ({ connector: c }) => connectorId(c.botId, String(c.lpUserId)),
    async get(id) {
      const le = liveEngage();
      const { botId, lpUserId } = parseId(id);
      const connector = await le.connectors.get(botId, lpUserId);
      if (!connector) return null;
      return { connector, entry: await statusForRead(le, connector) };
    },
    delete: deleteConnector,
  },
  lifecycle: {
    create: (inputs) => deploy(inputs),
    adopt: (existing, inputs) => deploy(inputs, existing),
    update: updateRunning,
    delete: deleteConnector,
  },
  adoptNote: (existing, i) =>
    adoptsAsIs(existing, i)
      ? "the connector already runs as declared: it is not restarted"
      : isRunning(existing.connector)
        ? "adopting restarts the connector: it is stopped, edited and started again, so the bot does not answer while it reconnects"
        : "the connector is stopped; it is edited, then started only if running is true",
  async toWire(i) {
    return { ...wireBody(i) };
  },
  async fromWire({ connector: c, entry }, declaredFrom) {
    const cfg = c.configurations ?? {};
    const { flags: parsed, extra } = configurationsToFlags(cfg);
    const flags: Props = {};
    const secretFlags: Props = {};
    // Secret flags are write-only (the API masks them): their values come from the declaration.
    const declaredSecrets = { ...(declaredFrom.flags as Props), ...(declaredFrom.secretFlags as Props) };
    for (const [k, v] of Object.entries(parsed)) if (!isManaged(k)) flags[k] = v;
    // Set live but not declared (or only as a mask): recorded as the mask, "set, value unknown".
    for (const k of SECRET_FLAG_KEYS)
      if (cfg[k] !== undefined && (declaredSecrets[k] !== undefined || isMasked(cfg[k])))
        secretFlags[k] = declaredSecrets[k] ?? SECRET_MASK;
    const custom: Record<string, string> = {};
    for (const [k, v] of Object.entries(extra)) if (!isManaged(k)) custom[k] = v;
    return {
      botId: c.botId,
      agent: c.lpAccountUser,
      agentUserId: String(c.lpUserId),
      conversationType: c.type,
      role: parsed.lpUserRole,
      environment: c.deploymentEnvironment === "PRODUCTION" ? "production" : "demo",
      // A started connector with a failing component does not run as declared: refresh records
      // running false (status and reasons in the outputs), and `pulumi up` repairs it (updateRunning).
      running: isRunning(c, entry) && !(isFailing(entry) && declaredFrom.running !== false),
      externalWebhookUrl: parsed.externalWebhookUrl ?? undefined,
      fallbackSkillId: parsed.fallbackSkillId === undefined || parsed.fallbackSkillId === null ? undefined : String(parsed.fallbackSkillId),
      accessibility: parsed.enableAccessibility,
      flags,
      secretFlags: Object.keys(secretFlags).length ? secretFlags : undefined,
      customConfigurations: Object.keys(custom).length ? custom : undefined,
      connectTimeoutSeconds: declaredFrom.connectTimeoutSeconds,
      rollout: declaredFrom.rollout,
    };
  },
  outputsOnly: ({ connector: c, entry }) => {
    const reported = statusView(entry);
    return {
      status: reported.status,
      statusReasons: reported.reasons,
      ...(reported.rawStatus !== undefined ? { rawStatus: reported.rawStatus } : {}),
      lpUserId: String(c.lpUserId),
    };
  },
};

/**
 * Secret flags travel apart, but a flag that became secret (lpAccessToken in 0.2) is the same flag:
 * diff compares `flags` and `secretFlags` as one map, so state written before does not replace the
 * connector. A masked old value (a secret the API would not return, recorded as such by an older
 * release or read without a declaration) says only "set": it equals whatever is declared.
 *
 * Only the keys the program declares are compared: a flag or custom key it does not declare (set by
 * hand, recorded by an adopt or a refresh, or no longer declared) is left as it is live, and every
 * edit keeps it (overlayEdit) — replacing the connector for it would delete the very key it keeps.
 */
function comparedFlags(olds: Props, news: Props): [Props, Props] {
  const joined = ({ flags, secretFlags, ...rest }: Props): Props => ({
    ...rest,
    flags: { ...(flags as object), ...(secretFlags as object) },
  });
  const [o, n] = [joined(olds), joined(news)];
  const oldFlags = (o.flags = declaredOnly(o.flags, n.flags)) as Props;
  const newFlags = n.flags as Props;
  for (const k of SECRET_FLAG_KEYS) if (isMasked(oldFlags[k]) && newFlags[k] !== undefined) oldFlags[k] = newFlags[k];
  o.customConfigurations = declaredOnly(o.customConfigurations, n.customConfigurations);
  return [o, n];
}

/** The entries of the old map whose keys the new one declares (`undefined` when neither has any). */
function declaredOnly(old: unknown, declared: unknown): Props | undefined {
  const keys = Object.keys((declared ?? {}) as Props);
  const kept = Object.entries((old ?? {}) as Props).filter(([k]) => keys.includes(k));
  return kept.length || declared !== undefined ? Object.fromEntries(kept) : undefined;
}

const isManaged = (key: string) => (MANAGED_FLAG_KEYS as readonly string[]).includes(key);

/** Whether a connector runs: its last manual operation says so; else its status word (any vocabulary). */
export function isRunning(c: Pick<Connector, "lastManualOperation" | "status">, entry?: Pick<ConnectorStatusEntry, "status">): boolean {
  if (c.lastManualOperation) return c.lastManualOperation === "START";
  const word = entry?.status ?? c.status;
  return word !== undefined && word !== null && !isStoppedWord(word);
}

/** At preview: the account is usable, production is allowed to this identity, the bot and the fallback skill exist. */
async function preflightConnector(olds: unknown, news: Props, inputs: Props): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !(await accountUsable())) return failures;
  const le = liveEngage();
  const out: PreflightFailure[] = [];
  if (inputs.environment === "production") {
    const privileges = await lookupOrUnknown(() => le.bots.privileges());
    if (privileges !== "unknown" && !privileges.includes(BOT_STATUS_ACCESS)) {
      out.push({
        property: "environment",
        reason: `environment: "production" needs the Conversation Builder privilege ${BOT_STATUS_ACCESS}, which the provider's LiveEngage user does not have; use environment "demo", or deploy with a user that has Bot Status Access`,
      });
    }
  }
  // Only a new bot is looked for: a connector replaced on its bot (a rollout) costs no bots list.
  if (known(inputs.botId) && creating(olds, news, "botId") && (await botExists(inputs.botId)) === false) {
    out.push({
      property: "botId",
      reason:
        `botId: Conversation Builder has no bot with id "${inputs.botId}" in account ${le.accountId}; ` +
        "use the id of an existing bot (Conversation Builder → the bot → Bot Settings → Bot ID)",
    });
  }
  out.push(...(await missingSkills(inputs.fallbackSkillId, "fallbackSkillId")));
  return out;
}

/** The add/edit body of a connector of `accountId`. */
function wireBody(i: BotConnectorInputs, accountId = liveEngage().accountId): ConnectorInput {
  return {
    deploymentEnvironment: i.environment === "production" ? "PRODUCTION" : "STAGING",
    type: i.conversationType,
    lpAccountId: accountId,
    lpAccountUser: i.agent,
    botId: i.botId,
    configurations: connectorConfigurations(i, accountId),
  };
}

/**
 * Whether adopting `c` needs no write: it already has the declared settings and runs (or not) as
 * declared. Then nothing is restarted: only real drift costs a restart (an export adopts every
 * connector of an account at once).
 */
function adoptsAsIs({ connector: c, entry }: LiveConnector, i: BotConnectorInputs): boolean {
  return hasSettings(c, overlayEdit(c, wireBody(i, String(c.lpAccountId)))) && isRunning(c) === i.running && !isFailing(entry);
}

/**
 * Add (or, adopting, stop and edit) the connector, then start it and wait for Connected when
 * `running`. Transactional: a connector that does not come up is removed again (an adopted one is
 * left stopped), so nothing half-deployed stays behind.
 */
async function deploy(inputs: BotConnectorInputs, existing?: LiveConnector): Promise<LiveConnector> {
  const le = liveEngage();
  const adopting = existing?.connector;
  const lpUserId = adopting ? String(adopting.lpUserId) : await resolveUserId(le, inputs);
  const body = wireBody(inputs);
  let connector: Connector;
  if (existing && adopting && adoptsAsIs(existing, inputs))
    return { connector: adopting, entry: existing.entry ?? (await statusForRead(le, adopting)) };
  if (adopting) {
    // Adoption: a connector is edited only while stopped; the keys set by hand stay (overlayEdit).
    await stopAndWait(le, inputs.botId, lpUserId, inputs.agent);
    connector = await le.connectors.edit(lpUserId, overlayEdit(adopting, body));
  } else {
    connector = await le.connectors.add(lpUserId, body);
  }
  if (!inputs.running) return { connector, entry: await statusForRead(le, connector) };
  let failure: string | undefined;
  let connected: ConnectorStatusEntry | undefined;
  try {
    const outcome = await waitAfterStart(le, inputs, lpUserId);
    if (!outcome.reached) failure = `did not reach Connected: ${withFixes(outcome.reasons)}`;
    else connected = outcome.entry;
  } catch (e) {
    // A start refused or lost on the way fails the create as well: the added connector must go too.
    failure = `could not be started: ${messageOf(e)}`;
  }
  if (failure !== undefined) {
    let cleanup = "";
    try {
      await stopAndWait(le, inputs.botId, lpUserId, inputs.agent);
      if (!adopting) await le.connectors.delete(inputs.botId, lpUserId);
    } catch (e) {
      cleanup = `; removing the connector again also failed (${messageOf(e)}): remove it in Conversation Builder`;
    }
    throw new Error(`connector for bot agent "${inputs.agent}" on bot ${inputs.botId} ${failure}${cleanup}`);
  }
  // The add/edit answer predates the start, so its lastManualOperation is stale; the start is
  // now the last manual operation and the wait just read Connected: nothing to read again (issue #7).
  return { connector: { ...connector, lastManualOperation: "START" }, entry: connected };
}

/**
 * `running` is the only in-place change: start (and wait for Connected) or stop. Declared running but
 * recorded not running while started is a failing connector (read by a refresh): it is repaired —
 * stopped, given its declared configuration again when the program declares its secrets (a secret
 * edited by hand, e.g. the mask sent back, is invisible otherwise), and started.
 */
async function updateRunning(id: string, olds: Props, news: BotConnectorInputs): Promise<LiveConnector> {
  const le = liveEngage();
  const { botId, lpUserId } = parseId(id);
  const live = await le.connectors.get(botId, lpUserId);
  if (!live) {
    throw new Error(`connector ${id} no longer exists in Conversation Builder; run \`pulumi refresh\`, then \`pulumi up\` to recreate it`);
  }
  if (news.running && olds.running !== true) {
    if (isRunning(live)) {
      await stopAndWait(le, botId, lpUserId, news.agent);
      if (Object.keys(news.secretFlags ?? {}).length) await le.connectors.edit(lpUserId, overlayEdit(live, wireBody(news)));
    }
    const outcome = await waitAfterStart(le, news, lpUserId);
    if (!outcome.reached) {
      throw new Error(`connector for bot agent "${news.agent}" on bot ${botId} did not reach Connected: ${withFixes(outcome.reasons)}`);
    }
  } else if (!news.running && olds.running !== false) {
    await stopAndWait(le, botId, lpUserId, news.agent);
  }
  // Read again after a start or stop: the connector read before it has a stale lastManualOperation,
  // which would record the old `running` and show a change on the next preview.
  const current = await le.connectors.get(botId, lpUserId);
  if (!current) throw new Error(`connector ${id} disappeared while it was being ${news.running ? "started" : "stopped"}`);
  return { connector: current, entry: await statusForRead(le, current) };
}

async function deleteConnector(id: string, props: Props): Promise<void> {
  const le = liveEngage();
  const { botId, lpUserId } = parseId(id);
  const connector = await le.connectors.get(botId, lpUserId);
  if (!connector) return; // already gone
  await stopAndWait(le, botId, lpUserId, connector.lpAccountUser ?? String(props.agent ?? ""));
  try {
    await le.connectors.delete(botId, lpUserId);
  } catch (e) {
    if (!(await le.connectors.get(botId, lpUserId))) return;
    throw e;
  }
}

/**
 * The status `read` reports. The connector as listed already carries its status; a Connected one
 * has no failing component by definition, so its status entry is that and nothing more is read:
 * a refresh costs one read per healthy connector (issue #7). Only a Stopped or Not Connected
 * connector needs the bot's status for the failing components' reasons.
 */
async function statusForRead(le: LiveEngageClient, c: Connector): Promise<ConnectorStatusEntry | undefined> {
  if (c.status && displayOf(c.status) === "Connected")
    return { lpAccountUser: c.lpAccountUser, lpUserId: String(c.lpUserId), status: c.status, components: [] };
  return le.connectors.statusOf(c.botId, String(c.lpUserId));
}

/** Pulumi id: the connector is identified by its bot and its bot user. */
export function connectorId(botId: string, lpUserId: string): string {
  return `${botId}/${lpUserId}`;
}

function parseId(id: string): { botId: string; lpUserId: string } {
  const slash = id.lastIndexOf("/");
  if (slash <= 0) throw new Error(`"${id}" is not a bot connector id (expected <botId>/<lpUserId>)`);
  return { botId: id.slice(0, slash), lpUserId: id.slice(slash + 1) };
}

async function resolveUserId(le: LiveEngageClient, inputs: BotConnectorInputs): Promise<string> {
  if (inputs.agentUserId) return inputs.agentUserId;
  const user = await le.users.findByLoginName(inputs.agent);
  if (!user) {
    throw new Error(`agent: no LiveEngage user with login name "${inputs.agent}"; create it (BotAgent) before the connector, or fix agent`);
  }
  return String(user.id);
}

async function waitAfterStart(le: LiveEngageClient, i: BotConnectorInputs, lpUserId: string) {
  await le.connectors.start(i.botId, i.agent);
  return waitForConnected(le, i.botId, lpUserId, i.connectTimeoutSeconds * 1000, i.agent);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
