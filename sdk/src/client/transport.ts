/**
 * The process-wide undici Agent and the scheme rule for hosts. One pooled keep-alive Agent is
 * shared by every client in the process, so repeated Pulumi provider calls reuse connections.
 */
import { Agent } from "undici";
import { ConfigurationError } from "./errors";

/**
 * Per-request timeouts, in milliseconds. (The connect timeout belongs to the shared Agent:
 * {@link CONNECT_TIMEOUT_MS}.)
 */
export interface Timeouts {
  /** Time to the response headers. @default 30000 */
  headersMs: number;
  /** Idle time between body chunks. @default 30000 */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = Object.freeze({ headersMs: 30_000, bodyMs: 30_000 });

/** TCP + TLS connect timeout of the shared Agent. */
export const CONNECT_TIMEOUT_MS = 10_000;

let sharedAgent: Agent | undefined;

/** The shared keep-alive Agent, created on first use. */
export function getSharedAgent(): Agent {
  if (!sharedAgent) {
    sharedAgent = new Agent({
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      connections: 32,
      connect: { timeout: CONNECT_TIMEOUT_MS },
      headersTimeout: DEFAULT_TIMEOUTS.headersMs,
      bodyTimeout: DEFAULT_TIMEOUTS.bodyMs,
    });
  }
  return sharedAgent;
}

/** Closes the shared Agent (idle sockets); a later request creates a new one. */
export async function closeSharedAgent(): Promise<void> {
  const agent = sharedAgent;
  sharedAgent = undefined;
  if (agent) await agent.close();
}

/** True for 127.0.0.0/8, `localhost` and `::1`, the only hosts reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1") return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((n) => Number(n) <= 255);
}

/**
 * Turns a host as the Domain API or configuration gives it (`host[:port]`, optionally with a
 * scheme) into an origin: https everywhere, http only on loopback (the emulator).
 * @throws ConfigurationError for `http://` to a non-loopback host or any other scheme.
 */
export function originFor(host: string): string {
  const trimmed = host.trim().replace(/\/+$/, "");
  const explicit = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  const url = new URL(explicit ? trimmed : `https://${trimmed}`);
  if (url.pathname !== "/" || url.search || url.username || url.password) {
    throw new ConfigurationError(`LiveEngage host must be host[:port] only, got ${JSON.stringify(url.host)} with a path or userinfo`);
  }
  const loopback = isLoopbackHost(url.hostname);
  const scheme = explicit ? explicit[1]!.toLowerCase() : loopback ? "http" : "https";
  if (scheme === "http" && !loopback) {
    throw new ConfigurationError(`Refusing plain http to ${url.host}: https is required except on loopback hosts`);
  }
  if (scheme !== "http" && scheme !== "https") {
    throw new ConfigurationError(`Unsupported scheme ${scheme}: for ${url.host}`);
  }
  return `${scheme}://${url.host}`;
}
