/**
 * Replays the emulator's per-connector status history as one timeline and reports the fewest
 * connectors Connected at any moment within a window: the evidence for rolling restarts.
 */
export interface HistoryEntry {
  status: string;
  at: string | number;
}

export interface ConnectorHistory {
  lpUserId: string;
  history: HistoryEntry[];
}

const ms = (at: string | number) => (typeof at === "number" ? at : Date.parse(at));

/** Minimum number of CONNECTED connectors over [from, to], given each connector's full history. */
export function minConnected(connectors: readonly ConnectorHistory[], from: number, to: number): number {
  const events = connectors.flatMap((c) => c.history.map((h) => ({ user: c.lpUserId, status: h.status, at: ms(h.at) })));
  events.sort((a, b) => a.at - b.at);
  const current = new Map<string, string>();
  const connectedNow = () => [...current.values()].filter((s) => s === "CONNECTED").length;
  let min = Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.at > from && e.at <= to) min = Math.min(min, connectedNow());
    current.set(e.user, e.status);
    if (e.at >= from && e.at <= to) min = Math.min(min, connectedNow());
  }
  return min === Number.POSITIVE_INFINITY ? connectedNow() : min;
}
