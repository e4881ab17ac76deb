#!/usr/bin/env node
/**
 * Issue #19 benchmark: how to split a large fleet. The same 50 bots as ONE stack, or as 10 stacks
 * of 5 bots run in parallel (what parallel pipelines do), on the file backend and on a PostgreSQL
 * 15 server (Pulumi's DIY `postgres://` backend), with the real CLI against one emulator account.
 * Per layout, backend and operation: wall time of the whole batch, the engine's share (the same
 * graph of no-op resources, same layout, same backend: see bench/run.js's FLOOR_PROGRAM) and the
 * API calls (with 409 revision conflicts and 429s). See bench/README.md, "Fleets".
 *
 *   npm run bench:fleet
 *   node bench/fleet.js --bots 50 --stacks 10 --backends file,postgres --ops up,preview,rollout,destroy
 *   node bench/fleet.js --bots 50 --stacks 10 --backends postgres --layouts parallel   # one layout only
 *   node bench/fleet.js --table bench/results/fleet-partial.json   # the README table from a results file
 *
 * Needs the built package, the Pulumi CLI and PostgreSQL 15 (apt-get install -y postgresql-15);
 * the server is started by the benchmark on loopback (test/helpers/postgres.ts) and removed after.
 */
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { randomBytes } = require("node:crypto");
const bench = require("./run");
const { writeReadmeTable } = require("./table");

// The PostgreSQL harness is the tests' own (TypeScript), loaded through the tests' transpile hook.
require(path.join(bench.ROOT, "test", "helpers", "ts-register.js"));
const { startPostgres } = require(path.join(bench.ROOT, "test", "helpers", "postgres.ts"));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}
const BOTS = Number(arg("bots", "50"));
const STACKS = Number(arg("stacks", "10"));
const BACKENDS = arg("backends", "file,postgres").split(",");
const OPS = arg("ops", "up,preview,rollout,destroy").split(",");
if (BOTS % STACKS !== 0) throw new Error(`--bots ${BOTS} must split evenly into --stacks ${STACKS}`);
const ALL_LAYOUTS = {
  one: { name: `1 stack × ${BOTS} bots`, stacks: 1, botsPerStack: BOTS },
  parallel: { name: `${STACKS} stacks × ${BOTS / STACKS} bots, in parallel`, stacks: STACKS, botsPerStack: BOTS / STACKS },
};
/** `--layouts parallel` re-measures one layout only (say, after a failed run); default both. */
const LAYOUTS = arg("layouts", "one,parallel")
  .split(",")
  .map((name) => {
    if (!(name in ALL_LAYOUTS)) throw new Error(`--layouts takes one, parallel or both (comma separated), not "${name}"`);
    return ALL_LAYOUTS[name];
  });
