/**
 * `liveengage drift`: is the account still what a deployment declares?
 *   --stack [name]  the deployment of one Pulumi stack: each of its connectors against its declaration
 *                   in the stack's state; other connectors on the same bots are listed apart
 *                   (another stack's, or nobody's) and do not count as drift;
 *   --bot <id>      without --stack: the live configuration of every agent of a bot, compared.
 * Exit code 2 on drift, 1 when it cannot tell (unknown bot or stack, account unreachable).
 */
import { shutdownLiveEngageClients, type Bot, type Connector, type LiveEngageClient } from "../client";
import { computeDrift, connectorDrift, type ConnectorDrift, type DriftEntry } from "../resources/drift";
import { statusView } from "../resources/connectorStatus";
import { botConnectorSpec, isRunning } from "../resources/specs/botConnector";
import { UsageError, type CommandSpec } from "./command";
import { cliClient, JSON_OPTION, STACK_OPTION } from "./credentials";
import { EXIT_CODES } from "./exit-codes";
import { stackResources } from "./stack-state";
import { renderTable } from "./table";

export const DRIFT_EXIT_CODE = EXIT_CODES.drift.code;

export interface BotDrift {
  agents: string[];
  drift: DriftEntry[];
}

export async function collectDrift(le: LiveEngageClient, botId: string): Promise<BotDrift> {
  await requireBot(le, botId);
  return driftOf(await le.connectors.listForBot(botId));
}

/** The drift between the live configurations of a bot's connectors (shared with `liveengage dashboard`). */
export function driftOf(connectors: readonly Connector[]): BotDrift {
  const agents = connectors.map((c) => c.lpAccountUser);
  // Identity keys differ per agent by design; computeDrift leaves them out, secrets come masked.
  const drift = computeDrift(connectors.map((c) => ({ agent: c.lpAccountUser, configuration: c.configurations ?? {} })));
  return { agents, drift };
}

/** The listing answers 404 (read as "none") for an unknown bot too: a mistyped id must not pass a gate. */
async function requireBot(le: LiveEngageClient, botId: string, bots?: Bot[]): Promise<void> {
  if (!(bots ?? (await le.bots.list())).some((b) => b.id === botId)) {
    throw new Error(`no bot with id ${botId} in account ${le.accountId}; \`liveengage status\` lists the account's bots`);
  }
}

export interface DeploymentDrift {
  stack: string;
  /** The deployment's connectors: agent and bot. */
  connectors: { agent: string; botId: string; status?: string }[];
  drift: ConnectorDrift[];
  /** Connectors on the deployment's bots that the stack does not own. */
  others: { agent: string; botId: string; status: string }[];
}

/** Each connector of the stack's state against the account; `botId` narrows to one bot. */
export async function collectDeploymentDrift(le: LiveEngageClient, stack: string | true, botId?: string): Promise<DeploymentDrift> {
  const stackName = stack === true ? "(selected stack)" : stack;
  const declared = stackResources(stack, "BotConnector").filter((r) => botId === undefined || r.inputs.botId === botId);
  if (botId !== undefined) await requireBot(le, botId);
  if (declared.length === 0) {
    throw new Error(
      `stack ${stackName} has no BotConnector${botId ? ` on bot ${botId}` : ""} in its state; deploy it first, or check --stack${botId ? " and --bot" : ""}`,
    );
  }
  const out: DeploymentDrift = { stack: stackName, connectors: [], drift: [], others: [] };
  for (const bot of [...new Set(declared.map((r) => String(r.inputs.botId)))]) {
    const live = await le.connectors.listForBot(bot);
    const status = live.length ? await le.connectors.status(bot) : { agents: [] };
    const owned = new Set<string>();
    for (const r of declared.filter((d) => d.inputs.botId === bot)) {
      const lpUserId = String(r.outputs.lpUserId ?? r.inputs.agentUserId ?? r.id.split("/").at(-1));
      const c = live.find((x) => String(x.lpUserId) === lpUserId);
      if (c) owned.add(String(c.lpUserId));
      const entry = c && status.agents.find((a) => String(a.lpUserId) === lpUserId);
      const view = c && { ...(await botConnectorSpec.fromWire({ connector: c, entry }, r.inputs)), running: isRunning(c, entry) };
      const shown = c ? statusView(entry) : undefined;
      out.connectors.push({ agent: String(r.inputs.agent), botId: bot, ...(shown ? { status: shown.status } : {}) });
      out.drift.push(
        ...connectorDrift(
          { name: r.name, inputs: r.inputs },
          view,
          shown && (shown.reasons.length ? `${shown.status} (${shown.reasons.join("; ")})` : shown.status),
        ),
      );
    }
    for (const c of live.filter((x) => !owned.has(String(x.lpUserId)))) {
      out.others.push({
        agent: c.lpAccountUser,
        botId: bot,
        status: statusView(status.agents.find((a) => String(a.lpUserId) === String(c.lpUserId))).status,
      });
    }
  }
  return out;
}

