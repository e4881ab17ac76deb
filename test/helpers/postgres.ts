/**
 * A real PostgreSQL server for tests (Debian's postgresql-15): a throw-away cluster in a temp
 * directory, listening on loopback on a free port, password-authenticated (SCRAM), torn down by
 * `stop()` — and, should the test process die first, by an exit hook. Pulumi's DIY backend then
 * reaches it with a `postgres://` URL, exactly as a team's pipelines reach theirs.
 *
 * PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user
 * (created by the Debian package) through `runuser`; any other user runs it directly.
 */
import { execFile, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import { freePort } from "./free-port";

/** Where Debian installs the server binaries; LIVEENGAGE_PG_BIN points elsewhere. */
export const PG_BIN = process.env.LIVEENGAGE_PG_BIN ?? "/usr/lib/postgresql/15/bin";
const INSTALL_HINT = "apt-get update && apt-get install -y postgresql-15";

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /**
   * `postgres://user@127.0.0.1:port/database?sslmode=disable` (loopback: no TLS). The password is
   * not in it: clients take it from PGPASSWORD (see `clientEnv`), so no log line can carry it.
   */
  url: string;
  /** PGPASSWORD for any libpq-compatible client (psql, Pulumi's backend). */
  clientEnv: { PGPASSWORD: string };
  /** Runs SQL through psql; resolves to its unaligned, tuples-only output. */
  sql(statement: string): Promise<string>;
  /** Stops the server and removes its directory (idempotent). */
  stop(): Promise<void>;
}

function missingReason(): string | undefined {
  for (const bin of ["initdb", "pg_ctl", "psql"]) {
    if (!existsSync(path.join(PG_BIN, bin))) return `PostgreSQL 15 is missing (${path.join(PG_BIN, bin)}); install it: ${INSTALL_HINT}`;
  }
  if (process.getuid?.() === 0 && systemUid("postgres") === undefined) {
    return "running as root and there is no `postgres` system user to run the server as (the Debian package creates it)";
  }
  return undefined;
}

/**
 * Like describeWithCli: without PostgreSQL a local run skips with the printed reason; under
 * CI=true it fails, so CI never goes green without the real server.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  const reason = missingReason();
  if (!reason) {
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("has PostgreSQL", () => {
        throw new Error(`CI=true and ${reason}`);
      });
    });
  } else {
    console.warn(`SKIPPED "${name}": ${reason}`);
    describe.skip(name, body);
  }
}

function systemUid(user: string): { uid: number; gid: number } | undefined {
  const r = spawnSync("id", ["-u", user], { encoding: "utf8" });
  const g = spawnSync("id", ["-g", user], { encoding: "utf8" });
  if (r.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Starts a fresh cluster with one database; throws with the server log when it cannot. */
export async function startPostgres(opts: { database?: string } = {}): Promise<PostgresServer> {
  const reason = missingReason();
  if (reason) throw new Error(reason);
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUid("postgres") : undefined;
  // As root, the server binaries run as `postgres`; the client (psql, Pulumi) stays as we are.
  const serverCmd = (bin: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", path.join(PG_BIN, bin), ...args]] : [path.join(PG_BIN, bin), args];

  const dir = mkdtempSync(path.join(os.tmpdir(), "le-pg-"));
  const data = path.join(dir, "data");
  const socketDir = path.join(dir, "sock");
  const logFile = path.join(dir, "server.log");
  const pwFile = path.join(dir, "pw");
  const user = "pulumi";
  const password = randomBytes(12).toString("hex");
  const database = opts.database ?? "pulumi";
  mkdirSync(socketDir);
  writeFileSync(pwFile, password, { mode: 0o600 });
  if (owner) for (const p of [dir, socketDir, pwFile]) chownSync(p, owner.uid, owner.gid);
  chmodSync(dir, 0o700);

  const pgCtl = (args: string[]) => {
    const [file, a] = serverCmd("pg_ctl", ["-D", data, ...args]);
    return run(file, a);
  };
  let port = 0;
  let running = false;
  const onExit = () => {
    if (!running) return;
    const [file, a] = serverCmd("pg_ctl", ["-D", data, "stop", "-m", "immediate"]);
    spawnSync(file, a);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const [initFile, initArgs] = serverCmd("initdb", [
      "-D",
      data,
      "-U",
      user,
      `--pwfile=${pwFile}`,
      "--auth=scram-sha-256",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    await run(initFile, initArgs);
    // The port is free when asked; another process may take it before the server binds: retry.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await pgCtl(["start", "-w", "-t", "60", "-l", logFile, "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${socketDir}`]);
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    running = true;
    process.once("exit", onExit);
  } catch (e) {
    const log = existsSync(logFile) ? spawnSync("tail", ["-n", "30", logFile], { encoding: "utf8" }).stdout : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${(e as Error).message}\n--- server log\n${log}`);
  }

  const host = "127.0.0.1";
  const psql = (db: string, statement: string) =>
    run(
      path.join(PG_BIN, "psql"),
      ["-h", host, "-p", String(port), "-U", user, "-d", db, "-v", "ON_ERROR_STOP=1", "-At", "-c", statement],
      {
        PGPASSWORD: password,
        PGCONNECT_TIMEOUT: "10",
      },
    );
  await psql("postgres", `CREATE DATABASE ${database}`);

  return {
    host,
    port,
    user,
    password,
    database,
    url: `postgres://${user}@${host}:${port}/${database}?sslmode=disable`,
    clientEnv: { PGPASSWORD: password },
    sql: (statement) => psql(database, statement),
    async stop() {
      if (!running) return;
      running = false;
      process.removeListener("exit", onExit);
      try {
        await pgCtl(["stop", "-m", "fast", "-w", "-t", "30"]);
      } catch {
        const [file, a] = serverCmd("pg_ctl", ["-D", data, "stop", "-m", "immediate"]);
        spawnSync(file, a);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
