// `liveengage emulator` (and the emulator package's own `liveengage-emulator` binary): runs the local
// LiveEngage emulator until SIGINT/SIGTERM. Options are parsed with node's util.parseArgs: the
// emulator package depends on its server framework only, no CLI framework.
import { readFileSync, writeFileSync } from "fs";
import { parseArgs } from "util";
import { startEmulator } from ".";
import { STATUS_VOCABULARIES, type StatusVocabulary } from "../model/connectorStatus";

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  dataDir?: string;
  account: string;
  username: string;
  password: string;
  connectDelayMs: number;
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  caOut?: string;
  httpPort?: number;
  statusVocabulary: StatusVocabulary;
}

/** Every option: its flag, what it takes, its default and its help line (one table for parsing and --help). */
const OPTIONS = {
  port: { flag: "--port", value: "<port>", default: "4510", help: "TCP port (0 = any free port)" },
  host: { flag: "--host", value: "<host>", default: "127.0.0.1", help: "interface to listen on" },
  "data-dir": { flag: "--data-dir", value: "<dir>", help: "directory for durable state (omit to keep state in memory)" },
  account: { flag: "--account", value: "<id>", default: "12345678", help: "primary account id" },
  username: { flag: "--username", value: "<name>", default: "admin", help: "login name of the seeded administrator" },
  password: { flag: "--password", value: "<password>", default: "admin-password", help: "password of the seeded administrator" },
  "connect-delay-ms": { flag: "--connect-delay-ms", value: "<ms>", default: "1000", help: "how long a started connector takes to connect" },
  tls: { flag: "--tls", help: "serve https with a generated self-signed certificate (as LivePerson serves https)" },
  "tls-cert": { flag: "--tls-cert", value: "<file>", help: "serve https with this PEM certificate (with --tls-key)" },
  "tls-key": { flag: "--tls-key", value: "<file>", help: "PEM private key of --tls-cert" },
  "ca-out": {
    flag: "--ca-out",
    value: "<file>",
    help: "with --tls: write the certificate clients must trust to this file (liveengage:caCert / NODE_EXTRA_CA_CERTS)",
  },
  "http-port": { flag: "--http-port", value: "<port>", help: "with --tls: also serve plain http on this port (0 = any free port)" },
  "status-vocabulary": {
    flag: "--status-vocabulary",
    value: "<name>",
    default: "seed",
    help: `connector status words to answer in (${STATUS_VOCABULARIES.join(", ")})`,
  },
  help: { flag: "--help", help: "show this help" },
} as const satisfies Record<string, { flag: string; value?: string; default?: string; help: string }>;

export const EMULATOR_USAGE = [
  "Usage: liveengage emulator [options]",
  "",
  "run a local LiveEngage (LivePerson) emulator",
  "",
  "Options:",
  ...Object.values(OPTIONS).map((o) => {
    const head = `  ${o.flag}${"value" in o ? ` ${o.value}` : ""}`;
    return `${head.padEnd(34)}${o.help}${"default" in o ? ` (default: ${o.default})` : ""}`;
  }),
].join("\n");

function intOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer between ${min} and ${max}`);
  return n;
}

/** Parses `liveengage emulator` arguments; undefined means --help was asked for. Throws on bad input, naming the option. */
export function parseEmulatorArgs(args: string[]): EmulatorCommandOptions | undefined {
  const parseOptions = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]) => [name, { type: "value" in o ? ("string" as const) : ("boolean" as const) }]),
  );
  const { values: v } = parseArgs({ args, options: parseOptions, strict: true, allowPositionals: false });
  if (v.help) return undefined;
  const text = (name: keyof typeof OPTIONS): string | undefined => {
    const value = v[name] ?? ("default" in OPTIONS[name] ? (OPTIONS[name] as { default: string }).default : undefined);
    return typeof value === "string" ? value : undefined;
  };
  const vocabulary = text("status-vocabulary")!;
  if (!(STATUS_VOCABULARIES as readonly string[]).includes(vocabulary)) {
    throw new Error(`--status-vocabulary must be one of ${STATUS_VOCABULARIES.join(", ")} (got "${vocabulary}")`);
  }
  const httpPort = text("http-port");
  return {
    port: intOption("port", text("port")!, 0, 65535),
    host: text("host")!,
    dataDir: text("data-dir"),
    account: text("account")!,
    username: text("username")!,
    password: text("password")!,
    connectDelayMs: intOption("connect-delay-ms", text("connect-delay-ms")!, 0, 600_000),
    tls: v.tls === true ? true : undefined,
    tlsCert: text("tls-cert"),
    tlsKey: text("tls-key"),
    caOut: text("ca-out"),
    httpPort: httpPort === undefined ? undefined : intOption("http-port", httpPort, 0, 65535),
    statusVocabulary: vocabulary as StatusVocabulary,
  };
}

function tlsOption(opts: EmulatorCommandOptions) {
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new Error("--tls-cert and --tls-key go together");
  if (opts.tlsCert && opts.tlsKey) return { cert: readFileSync(opts.tlsCert, "utf8"), key: readFileSync(opts.tlsKey, "utf8") };
  if (opts.caOut || opts.httpPort !== undefined) {
    if (!opts.tls) throw new Error("--ca-out and --http-port need --tls (or --tls-cert/--tls-key)");
  }
  return opts.tls ? true : undefined;
}

/** Runs the emulator with these command-line arguments until SIGINT/SIGTERM. */
export async function runEmulatorCommand(args: string[]): Promise<void> {
  const opts = parseEmulatorArgs(args);
  if (!opts) {
    process.stdout.write(EMULATOR_USAGE + "\n");
    return;
  }
  const tls = tlsOption(opts);
  // Handlers first: a signal that arrives while starting still stops the emulator cleanly.
  let requestStop = () => {};
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  process.on("SIGINT", requestStop);
  process.on("SIGTERM", requestStop);
  const emu = await startEmulator({
    port: opts.port,
    host: opts.host,
    dataDir: opts.dataDir,
    accountId: opts.account,
    username: opts.username,
    password: opts.password,
    connectDelayMs: opts.connectDelayMs,
    tls,
    httpPort: opts.httpPort,
    statusVocabulary: opts.statusVocabulary,
  });
  if (opts.caOut && emu.caCert) writeFileSync(opts.caOut, emu.caCert);
  // Printed on purpose: this is a local test double and these are its published test credentials.
  const c = emu.credentials;
  const lines = [
    `LiveEngage emulator listening on ${emu.url}`,
    `  state:        ${opts.dataDir ? `durable in ${opts.dataDir}` : "in memory"}`,
    `  account:      ${emu.accountId}`,
    `  admin:        ${c.username} / ${c.password}`,
    `  no-prod user: ${c.noProd.username} / ${c.noProd.password}`,
    `  OAuth client: ${c.oauthClient.clientId} / ${c.oauthClient.clientSecret}`,
    `  demo bot:     ${emu.demoBotId}`,
    `  stack config: liveengage:csdsDomain=${tls ? emu.url : emu.host} liveengage:accountId=${emu.accountId}` +
      (opts.caOut ? ` liveengage:caCert=${opts.caOut}` : ""),
    ...(emu.httpUrl ? [`  plain http:   ${emu.httpUrl}`] : []),
    ...(opts.statusVocabulary !== "seed" ? [`  status words: ${opts.statusVocabulary}`] : []),
  ];
  process.stdout.write(lines.join("\n") + "\n");
  await stopRequested;
  process.off("SIGINT", requestStop);
  process.off("SIGTERM", requestStop);
  await emu.close();
  process.stdout.write("LiveEngage emulator stopped\n");
}