const show = (v: unknown) => (v === undefined ? "(unset)" : typeof v === "object" ? JSON.stringify(v) : String(v));

function renderDeploymentDrift(d: DeploymentDrift): string {
  const lines: string[] = [];
  if (d.drift.length === 0) lines.push(`no drift: the ${d.connectors.length} connector(s) of stack ${d.stack} are as declared`);
  else {
    const agents = new Set(d.drift.map((x) => x.agent));
    lines.push(
      `drift in stack ${d.stack}: ${agents.size} of ${d.connectors.length} connector(s) differ from the declaration (\`pulumi refresh\`, then \`pulumi up\` restores them):`,
    );
    lines.push(
      renderTable(
        ["AGENT", "BOT", "WHAT", "DECLARED", "LIVE"],
        d.drift.map((x) => [x.agent, x.botId, x.key, show(x.declared), show(x.live)]),
      ),
    );
  }
  if (d.others.length) {
    lines.push(
      `not this stack's (another deployment's, or nobody's; not counted as drift): ${d.others.map((o) => `${o.agent} on bot ${o.botId} (${o.status})`).join(", ")}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function renderBotDrift(botId: string, { agents, drift }: BotDrift): string {
  if (agents.length === 0) return `bot ${botId} has no connectors\n`;
  if (drift.length === 0) return `no drift: the ${agents.length} agents of bot ${botId} share one configuration\n`;
  return `drift in ${drift.length} flag(s) across the agents of bot ${botId}:\n${renderTable(
    ["FLAG", ...agents],
    drift.map((d) => [d.flag, ...agents.map((a) => show(d.values[a]))]),
  )}\n`;
}

export const driftCommand: CommandSpec = {
  name: "drift",
  description:
    "is the account what a deployment declares? --stack: one stack's connectors against its state; --bot alone: all agents of a bot compared (exit 2 on drift)",
  options: [
    {
      ...STACK_OPTION,
      description: "the deployment of this Pulumi stack (its state and liveengage:* credentials); without a name, the selected stack",
    },
    {
      name: "bot",
      arg: "<id>",
      description:
        "Conversation Builder bot id: with --stack, only that bot's connectors; alone, every connector of the bot (credentials from LP_* variables)",
    },
    JSON_OPTION,
  ],
  exitCodes: [EXIT_CODES.failure, EXIT_CODES.drift],
  async run(opts: { bot?: string; stack?: string | boolean; json?: boolean }) {
    if (!opts.stack && !opts.bot) throw new UsageError("give --stack [name] (one deployment) or --bot <id> (every connector of a bot)");
    const le = cliClient(opts);
    try {
      if (opts.stack) {
        const d = await collectDeploymentDrift(le, opts.stack === true ? true : opts.stack, opts.bot);
        process.stdout.write(opts.json ? `${JSON.stringify(d, null, 2)}\n` : renderDeploymentDrift(d));
        if (d.drift.length > 0) process.exitCode = DRIFT_EXIT_CODE;
        return;
      }
      const botId = opts.bot!;
      const bot = await collectDrift(le, botId);
      process.stdout.write(opts.json ? `${JSON.stringify({ botId, ...bot }, null, 2)}\n` : renderBotDrift(botId, bot));
      if (bot.drift.length > 0) process.exitCode = DRIFT_EXIT_CODE;
    } finally {
      await shutdownLiveEngageClients();
    }
  },
};
