"use strict";
/**
 * Renders bench results (bench/results/*.json) as the Markdown table of bench/README.md.
 *   node bench/table.js [results.json]   # prints the table and rewrites it in bench/README.md
 */
const fs = require("node:fs");
const path = require("node:path");

const START = "<!-- bench:table:start -->";
const END = "<!-- bench:table:end -->";

const seconds = (ms) => (ms / 1000).toFixed(1);

function renderTable(result) {
  const lines = [];
  const env = result.environment;
  lines.push(
    `Run ${result.startedAt} → ${result.finishedAt}; Pulumi ${env.pulumi}, Node ${env.node}, ${env.cpus} CPUs, ` +
      `${env.memoryGb} GB, load average at start ${env.loadAverageAtStart.map((l) => l.toFixed(1)).join("/")}; ` +
      `emulator connect delay ${env.connectDelayMs} ms; ${env.agentsPerBot} agents per bot, ${env.objectsPerBot} objects per bot.`,
  );
  const reps = [
    ...new Set(result.runs.map((r) => `${r.bots} bots: ${r.repetitions ?? 1} run${(r.repetitions ?? 1) > 1 ? "s (median time)" : ""}`)),
  ];
  lines.push(`Repetitions: ${reps.join("; ")}.`);
  const merged = [...new Set(result.runs.filter((r) => r.from).map((r) => `${r.bots} bots from the run of ${r.from}`))];
  if (merged.length) lines.push(`Merged from an earlier run: ${merged.join("; ")}.`);
  lines.push("");
  lines.push(
    "| Bots (objects) | Added latency | Operation | Time | Floor | × floor | Writes (min) | Reads (min) | Status polls | Session calls | Provider peak RSS MB (floor) |",
  );
  lines.push("|---|---|---|---:|---:|---:|---|---|---:|---:|---|");
  const floors = new Map(result.runs.filter((r) => r.kind === "floor").map((r) => [r.bots, r]));
  const checks = [];
  for (const run of result.runs.filter((r) => r.kind === "liveengage")) {
    const floor = floors.get(run.bots);
    for (const op of run.ops) {
      const f = floor?.ops.find((o) => o.op === op.op);
      const min = run.minimum[op.op];
      const ratio = f ? (op.wallMs / f.wallMs).toFixed(2) : "–";
      lines.push(
        `| ${run.bots} (${run.objects}) | ${run.latencyMs} ms | ${op.op}${op.error ? " **(failed)**" : ""} | ${seconds(op.wallMs)} s | ` +
          `${f ? `${seconds(f.wallMs)} s` : "–"} | ${ratio} | ${op.calls.writes} (${min.writes}) | ${op.calls.reads} (${min.reads}) | ` +
          `${op.calls.polls ?? "(in reads)"} | ${op.calls.session} | ${op.peakRssMb ?? "–"} (${f?.peakRssMb ?? "–"}) |`,
      );
      if (op.op === "preview")
        checks.push({
          what: `no-op preview, ${run.bots} bots, ${run.latencyMs} ms: API calls`,
          value: op.calls.writes + op.calls.reads + op.calls.session,
          limit: 0,
        });
      if (op.calls.polls !== undefined && !["preview", "refresh"].includes(op.op)) {
        checks.push({
          what: `${op.op}, ${run.bots} bots, ${run.latencyMs} ms: calls beyond the minimum (status polls apart)`,
          value: op.calls.writes + op.calls.reads - min.writes - min.reads,
          limit: 0,
        });
      }
      if (op.op === "refresh")
        checks.push({ what: `refresh, ${run.bots} bots, ${run.latencyMs} ms: object reads`, value: op.calls.reads, limit: run.objects });
    }
  }
  lines.push("");
  lines.push(
    "| Bots | State bytes / resource (liveengage) | Resources in state | State bytes / resource (floor) | Resources in state (floor) |",
  );
  lines.push("|---|---:|---:|---:|---:|");
  for (const [bots, floor] of floors) {
    const le = result.runs.find((r) => r.kind === "liveengage" && r.bots === bots);
    lines.push(
      `| ${bots} | ${le?.state.bytesPerResource ?? "–"} | ${le?.state.resources ?? "–"} | ${floor.state.bytesPerResource} | ${floor.state.resources} |`,
    );
  }
  lines.push("");
  lines.push("Done-means checks:");
  lines.push("");
  for (const c of checks) lines.push(`- ${c.value <= c.limit ? "✅" : "❌"} ${c.what}: ${c.value} (at most ${c.limit})`);
  return lines.join("\n");
}

/** Replaces what stands between the markers (bench/fleet.js passes its own pair). */
function writeReadmeTable(readme, table, start = START, end = END) {
  const text = fs.existsSync(readme) ? fs.readFileSync(readme, "utf8") : `${start}\n${end}\n`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${readme} has no ${start} … ${end} markers`);
  fs.writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
}

module.exports = { renderTable, writeReadmeTable };

if (require.main === module) {
  const file = process.argv[2] ?? path.join(__dirname, "results", "latest.json");
  const table = renderTable(JSON.parse(fs.readFileSync(file, "utf8")));
  writeReadmeTable(path.join(__dirname, "README.md"), table);
  process.stdout.write(`${table}\n`);
}
