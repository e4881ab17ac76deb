#!/usr/bin/env node
/**
 * Issue #7 benchmark: what pulumi-liveengage adds on top of the Pulumi engine, and which API calls
 * it makes, for fleets of bots. See bench/README.md for what is measured and how to read it.
 *
 *   npm run bench                                  # all scales (1, 10, 50 bots), 0 and 50 ms latency
 *   node bench/run.js --scales 1,10 --latencies 0  # a subset
 *
 * Needs the built package (`npm run build && node scripts/link-self.js`, which `npm run bench` does)
 * and the Pulumi CLI (scripts/install-pulumi.sh). Plain JavaScript on purpose: it drives the real
 * CLI through scripts/pulumi, like test/helpers/pulumi-cli.ts, and the emulator from the packed dist.
 */
"use strict";
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { randomBytes } = require("node:crypto");
const { classify } = require("./calls");

const ROOT = path.resolve(__dirname, "..");
const PULUMI = path.join(ROOT, "scripts", "pulumi");
const CLI_BIN = path.join(ROOT, ".pulumi", "bin", "pulumi");
const PACKED = path.join(ROOT, "node_modules", "pulumi-liveengage");
// Programs live here; the package is snapshotted into BENCH_HOME/node_modules so a concurrent
// `link-self` (other work on this checkout) cannot swap the package under a running benchmark.
// `require("pulumi-liveengage")` from a program resolves to the snapshot, and its own dependencies
// (@pulumi/pulumi, zod, undici) to the project's node_modules, exactly as for the e2e tests.
const BENCH_HOME = path.join(ROOT, ".pulumi", "bench");
const RESULTS = path.join(__dirname, "results");

const CONNECT_DELAY_MS = 20;
const AGENTS_PER_BOT = 3;
/** Objects per bot: skill, campaign, engagement, 3 bot agents, 3 connectors. */
const OBJECTS_PER_BOT = 3 + 2 * AGENTS_PER_BOT;
const MAX_BOTS = 50;

// ---- arguments -----------------------------------------------------------------------------------

function argList(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  return process.argv[i + 1].split(",").map(Number);
}
const SCALES = argList("scales", [1, 10, 50]);
const LATENCIES = argList("latencies", [0, 50]);
/** Scales up to REPEAT_MAX_BOTS run REPEAT times (times are medians); larger ones once. */
const REPEAT = argList("repeat", [3])[0];
const REPEAT_MAX_BOTS = argList("repeat-max-bots", [10])[0];
const MERGE = (() => {
  const i = process.argv.indexOf("--merge");
  return i < 0 ? undefined : path.resolve(process.argv[i + 1]);
})();

// ---- small helpers -------------------------------------------------------------------------------

