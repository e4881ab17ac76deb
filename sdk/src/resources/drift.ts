/**
 * Drift across the duplicate agents of one bot: LivePerson's warning made visible. Pure, shared by
 * the BotDeployment component and `liveengage drift`.
 */
import { PER_AGENT_FLAG_KEYS } from "../model/flags";

/** Keys that legitimately differ per agent (identity and credentials), or are write-only (the model's). */
export const PER_AGENT_KEYS: readonly string[] = PER_AGENT_FLAG_KEYS;

export interface AgentConfiguration {
  /** The agent's login name. */
  agent: string;
  /** The live configuration (flags and custom keys), values as the API reports them. */
  configuration: Readonly<Record<string, unknown>>;
}

export interface DriftEntry {
  flag: string;
  /** The declared value, when a declaration is given (undefined = not declared). */
  declared?: unknown;
  /** The live value per agent (undefined = not set on that agent). */
  values: Record<string, unknown>;
}

/**
 * Every key whose live value differs between the agents, or from `declared` when given.
 * Values compare as strings, the way the connector reads them ("300" equals 300).
 */
export function computeDrift(agents: readonly AgentConfiguration[], declared?: Readonly<Record<string, unknown>>): DriftEntry[] {
  const keys = new Set<string>();
  for (const a of agents) for (const k of Object.keys(a.configuration)) keys.add(k);
  if (declared) for (const k of Object.keys(declared)) keys.add(k);
  const entries: DriftEntry[] = [];
  for (const flag of [...keys].sort()) {
    if (PER_AGENT_KEYS.includes(flag)) continue;
    const values: Record<string, unknown> = {};
    for (const a of agents) values[a.agent] = a.configuration[flag];
    const seen = new Set(Object.values(values).map(canonical));
    const differsFromDeclared = declared !== undefined && Object.values(values).some((v) => canonical(v) !== canonical(declared[flag]));
    if (seen.size > 1 || differsFromDeclared) {
      entries.push(declared === undefined ? { flag, values } : { flag, declared: declared[flag], values });
    }
  }
  return entries;
}

function canonical(v: unknown): string {
  return v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** One connector of a deployment as its stack's state declares it. */
export interface DeclaredConnector {
  /** The Pulumi resource name (URN's last part), for messages. */
  name: string;
  /** The connector's checked inputs as recorded in state (secret inputs left out). */
  inputs: Readonly<Record<string, unknown>>;
}

/** A difference between one declared connector and the account: the agent, what, declared and live. */
export interface ConnectorDrift {
  agent: string;
  botId: string;
  /** "connector" (missing), "status" (not Connected while declared running), a top-level input or `flags.<key>`. */
  key: string;
  declared: unknown;
  live: unknown;
}

/** The inputs compared one by one; object-valued inputs (flags, custom keys) are compared key by key. */
const COMPARED_INPUTS = [
  "running",
  "environment",
  "conversationType",
  "role",
  "externalWebhookUrl",
  "fallbackSkillId",
  "accessibility",
] as const;
const COMPARED_MAPS = ["flags", "customConfigurations"] as const;

/**
 * What differs between a declared connector (state inputs) and its live view in the same terms
 * (`live`: the connector spec's read of the live connector, `status`: its display status). Secret
 * flags are left out: the API returns them masked, so only the status can tell a wrong one.
 */
export function connectorDrift(
  declared: DeclaredConnector,
  live: Readonly<Record<string, unknown>> | undefined,
  status: string | undefined,
): ConnectorDrift[] {
  const agent = String(declared.inputs.agent);
  const botId = String(declared.inputs.botId);
  const entry = (key: string, d: unknown, l: unknown): ConnectorDrift => ({ agent, botId, key, declared: d, live: l });
  if (!live) return [entry("connector", "present", "missing")];
  const out: ConnectorDrift[] = [];
  for (const k of COMPARED_INPUTS) {
    if (declared.inputs[k] !== undefined && canonical(declared.inputs[k]) !== canonical(live[k]))
      out.push(entry(k, declared.inputs[k], live[k]));
  }
  for (const m of COMPARED_MAPS) {
    const d = (declared.inputs[m] ?? {}) as Record<string, unknown>;
    const l = (live[m] ?? {}) as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(d), ...Object.keys(l)])].sort()) {
      if (canonical(d[k]) !== canonical(l[k])) out.push(entry(`${m}.${k}`, d[k], l[k]));
    }
  }
  if (declared.inputs.running === true && live.running === true && status !== undefined && status !== "Connected")
    out.push(entry("status", "Connected", status));
  return out;
}
