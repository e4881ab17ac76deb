/**
 * How many agents of each bot were Connected over time, from the dashboard's own polls (a real
 * account keeps no such history). Only changes are kept: a step chart needs nothing else, and a
 * quiet bot costs one point however long the page stays open.
 */
export interface TimelinePoint {
  /** Epoch milliseconds of the poll that saw this count. */
  at: number;
  connected: number;
  /** Agents (connectors) the bot had then. */
  total: number;
}

/** Enough for hours of rollouts; the oldest points go first. */
export const MAX_POINTS_PER_BOT = 2000;

export class ConnectedTimeline {
  private readonly points = new Map<string, TimelinePoint[]>();

  constructor(private readonly maxPoints = MAX_POINTS_PER_BOT) {}

  /** Records a poll's count; returns true when it changed the timeline. */
  record(botId: string, point: TimelinePoint): boolean {
    const list = this.points.get(botId) ?? [];
    const last = list[list.length - 1];
    if (last && last.connected === point.connected && last.total === point.total) return false;
    list.push(point);
    if (list.length > this.maxPoints) list.splice(0, list.length - this.maxPoints);
    this.points.set(botId, list);
    return true;
  }

  of(botId: string): readonly TimelinePoint[] {
    return this.points.get(botId) ?? [];
  }
}
