/**
 * Reads the account every interval. A failing poll (rate limit, outage, expired credentials) backs
 * off exponentially up to a ceiling, so a page left open never hammers a real account; the first
 * success returns to the normal interval. Polls never overlap, and the pause after one is never
 * shorter than the poll itself.
 */
import type { BotReading } from "./reading";

export interface PollerOptions {
  read: () => Promise<BotReading[]>;
  intervalMs: number;
  /** @default 60000 */
  maxBackoffMs?: number;
  onReading(bots: BotReading[], at: number): void;
  onError(err: unknown, at: number, retryInMs: number): void;
  now?: () => number;
}

export interface Poller {
  /** Resolves once the poll in flight (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * The wait before the next poll after `failures` consecutive failures (0 = the last one succeeded).
 * Never shorter than the last poll took: an account with many bots (1 + 2 calls each) or a slow
 * one is read at most half of the time, however short the interval.
 */
export function nextPollDelay(intervalMs: number, failures: number, maxBackoffMs: number, lastPollMs = 0): number {
  if (failures === 0) return Math.max(intervalMs, lastPollMs);
  return Math.min(maxBackoffMs, Math.max(intervalMs, 1000) * 2 ** failures);
}

export function startPoller(opts: PollerOptions): Poller {
  const now = opts.now ?? Date.now;
  const maxBackoffMs = opts.maxBackoffMs ?? 60_000;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const poll = async () => {
    const started = now();
    try {
      const bots = await opts.read();
      failures = 0;
      if (!stopped) opts.onReading(bots, now());
    } catch (err) {
      failures++;
      if (!stopped) opts.onError(err, now(), nextPollDelay(opts.intervalMs, failures, maxBackoffMs));
    }
    if (!stopped) timer = setTimeout(run, nextPollDelay(opts.intervalMs, failures, maxBackoffMs, now() - started));
  };
  const run = () => {
    inFlight = poll();
  };
  run();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
