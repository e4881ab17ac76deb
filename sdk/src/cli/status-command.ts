/**
 * `liveengage status`: every bot of the account, its connectors, their status and the failing
 * components — the Deploy page of Conversation Builder, in a terminal.
 */
import {
  shutdownLiveEngageClients,
  type Bot,
  type BotStatus,
  type Connector,
  type ConnectorStatusEntry,
  type LiveEngageClient,
} from "../client";
import { statusView } from "../resources/connectorStatus";
import type { CommandSpec } from "./command";
import { cliClient, JSON_OPTION, STACK_OPTION } from "./credentials";
import { EXIT_CODES } from "./exit-codes";
import { renderTable } from "./table";

export interface ConnectorRow {
  bot: string;
  botId: string;
  agent: string;
  userId: string;
  type: string;
  environment: string;
  status: string;
  /** The status word(s) as LiveEngage sent them. */
  rawStatus?: string;
  failing: string[];
}

/** One connector of a bot as `liveengage status` shows it (shared with `liveengage dashboard`). */
export function connectorRow(bot: Bot, c: Connector, status: BotStatus): ConnectorRow {
  const entry = statusEntryOf(status, c);
  return {
    bot: bot.name ?? bot.id,
    botId: bot.id,
    agent: c.lpAccountUser,
    userId: String(c.lpUserId),
    type: c.type,
    environment: c.deploymentEnvironment === "PRODUCTION" ? "Production" : "Demo",
    ...statusOfRow(entry),
  };
}

export function statusEntryOf(status: BotStatus, c: Connector): ConnectorStatusEntry | undefined {
  return status.agents.find((a) => String(a.lpUserId) === String(c.lpUserId));
}

function statusOfRow(entry: ConnectorStatusEntry | undefined): Pick<ConnectorRow, "status" | "rawStatus" | "failing"> {
  const v = statusView(entry);
  return { status: v.status, ...(v.rawStatus ? { rawStatus: v.rawStatus } : {}), failing: v.status === "Connected" ? [] : v.reasons };
}

export async function collectStatus(le: LiveEngageClient): Promise<ConnectorRow[]> {
  const rows: ConnectorRow[] = [];
  for (const bot of await le.bots.list()) {
    const connectors = await le.connectors.listForBot(bot.id);
    if (connectors.length === 0) continue;
    const status = await le.connectors.status(bot.id);
    rows.push(...connectors.map((c) => connectorRow(bot, c, status)));
  }
  return rows;
}

export const statusCommand: CommandSpec = {
  name: "status",
  description: "every bot of the account, its connectors and their status (Connected / Not Connected / Stopped)",
  options: [STACK_OPTION, JSON_OPTION],
  exitCodes: [EXIT_CODES.failure, EXIT_CODES.notConnected],
  async run(opts: { stack?: string | boolean; json?: boolean }) {
    const le = cliClient(opts);
    try {
      const rows = await collectStatus(le);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else if (rows.length === 0) {
        process.stdout.write("no bot connectors in this account\n");
      } else {
        process.stdout.write(
          `${renderTable(
            ["BOT", "AGENT", "USER ID", "TYPE", "ENV", "STATUS", "FAILING COMPONENTS"],
            rows.map((r) => [r.bot, r.agent, r.userId, r.type, r.environment, r.status, r.failing.join("; ")]),
          )}\n`,
        );
      }
      if (rows.some((r) => r.status === "Not Connected")) process.exitCode = EXIT_CODES.notConnected.code;
    } finally {
      await shutdownLiveEngageClients();
    }
  },
};
