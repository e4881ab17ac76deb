/**
 * Waiting on a connector's status, honestly. Starting "can take a few minutes" (LivePerson): the
 * wait lasts up to the connector's timeout (10 minutes by default), reads the status less and less
 * often (0.5 s, 1 s, 2 s, 3 s, then every 5 s: LiveEngage is rate-limited), and tells the person
 * running `pulumi up` where it is ("bot-agent-2: Not Connected (starting), 40 s"). A failing
 * component is final (waiting will not fix a disabled user or a wrong password), and so is a status
 * word nobody documented: both end the wait at once, naming the reason or the word.
 *
 * What the words mean lives in model/connectorStatus.ts; the polling loop in the client's
 * `waitForStatus`.
 */
import {
  ConnectorFailedError,
  failingComponents,
  statusReading,
  WaitTimeoutError,
  type ConnectorStatusEntry,
  type LiveEngageClient,
} from "../client";
import { displayOf, UnknownStatusWordError, type DisplayStatus, type StatusReading } from "../model/connectorStatus";
import { troubleshootingFor } from "../model/troubleshooting";

export type { DisplayStatus } from "../model/connectorStatus";

/** The display status of a status entry; an undocumented word reads Not Connected (see `statusView`). */
export function displayStatus(word: string | undefined): DisplayStatus {
  return displayOf(word) ?? "Not Connected";
}

/** "component: reason" for every failing component. */
export function failingReasons(entry: ConnectorStatusEntry | undefined): string[] {
  return failingComponents(entry);
}

/**
 * What a resource or a listing reports for a status entry: the display status, the raw word and
 * the reasons. A word nobody documented is reported verbatim (reading fails only while waiting).
 */
export function statusView(entry: ConnectorStatusEntry | undefined): { status: DisplayStatus; rawStatus?: string; reasons: string[] } {
  if (!entry) return { status: "Not Connected", reasons: [] };
  try {
    const r = statusReading(entry);
    return { status: r.display, rawStatus: r.raw, reasons: r.reasons };
  } catch (e) {
    if (e instanceof UnknownStatusWordError) return { status: "Not Connected", rawStatus: entry.status, reasons: [e.message] };
    throw e;
  }
}

/**
 * Started, yet a component fails (a wrong password, a disabled user, …): waiting will not bring it
 * up. Such a connector is drift — not running as declared — and `pulumi up` repairs it.
 * (Starting and unknown words are not failing: they are waited on, never restarted.)
 */
export function isFailing(entry: ConnectorStatusEntry | undefined): boolean {
  if (!entry) return false;
  try {
    return statusReading(entry).phase === "failed";
  } catch (e) {
    if (e instanceof UnknownStatusWordError) return false;
    throw e;
  }
}

/** "reason; fix: …" for each failing component ("component: reason") the troubleshooting table knows. */
export function withFixes(reasons: readonly string[]): string {
  return reasons
    .map((r) => {
      const fix = troubleshootingFor(r.split(":")[0]!.trim())?.fix;
      return fix ? `${r} (fix: ${fix})` : r;
    })
    .join("; ");
}

export interface WaitOutcome {
  reached: boolean;
  entry?: ConnectorStatusEntry;
  reasons: string[];
}

/** Where progress lines go: the provider's stderr, which `pulumi up` shows (pulumi/pulumi#18253). */
export type ProgressSink = (line: string) => void;
const toStderr: ProgressSink = (line) => process.stderr.write(`${line}\n`);

/** First progress line after this long, then at most one per PROGRESS_EVERY_MS unless the status changes. */
const PROGRESS_AFTER_MS = 10_000;
const PROGRESS_EVERY_MS = 20_000;

/** "bot-agent-2: Not Connected (starting), 40 s" at a pace a person can read. */
export function progressReporter(label: string, sink: ProgressSink = toStderr): (reading: StatusReading, elapsedMs: number) => void {
  let lastAt = -Infinity;
  let lastText = "";
  return (reading, elapsedMs) => {
    if (elapsedMs < PROGRESS_AFTER_MS) return;
    const why = reading.reasons.length ? ` (${reading.reasons.join("; ")})` : "";
    const raw =
      reading.raw.toUpperCase().replace(/[\s-]+/g, "_") === reading.display.toUpperCase().replace(/\s+/g, "_") ? "" : ` [${reading.raw}]`;
    const text = `${reading.display}${why}${raw}`;
    if (text === lastText && elapsedMs - lastAt < PROGRESS_EVERY_MS) return;
    lastAt = elapsedMs;
    lastText = text;
    sink(`${label}: ${text}, ${Math.round(elapsedMs / 1000)} s`);
  };
}

/**
 * Waits until the connector is Connected (reached), a component fails, or the timeout passes.
 * @throws UnknownStatusWordError at once for a status word nobody documented.
 */
export async function waitForConnected(
  le: LiveEngageClient,
  botId: string,
  lpUserId: string,
  timeoutMs: number,
  label = `connector ${botId}/${lpUserId}`,
  sink?: ProgressSink,
): Promise<WaitOutcome> {
  try {
    const entry = await le.connectors.waitForStatus(botId, lpUserId, "Connected", {
      timeoutMs,
      failFast: true,
      onPoll: progressReporter(label, sink),
    });
    return { reached: true, entry, reasons: [] };
  } catch (e) {
    if (e instanceof ConnectorFailedError) {
      const entry = await le.connectors.statusOf(botId, lpUserId).catch(() => undefined);
      return { reached: false, entry, reasons: e.reasons };
    }
    if (e instanceof WaitTimeoutError) {
      const entry = await le.connectors.statusOf(botId, lpUserId).catch(() => undefined);
      const view = statusView(entry);
      return {
        reached: false,
        entry,
        reasons: [`still ${view.status}${view.rawStatus ? ` (${view.rawStatus})` : ""} after ${Math.round(timeoutMs / 1000)} s`],
      };
    }
    throw e;
  }
}

/** Stops the connector and waits until it reads Stopped (a stop is quick; 60 s is generous). */
export async function stopAndWait(le: LiveEngageClient, botId: string, lpUserId: string, lpAccountUser: string): Promise<void> {
  await le.connectors.stop(botId, lpAccountUser);
  await le.connectors.waitForStatus(botId, lpUserId, "Stopped", { timeoutMs: 60_000, onPoll: progressReporter(lpAccountUser) });
}