function log(msg) {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function pulumi(args, cwd, { allowFailure = false, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      PULUMI,
      [...args, "--non-interactive"],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        if (code !== 0 && !allowFailure)
          reject(
            new Error(`pulumi ${args.join(" ")} exited ${code}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`),
          );
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Peak resident memory of the dynamic provider processes of one program folder: every 100 ms, the
 * processes running @pulumi/pulumi/cmd/dynamic-provider whose cwd is that folder (the engine starts
 * the provider there), with their VmHWM (the kernel's own peak RSS, so nothing between samples is lost).
 */
class ProviderMemorySampler {
  constructor(dir) {
    this.dir = dir;
    this.peakKb = 0;
    this.pids = new Set();
    this.timer = setInterval(() => this.sample(), 100);
  }
  sample() {
    let entries;
    try {
      entries = fs.readdirSync("/proc");
    } catch {
      return;
    }
    for (const pid of entries) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmd.includes("dynamic-provider")) continue;
        if (fs.readlinkSync(`/proc/${pid}/cwd`) !== this.dir) continue;
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        this.pids.add(pid);
        if (hwm > this.peakKb) this.peakKb = hwm;
      } catch {
        // The process ended between listing and reading.
      }
    }
  }
  stop() {
    this.sample();
    clearInterval(this.timer);
    return { peakRssMb: this.peakKb ? Math.round(this.peakKb / 102.4) / 10 : null, providerProcesses: this.pids.size };
  }
}

// ---- emulator ------------------------------------------------------------------------------------

/** An emulator in this process with `bots` bench bots seeded (`bench-bot-1` …), and its admin API. */
async function startBenchEmulator(connectDelayMs = CONNECT_DELAY_MS, bots = MAX_BOTS) {
  // The emulator package (packages/emulator, built by scripts/ensure-setup.sh), as users run it.
  const { startEmulator } = require(require.resolve("pulumi-liveengage-emulator", { paths: [ROOT] }));
  const emu = await startEmulator({ port: 0, connectDelayMs });
  const admin = async (method, p, body) => {
    const res = await fetch(`${emu.url}/_emulator${p}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`admin ${method} ${p}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const seeded = Array.from({ length: bots }, (_, i) => ({ id: `bench-bot-${i + 1}`, name: `Bench bot ${i + 1}` }));
  await admin("POST", "/seed", { accounts: [{ accountId: emu.accountId, bots: seeded }] });
  return { emu, admin };
}

// ---- programs ------------------------------------------------------------------------------------

const LIVEENGAGE_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const bots = config.requireNumber("bots");
const first = config.getNumber("firstBot") ?? 1;
const prefix = config.require("prefix");
const messageDelay = config.requireNumber("messageDelay");
for (let i = first; i < first + bots; i++) {
  new le.BotDeployment("bot-" + i, {
    botId: "bench-bot-" + i,
    conversationType: "messaging",
    agents: {
      count: ${AGENTS_PER_BOT},
      loginNamePrefix: prefix + "-b" + i,
      email: "bench" + i + "@example.com",
      credentials: { password: (n) => pulumi.secret("bench-password-" + i + "-" + n) },
    },
    skill: { name: prefix + "-skill-" + i },
    routing: { campaignName: prefix + "-campaign-" + i, engagementName: prefix + "-engagement-" + i },
    flags: { messageDelay },
    connectTimeoutSeconds: 60,
  });
}
`;

/**
 * The engine's floor: the same resources as no-op dynamic resources, in the same graph (one
 * component per bot; engagement after campaign and skill; agents after the skill; connectors after
 * their agent — since issue #18 not after the previous connector: the rolling rollout takes turns in
 * the provider, not through dependsOn). The "flag change" updates every connector in place (the
 * real one replaces them).
 */
const FLOOR_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
// Noop is not public: the package exports its module for this floor only (package.json "exports").
const le = require("pulumi-liveengage/dist/testing/noop.js");
const config = new pulumi.Config();
const bots = config.requireNumber("bots");
const first = config.getNumber("firstBot") ?? 1;
const messageDelay = config.requireNumber("messageDelay");
class Group extends pulumi.ComponentResource {
  constructor(name) { super("bench:index:Group", name, {}, {}); this.registerOutputs({}); }
}
for (let i = first; i < first + bots; i++) {
  const parent = new Group("bot-" + i);
  const o = { parent };
  const skill = new le.Noop("bot-" + i + "-skill", { value: "skill-" + i }, o);
  const campaign = new le.Noop("bot-" + i + "-campaign", { value: "campaign-" + i }, o);
  new le.Noop("bot-" + i + "-engagement", { value: pulumi.interpolate\`\${campaign.value}/\${skill.value}\` }, o);
  for (let n = 1; n <= ${AGENTS_PER_BOT}; n++) {
    const agent = new le.Noop("bot-" + i + "-agent-" + n, { value: pulumi.interpolate\`\${skill.value}/agent-\${n}\` }, o);
    new le.Noop("bot-" + i + "-connector-" + n, { value: pulumi.interpolate\`\${agent.value}/\${messageDelay}\` }, o);
  }
}
`;

async function createProgram(kind, bots, snapshotOk) {
  if (!snapshotOk) throw new Error("package snapshot missing");
  const id = `${kind}-${bots}-${randomBytes(3).toString("hex")}`;
  const dir = path.join(BENCH_HOME, id);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: bench-${kind}\nruntime: nodejs\nmain: index.js\n`);
  fs.writeFileSync(path.join(dir, "index.js"), kind === "floor" ? FLOOR_PROGRAM : LIVEENGAGE_PROGRAM);
  await pulumi(["stack", "init", id], dir);
  const set = (k, v, secret = false) => pulumi(["config", "set", k, String(v), secret ? "--secret" : "--plaintext"], dir);
  return { id, dir, set };
}

async function disposeProgram(p) {
  await pulumi(["stack", "rm", "--yes", "--force", p.id], p.dir, { allowFailure: true });
  fs.rmSync(p.dir, { recursive: true, force: true });
}

/** Runs one operation, timing it and sampling the provider's memory (and counting API calls). */
async function measure(p, op, args, emulator) {
  if (emulator) await emulator.admin("DELETE", "/counters");
  const sampler = new ProviderMemorySampler(p.dir);
  const started = process.hrtime.bigint();
  let error;
  try {
    await pulumi(args, p.dir);
  } catch (e) {
    error = e.message;
  }
  const wallMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const mem = sampler.stop();
  const calls = emulator ? classify(await emulator.admin("GET", "/counters")) : undefined;
  return { op, wallMs, ...mem, ...(calls ? { calls } : {}), ...(error ? { error } : {}) };
}

async function stateSize(p) {
  const r = await pulumi(["stack", "export"], p.dir);
  const resources = JSON.parse(r.stdout).deployment.resources ?? [];
  const custom = resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:"));
  return { bytes: Buffer.byteLength(r.stdout), resources: resources.length, customResources: custom.length };
}

/** The five operations, in order. `change` applies the flag change before the rollout. */
async function runOps(p, change, emulator) {
  const ops = [];
  ops.push(await measure(p, "up", ["up", "--yes", "--skip-preview"], emulator));
  const state = await stateSize(p);
  ops.push(await measure(p, "preview", ["preview", "--expect-no-changes"], emulator));
  ops.push(await measure(p, "refresh", ["refresh", "--yes", "--skip-preview", "--expect-no-changes"], emulator));
  await change();
  ops.push(await measure(p, "rollout", ["up", "--yes", "--skip-preview"], emulator));
  ops.push(await measure(p, "destroy", ["destroy", "--yes", "--skip-preview"], emulator));
  return { ops, state: { ...state, bytesPerResource: Math.round(state.bytes / state.resources) } };
}

/**
 * The least an implementation could call, per operation (see bench/README.md, "Minimum"). Status
 * polls while waiting for Stopped or Connected are counted apart (`calls.polls`): how many depends
 * on how long LivePerson takes. Reads, each needed for a stated reason:
 *  - per run: the users and skills lists (a login or skill name already taken is refused before
 *    the first write), the profiles (the account check and the role's profile), the goals (a
 *    campaign's default goal);
 *  - per bot: the new campaign's engagements (the engagement's name is free);
 *  - per connector created: the bot's connector listing (an existing connector of that agent is
 *    refused or adopted, never duplicated — a retried create does not add a second one);
 *  - per connector deleted: the same listing (gone means gone: a connector removed by hand is not
 *    stopped again).
 * A no-op preview reads nothing; a refresh reads each object once.
 */
function minimum(bots) {
  const objects = bots * OBJECTS_PER_BOT;
  const connectors = bots * AGENTS_PER_BOT;
  // Listed once per run, each for a refusal preview owes: the users and skills (a taken login or
  // skill name), the campaigns (a taken campaign name), the bots (each declared bot exists), the
  // profiles (the account check, and the role's profile) and the goals (a campaign's default goal).
  const PER_RUN_LISTS = 6;
  return {
    up: { writes: objects + connectors, reads: PER_RUN_LISTS + bots + connectors },
    preview: { writes: 0, reads: 0 },
    refresh: { writes: 0, reads: objects },
    // The account check (a changed connector runs its preflight) and the bots list (the engine
    // checks a replacement a second time as a new resource, without its old inputs, so its bot is
    // looked for as a new connector's would be), then per connector the delete's and the create's
    // listing.
    rollout: { writes: 4 * connectors, reads: 2 + 2 * connectors },
    destroy: { writes: objects + connectors, reads: connectors },
  };
}

/**
 * One run per kind, scale and latency from the repetitions: per operation the median wall time
 * (the machine is shared, so single times are noisy), the highest call counts and peak memory
 * (calls barely vary: status polls), and every repetition's times in `wallMsSamples`.
 */
function aggregate(samples) {
  const groups = new Map();
  for (const s of samples) {
    const key = `${s.kind}|${s.bots}|${s.latencyMs}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(s);
  }
  const median = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : Math.round((v[v.length / 2 - 1] + v[v.length / 2]) / 2);
  };
  return [...groups.values()].map((reps) => {
    const { repetition: _r, ops: _o, state: _s, ...first } = reps[0];
    const ops = reps[0].ops.map((op0, i) => {
      const all = reps.map((r) => r.ops[i]);
      const worst = all.reduce((a, b) => (b.calls && a.calls && b.calls.reads + b.calls.writes > a.calls.reads + a.calls.writes ? b : a));
      const peaks = all.map((o) => o.peakRssMb).filter((x) => x !== null);
      const errors = all.map((o) => o.error).filter(Boolean);
      return {
        op: op0.op,
        wallMs: median(all.map((o) => o.wallMs)),
        wallMsSamples: all.map((o) => o.wallMs),
        peakRssMb: peaks.length ? Math.max(...peaks) : null,
        providerProcesses: op0.providerProcesses,
        ...(worst.calls ? { calls: worst.calls } : {}),
        ...(errors.length ? { error: errors.join("\n---\n") } : {}),
      };
    });
    const state = reps.map((r) => r.state).reduce((a, b) => (b.bytesPerResource > a.bytesPerResource ? b : a));
    return { ...first, repetitions: reps.length, ops, state };
  });
}

/** Checks the prerequisites and snapshots the packed package for the programs (see BENCH_HOME). */
function snapshotPackage() {
  if (!fs.existsSync(CLI_BIN))
    throw new Error(`the Pulumi CLI is missing at ${path.relative(ROOT, CLI_BIN)}; run scripts/install-pulumi.sh`);
  if (!fs.existsSync(path.join(PACKED, "dist", "index.js")))
    throw new Error("node_modules/pulumi-liveengage is missing; run `npx tsc -p tsconfig.json && node scripts/link-self.js`");
  const snapshot = path.join(BENCH_HOME, "node_modules", "pulumi-liveengage");
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(snapshot), { recursive: true });
  fs.cpSync(PACKED, snapshot, { recursive: true });
  return snapshot;
}

