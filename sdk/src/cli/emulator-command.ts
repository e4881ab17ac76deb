// `liveengage emulator`: runs the local LiveEngage emulator until SIGINT/SIGTERM.
import { readFileSync, writeFileSync } from "fs";
import { STATUS_VOCABULARIES, type StatusVocabulary } from "../model/connectorStatus";
import { UsageError, type CommandSpec } from "./command";
import { EMULATOR_PACKAGE, loadEmulator } from "./emulator-package";

interface EmulatorCommandOptions {
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
  json?: boolean;
}

function tlsOption(opts: EmulatorCommandOptions) {
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new UsageError("--tls-cert and --tls-key go together");
  if (opts.tlsCert && opts.tlsKey) return { cert: readFileSync(opts.tlsCert, "utf8"), key: readFileSync(opts.tlsKey, "utf8") };
  if (opts.caOut || opts.httpPort !== undefined) {
    if (!opts.tls) throw new UsageError("--ca-out and --http-port need --tls (or --tls-cert/--tls-key)");
  }
  return opts.tls ? true : undefined;
}

function intOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer between ${min} and ${max}`);
    return n;
  };
}

export const emulatorCommand: CommandSpec = {
  name: "emulator",
  description: `run a local LiveEngage (LivePerson) emulator (needs the ${EMULATOR_PACKAGE} package)`,
  options: [
    { name: "port", arg: "<port>", description: "TCP port (0 = any free port)", parse: intOption("port", 0, 65535), default: 4510 },
    { name: "host", arg: "<host>", description: "interface to listen on", default: "127.0.0.1" },
    { name: "data-dir", arg: "<dir>", description: "directory for durable state (omit to keep state in memory)" },
    { name: "account", arg: "<id>", description: "primary account id", default: "12345678" },
    { name: "username", arg: "<name>", description: "login name of the seeded administrator", default: "admin" },
    { name: "password", arg: "<password>", description: "password of the seeded administrator", default: "admin-password" },
    {
      name: "connect-delay-ms",
      arg: "<ms>",
      description: "how long a started connector takes to connect",
      parse: intOption("connect-delay-ms", 0, 600_000),
      default: 1000,
    },
    { name: "tls", description: "serve https with a generated self-signed certificate (as LivePerson serves https)" },
    { name: "tls-cert", arg: "<file>", description: "serve https with this PEM certificate (with --tls-key)" },
    { name: "tls-key", arg: "<file>", description: "PEM private key of --tls-cert" },
    {
      name: "ca-out",
      arg: "<file>",
      description: "with --tls: write the certificate clients must trust to this file (liveengage:caCert / NODE_EXTRA_CA_CERTS)",
    },
    {
      name: "http-port",
      arg: "<port>",
      description: "with --tls: also serve plain http on this port (0 = any free port)",
      parse: intOption("http-port", 0, 65535),
    },
    {
      name: "status-vocabulary",
      arg: "<name>",
      description: "connector status words to answer in",
      choices: STATUS_VOCABULARIES,
      default: "seed",
    },
    { name: "json", description: "print the listening address and credentials as one JSON line" },
  ],
  async run(opts: EmulatorCommandOptions) {
    const tls = tlsOption(opts);
    const { startEmulator } = loadEmulator();
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
    const summary = {
      url: emu.url,
      accountId: emu.accountId,
      csdsDomain: tls ? emu.url : emu.host,
      demoBotId: emu.demoBotId,
      state: opts.dataDir ?? null,
      credentials: c,
      ...(emu.httpUrl ? { httpUrl: emu.httpUrl } : {}),
      ...(opts.caOut ? { caCert: opts.caOut } : {}),
    };
    process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : lines.join("\n") + "\n");
    await stopRequested;
    process.off("SIGINT", requestStop);
    process.off("SIGTERM", requestStop);
    await emu.close();
    if (!opts.json) process.stdout.write("LiveEngage emulator stopped\n");
  },
};
