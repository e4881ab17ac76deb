/**
 * `liveengage dashboard`: the Deploy page of Conversation Builder, locally. Polls the account
 * (backing off on failures), keeps what the page shows, and serves it with live updates.
 */
import type { LiveEngageClient } from "../client";
import { startPoller } from "./poller";
import { readAccount } from "./reading";
import { startDashboardServer } from "./server";
import { DashboardState } from "./state";

export interface DashboardOptions {
  client: LiveEngageClient;
  host: string;
  port: number;
  token?: string;
  pollIntervalMs: number;
  maxBackoffMs?: number;
}

export interface RunningDashboard {
  url: string;
  state: DashboardState;
  close(): Promise<void>;
}

export async function startDashboard(opts: DashboardOptions): Promise<RunningDashboard> {
  const state = new DashboardState(opts.client.accountId, opts.pollIntervalMs);
  const server = await startDashboardServer({ host: opts.host, port: opts.port, token: opts.token, snapshot: () => state.snapshot() });
  const poller = startPoller({
    read: () => readAccount(opts.client),
    intervalMs: opts.pollIntervalMs,
    maxBackoffMs: opts.maxBackoffMs,
    onReading: (bots, at) => {
      state.applyReading(bots, at);
      server.publish();
    },
    onError: (err, at, retryInMs) => {
      state.applyError(err, at, retryInMs);
      server.publish();
    },
  });
  return {
    url: server.url,
    state,
    async close() {
      await poller.stop();
      await server.close();
    },
  };
}

export type { DashboardSnapshot, BotView } from "./state";
export type { BotReading, AgentReading, FailingComponent } from "./reading";
export type { TimelinePoint } from "./timeline";
