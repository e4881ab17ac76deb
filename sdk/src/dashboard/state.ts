/**
 * What the page shows, kept between polls: the latest reading of the account, each bot's Connected
 * timeline, when each agent was seen changing status, and whether the last poll failed. The page
 * receives it as one JSON snapshot (no secret is ever part of a reading: connector secrets come
 * masked from the client and are left out of drift; error messages pass the client's redaction).
 */
import { redact } from "../client";
import type { AgentReading, BotReading } from "./reading";
import { ConnectedTimeline, type TimelinePoint } from "./timeline";

export interface BotView extends BotReading {
  timeline: readonly TimelinePoint[];
}

export interface DashboardSnapshot {
  accountId: string;
  pollIntervalMs: number;
  /** When the account was last read successfully (ISO 8601); absent before the first reading. */
  readAt?: string;
  /** The last poll failed: why, and when the next try is (backing off). */
  error?: { message: string; at: string; retryAt: string };
  bots: BotView[];
}

export class DashboardState {
  private bots: BotReading[] = [];
  private readAt?: number;
  private error?: DashboardSnapshot["error"];
  private readonly timeline = new ConnectedTimeline();
  /** Per agent: the status last seen, and when the dashboard saw it change (not set on first sight). */
  private readonly seen = new Map<string, { status: string; changedAt?: number }>();

  constructor(
    readonly accountId: string,
    readonly pollIntervalMs: number,
  ) {}

  /** Takes a successful reading taken at `at` (epoch ms). */
  applyReading(bots: BotReading[], at: number): void {
    this.bots = bots.map((b) => ({ ...b, agents: b.agents.map((a) => this.withObservedSince(b.id, a, at)) }));
    for (const b of bots) {
      this.timeline.record(b.id, { at, connected: b.agents.filter((a) => a.status === "Connected").length, total: b.agents.length });
    }
    this.readAt = at;
    this.error = undefined;
  }

  /** Records a failed poll; the page keeps the last reading and says why it is not fresh. */
  applyError(err: unknown, at: number, retryInMs: number): void {
    const message = redact(err instanceof Error ? err.message : String(err));
    this.error = { message, at: new Date(at).toISOString(), retryAt: new Date(at + retryInMs).toISOString() };
  }

  snapshot(): DashboardSnapshot {
    return {
      accountId: this.accountId,
      pollIntervalMs: this.pollIntervalMs,
      ...(this.readAt !== undefined ? { readAt: new Date(this.readAt).toISOString() } : {}),
      ...(this.error ? { error: this.error } : {}),
      bots: this.bots.map((b) => ({ ...b, timeline: this.timeline.of(b.id) })),
    };
  }

  /**
   * The API's `since` when it has one and nothing newer was seen; otherwise when this dashboard saw
   * the status change (a real account may not report `since`, and a component failing does not
   * always start a new status period there).
   */
  private withObservedSince(botId: string, agent: AgentReading, at: number): AgentReading {
    const key = `${botId}/${agent.userId}`;
    const before = this.seen.get(key);
    const changedAt = before === undefined ? undefined : before.status !== agent.status ? at : before.changedAt;
    this.seen.set(key, { status: agent.status, changedAt });
    if (changedAt === undefined) return agent;
    const api = agent.since ? Date.parse(agent.since) : Number.NEGATIVE_INFINITY;
    return api >= changedAt ? agent : { ...agent, since: new Date(changedAt).toISOString() };
  }
}
