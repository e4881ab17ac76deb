/**
 * The BotConnector dynamic provider: a Conversation Builder agent connector binding a bot to a bot
 * agent, started and Connected. This module's exports are the provider (see skill.provider.ts).
 *
 * LivePerson's rules, enforced here rather than remembered by a person:
 *  - a connector is edited or deleted only while stopped, so every settings change is a
 *    replacement, delete first: stop, wait for Stopped, delete, add, start, wait for Connected;
 *  - custom configuration changes take effect only after stop then start (the replacement does it);
 *  - `running` alone is an in-place update (start or stop).
 */
import type { Connector, ConnectorInput, ConnectorStatusEntry, LiveEngageClient } from "../client";
import { botConnectorWarnings } from "./check";
import { hasSettings } from "./connectorAdopt";
import { DIFF_OPTIONS, diffInputs } from "./diff";
import { configurationsToFlags, SECRET_FLAG_KEYS, type FlagValues } from "./flags";
import { checkAndWarn, declaredKeys, pick } from "./lifecycle";
import { displayStatus, failingReasons, stopAndWait, waitForConnected, type DisplayStatus } from "./connectorStatus";
import { joinSecretFlags, splitSecretFlags } from "./connectorSecrets";
import { NotFoundError } from "../client";
import { accountUsable, hideSecretValues, known, lookupOrUnknown, preflightAccount, unchanged, withFailures, type PreflightFailure } from "./preflight";
import { liveEngage } from "./runtime";
import { botConnectorInputsSchema, connectorConfigurations, type BotConnectorInputs } from "./schemas";

export { configureProviderProcess as configure } from "./runtime";

/** Outputs that are not inputs: never compared by diff. */
export const BOT_CONNECTOR_OUTPUT_ONLY = ["status", "statusReasons", "lpUserId"] as const;
/** Flags carried by first-class inputs instead of `flags`. */
const MANAGED_CONFIGURATION_KEYS = ["lpAccountId", "lpAccountUser", "lpUserRole", "enableAccessibility", "fallbackSkillId", "externalWebhookUrl"];

export type BotConnectorOutputs = Partial<BotConnectorInputs> & {
  /** The credential flags, apart from `flags` and secret in state (see connectorSecrets.ts). */
  secretFlags?: Record<string, unknown>;
  status?: DisplayStatus;
  statusReasons?: string[];
  lpUserId?: string;
};

export async function check(olds: unknown, news: Record<string, unknown>) {
  const r = checkAndWarn(botConnectorInputsSchema, joinSecretFlags(news), botConnectorWarnings);
  const checked = r.inputs ? { inputs: splitSecretFlags(r.inputs) } : r;
  if (unchanged(olds, checked.inputs)) return checked;
  return hideSecretValues(withFailures(checked, await preflightConnector(r.inputs)), news, ["flags", "secretFlags", "customConfigurations"]);
}

/** The Conversation Builder privilege a PRODUCTION connector needs (wire contract §5). */
const BOT_STATUS_ACCESS = "BOT_STATUS_ACCESS";

/** At preview: the account is usable, production is allowed to this identity, the fallback skill exists. */
async function preflightConnector(inputs: Record<string, unknown> | undefined): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !inputs || !(await accountUsable())) return failures;
  const le = liveEngage();
  const out: PreflightFailure[] = [];
  if (inputs.environment === "production") {
    const privileges = await lookupOrUnknown(() => le.bots.privileges());
    if (privileges !== "unknown" && !privileges.includes(BOT_STATUS_ACCESS)) {
      out.push({ property: "environment", reason: `environment: "production" needs the Conversation Builder privilege ${BOT_STATUS_ACCESS}, which the provider's LiveEngage user does not have; use environment "demo", or deploy with a user that has Bot Status Access` });
    }
  }
  const fallback = inputs.fallbackSkillId;
  if (known(fallback) && /^\d+$/.test(fallback)) {
    const found = await lookupOrUnknown(() => le.skills.get(Number(fallback)).then(() => true, (e) => { if (e instanceof NotFoundError) return false; throw e; }));
    if (found === false) out.push({ property: "fallbackSkillId", reason: `fallbackSkillId: no skill with id ${fallback} exists in the account; use the id of an existing skill` });
  }
  return out;
}

export async function diff(_id: string, olds: BotConnectorOutputs, news: BotConnectorInputs) {
  // Compared joined: a credential change replaces the connector like any other flag.
  return diffInputs(joinSecretFlags(olds), joinSecretFlags(news), { ...DIFF_OPTIONS.BotConnector, ignore: [...DIFF_OPTIONS.BotConnector.ignore, ...BOT_CONNECTOR_OUTPUT_ONLY] });
}

