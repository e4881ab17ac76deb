#!/usr/bin/env node
/**
 * Issue #18: the program's own time — loading the package, building the components, checking the
 * inputs, serializing the providers, registering every resource — against the floor program's
 * (bench/run.js: the same graph of Noop resources), at 50 bots. Both run in a fresh Node process
 * under Pulumi's mocks (no engine, no provider process, no API), timed from before
 * `require("pulumi-liveengage")` until the last resource is registered; the kinds alternate and the
 * medians are compared.
 *
 * A third program, the **same-shape floor**, is the floor's graph of Noop resources, each given the
 * same top-level properties as the package's resource of that name (read from the package program's
 * run: its keys, and which were placeholders for outputs). The Pulumi runtime spends about four
 * promises, each with a captured stack, on every top-level property of every resource, so a
 * BotConnector's 14 properties cost what 14 Noop properties cost: program ÷ same-shape floor is what
 * the package itself adds (loading, the component, its checks); same-shape ÷ floor is the cost of the
 * resources' properties.
 *
 *   node bench/program.js [--bots 50] [--repeat 7]
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { LIVEENGAGE_PROGRAM, FLOOR_PROGRAM, RESULTS, AGENTS_PER_BOT, OBJECTS_PER_BOT, PACKED } = require("./run");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}
const BOTS = arg("bots", 50);
const REPEAT = arg("repeat", 7);

/** Where the package program's run leaves its resources' properties for the same-shape floor. */
const SHAPE_FILE = process.env.BENCH_SHAPE_FILE ?? path.join(require("node:os").tmpdir(), `bench-program-shape-${process.pid}.json`);
process.env.BENCH_SHAPE_FILE = SHAPE_FILE; // the children inherit the main process's file

/** The floor's Noop, each instance given the properties of the package's resource of its name. */
function shapedNoop({ Noop }) {
  const shape = JSON.parse(fs.readFileSync(SHAPE_FILE, "utf8"));
  return {
    Noop: class extends Noop {
      constructor(name, args, opts) {
        const { value: _v, ...keys } = shape[name] ?? {};
        const props = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v ?? undefined]));
        super(name, { ...props, ...args }, opts);
      }
    },
  };
}

/** In the child: run one program under mocks and print its time in ms. */
async function child(kind, bots) {
  const config = { "bench:bots": String(bots), "bench:prefix": "p", "bench:messageDelay": "300" };
  process.env.PULUMI_CONFIG = JSON.stringify(config);
  const pulumi = require("@pulumi/pulumi");
  // Every promise the runtime tracks captures a stack trace: their number is the program's cost
  // that does not depend on the machine's load.
  const debuggable = require("@pulumi/pulumi/runtime/debuggable");
  const track = debuggable.debuggablePromise;
  let tracked = 0;
  // The runtime labels each property transfer "transferProperty(resource:<name>[<type>], <key>, <value>)".
  const shape = {};
  debuggable.debuggablePromise = (p, label) => {
    tracked++;
    if (kind === "shape-probe") {
      const m = /^transferProperty\(resource:([^[]+)\[[^\]]*\], ([^,]+), (.*)\)$/.exec(String(label));
      if (m && m[2] !== "__provider") (shape[m[1]] ??= {})[m[2]] = m[3] === "undefined" ? null : "x"; // null: an output placeholder (JSON has no undefined)
    }
    return track(p, label);
  };
  const expected = bots * (1 + OBJECTS_PER_BOT);
  let registered = 0;
  let done;
  const all = new Promise((r) => (done = r));
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (++registered === expected) done();
        return { id: `${args.name}-id`, state: { ...args.inputs, userId: "1", loginName: args.inputs.loginName } };
      },
      call: (args) => args.inputs,
    },
    "bench",
    "bench",
    false,
  );
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const source = kind === "liveengage" || kind === "shape-probe" ? LIVEENGAGE_PROGRAM : FLOOR_PROGRAM;
  // The programs `require("pulumi-liveengage")`: the packed package in node_modules, as users get it.
  const req = (m) =>
    kind === "same-shape" && m.endsWith("/testing/noop.js") ? shapedNoop(require(m)) : require(m === "pulumi-liveengage" ? PACKED : m);
  new Function("require", "exports", source)(req, {});
  await all;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuStarted);
  fs.writeSync(1, `${ms} ${tracked} ${(cpu.user + cpu.system) / 1000}\n`);
  if (kind === "shape-probe") fs.writeFileSync(SHAPE_FILE, JSON.stringify(shape));
  // Registrations stay pending under mocks (no engine answers them): leave without the runtime's
  // exit-time leak report.
  process.kill(process.pid, "SIGKILL");
}

