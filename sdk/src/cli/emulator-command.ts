// `liveengage emulator`: runs the local LiveEngage emulator until SIGINT/SIGTERM.
import { readFileSync, writeFileSync } from "fs";
import { Option, type Command } from "commander";
import { startEmulator } from "../emulator";
import { STATUS_VOCABULARIES, type StatusVocabulary } from "../model/connectorStatus";

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
}

function tlsOption(opts: EmulatorCommandOptions) {
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new Error("--tls-cert and --tls-key go together");
  if (opts.tlsCert && opts.tlsKey) return { cert: readFileSync(opts.tlsCert, "utf8"), key: readFileSync(opts.tlsKey, "utf8") };
  if (opts.caOut || opts.httpPort !== undefined) {
    if (!opts.tls) throw new Error("--ca-out and --http-port need --tls (or --tls-cert/--tls-key)");
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

export function registerEmulatorCommand(program: Command): void {
  program
    .command("emulator")
    .description("run a local LiveEngage (LivePerson) emulator")
    .option("--port <port>", "TCP port (0 = any free port)", intOption("port", 0, 65535), 4510)
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--data-dir <dir>", "directory for durable state (omit to keep state in memory)")
    .option("--account <id>", "primary account id", "12345678")
    .option("--username <name>", "login name of the seeded administrator", "admin")
    .option("--password <password>", "password of the seeded administrator", "admin-password")
    .option("--connect-delay-ms <ms>", "how long a started connector takes to connect", intOption("connect-delay-ms", 0, 600_000), 1000)
    .option("--tls", "serve https with a generated self-signed certificate (as LivePerson serves https)")
    .option("--tls-cert <file>", "serve https with this PEM certificate (with --tls-key)")
    .option("--tls-key <file>", "PEM private key of --tls-cert")
    .option("--ca-out <file>", "with --tls: write the certificate clients must trust to this file (liveengage:caCert / NODE_EXTRA_CA_CERTS)")
    .option("--http-port <port>", "with --tls: also serve plain http on this port (0 = any free port)", intOption("http-port", 0, 65535))
    .addOption(new Option("--status-vocabulary <name>", "connector status words to answer in").choices(STATUS_VOCABULARIES).default("seed"))
    .action(async (opts: EmulatorCommandOptions) => {
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
    });
}
