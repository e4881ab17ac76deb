/**
 * The emulator as a separate process (so a test can SIGKILL it): `liveengage emulator` run from the
 * TypeScript sources through a tiny transpile-on-require hook, with its durable state in `dataDir`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const REGISTER = path.join(ROOT, "test", "helpers", "ts-register.js");
// `liveengage emulator` from source with only that command loaded (quick to start under ts-register);
// it loads the emulator package (packages/emulator, built by scripts/ensure-setup.sh).
const CLI = path.join(ROOT, "sdk", "src", "cli");
const MAIN = [
  "-e",
  `const { runCli } = require(${JSON.stringify(path.join(CLI, "run.ts"))});` +
    `const { emulatorCommand } = require(${JSON.stringify(path.join(CLI, "emulator-command.ts"))});` +
    `runCli(process.argv.slice(1), [emulatorCommand], "liveengage").then((code) => process.exit(code));`,
  "--",
];

export interface EmulatorChild {
  proc: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything it printed so far. */
  output: () => string;
}

/** Starts `liveengage emulator` on `port` (0 = any free one); resolves once it prints its URL and stack config. */
export function spawnEmulator(dataDir: string, opts: { port?: number; startTimeoutMs?: number } = {}): Promise<EmulatorChild> {
  const args = ["-r", REGISTER, ...MAIN, "emulator", "--port", String(opts.port ?? 0), "--data-dir", dataDir, "--connect-delay-ms", "50"];
  const proc = spawn(process.execPath, args, { cwd: ROOT });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${out}`)), opts.startTimeoutMs ?? 90_000);
    proc.stderr.on("data", (d) => (out += d));
    proc.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes("stack config:")) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], output: () => out });
      }
    });
    proc.on("exit", (code) => reject(new Error(`emulator exited (${code}):\n${out}`)));
  });
}