// ---- main ----------------------------------------------------------------------------------------

async function main() {
  snapshotPackage();

  const pulumiVersion = (await pulumi(["version"], ROOT)).stdout.trim();
  const { emu, admin } = await startBenchEmulator();
  const emulator = { admin };
  log(
    `emulator ${emu.url} (connect delay ${CONNECT_DELAY_MS} ms), Pulumi ${pulumiVersion}, scales ${SCALES.join("/")} bots, latencies ${LATENCIES.join("/")} ms, ${REPEAT} repetitions up to ${REPEAT_MAX_BOTS} bots`,
  );
  const startedAt = new Date();
  const samples = [];
  try {
    for (const bots of SCALES) {
      const repeats = bots <= REPEAT_MAX_BOTS ? REPEAT : 1;
      for (let rep = 1; rep <= repeats; rep++) {
        // The floor does not talk to the emulator, so latency does not apply: measured once per
        // scale and repetition, right before the package's runs it is compared with.
        log(`floor: ${bots * OBJECTS_PER_BOT} Noop resources (${bots} groups), repetition ${rep}/${repeats}`);
        const floor = await createProgram("floor", bots, true);
        let floorRun;
        try {
          await floor.set("bots", bots);
          await floor.set("messageDelay", 300);
          floorRun = await runOps(floor, () => floor.set("messageDelay", 450));
        } finally {
          await disposeProgram(floor);
        }
        samples.push({ kind: "floor", bots, objects: bots * OBJECTS_PER_BOT, latencyMs: null, repetition: rep, ...floorRun });
        log(`floor ${bots}: ${floorRun.ops.map((o) => `${o.op} ${(o.wallMs / 1000).toFixed(1)}s`).join(", ")}`);

        for (const latencyMs of LATENCIES) {
          await admin("DELETE", "/faults");
          if (latencyMs > 0) await admin("POST", "/faults", { kind: "latency", latencyMs, rate: 1 });
          log(`liveengage: ${bots} bots (${bots * OBJECTS_PER_BOT} objects), ${latencyMs} ms added latency, repetition ${rep}/${repeats}`);
          const p = await createProgram("le", bots, true);
          let run;
          try {
            await p.set("liveengage:accountId", emu.accountId);
            await p.set("liveengage:csdsDomain", emu.host);
            await p.set("liveengage:username", emu.credentials.username);
            await p.set("liveengage:password", emu.credentials.password, true);
            await p.set("bots", bots);
            await p.set("prefix", `b${bots}l${latencyMs}r${rep}`);
            await p.set("messageDelay", 300);
            run = await runOps(p, () => p.set("messageDelay", 450), emulator);
            if (run.ops.some((o) => o.error)) await pulumi(["destroy", "--yes", "--skip-preview"], p.dir, { allowFailure: true });
          } finally {
            await admin("DELETE", "/faults");
            await disposeProgram(p);
          }
          samples.push({
            kind: "liveengage",
            bots,
            objects: bots * OBJECTS_PER_BOT,
            latencyMs,
            repetition: rep,
            minimum: minimum(bots),
            ...run,
          });
          log(
            `liveengage ${bots}/${latencyMs}ms: ${run.ops.map((o) => `${o.op} ${(o.wallMs / 1000).toFixed(1)}s ${o.calls.writes}w/${o.calls.reads}r/${o.calls.polls}p/${o.calls.session}s${o.error ? " ERROR" : ""}`).join(", ")}`,
          );
          for (const o of run.ops.filter((x) => x.error)) log(`${o.op} failed: ${o.error.slice(0, 3000)}`);
          for (const o of run.ops.filter((x) => x.op === "preview" && x.calls.reads + x.calls.writes + x.calls.session > 0))
            log(`preview calls: ${JSON.stringify(o.calls.byRoute)}`);
          fs.mkdirSync(RESULTS, { recursive: true });
          fs.writeFileSync(path.join(RESULTS, "partial.json"), JSON.stringify({ startedAt, samples }, null, 2) + "\n");
        }
      }
    }
  } finally {
    await emu.close();
  }
  let runs = aggregate(samples);
  if (MERGE) {
    // Scales not run now come from an earlier result file (say so in the table).
    const earlier = JSON.parse(fs.readFileSync(MERGE, "utf8"));
    const kept = earlier.runs.filter((r) => !SCALES.includes(r.bots)).map((r) => ({ ...r, from: earlier.startedAt }));
    runs = [...runs, ...kept].sort((a, b) => a.bots - b.bots || (a.latencyMs ?? -1) - (b.latencyMs ?? -1));
  }
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      pulumi: pulumiVersion,
      node: process.version,
      cpus: require("node:os").cpus().length,
      memoryGb: Math.round(require("node:os").totalmem() / 2 ** 30),
      loadAverageAtStart: require("node:os").loadavg(),
      connectDelayMs: CONNECT_DELAY_MS,
      agentsPerBot: AGENTS_PER_BOT,
      objectsPerBot: OBJECTS_PER_BOT,
      commands: {
        up: "pulumi up --yes --skip-preview",
        preview: "pulumi preview --expect-no-changes",
        refresh: "pulumi refresh --yes --skip-preview --expect-no-changes",
        rollout: "pulumi up --yes --skip-preview (after the flag change)",
        destroy: "pulumi destroy --yes --skip-preview",
      },
    },
    runs,
    samples,
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(RESULTS, `${stamp}.json`), JSON.stringify(result, null, 2) + "\n");
  fs.writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(result, null, 2) + "\n");
  fs.rmSync(path.join(RESULTS, "partial.json"), { force: true });
  const table = require("./table").renderTable(result);
  require("./table").writeReadmeTable(path.join(__dirname, "README.md"), table);
  process.stdout.write(`\n${table}\n`);
  log(`wrote bench/results/${stamp}.json, bench/results/latest.json and the table in bench/README.md`);
  if (samples.some((r) => r.ops.some((o) => o.error))) process.exitCode = 1;
}

// bench/fleet.js reuses the programs and the measuring pieces.
module.exports = {
  ROOT,
  CLI_BIN,
  PACKED,
  BENCH_HOME,
  RESULTS,
  CONNECT_DELAY_MS,
  AGENTS_PER_BOT,
  OBJECTS_PER_BOT,
  LIVEENGAGE_PROGRAM,
  FLOOR_PROGRAM,
  log,
  pulumi,
  classify,
  ProviderMemorySampler,
  startBenchEmulator,
  snapshotPackage,
};

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
