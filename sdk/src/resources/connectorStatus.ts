/**
 * Waiting on a connector's status. Starting takes a while ("can take a few minutes" per LivePerson);
 * meanwhile the connector reads Not Connected with every component healthy. A failing component
 * is final: waiting longer will not fix a disabled user or a wrong password.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ConnectorStatusEntry, LiveEngageClient } from "../client";

/** The seed's three statuses, as users read them on the Deploy page. */
export type DisplayStatus = "Connected" | "Not Connected" | "Stopped";

export function displayStatus(wire: string | undefined): DisplayStatus {
  if (wire === "CONNECTED") return "Connected";
  if (wire === "STOPPED") return "Stopped";
  return "Not Connected";
}

/** "component: reason" for every failing component. */
export function failingReasons(entry: ConnectorStatusEntry | undefined): string[] {
  return (entry?.components ?? []).filter((c) => !c.ok).map((c) => `${c.name}: ${c.reason ?? "failed"}`);
}

export interface WaitOutcome {
  reached: boolean;
  entry?: ConnectorStatusEntry;
  reasons: string[];
}

/** Polls until the connector is CONNECTED (reached), a component fails, or the timeout passes. */
export async function waitForConnected(
  le: LiveEngageClient, botId: string, lpUserId: string, timeoutMs: number, intervalMs = 250,
): Promise<WaitOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = await le.connectors.statusOf(botId, lpUserId);
    if (entry?.status === "CONNECTED") return { reached: true, entry, reasons: [] };
    const reasons = failingReasons(entry);
    if (entry?.status === "NOT_CONNECTED" && reasons.length > 0) return { reached: false, entry, reasons };
    if (Date.now() >= deadline) {
      return { reached: false, entry, reasons: [`still ${displayStatus(entry?.status)} after ${Math.round(timeoutMs / 1000)} s`] };
    }
    await sleep(intervalMs);
  }
}

/** Stops the connector and waits until it reads Stopped (a stop is quick; 60 s is generous). */
export async function stopAndWait(le: LiveEngageClient, botId: string, lpUserId: string, lpAccountUser: string): Promise<void> {
  await le.connectors.stop(botId, lpAccountUser);
  await le.connectors.waitForStatus(botId, lpUserId, "STOPPED", { timeoutMs: 60_000, intervalMs: 250 });
}
