/**
 * `liveengage dashboard`: a local, read-only web page with every bot of the account, its agents,
 * their status and failing components with the fix, the flags on which a bot's agents differ, and
 * a chart of Connected agents over time. Credentials as `liveengage status` reads them.
 */
import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { createLiveEngageClient, shutdownLiveEngageClients } from "../client";
import { startDashboard } from "../dashboard";
import { isLoopback } from "../dashboard/server";
import { cliCredentials } from "./credentials";

export const DEFAULT_DASHBOARD_PORT = 4520;
/** A real account is read once per interval: 1 + 2 × bots calls. */
export const DEFAULT_POLL_SECONDS = 5;

interface DashboardCliOptions {
  port: string;
  host: string;
  stack?: string | boolean;
  interval: string;
  token?: string;
}

export function registerDashboardCommand(program: Command): void {
  program
    .command("dashboard")
    .description("a local read-only web page: bots, agents, status, fixes, drift, Connected over time (live)")
    .option("--port <port>", "port to listen on (0 = any free port)", String(DEFAULT_DASHBOARD_PORT))
    .option("--host <address>", "address to listen on; other than loopback only with an access token", "127.0.0.1")
    .option("--stack [name]", "read liveengage:* credentials from this Pulumi stack (default: LP_* environment variables)")
    .option("--interval <seconds>", "how often to read the account (backs off on errors)", String(DEFAULT_POLL_SECONDS))
    .option("--token <token>", "access token the page requires (default on a non-loopback host: a random one; env LIVEENGAGE_DASHBOARD_TOKEN)")
    .action(async (opts: DashboardCliOptions) => {
      const port = Number(opts.port);
      const interval = Number(opts.interval);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${opts.port}`);
      if (!(interval > 0)) throw new Error(`--interval must be a positive number of seconds, got ${opts.interval}`);
      const token = opts.token ?? process.env.LIVEENGAGE_DASHBOARD_TOKEN ?? (isLoopback(opts.host) ? undefined : randomBytes(18).toString("base64url"));

      const client = createLiveEngageClient(cliCredentials(opts));
      const dashboard = await startDashboard({ client, host: opts.host, port, token, pollIntervalMs: Math.round(interval * 1000) });
      process.stdout.write(`liveengage dashboard: ${dashboard.url}\n  account ${client.accountId}, read every ${interval} s; Ctrl+C stops\n`);

      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await dashboard.close();
      await shutdownLiveEngageClients();
    });
}
