/**
 * The process-wide undici Agent and the scheme rule for hosts. One pooled keep-alive Agent is
 * shared by every client in the process, so repeated Pulumi provider calls reuse connections.
 */
import { existsSync, readFileSync } from "node:fs";
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

/** One keep-alive Agent per trusted CA ("" = the system's CAs and NODE_EXTRA_CA_CERTS). */
const agents = new Map<string, Agent>();

/**
 * The shared keep-alive Agent, created on first use. With `caPem`, TLS connections also trust that
 * CA (the emulator's self-signed certificate, or a company's TLS-inspecting proxy).
 */
export function getSharedAgent(caPem?: string): Agent {
  const key = caPem ?? "";
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      connections: 32,
      connect: { timeout: CONNECT_TIMEOUT_MS, ...(caPem ? { ca: [...rootCertificates(), caPem] } : {}) },
      headersTimeout: DEFAULT_TIMEOUTS.headersMs,
      bodyTimeout: DEFAULT_TIMEOUTS.bodyMs,
    });
    agents.set(key, agent);
  }
  return agent;
}

function rootCertificates(): readonly string[] {
  // Required lazily: tls is only needed once a CA is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("node:tls") as typeof import("node:tls")).rootCertificates;
}

/** Closes the shared Agents (idle sockets); a later request creates new ones. */
export async function closeSharedAgent(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((a) => a.close()));
}

/**
 * A CA certificate from configuration: PEM text, or the path of a PEM file.
 * @throws ConfigurationError when it is neither.
 */
export function loadCaCertificate(value: string, configKey = "liveengage:caCert"): string {
  const text = value.includes("-----BEGIN CERTIFICATE-----") ? value : existsSync(value) ? readFileSync(value, "utf8") : undefined;
  if (text === undefined || !text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigurationError(
      `${configKey} must be a PEM certificate or the path of a PEM file; ${JSON.stringify(value.slice(0, 80))} is neither`,
    );
  }
  return text;
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
 * scheme) into an origin: https everywhere, http only on loopback (the emulator). A loopback host
 * without a scheme gets `loopbackScheme` (the scheme the Domain API itself was reached with, so an
 * emulator serving https is spoken to in https throughout).
 * @throws ConfigurationError for `http://` to a non-loopback host or any other scheme.
 */
export function originFor(host: string, loopbackScheme: "http" | "https" = "http"): string {
  const trimmed = host.trim().replace(/\/+$/, "");
  const explicit = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  let url: URL;
  try {
    url = new URL(explicit ? trimmed : `https://${trimmed}`);
  } catch {
    // Node's own message ("Invalid URL") names neither the value's problem nor where it came from.
    throw new ConfigurationError(
      `LiveEngage host must be host[:port] (port a number), e.g. "api.liveperson.net" or "127.0.0.1:8443"; ${JSON.stringify(trimmed.slice(0, 80))} is not`,
    );
  }
  if (url.pathname !== "/" || url.search || url.username || url.password) {
    throw new ConfigurationError(`LiveEngage host must be host[:port] only, got ${JSON.stringify(url.host)} with a path or userinfo`);
  }
  const loopback = isLoopbackHost(url.hostname);
  const scheme = explicit ? explicit[1]!.toLowerCase() : loopback ? loopbackScheme : "https";
  if (scheme === "http" && !loopback) {
    throw new ConfigurationError(`Refusing plain http to ${url.host}: https is required except on loopback hosts`);
  }
  if (scheme !== "http" && scheme !== "https") {
    throw new ConfigurationError(`Unsupported scheme ${scheme}: for ${url.host}`);
  }
  return `${scheme}://${url.host}`;
}