const COMMANDS = {
  up: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  rollout: ["up", "--yes", "--skip-preview"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};
/** Results file prefix, so two runs (say, one per backend at the same time) do not overwrite each other. */
const NAME = arg("name", "fleet");
const START = "<!-- bench:fleet:start -->";
const END = "<!-- bench:fleet:end -->";

// ---- stacks --------------------------------------------------------------------------------------

/**
 * One stack of a layout: a program folder, `stack init`, and plain config appended to the stack
 * file that init wrote (it holds the passphrase salt). Credentials come from LP_* in the
 * environment, as in a pipeline, so no `config set` runs are needed.
 */
async function createStack(kind, index, firstBot, bots, env) {
  const id = `fleet-${kind}-${randomBytes(3).toString("hex")}`;
  const dir = path.join(bench.BENCH_HOME, id);
  const project = `bench-fleet-${kind}`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\nmain: index.js\n`);
  fs.writeFileSync(path.join(dir, "index.js"), kind === "floor" ? bench.FLOOR_PROGRAM : bench.LIVEENGAGE_PROGRAM);
  await bench.pulumi(["stack", "init", id], dir, { env });
  const stackFile = path.join(dir, `Pulumi.${id}.yaml`);
  const base = fs.existsSync(stackFile) ? fs.readFileSync(stackFile, "utf8") : "";
  const setConfig = (messageDelay) => {
    const config = { bots, firstBot, messageDelay, prefix: `${id.slice(-6)}s${index}` };
    const lines = Object.entries(config).map(([k, v]) => `  ${project}:${k}: "${v}"`);
    fs.writeFileSync(stackFile, `${base.trimEnd()}\nconfig:\n${lines.join("\n")}\n`);
  };
  setConfig(300);
  return { id, dir, setConfig };
}

async function removeStack(s, env) {
  await bench.pulumi(["stack", "rm", "--yes", "--force", s.id], s.dir, { allowFailure: true, env });
  fs.rmSync(s.dir, { recursive: true, force: true });
}

/** Runs one operation on every stack of the layout at once; the batch's wall time is the result. */
async function batch(stacks, op, env, emulator) {
  if (emulator) {
    await emulator.admin("DELETE", "/counters");
    await emulator.admin("DELETE", "/requests");
  }
  const started = process.hrtime.bigint();
  const runs = await Promise.all(
    stacks.map(async (s) => {
      const t0 = process.hrtime.bigint();
      const r = await bench.pulumi(COMMANDS[op], s.dir, { allowFailure: true, env });
      return {
        wallMs: Number((process.hrtime.bigint() - t0) / 1_000_000n),
        code: r.code,
        tail: r.code ? `${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}` : undefined,
      };
    }),
  );
  const wallMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const out = { op, wallMs, perStackMs: runs.map((r) => r.wallMs) };
  const failed = runs.filter((r) => r.code !== 0);
  if (failed.length) out.error = failed.map((r) => r.tail).join("\n---\n");
  if (emulator) {
    out.calls = bench.classify(await emulator.admin("GET", "/counters"));
    const log = await emulator.admin("GET", "/requests");
    out.calls.revisionConflicts409 = log.filter((e) => e.status === 409).length;
    out.calls.rateLimited429 = log.filter((e) => e.status === 429).length;
  }
  return out;
}

async function runLayout(kind, layout, env, emulator) {
  const stacks = [];
  try {
    for (let k = 0; k < layout.stacks; k++)
      stacks.push(await createStack(kind, k + 1, 1 + k * layout.botsPerStack, layout.botsPerStack, env));
    const ops = [];
    for (const op of OPS) {
      if (op === "rollout") for (const s of stacks) s.setConfig(450);
      const r = await batch(stacks, op, env, emulator);
      ops.push(r);
      bench.log(
        `  ${kind} ${op}: ${(r.wallMs / 1000).toFixed(1)} s${r.calls ? ` ${r.calls.writes}w/${r.calls.reads}r/${r.calls.session}s, 409×${r.calls.revisionConflicts409}, 429×${r.calls.rateLimited429}` : ""}${r.error ? " FAILED" : ""}`,
      );
      if (r.error) bench.log(r.error.slice(0, 3000));
    }
    if (ops.some((o) => o.error) && OPS.includes("destroy"))
      await Promise.all(stacks.map((s) => bench.pulumi(COMMANDS.destroy, s.dir, { allowFailure: true, env })));
    return ops;
  } finally {
    for (const s of stacks) await removeStack(s, env);
  }
}

// ---- report --------------------------------------------------------------------------------------

function renderTable(result) {
  const e = result.environment;
  const lines = [
    `Run ${result.startedAt} → ${result.finishedAt ?? "(interrupted: the layouts finished so far)"}; Pulumi ${e.pulumi}, Node ${e.node}, PostgreSQL ${e.postgres ?? "–"}, ${e.cpus} CPUs ` +
      `(shared with other work: load average ${e.loadAverageAtStart.map((l) => l.toFixed(1)).join("/")} at start` +
      `${e.loadAverageAtEnd ? `, ${e.loadAverageAtEnd.map((l) => l.toFixed(1)).join("/")} at the end` : ""}), ` +
      `${e.bots} bots × ${e.agentsPerBot} agents (${e.bots * e.objectsPerBot} objects), emulator connect delay ${e.connectDelayMs} ms, one run each.`,
    "",
    "| Backend | Layout | Operation | Time | Floor | Engine share | Writes | Reads | Session | 409 | 429 | Slowest stack |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const run of result.runs) {
    for (const op of run.liveengage) {
      const f = run.floor.find((o) => o.op === op.op);
      const share = f ? `${Math.round((100 * f.wallMs) / op.wallMs)} %` : "–";
      const c = op.calls;
      lines.push(
        `| ${run.backend} | ${run.layout} | ${op.op}${op.error ? " **(failed)**" : ""} | ${(op.wallMs / 1000).toFixed(1)} s | ` +
          `${f ? `${(f.wallMs / 1000).toFixed(1)} s` : "–"} | ${share} | ${c.writes} | ${c.reads} | ${c.session} | ${c.revisionConflicts409} | ${c.rateLimited429} | ` +
          `${(Math.max(...op.perStackMs) / 1000).toFixed(1)} s |`,
      );
    }
  }
  lines.push(
    "",
    "Engine share = the floor's time (the same graph of no-op resources, same layout and backend) ÷ the time; " +
      "the rest is the provider's work and waiting for the API. Time = the whole batch, start to the last stack's exit.",
  );
  return lines.join("\n");
}

async function main() {
  // --reuse-snapshot: a second run started beside a first one keeps the package copy the first made.
  if (!process.argv.includes("--reuse-snapshot")) bench.snapshotPackage();
  const pulumiVersion = (await bench.pulumi(["version"], bench.ROOT)).stdout.trim();
  const { emu, admin } = await bench.startBenchEmulator();
  const emulator = { admin };
  const lpEnv = {
    LP_ACCOUNT_ID: emu.accountId,
    LP_CSDS_DOMAIN: emu.host,
    LP_USERNAME: emu.credentials.username,
    LP_PASSWORD: emu.credentials.password,
  };
  const startedAt = new Date();
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    environment: {
      pulumi: pulumiVersion,
      node: process.version,
      postgres: null,
      cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtStart: os.loadavg(),
      loadAverageAtEnd: null,
      bots: BOTS,
      agentsPerBot: bench.AGENTS_PER_BOT,
      objectsPerBot: bench.OBJECTS_PER_BOT,
      connectDelayMs: bench.CONNECT_DELAY_MS,
      commands: Object.fromEntries(OPS.map((op) => [op, `pulumi ${COMMANDS[op].join(" ")}`])),
    },
    runs: [],
  };
  const save = (file) => {
    fs.mkdirSync(bench.RESULTS, { recursive: true });
    fs.writeFileSync(path.join(bench.RESULTS, file), JSON.stringify(result, null, 2) + "\n");
  };
  bench.log(`emulator ${emu.url}; ${BOTS} bots as 1 stack and as ${STACKS} stacks; backends ${BACKENDS.join(", ")}; ops ${OPS.join(", ")}`);
  try {
    for (const backend of BACKENDS) {
      let pg;
      let env;
      if (backend === "postgres") {
        pg = await startPostgres();
        result.environment.postgres = (await pg.sql("SHOW server_version")).trim();
        env = { ...lpEnv, ...pg.clientEnv, PULUMI_BACKEND_URL_OVERRIDE: pg.url };
      } else if (backend === "file") {
        const dir = path.join(bench.BENCH_HOME, "fleet-file-state");
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        env = { ...lpEnv, PULUMI_BACKEND_URL_OVERRIDE: `file://${dir}` };
      } else {
        throw new Error(`unknown backend ${backend} (file, postgres)`);
      }
      try {
        // The first use of a backend initialises it (PostgreSQL: the table); not part of any timing.
        await bench.pulumi(["stack", "ls"], bench.ROOT, { env });
        for (const layout of LAYOUTS) {
          bench.log(`${backend}: ${layout.name}`);
          const floor = await runLayout("floor", layout, env);
          const liveengage = await runLayout("le", layout, env, emulator);
          result.runs.push({ backend, layout: layout.name, stacks: layout.stacks, botsPerStack: layout.botsPerStack, floor, liveengage });
          save(`${NAME}-partial.json`);
        }
      } finally {
        await pg?.stop();
      }
    }
  } finally {
    await emu.close();
  }
  result.finishedAt = new Date().toISOString();
  result.environment.loadAverageAtEnd = os.loadavg();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  save(`${NAME}-${stamp}.json`);
  save(`${NAME}-latest.json`);
  fs.rmSync(path.join(bench.RESULTS, `${NAME}-partial.json`), { force: true });
  const table = renderTable(result);
  writeReadmeTable(path.join(__dirname, "README.md"), table, START, END);
  process.stdout.write(`\n${table}\n`);
  bench.log(`wrote bench/results/${NAME}-${stamp}.json, ${NAME}-latest.json and the table in bench/README.md`);
  if (result.runs.some((r) => [...r.floor, ...r.liveengage].some((o) => o.error))) process.exitCode = 1;
}

/**
 * `node bench/fleet.js --table a.json[,b.json]`: re-renders bench/README.md's table from results
 * files (several: their runs together, e.g. one run per backend made at the same time).
 */
function tableOnly() {
  const files = arg("table", path.join(bench.RESULTS, "fleet-latest.json"))
    .split(",")
    .map((f) => path.resolve(f));
  const results = files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const merged = results.reduce((a, b) => ({
    ...a,
    startedAt: a.startedAt < b.startedAt ? a.startedAt : b.startedAt,
    finishedAt: a.finishedAt && b.finishedAt ? (a.finishedAt > b.finishedAt ? a.finishedAt : b.finishedAt) : null,
    environment: { ...a.environment, postgres: a.environment.postgres ?? b.environment.postgres },
    runs: [...a.runs, ...b.runs],
  }));
  const table = renderTable(merged);
  writeReadmeTable(path.join(__dirname, "README.md"), table, START, END);
  process.stdout.write(`${table}\n`);
}

module.exports = { renderTable };

if (require.main === module) {
  // Ctrl-C or a timeout: exit through process.exit, so the PostgreSQL harness's exit hook stops its server.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));
  (process.argv.includes("--table") ? Promise.resolve().then(tableOnly) : main()).catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