async function createJoined(inputs: BotConnectorInputs) {
  const le = liveEngage();
  const lpUserId = await resolveUserId(le, inputs);
  const body = toWire(le, inputs);
  const existing = await le.connectors.get(inputs.botId, lpUserId);
  let connector: Connector;
  if (existing) {
    if (!inputs.adopt) {
      throw new Error(`bot agent "${inputs.agent}" already has a connector on bot ${inputs.botId}; set adopt: true to take it over, or remove it in Conversation Builder`);
    }
    if (hasSettings(existing, body) && (existing.lastManualOperation === "START") === inputs.running) {
      // Adopting a connector that already runs as declared: nothing to write, so no restart.
      return { id: connectorId(inputs.botId, lpUserId), outs: toOutputs(existing, await statusForRead(le, existing), inputs) };
    }
    // Adoption: a connector is edited only while stopped.
    await stopAndWait(le, inputs.botId, lpUserId, inputs.agent);
    connector = await le.connectors.edit(lpUserId, body);
  } else {
    connector = await le.connectors.add(lpUserId, body);
  }
  const id = connectorId(inputs.botId, lpUserId);
  let connected: ConnectorStatusEntry | undefined;
  if (inputs.running) {
    let failure: string | undefined;
    try {
      const outcome = await waitAfterStart(le, inputs, lpUserId);
      if (!outcome.reached) failure = `did not reach Connected: ${outcome.reasons.join("; ")}`;
      else connected = outcome.entry;
    } catch (e) {
      // A start refused or lost on the way fails the create as well: the added connector must go too.
      failure = `could not be started: ${messageOf(e)}`;
    }
    if (failure !== undefined) {
      // Transactional create: nothing half-deployed is left behind (no orphan connector).
      let cleanup = "";
      try {
        await rollBack(le, inputs, lpUserId, Boolean(existing));
      } catch (e) {
        cleanup = `; removing the connector again also failed (${messageOf(e)}): remove it in Conversation Builder`;
      }
      throw new Error(`connector for bot agent "${inputs.agent}" on bot ${inputs.botId} ${failure}${cleanup}`);
    }
    // The add/edit answer predates the start, so its lastManualOperation is stale; the start is
    // now the last manual operation and the wait just read Connected: nothing to read again (issue #7).
    connector = { ...connector, lastManualOperation: "START" };
  }
  const entry = connected ?? (await statusForRead(le, connector));
  return { id, outs: toOutputs(connector, entry, inputs) };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function readJoined(id: string, props?: BotConnectorOutputs) {
  const le = liveEngage();
  const { botId, lpUserId } = parseId(id);
  const connector = await le.connectors.get(botId, lpUserId);
  if (!connector) return { id: "" };
  const entry = await statusForRead(le, connector);
  const outs = toOutputs(connector, entry, props ?? {});
  const { status: _s, statusReasons: _r, lpUserId: _u, ...inputs } = outs;
  return { id, props: outs, inputs };
}

async function updateJoined(id: string, olds: BotConnectorOutputs, news: BotConnectorInputs) {
  const le = liveEngage();
  const { botId, lpUserId } = parseId(id);
  const connector = await le.connectors.get(botId, lpUserId);
  if (!connector) {
    throw new Error(`connector ${id} no longer exists in Conversation Builder; run \`pulumi refresh\`, then \`pulumi up\` to recreate it`);
  }
  if (news.running && olds.running !== true) {
    const outcome = await waitAfterStart(le, news, lpUserId);
    if (!outcome.reached) throw new Error(`connector for bot agent "${news.agent}" did not reach Connected: ${outcome.reasons.join("; ")}`);
  } else if (!news.running && olds.running !== false) {
    await stopAndWait(le, botId, lpUserId, news.agent);
  }
  // Read again after a start or stop: the connector read before it has a stale lastManualOperation,
  // which would record the old `running` and show a change on the next preview.
  const current = (await le.connectors.get(botId, lpUserId)) ?? connector;
  const entry = await statusForRead(le, current);
  return { outs: toOutputs(current, entry, news) };
}

// The engine hands inputs and state in split form (see connectorSecrets.ts); the lifecycle works
// on the joined form and hands back split outputs.
type Split<T> = T & { secretFlags?: Record<string, unknown> };
const joined = <T extends object>(v: T) => joinSecretFlags(v as Split<T>) as T;

export async function create(inputs: Split<BotConnectorInputs>) {
  const r = await createJoined(joined(inputs));
  return { ...r, outs: splitSecretFlags(r.outs) };
}

export async function read(id: string, props?: Split<BotConnectorOutputs>) {
  const r = await readJoined(id, props && joined(props));
  return r.props ? { ...r, props: splitSecretFlags(r.props), inputs: r.inputs && splitSecretFlags(r.inputs) } : r;
}

export async function update(id: string, olds: Split<BotConnectorOutputs>, news: Split<BotConnectorInputs>) {
  const r = await updateJoined(id, joined(olds), joined(news));
  return { outs: splitSecretFlags(r.outs) };
}

async function deleteConnector(id: string, props: BotConnectorOutputs) {
  const le = liveEngage();
  const { botId, lpUserId } = parseId(id);
  const connector = await le.connectors.get(botId, lpUserId);
  if (!connector) return; // already gone
  await stopAndWait(le, botId, lpUserId, connector.lpAccountUser ?? props.agent ?? "");
  try {
    await le.connectors.delete(botId, lpUserId);
  } catch (e) {
    if (!(await le.connectors.get(botId, lpUserId))) return;
    throw e;
  }
}
export { deleteConnector as delete };

/**
 * The status `read` reports. The connector as listed already carries its status; a Connected one
 * has no failing component by definition, so its status entry is that and nothing more is read:
 * a refresh costs one read per healthy connector (issue #7). Only a Stopped or Not Connected
 * connector needs the bot's status for the failing components' reasons.
 */
async function statusForRead(le: LiveEngageClient, c: Connector): Promise<ConnectorStatusEntry | undefined> {
  if (c.status === "CONNECTED") return { lpAccountUser: c.lpAccountUser, lpUserId: String(c.lpUserId), status: c.status, components: [] };
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

function toWire(le: LiveEngageClient, i: BotConnectorInputs): ConnectorInput {
  return {
    deploymentEnvironment: i.environment === "production" ? "PRODUCTION" : "STAGING",
    type: i.conversationType,
    lpAccountId: le.accountId,
    lpAccountUser: i.agent,
    botId: i.botId,
    configurations: connectorConfigurations(i, le.accountId),
  };
}

async function waitAfterStart(le: LiveEngageClient, i: BotConnectorInputs, lpUserId: string) {
  await le.connectors.start(i.botId, i.agent);
  return waitForConnected(le, i.botId, lpUserId, i.connectTimeoutSeconds * 1000);
}

async function rollBack(le: LiveEngageClient, i: BotConnectorInputs, lpUserId: string, adopted: boolean): Promise<void> {
  await stopAndWait(le, i.botId, lpUserId, i.agent);
  if (!adopted) await le.connectors.delete(i.botId, lpUserId);
}

/**
 * The connector as the API reports it, in input shape. Secret flags are write-only (the API
 * masks them), so their values come from the declaration and stay secret in state.
 */
function toOutputs(c: Connector, entry: ConnectorStatusEntry | undefined, declaredFrom: Record<string, unknown>): BotConnectorOutputs {
  const cfg = c.configurations ?? {};
  const { flags: parsed, extra } = configurationsToFlags(cfg);
  const flags: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) if (!MANAGED_CONFIGURATION_KEYS.includes(k)) flags[k] = v;
  const declaredFlags = (declaredFrom.flags ?? {}) as FlagValues;
  for (const k of SECRET_FLAG_KEYS) {
    if (declaredFlags[k] !== undefined && cfg[k] !== undefined) flags[k] = declaredFlags[k];
  }
  const custom: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) if (!MANAGED_CONFIGURATION_KEYS.includes(k)) custom[k] = v;

  const running = c.lastManualOperation ? c.lastManualOperation === "START" : entry?.status !== undefined && entry.status !== "STOPPED";
  const view: Record<string, unknown> = {
    botId: c.botId,
    agent: c.lpAccountUser,
    agentUserId: String(c.lpUserId),
    conversationType: c.type,
    role: parsed.lpUserRole,
    environment: c.deploymentEnvironment === "PRODUCTION" ? "production" : "demo",
    running,
    externalWebhookUrl: parsed.externalWebhookUrl ?? undefined,
    fallbackSkillId: parsed.fallbackSkillId === undefined || parsed.fallbackSkillId === null ? undefined : String(parsed.fallbackSkillId),
    accessibility: parsed.enableAccessibility,
    flags,
    customConfigurations: Object.keys(custom).length ? custom : undefined,
    connectTimeoutSeconds: declaredFrom.connectTimeoutSeconds,
  };
  const keys = declaredKeys(declaredFrom).filter((k) => k in view);
  // Drift in flags or custom keys must surface even when the program declared none.
  for (const k of ["flags", "customConfigurations"]) if (view[k] !== undefined && !keys.includes(k)) keys.push(k);
  const outs: BotConnectorOutputs = pick(view, keys);
  if (declaredFrom.adopt !== undefined) outs.adopt = declaredFrom.adopt as boolean;
  outs.status = displayStatus(entry?.status);
  outs.statusReasons = failingReasons(entry);
  outs.lpUserId = String(c.lpUserId);
  return outs;
}
