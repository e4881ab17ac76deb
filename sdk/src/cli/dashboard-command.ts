/**
 * `liveengage dashboard`: a local, read-only web page with every bot of the account, its agents,
 * their status and failing components with the fix, the flags on which a bot's agents differ, and
 * a chart of Connected agents over time. Credentials as `liveengage status` reads them.
 */
import { randomBytes } from "node:crypto";
import { shutdownLiveEngageClients } from "../client";
import { startDashboard } from "../dashboard";
import { isLoopback } from "../dashboard/server";
import { UsageError, type CommandSpec } from "./command";
import { cliClient, JSON_OPTION, STACK_OPTION } from "./credentials";

export const DEFAULT_DASHBOARD_PORT = 4520;
/** A real account is read once per interval: 1 + 2 × bots calls. */
export const DEFAULT_POLL_SECONDS = 5;

interface DashboardCliOptions {
  port: string;
  host: string;
  stack?: string | boolean;
  interval: string;
  token?: string;
  json?: boolean;
}

export const dashboardCommand: CommandSpec = {
  name: "dashboard",
  description: "a local read-only web page: bots, agents, status, fixes, drift, Connected over time (live)",
  options: [
    { name: "port", arg: "<port>", description: "port to listen on (0 = any free port)", default: String(DEFAULT_DASHBOARD_PORT) },
    {
      name: "host",
      arg: "<address>",
      description: "address to listen on; other than loopback only with an access token",
      default: "127.0.0.1",
    },
    STACK_OPTION,
    {
      name: "interval",
      arg: "<seconds>",
      description: "how often to read the account (backs off on errors)",
      default: String(DEFAULT_POLL_SECONDS),
    },
    {
      name: "token",
      arg: "<token>",
      description: "access token the page requires (default on a non-loopback host: a random one; env LIVEENGAGE_DASHBOARD_TOKEN)",
    },
    { ...JSON_OPTION, description: "print where the page listens as one JSON line ({url, accountId, intervalSeconds})" },
  ],
  async run(opts: DashboardCliOptions) {
    const port = Number(opts.port);
    const interval = Number(opts.interval);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got ${opts.port}`);
    if (!(interval > 0)) throw new UsageError(`--interval must be a positive number of seconds, got ${opts.interval}`);
    const token =
      opts.token ?? process.env.LIVEENGAGE_DASHBOARD_TOKEN ?? (isLoopback(opts.host) ? undefined : randomBytes(18).toString("base64url"));

    const client = cliClient(opts);
    const dashboard = await startDashboard({ client, host: opts.host, port, token, pollIntervalMs: Math.round(interval * 1000) });
    process.stdout.write(
      opts.json
        ? `${JSON.stringify({ url: dashboard.url, accountId: client.accountId, intervalSeconds: interval })}\n`
        : `liveengage dashboard: ${dashboard.url}\n  account ${client.accountId}, read every ${interval} s; Ctrl+C stops\n`,
    );

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await dashboard.close();
    await shutdownLiveEngageClients();
  },
};
