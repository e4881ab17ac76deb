#!/usr/bin/env node
/**
 * Issue #18 benchmark: how long one BotDeployment's first deploy, flag change and destroy take, as a
 * multiple of the connectors' connect delay, for N = 2, 3 and 5 agents. Each N runs against an
 * emulator with a connect delay of several seconds and against one with none (1 ms), so
 * "beyond no delay" is what the waiting costs: a first deploy should cost about one connect
 * delay whatever N (all agents start at once), a flag change about N (one restart at a time).
 *
 *   node bench/rollout.js                          # N = 2,3,5, connect delay 3000 ms
 *   node bench/rollout.js --agents 2,5 --delay 2000
 *   node bench/rollout.js --render                 # the README table again from results/rollout-latest.json
 *
 * Needs the built package and the Pulumi CLI, like bench/run.js (whose helpers it uses).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { randomBytes } = require("node:crypto");
const { BENCH_HOME, RESULTS, log, pulumi, classify, snapshotPackage, startBenchEmulator } = require("./run");
const { writeReadmeTable } = require("./table");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}
const AGENTS = arg("agents", "2,3,5").split(",").map(Number);
const DELAY_MS = Number(arg("delay", "3000"));
const START = "<!-- bench:rollout:start -->";
const END = "<!-- bench:rollout:end -->";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
new le.BotDeployment("bot", {
  botId: "bench-bot-1",
  conversationType: "messaging",
  agents: {
    count: config.requireNumber("agents"),
    loginNamePrefix: config.require("prefix"),
    email: "rollout@example.com",
    credentials: { password: (n) => pulumi.secret("rollout-password-" + n) },
  },
  skill: { name: config.require("prefix") + "-skill" },
  flags: { messageDelay: config.requireNumber("messageDelay") },
  connectTimeoutSeconds: 120,
});
`;

/** first deploy, flag change, destroy of one N-agent deployment; times and API calls. */
async function run(emulator, agents, label) {
  const id = `rollout-${label}-${agents}-${randomBytes(3).toString("hex")}`;
  const dir = path.join(BENCH_HOME, id);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: bench-rollout\nruntime: nodejs\nmain: index.js\n`);
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  await pulumi(["stack", "init", id], dir);
  const set = (k, v, secret = false) => pulumi(["config", "set", k, String(v), secret ? "--secret" : "--plaintext"], dir);
  const { emu, admin } = emulator;
  await set("liveengage:accountId", emu.accountId);
  await set("liveengage:csdsDomain", emu.host);
  await set("liveengage:username", emu.credentials.username);
  await set("liveengage:password", emu.credentials.password, true);
  await set("agents", agents);
  await set("prefix", `r${label}${agents}`);
  await set("messageDelay", 300);
  const ops = {};
  const measure = async (op, args) => {
    await admin("DELETE", "/counters");
    const started = Date.now();
    await pulumi(args, dir);
    const ended = Date.now();
    const history = await admin("GET", `/status-history?account=${emu.accountId}&botId=bench-bot-1`);
    ops[op] = {
      wallMs: ended - started,
      connectorSpanMs: connectorSpan(history.connectors, started, ended),
      calls: classify(await admin("GET", "/counters")),
    };
  };
  try {
    await measure("firstDeploy", ["up", "--yes", "--skip-preview"]);
    await set("messageDelay", 450);
    await measure("flagChange", ["up", "--yes", "--skip-preview"]);
    await measure("destroy", ["destroy", "--yes", "--skip-preview"]);
  } finally {
    await pulumi(["destroy", "--yes", "--skip-preview"], dir, { allowFailure: true });
    await pulumi(["stack", "rm", "--yes", "--force", id], dir, { allowFailure: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return ops;
}

/**
 * How long the connectors were in motion during one operation, from the emulator's status history:
 * the first status change (a stop, or a new connector starting) to the last. On a loaded machine the
 * engine's own time varies by seconds between runs; this span is the part the rollout design decides.
 */
function connectorSpan(connectors, from, to) {
  const times = connectors.flatMap((c) => c.history.map((h) => Date.parse(h.at))).filter((t) => t >= from && t <= to);
  return times.length ? Math.max(...times) - Math.min(...times) : 0;
}

function renderTable(result) {
  const x = (ms) => (ms / result.connectDelayMs).toFixed(2);
  const lines = [
    `Run ${result.startedAt}; Pulumi ${result.pulumi}, Node ${result.node}, ${result.cpus} CPUs, load average at start ${result.loadAverageAtStart.map((l) => l.toFixed(1)).join("/")}; ` +
      `connect delay ${result.connectDelayMs} ms; one BotDeployment (skill + N agents + N connectors), default rolling rollout.`,
    "",
    "| Agents (N) | Operation | Time, connect delay | Time, no delay | Beyond no delay, × connect delay | Connectors in motion, × connect delay | Expected | Before #18 (issue) |",
    "|---:|---|---:|---:|---:|---:|---|---|",
  ];
  const before = { 2: "2.5×", 3: "3.3×", 5: "5.3×" };
  const expected = {
    firstDeploy: () => "≈ 1 (all at once)",
    flagChange: (n) => `≈ ${n} × (stop + connect), one at a time`,
    destroy: () => "≈ 0 (no wait for Connected)",
  };
  for (const r of result.runs) {
    for (const op of ["firstDeploy", "flagChange", "destroy"]) {
      const d = r.delayed[op].wallMs;
      const z = r.instant[op].wallMs;
      lines.push(
        `| ${r.agents} | ${op === "firstDeploy" ? "first deploy" : op === "flagChange" ? "flag change" : "destroy"} | ${(d / 1000).toFixed(1)} s (${x(d)}×) | ${(z / 1000).toFixed(1)} s | ${x(d - z)} | **${x(r.delayed[op].connectorSpanMs)}** | ${expected[op](r.agents)} | ${op === "firstDeploy" ? `${before[r.agents] ?? "–"} (total)` : "–"} |`,
      );
    }
  }
  return lines.join("\n");
}

async function main() {
  snapshotPackage();
  const delayed = await startBenchEmulator(DELAY_MS, 1);
  const instant = await startBenchEmulator(1, 1);
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = require("node:os").loadavg();
  const runs = [];
  try {
    for (const agents of AGENTS) {
      log(`N = ${agents}: connect delay ${DELAY_MS} ms`);
      const d = await run(delayed, agents, "d");
      log(`N = ${agents}: no delay`);
      const z = await run(instant, agents, "z");
      runs.push({ agents, delayed: d, instant: z });
      log(
        `N = ${agents}: ${Object.entries(d)
          .map(
            ([op, o]) =>
              `${op} ${(o.wallMs / DELAY_MS).toFixed(2)}× (no delay ${(z[op].wallMs / DELAY_MS).toFixed(2)}×, in motion ${(o.connectorSpanMs / DELAY_MS).toFixed(2)}×)`,
          )
          .join(", ")}`,
      );
    }
  } finally {
    await delayed.emu.close();
    await instant.emu.close();
  }
  const result = {
    startedAt,
    finishedAt: new Date().toISOString(),
    connectDelayMs: DELAY_MS,
    pulumi: (await pulumi(["version"], path.resolve(__dirname, ".."))).stdout.trim(),
    node: process.version,
    cpus: require("node:os").cpus().length,
    loadAverageAtStart,
    runs,
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, "rollout-latest.json"), JSON.stringify(result, null, 2) + "\n");
  const table = renderTable(result);
  writeReadmeTable(path.join(__dirname, "README.md"), table, START, END);
  process.stdout.write(`${table}\n`);
}

module.exports = { renderTable };

if (require.main === module && process.argv.includes("--render")) {
  // Re-render the README table from results/rollout-latest.json.
  const table = renderTable(JSON.parse(fs.readFileSync(path.join(RESULTS, "rollout-latest.json"), "utf8")));
  writeReadmeTable(path.join(__dirname, "README.md"), table, START, END);
  process.stdout.write(`${table}\n`);
} else if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
