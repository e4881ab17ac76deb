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
