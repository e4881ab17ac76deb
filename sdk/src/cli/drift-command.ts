/**
 * `liveengage drift --bot <id>`: the live configuration of every agent of a bot, compared. Exit
 * code 2 when they differ, so a pipeline can gate on it.
 */
import type { Command } from "commander";
import { createLiveEngageClient, shutdownLiveEngageClients, type Connector, type LiveEngageClient } from "../client";
import { computeDrift, type DriftEntry } from "../resources/drift";
import { cliCredentials } from "./credentials";
import { renderTable } from "./table";

export const DRIFT_EXIT_CODE = 2;

export interface BotDrift {
  agents: string[];
  drift: DriftEntry[];
}

export async function collectDrift(le: LiveEngageClient, botId: string): Promise<BotDrift> {
  return driftOf(await le.connectors.listForBot(botId));
}

/** The drift between the live configurations of a bot's connectors (shared with `liveengage dashboard`). */
export function driftOf(connectors: readonly Connector[]): BotDrift {
  const agents = connectors.map((c) => c.lpAccountUser);
  // Identity keys differ per agent by design; computeDrift leaves them out, secrets come masked.
  const drift = computeDrift(connectors.map((c) => ({ agent: c.lpAccountUser, configuration: c.configurations ?? {} })));
  return { agents, drift };
}

export function registerDriftCommand(program: Command): void {
  program
    .command("drift")
    .description("compare the live configuration of all agents of a bot; exit code 2 when they differ")
    .requiredOption("--bot <id>", "Conversation Builder bot id")
    .option("--stack [name]", "read liveengage:* credentials from this Pulumi stack (default: LP_* environment variables)")
    .option("--json", "machine-readable output for pipelines")
    .action(async (opts: { bot: string; stack?: string | boolean; json?: boolean }) => {
      const le = createLiveEngageClient(cliCredentials(opts));
      try {
        const { agents, drift } = await collectDrift(le, opts.bot);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ botId: opts.bot, agents, drift }, null, 2)}\n`);
        } else if (agents.length === 0) {
          process.stdout.write(`bot ${opts.bot} has no connectors\n`);
        } else if (drift.length === 0) {
          process.stdout.write(`no drift: the ${agents.length} agents of bot ${opts.bot} share one configuration\n`);
        } else {
          const show = (v: unknown) => (v === undefined ? "(unset)" : String(v));
          process.stdout.write(`drift in ${drift.length} flag(s) across the agents of bot ${opts.bot}:\n`);
          process.stdout.write(`${renderTable(["FLAG", ...agents], drift.map((d) => [d.flag, ...agents.map((a) => show(d.values[a]))]))}\n`);
        }
        if (drift.length > 0) process.exitCode = DRIFT_EXIT_CODE;
      } finally {
        await shutdownLiveEngageClients();
      }
    });
}
