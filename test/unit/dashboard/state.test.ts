/**
 * What the dashboard keeps between polls: the Connected timeline (changes only), when each agent
 * was seen changing status, poll failures (redacted), and the backoff between failing polls.
 */
import { registerSecret } from "../../../sdk/src/client/redact";
import { nextPollDelay, startPoller } from "../../../sdk/src/dashboard/poller";
import type { AgentReading, BotReading } from "../../../sdk/src/dashboard/reading";
import { DashboardState } from "../../../sdk/src/dashboard/state";
import { ConnectedTimeline } from "../../../sdk/src/dashboard/timeline";

const agent = (name: string, status: string, since?: string): AgentReading => ({
  agent: name,
  userId: name.replace(/\D/g, ""),
  type: "messaging",
  environment: "Demo",
  status,
  failing: [],
  ...(since ? { since } : {}),
});
const bot = (...agents: AgentReading[]): BotReading => ({
  id: "b1",
  name: "Bot",
  agents,
  drift: { agents: agents.map((a) => a.agent), drift: [] },
});

describe("ConnectedTimeline", () => {
  it("keeps only changes of the Connected or deployed count, oldest dropped past the cap", () => {
    const t = new ConnectedTimeline(3);
    expect(t.record("b", { at: 1, connected: 3, total: 3 })).toBe(true);
    expect(t.record("b", { at: 2, connected: 3, total: 3 })).toBe(false);
    t.record("b", { at: 3, connected: 2, total: 3 });
    t.record("b", { at: 4, connected: 2, total: 2 });
    t.record("b", { at: 5, connected: 3, total: 3 });
    expect(t.of("b").map((p) => p.at)).toEqual([3, 4, 5]);
    expect(t.of("other")).toEqual([]);
  });
});

describe("DashboardState", () => {
  it("charts a one-at-a-time restart as 3 → 2 → 3 Connected", () => {
    const s = new DashboardState("123", 1000);
    s.applyReading([bot(agent("a1", "Connected"), agent("a2", "Connected"), agent("a3", "Connected"))], 1000);
    s.applyReading([bot(agent("a1", "Stopped"), agent("a2", "Connected"), agent("a3", "Connected"))], 2000);
    s.applyReading([bot(agent("a1", "Not Connected"), agent("a2", "Connected"), agent("a3", "Connected"))], 3000);
    s.applyReading([bot(agent("a1", "Connected"), agent("a2", "Connected"), agent("a3", "Connected"))], 4000);
    expect(s.snapshot().bots[0].timeline).toEqual([
      { at: 1000, connected: 3, total: 3 },
      { at: 2000, connected: 2, total: 3 },
      { at: 4000, connected: 3, total: 3 },
    ]);
    expect(s.snapshot().readAt).toBe(new Date(4000).toISOString());
  });

  it("shows the API's since, unless the dashboard saw a later change of status", () => {
    const s = new DashboardState("123", 1000);
    const apiSince = new Date(500).toISOString();
    s.applyReading([bot(agent("a1", "Connected", apiSince))], 1000);
    expect(s.snapshot().bots[0].agents[0].since).toBe(apiSince);
    // A disabled user: Not Connected, while the API still reports the Connected period's start.
    s.applyReading([bot(agent("a1", "Not Connected", apiSince))], 2000);
    s.applyReading([bot(agent("a1", "Not Connected", apiSince))], 3000);
    expect(s.snapshot().bots[0].agents[0].since).toBe(new Date(2000).toISOString());
    // The API knows better once it reports a newer start.
    s.applyReading([bot(agent("a1", "Not Connected", new Date(2500).toISOString()))], 4000);
    expect(s.snapshot().bots[0].agents[0].since).toBe(new Date(2500).toISOString());
  });

  it("keeps the last reading on a failed poll and says why, redacted", () => {
    registerSecret("hunter2-secret-value");
    const s = new DashboardState("123", 1000);
    s.applyReading([bot(agent("a1", "Connected"))], 1000);
    s.applyError(new Error("login failed for password hunter2-secret-value"), 2000, 4000);
    const snap = s.snapshot();
    expect(snap.bots[0].agents[0].status).toBe("Connected");
    expect(snap.error).toEqual({
      message: "login failed for password [REDACTED]",
      at: new Date(2000).toISOString(),
      retryAt: new Date(6000).toISOString(),
    });
    s.applyReading([bot(agent("a1", "Connected"))], 7000);
    expect(s.snapshot().error).toBeUndefined();
  });
});

describe("polling", () => {
  it("backs off exponentially on consecutive failures, up to the ceiling", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((f) => nextPollDelay(5000, f, 60_000))).toEqual([
      5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
    // A fast interval (tests, a local emulator) still backs off from at least a second.
    expect([0, 1, 2].map((f) => nextPollDelay(100, f, 60_000))).toEqual([100, 2000, 4000]);
    // A reading that took longer than the interval (many bots, a slow account) is followed by as long a pause.
    expect(nextPollDelay(5000, 0, 60_000, 12_000)).toBe(12_000);
    expect(nextPollDelay(5000, 0, 60_000, 300)).toBe(5000);
  });

  it("reports failures with the backoff, then readings again; polls never overlap", async () => {
    let calls = 0;
    let running = 0;
    let maxRunning = 0;
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      const poller = startPoller({
        intervalMs: 5,
        maxBackoffMs: 5,
        read: async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await new Promise((r) => setTimeout(r, 10));
          running--;
          if (++calls <= 2) throw new Error(`outage ${calls}`);
          return [];
        },
        onError: (err, _at, retryInMs) => events.push(`error ${(err as Error).message} retry ${retryInMs}`),
        onReading: () => {
          events.push("reading");
          if (events.length === 4) void poller.stop().then(resolve);
        },
      });
    });
    await done;
    expect(events).toEqual(["error outage 1 retry 5", "error outage 2 retry 5", "reading", "reading"]);
    expect(maxRunning).toBe(1);
  });
});