function main() {
  if (!fs.existsSync(path.join(PACKED, "dist", "index.js")))
    throw new Error("node_modules/pulumi-liveengage is missing; run `npx tsc -p tsconfig.json && node scripts/link-self.js`");
  const times = { floor: [], liveengage: [], "same-shape": [] };
  // CPU time (user + system, all threads: the garbage collector's too) moves less than wall time
  // when other work shares the machine.
  const cpuTimes = { floor: [], liveengage: [], "same-shape": [] };
  const trackedPromises = {};
  // Once, untimed: the package program's properties, for the same-shape floor (reading the runtime's
  // labels costs time of its own, so the timed runs do not).
  const probe = spawnSync(process.execPath, [__filename, "--child", "shape-probe", "--bots", String(BOTS)], {
    cwd: path.resolve(__dirname, ".."),
    encoding: "utf8",
  });
  if (!fs.existsSync(SHAPE_FILE)) throw new Error(`the shape probe failed: ${probe.stderr.slice(-2000)}`);
  for (let i = 0; i < REPEAT; i++) {
    for (const kind of ["floor", "liveengage", "same-shape"]) {
      const child = spawnSync(process.execPath, [__filename, "--child", kind, "--bots", String(BOTS)], {
        cwd: path.resolve(__dirname, ".."),
        encoding: "utf8",
      });
      const [ms, promises, cpuMs] = child.stdout.trim().split("\n")[0].split(" ").map(Number);
      if (!Number.isFinite(ms)) throw new Error(`${kind} program failed: ${child.stderr.slice(-2000)}`);
      times[kind].push(ms);
      cpuTimes[kind].push(cpuMs);
      trackedPromises[kind] = promises;
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = {
    startedAt: new Date().toISOString(),
    bots: BOTS,
    agentsPerBot: AGENTS_PER_BOT,
    repeat: REPEAT,
    loadAverage: require("node:os").loadavg(),
    floorMs: median(times.floor),
    liveengageMs: median(times.liveengage),
    sameShapeFloorMs: median(times["same-shape"]),
    samples: times,
    cpu: {
      floorMs: median(cpuTimes.floor),
      liveengageMs: median(cpuTimes.liveengage),
      sameShapeFloorMs: median(cpuTimes["same-shape"]),
      samples: cpuTimes,
    },
    trackedPromises,
  };
  result.ratio = Number((result.liveengageMs / result.floorMs).toFixed(2));
  result.ratioToSameShape = Number((result.liveengageMs / result.sameShapeFloorMs).toFixed(2));
  result.sameShapeToFloor = Number((result.sameShapeFloorMs / result.floorMs).toFixed(2));
  result.cpu.ratio = Number((result.cpu.liveengageMs / result.cpu.floorMs).toFixed(2));
  result.cpu.ratioToSameShape = Number((result.cpu.liveengageMs / result.cpu.sameShapeFloorMs).toFixed(2));
  fs.rmSync(SHAPE_FILE, { force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, "program-latest.json"), JSON.stringify(result, null, 2) + "\n");
  process.stdout.write(
    `program's own time at ${BOTS} bots: ${result.liveengageMs.toFixed(0)} ms vs floor ${result.floorMs.toFixed(0)} ms = ${result.ratio}×, ` +
      `vs same-shape floor ${result.sameShapeFloorMs.toFixed(0)} ms = ${result.ratioToSameShape}× (medians of ${REPEAT}); ` +
      `CPU time ${result.cpu.liveengageMs.toFixed(0)} ms vs ${result.cpu.floorMs.toFixed(0)} ms = ${result.cpu.ratio}×, vs same shape ${result.cpu.sameShapeFloorMs.toFixed(0)} ms = ${result.cpu.ratioToSameShape}×; ` +
      `promises tracked by the runtime: ${trackedPromises.liveengage} vs ${trackedPromises.floor} (same shape: ${trackedPromises["same-shape"]})\n`,
  );
}

if (process.argv.includes("--child")) {
  child(process.argv[process.argv.indexOf("--child") + 1], arg("bots", 50)).catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
} else {
  main();
}
