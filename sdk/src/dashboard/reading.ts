/**
 * One reading of the account for the dashboard: every bot, its agents with status and failing
 * components (each with its fix), and the flags on which its agents differ. Built from the same
 * pieces as `liveengage status` and `liveengage drift`, so the page and the terminal agree.
 * Costs 1 + 2 × (bots with connectors) API calls (+1 per bot without).
 */
import type { ConnectorStatusEntry, LiveEngageClient } from "../client";
import { connectorRow, statusEntryOf, type ConnectorRow } from "../cli/status-command";
import { driftOf, type BotDrift } from "../cli/drift-command";
import { troubleshootingFor } from "../model/troubleshooting";

export interface FailingComponent {
  component: string;
  reason: string;
  /** From the README's troubleshooting table (sdk/src/model/troubleshooting.ts); absent for a component we do not know. */
  fix?: string;
}

export interface AgentReading extends Omit<ConnectorRow, "bot" | "botId" | "failing"> {
  /** When the connector entered its status, as the API reports it (ISO 8601), if it does. */
  since?: string;
  failing: FailingComponent[];
}

export interface BotReading {
  id: string;
  name: string;
  agents: AgentReading[];
  drift: BotDrift;
}

export async function readAccount(le: LiveEngageClient): Promise<BotReading[]> {
  const bots: BotReading[] = [];
  for (const bot of await le.bots.list()) {
    const connectors = await le.connectors.listForBot(bot.id);
    const status = connectors.length ? await le.connectors.status(bot.id) : { agents: [] };
    bots.push({
      id: bot.id,
      name: bot.name ?? bot.id,
      agents: connectors.map((c) => {
        const { bot: _bot, botId: _botId, failing: _failing, ...row } = connectorRow(bot, c, status);
        const entry = statusEntryOf(status, c);
        return { ...row, ...sinceOf(entry), failing: failingComponents(entry) };
      }),
      drift: driftOf(connectors),
    });
  }
  return bots;
}

export function failingComponents(entry: ConnectorStatusEntry | undefined): FailingComponent[] {
  return (entry?.components ?? [])
    .filter((c) => !c.ok)
    .map((c) => {
      const fix = troubleshootingFor(c.name)?.fix;
      return { component: c.name, reason: c.reason ?? "failed", ...(fix ? { fix } : {}) };
    });
}

function sinceOf(entry: ConnectorStatusEntry | undefined): { since?: string } {
  const at = entry?.since;
  if (at === undefined || at === null) return {};
  const date = new Date(typeof at === "number" ? at : Date.parse(at));
  return Number.isNaN(date.getTime()) ? {} : { since: date.toISOString() };
}
